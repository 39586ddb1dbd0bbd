"""The schema: numbered migrations, applied with sqlite-utils' `Migrations` under the writer's lock.

Each step is named and never edited once released; a schema change is a new step at the end of
MIGRATIONS. The applied steps are recorded in `_migrations` (the table privmon always used, now in
sqlite-utils' layout: id, migration_set, name, applied_at); a database written by an older privmon
has the old two-column table and is converted in the same transaction that applies the new steps.

sqlite-utils is imported only when a step is pending in an existing database (an older one):
importing it costs ~0.1-0.2 s CPU even with numpy and pandas kept out (`import_sqlite_utils`),
which a writer opening an up-to-date database does not pay. A new (empty) file is set up without
it (`_create`): the same steps, the same record rows, and the same SQL text for what sqlite-utils
would have written (its record table and index, enable_fts' virtual tables and triggers);
tests/test_store.py compares both ways' schemas.
"""

from __future__ import annotations

import datetime
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from monitor.errors import StoreError
from monitor.store.connection import Transaction

RECORD_TABLE = "_migrations"
MIGRATION_SET = "privmon"

# the searchable text (FTS5, kept in sync by triggers in every writer's own transaction): a finding's
# value, location and host with the trigram tokenizer (substring search, as the TUI's `/` does), a
# message's URL with the default word tokenizer (for `sqlite-utils search` and Datasette); since 0008 the
# rows of visible captures only (a capture being analyzed joins in the transaction that completes it)
FINDINGS_FTS = ("value", "location", "host")
MESSAGES_FTS = ("url",)


def _search_index(db: Any) -> None:
    db["findings"].enable_fts(FINDINGS_FTS, create_triggers=True, tokenize="trigram")
    db["messages"].enable_fts(MESSAGES_FTS, create_triggers=True)
    # enable_fts' triggers, narrowed where the write path measured them (bench/store_bench.py):
    # - its update trigger fires on every UPDATE, and the findings upsert updates count and times on
    #   each repeat of a value: re-indexing the row each time is pure cost, so it fires only when an
    #   indexed column changes;
    # - most messages have no URL (TLS and QUIC handshakes, datagram flows): an index row for an
    #   empty text still costs about as much as the message row itself, so those are left out.
    # The triggers keep enable_fts' names (enable_fts(replace=True) and Datasette still find them).
    _index_triggers(db, "findings", FINDINGS_FTS, "")
    db.execute("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')")
    db.execute("INSERT INTO messages_fts (rowid, url) SELECT rowid, url FROM messages WHERE url != ''")
    _index_triggers(db, "messages", MESSAGES_FTS, "url")


def _index_triggers(db: Any, table: str, cols: tuple[str, ...], only_nonempty: str, only: str = "",
                    also: tuple[str, ...] = ()) -> None:
    """enable_fts' three triggers replaced; a row is indexed only when its `only_nonempty` column is not empty
    and `only` holds (SQL over the row as `{row}`: the same condition decides what the delete removes); the update
    trigger fires on a change of the indexed columns and of `also` (columns `only` reads)."""
    quoted = ", ".join(f'"{c}"' for c in cols)
    old = ", ".join(f'old."{c}"' for c in cols)
    new = ", ".join(f'new."{c}"' for c in cols)
    if_old = f" WHERE old.\"{only_nonempty}\" != ''" if only_nonempty else ""
    if_new = f" WHERE new.\"{only_nonempty}\" != ''" if only_nonempty else ""
    if only:
        if_old += (" AND " if if_old else " WHERE ") + only.format(row="old")
        if_new += (" AND " if if_new else " WHERE ") + only.format(row="new")
    fts = f'"{table}_fts"'
    remove = f"INSERT INTO {fts} ({fts}, rowid, {quoted}) SELECT 'delete', old.rowid, {old}{if_old};"
    add = f"INSERT INTO {fts} (rowid, {quoted}) SELECT new.rowid, {new}{if_new};"
    changed = ", ".join([quoted, *(f'"{c}"' for c in also)])
    for suffix, event, body in (("ai", "AFTER INSERT", add), ("ad", "AFTER DELETE", remove),
                                ("au", f"AFTER UPDATE OF {changed}", remove + "\n  " + add)):
        db.execute(f'DROP TRIGGER "{table}_{suffix}"')
        db.execute(f'CREATE TRIGGER "{table}_{suffix}" {event} ON "{table}" BEGIN\n  {body}\nEND')


# what a message's `url` column holds is a URL only for these kinds: a TLS or QUIC hello keeps its ALPN list there,
# a datagram or stream chunk its direction (store/write.py); those were indexed by 0006 as words ("h2", "out")
_URL_KINDS = "{row}.kind IN ('http', 'websocket')"


def _search_urls_only(db: Any) -> None:
    """The messages' search index holds real URLs only (HTTP and WebSocket messages): the triggers narrowed again
    and the index rebuilt from the table (its rows stay as they are). On the HTTP-heavy 50 MB capture the hellos'
    and datagrams' index rows cost ~30M instructions of writing for words nobody searches."""
    db.execute("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')")
    db.execute("INSERT INTO messages_fts (rowid, url) SELECT rowid, url FROM messages WHERE url != '' AND "
               + _URL_KINDS.format(row="messages"))
    _index_triggers(db, "messages", MESSAGES_FTS, "url", _URL_KINDS)


# A row is in the search indexes while its capture exists and is not being ingested. `analyze` writes a capture's rows
# while its status is 'ingesting' (every reader leaves them out until it is complete), and FTS5 gets them when the
# status changes, in one statement per index in the transaction that makes them visible, instead of a segment written
# (and merged) per batch. A live capture (proxy, sniffer) turns 'live' before its first row: its rows are indexed as
# they are written, as before.
_VISIBLE = "(SELECT status FROM captures WHERE id = {row}.capture_id) != 'ingesting'"
_SEARCHED = (("findings", FINDINGS_FTS, ""),
             ("messages", MESSAGES_FTS, "url != '' AND " + _URL_KINDS.format(row="messages")))


def _rows_of(table: str, cols: tuple[str, ...], only: str, where: str, delete: bool) -> str:
    """An INSERT adding to `table`'s index (or removing from it, with `delete`) its indexed rows that `where` selects,
    in rowid order (FTS5 writes its pending terms out whenever a rowid is not above the last one)."""
    quoted = ", ".join(f'"{c}"' for c in cols)
    fts = f'"{table}_fts"'
    head = f"INSERT INTO {fts} ({fts}, rowid, {quoted}) SELECT 'delete'," if delete else \
        f"INSERT INTO {fts} (rowid, {quoted}) SELECT"
    return f'{head} rowid, {quoted} FROM "{table}" WHERE {where}{" AND " + only if only else ""} ORDER BY rowid'


# What a writer runs for a batch of a visible capture (schema 0009: the rows' INSERT triggers are gone): each searched
# table's largest id before the batch, then per index (in _SEARCHED's order) the rows above it (?1) of the capture (?2),
# if the capture is visible (the captures' triggers' test)
LAST_IDS = "SELECT " + ", ".join(f'(SELECT COALESCE(MAX(rowid), 0) FROM "{t}")' for t, _c, _o in _SEARCHED)
INDEX_NEW_ROWS = tuple(_rows_of(t, c, o, "rowid > ?1 AND capture_id = ?2 AND (SELECT status FROM captures WHERE id = ?2) "
                                         "!= 'ingesting'", delete=False) for t, c, o in _SEARCHED)


def _search_visible_captures(db: Any) -> None:
    """The search indexes hold the rows of visible captures only (status other than 'ingesting'): the rows' triggers
    ask their capture's status, and the captures' triggers add or remove a capture's rows when it changes (or when
    the capture row comes or goes). An existing file's indexes lose the rows of captures still marked 'ingesting'
    (an interrupted analyze: hidden from every reader, replaced by the next run)."""
    for table, cols, only in _SEARCHED:
        db.execute(_rows_of(table, cols, only, "capture_id NOT IN (SELECT id FROM captures WHERE status != "
                                               "'ingesting')", delete=True))
    _index_triggers(db, "findings", FINDINGS_FTS, "", _VISIBLE, also=("capture_id",))
    _index_triggers(db, "messages", MESSAGES_FTS, "url", _URL_KINDS + " AND " + _VISIBLE, also=("capture_id", "kind"))

    def each(where: str, delete: bool) -> str:
        return "\n  ".join(_rows_of(t, c, o, where, delete) + ";" for t, c, o in _SEARCHED)

    shown, hidden = "status != 'ingesting'", "status = 'ingesting'"
    for suffix, event, when, body in (
            ("ai", "AFTER INSERT", f"new.{shown}", each("capture_id = new.id", False)),
            ("ad", "AFTER DELETE", f"old.{shown}", each("capture_id = old.id", True)),
            ("au", 'AFTER UPDATE OF "id", "status"', f"old.id != new.id OR (old.{hidden}) != (new.{hidden})",
             each(f"capture_id = old.id AND old.{shown}", True) + "\n  "
             + each(f"capture_id = new.id AND new.{shown}", False))):
        db.execute(f'CREATE TRIGGER "captures_search_{suffix}" {event} ON "captures" WHEN {when} BEGIN\n  {body}\nEND')


Step = str | Callable[[Any], None]  # SQL, or a function of a sqlite_utils.Database

MIGRATIONS: list[tuple[str, Step]] = [
    (
        "0001_initial",
        """
        CREATE TABLE captures (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            format TEXT NOT NULL,
            packets INTEGER NOT NULL DEFAULT 0,
            first_ts REAL,
            last_ts REAL,
            keylogs TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'ingesting',
            started_at REAL NOT NULL,
            finished_at REAL,
            warnings TEXT NOT NULL DEFAULT '[]',
            summary TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            capture_id INTEGER NOT NULL REFERENCES captures(id),
            kind TEXT NOT NULL,
            ts REAL NOT NULL,
            client_ip TEXT NOT NULL DEFAULT '',
            client_port INTEGER NOT NULL DEFAULT 0,
            server_ip TEXT NOT NULL DEFAULT '',
            server_port INTEGER NOT NULL DEFAULT 0,
            transport TEXT NOT NULL DEFAULT 'tcp',
            protocol TEXT NOT NULL DEFAULT '',
            host TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            status INTEGER,
            request_headers TEXT NOT NULL DEFAULT '[]',
            request_body BLOB,
            response_headers TEXT NOT NULL DEFAULT '[]',
            response_body BLOB,
            body_truncated INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            device TEXT NOT NULL DEFAULT '',
            sdk TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX messages_capture ON messages(capture_id);
        CREATE INDEX messages_ts ON messages(ts);
        CREATE TABLE dns (
            id INTEGER PRIMARY KEY,
            capture_id INTEGER NOT NULL REFERENCES captures(id),
            ts REAL NOT NULL,
            client_ip TEXT NOT NULL DEFAULT '',
            qname TEXT NOT NULL,
            rtype TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            ttl INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX dns_capture ON dns(capture_id);
        CREATE TABLE destinations (
            id INTEGER PRIMARY KEY,
            capture_id INTEGER NOT NULL REFERENCES captures(id),
            host TEXT NOT NULL DEFAULT '',
            ip TEXT NOT NULL DEFAULT '',
            port INTEGER NOT NULL DEFAULT 0,
            transport TEXT NOT NULL DEFAULT 'tcp',
            protocol TEXT NOT NULL DEFAULT '',
            sdk TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT 'unknown',
            country TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            bytes_out INTEGER NOT NULL DEFAULT 0,
            bytes_in INTEGER NOT NULL DEFAULT 0,
            packets INTEGER NOT NULL DEFAULT 0,
            first_ts REAL,
            last_ts REAL,
            encrypted_no_key INTEGER NOT NULL DEFAULT 0,
            UNIQUE (capture_id, host, ip, port, transport)
        );
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            capture_id INTEGER NOT NULL REFERENCES captures(id),
            message_id INTEGER,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            canonical TEXT NOT NULL DEFAULT '',
            transform TEXT NOT NULL DEFAULT 'plain',
            location TEXT NOT NULL DEFAULT '',
            confidence TEXT NOT NULL DEFAULT 'pattern',
            host TEXT NOT NULL DEFAULT '',
            ip TEXT NOT NULL DEFAULT '',
            port INTEGER NOT NULL DEFAULT 0,
            protocol TEXT NOT NULL DEFAULT '',
            sdk TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT 'unknown',
            device TEXT NOT NULL DEFAULT '',
            sender TEXT NOT NULL DEFAULT '',
            first_ts REAL NOT NULL,
            last_ts REAL NOT NULL,
            count INTEGER NOT NULL DEFAULT 1,
            evidence TEXT NOT NULL DEFAULT '',
            UNIQUE (capture_id, type, value, host, ip, port, location, transform)
        );
        CREATE INDEX findings_type ON findings(type);
        CREATE TABLE devices (
            name TEXT PRIMARY KEY,
            ip TEXT NOT NULL DEFAULT '',
            kinds TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE consent (
            id INTEGER PRIMARY KEY,
            ts REAL NOT NULL,
            source TEXT NOT NULL DEFAULT 'cli',
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        "0002_findings_by_time",  # the TUI pages findings newest first without sorting the table
        "CREATE INDEX findings_time ON findings(first_ts, id);",
    ),
    (
        "0003_destinations_tls_rejected",  # live proxy: handshakes the client refused (certificate pinning)
        "ALTER TABLE destinations ADD COLUMN tls_rejected INTEGER NOT NULL DEFAULT 0;",
    ),
    (
        "0004_device_platform",  # store labels are judged per platform; report scopes without the profile
        "ALTER TABLE devices ADD COLUMN platform TEXT NOT NULL DEFAULT '';",
    ),
    (
        "0005_finding_reason",  # why a value no rule names is an identifier (it recurs: the first finding)
        "ALTER TABLE findings ADD COLUMN reason TEXT NOT NULL DEFAULT '';",
    ),
    ("0006_search", _search_index),  # FTS5 over findings and message URLs (the TUI's `/`, Datasette)
    ("0007_search_urls_only", _search_urls_only),  # not the hellos' ALPN lists nor the datagrams' directions
    ("0008_search_visible_captures", _search_visible_captures),  # a capture's rows indexed when it turns visible
    # the rows' INSERT triggers gone: the writer indexes a visible capture's new rows itself, one statement per index
    # and batch (store/write.py); any INSERT trigger makes SQLite copy a multi-row INSERT's rows through a temporary
    # table and run the trigger's program, with its capture look-up, per row, also for rows no index takes (an HTTP-heavy
    # 50 MB capture: -140M instructions of its ~5,000M, callgrind). Updates and deletes keep their triggers.
    ("0009_search_rows_indexed_by_writer", 'DROP TRIGGER "findings_ai"; DROP TRIGGER "messages_ai";'),
]


def pending(conn: sqlite3.Connection) -> bool:
    """Whether any step is unapplied (or the record table is the old shape); reads only, no lock."""
    cols = {r[1] for r in conn.execute(f"PRAGMA table_info({RECORD_TABLE})")}
    if "migration_set" not in cols:
        return True
    done = {r[0] for r in conn.execute(f"SELECT name FROM {RECORD_TABLE} WHERE migration_set = ?",
                                       (MIGRATION_SET,))}
    return any(name not in done for name, _ in MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Apply the pending steps in one BEGIN IMMEDIATE transaction; returns their names.

    Two writers opening a new file at once: the second waits for the first's lock, then reads the
    applied list again and finds nothing to do. Each step runs in `db.atomic()` (a savepoint here).
    """
    if not pending(conn):
        return []
    if _empty(conn):  # a new file: set up without importing sqlite-utils
        with Transaction(conn, path):
            if _empty(conn):  # still, under the write lock (another writer may have set it up meanwhile)
                return _create(conn)
        if not pending(conn):
            return []
    sqlite_utils = import_sqlite_utils()  # only when there is something to apply
    if not hasattr(sqlite_utils, "Migrations"):
        raise StoreError(f"{path}: privmon needs sqlite-utils 4 to set up the database: pip install 'sqlite-utils>=4.2,<5'")
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    steps = _migration_set(sqlite_utils)
    with Transaction(conn, path):
        _convert_old_record(conn)
        names = [m.name for m in steps.pending(db)]
        steps.apply(db)
    return names


def _empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


# sqlite-utils' Migrations.ensure_migrations_table writes these (sqlite-utils 4.x), byte for byte
_RECORD_TABLE_SQL = (f'CREATE TABLE "{RECORD_TABLE}" (\n   "id" INTEGER PRIMARY KEY,\n   "migration_set" TEXT,\n'
                     '   "name" TEXT,\n   "applied_at" TEXT\n)')
_RECORD_INDEX_SQL = (f'CREATE UNIQUE INDEX "idx_{RECORD_TABLE}_migration_set_name"\n'
                     f'    ON "{RECORD_TABLE}" ("migration_set", "name")')


def _create(conn: sqlite3.Connection) -> list[str]:
    """Every step on an empty database (inside the caller's transaction), recorded as sqlite-utils records them."""
    conn.execute(_RECORD_TABLE_SQL)
    conn.execute(_RECORD_INDEX_SQL)
    plain = _PlainDatabase(conn)
    for name, step in MIGRATIONS:
        if callable(step):
            step(plain)
        else:
            for statement in _statements(step):
                conn.execute(statement)
        conn.execute(f"INSERT INTO {RECORD_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                     (MIGRATION_SET, name, str(datetime.datetime.now(datetime.UTC))))
    return [name for name, _ in MIGRATIONS]


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one by one (sqlite3's executescript would COMMIT first)."""
    current = ""
    for part in script.split(";"):
        current += part + ";"
        if current.strip() != ";" and sqlite3.complete_statement(current):
            yield current.strip()
            current = ""
    if current.strip(" \n\t;"):
        yield current.strip()


class _PlainDatabase:
    """What the function steps use of a sqlite_utils.Database, on a plain connection (a new file only)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def __getitem__(self, table: str) -> _PlainTable:
        return _PlainTable(self.conn, table)


class _PlainTable:
    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self.conn = conn
        self.name = name

    def enable_fts(self, columns: tuple[str, ...], create_triggers: bool = False, tokenize: str | None = None) -> None:
        """sqlite-utils' Table.enable_fts (FTS5, not replacing): the same statements."""
        quoted = ", ".join(f'"{c}"' for c in columns)
        fts = f'"{self.name}_fts"'
        tok = f"\n    tokenize='{tokenize}'," if tokenize else ""
        self.conn.execute(f'CREATE VIRTUAL TABLE {fts} USING FTS5 (\n    {quoted},{tok}\n    content="{self.name}"\n)')
        self.conn.execute(f'INSERT INTO {fts} (rowid, {quoted})\n    SELECT rowid, {quoted} FROM "{self.name}";')
        if not create_triggers:
            return
        old = ", ".join(f'old."{c}"' for c in columns)
        new = ", ".join(f'new."{c}"' for c in columns)
        table = f'"{self.name}"'
        for suffix, event, body in (
                ("ai", "AFTER INSERT", f"INSERT INTO {fts} (rowid, {quoted}) VALUES (new.rowid, {new});"),
                ("ad", "AFTER DELETE", f"INSERT INTO {fts} ({fts}, rowid, {quoted}) VALUES('delete', old.rowid, {old});"),
                ("au", "AFTER UPDATE", f"INSERT INTO {fts} ({fts}, rowid, {quoted}) VALUES('delete', old.rowid, {old});"
                                       f"\n  INSERT INTO {fts} (rowid, {quoted}) VALUES (new.rowid, {new});")):
            self.conn.execute(f'CREATE TRIGGER "{self.name}_{suffix}" {event} ON {table} BEGIN\n  {body}\nEND;')


def import_sqlite_utils() -> Any:
    """sqlite_utils, imported without the pandas and numpy it loads when they are installed.

    privmon hands sqlite-utils neither type; with numpy installed the import took ~0.35 s CPU and
    ~21 MB instead of ~0.15 s and ~9 MB (pandas adds more), paid by every process that creates a
    database. Blocking them is scoped to this import: a later `import numpy` (the Parquet export)
    works as usual. Called at most once per process before any worker thread imports either.
    """
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    blocked = [m for m in ("pandas", "numpy") if m not in sys.modules]
    for m in blocked:
        sys.modules[m] = None  # type: ignore[assignment]  # `import m` raises ImportError meanwhile
    try:
        import sqlite_utils
    finally:
        for m in blocked:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]
    return sqlite_utils


def _migration_set(sqlite_utils: Any) -> Any:
    class PrivmonMigrations(sqlite_utils.Migrations):  # type: ignore[misc]
        migrations_table = RECORD_TABLE

    steps = PrivmonMigrations(MIGRATION_SET)
    for name, step in MIGRATIONS:
        steps(name=name)(_runner(step))
    return steps


def _runner(step: Step) -> Callable[[Any], None]:
    def run(db: Any) -> None:
        if callable(step):
            step(db)
        else:
            db.executescript(step)  # inside the transaction: statement by statement, no implicit COMMIT

    return run


def _convert_old_record(conn: sqlite3.Connection) -> None:
    """`_migrations (name PRIMARY KEY, applied_at REAL)` from before sqlite-utils -> its layout, rows kept."""
    cols = {r[1] for r in conn.execute(f"PRAGMA table_info({RECORD_TABLE})")}
    if not cols or "migration_set" in cols:
        return
    conn.execute("CREATE TABLE _migrations_new (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)")
    conn.execute("INSERT INTO _migrations_new (migration_set, name, applied_at) SELECT ?, name, "
                 "strftime('%Y-%m-%d %H:%M:%f+00:00', applied_at, 'unixepoch') FROM _migrations "
                 "ORDER BY applied_at, name", (MIGRATION_SET,))
    conn.execute("DROP TABLE _migrations")
    conn.execute("ALTER TABLE _migrations_new RENAME TO _migrations")
    conn.execute("CREATE UNIQUE INDEX idx__migrations_migration_set_name ON _migrations (migration_set, name)")
