"""The SQLite database: schema by numbered migrations, WAL, mode 0600, batched writes.

This is the only module that talks to SQLite. Writers use `Store.open(path)`; readers (report,
TUI) use `Store.open(path, readonly=True)`. A capture is ingested in whole batches inside
transactions and marked `complete` at the end, so a killed `analyze` leaves a consistent database
and the rerun replaces the unfinished capture instead of adding to it.

Several writers may share one file (a proxy, a sniffer and `analyze` runs in one lab session):
every row id is given by SQLite inside the writer's own `BEGIN IMMEDIATE` transaction, never by a
counter kept in a process, and a writer that finds the file busy waits (busy timeout, then a few
retries) instead of failing.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.errors import StoreError

BODY_CAP = 64 * 1024  # bytes of each body kept in the database (the scan cap is separate)

MIGRATIONS: list[tuple[str, str]] = [
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
]


@dataclass(slots=True)
class Batch:
    """Rows written together in one transaction. Rows are plain dicts keyed by column name."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    dns: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    destinations: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.messages) + len(self.dns) + len(self.findings) + len(self.destinations)


STALE_SECONDS = 30.0  # a live capture whose writer has not written for this long was interrupted


def live_marker() -> dict[str, Any]:
    """Who writes a live capture (kept in its summary while it is live): readers check it is still there."""
    return {"writer_pid": os.getpid(), "writer_host": socket.gethostname()}


def _interrupted(c: dict[str, Any], now: float) -> bool:
    """A `live` capture whose writer is gone: no heartbeat for STALE_SECONDS, or its process has ended."""
    beat = c.get("finished_at") or c.get("started_at") or 0.0
    if now - float(beat) > STALE_SECONDS:
        return True
    try:
        who = json.loads(c.get("summary") or "{}")
        pid, host = int(who.get("writer_pid", 0)), who.get("writer_host")
    except (ValueError, TypeError, AttributeError):
        return False
    if pid <= 0 or host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


def _create_private(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it (WAL/SHM inherit it)."""
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot create database: {exc.strerror}") from exc
    os.close(fd)


class Store:
    """A privmon database. Use `Store.open`; any number of writers (each batch one transaction) and readers."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False) -> Store:
        p = Path(path)
        try:
            if readonly:
                if not p.exists():
                    raise StoreError(f"{p}: no such database")
                conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=30, check_same_thread=False)
            else:
                if p.parent and not p.parent.exists():
                    raise StoreError(f"{p}: directory {p.parent} does not exist")
                _create_private(p)
                old = os.umask(0o077)
                try:
                    conn = sqlite3.connect(p, timeout=30, check_same_thread=False)
                finally:
                    os.umask(old)
            conn.isolation_level = None  # transactions are explicit (BEGIN IMMEDIATE ... COMMIT)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                _retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, p, readonly)
            if not readonly:
                _retry_busy(store.migrate)
            else:
                store._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{p}: {_describe(exc)}") from exc
        return store

    def _check_schema(self) -> None:
        # one aggregate row (one GIL hand-off for a reader thread; see _packed)
        found = self.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='captures'").fetchone()
        if not found[0]:
            raise StoreError(f"{self.path}: not a privmon database (no captures table)")

    def migrate(self) -> list[str]:
        """Apply migrations not yet applied; returns the names applied."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at REAL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self._tx():
                # another writer opening the same new file may have applied it since the read above
                if self.conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    continue
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, time.time()))
            applied.append(name)
        return applied

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> Any:
        """The connection as a sqlite_utils Database (for ad-hoc use; imported lazily: it is slow to import)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @property
    def mode(self) -> int:
        return stat.S_IMODE(self.path.stat().st_mode)

    # -- captures ------------------------------------------------------------------------------

    def capture_by_sha(self, sha256: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM captures WHERE sha256 = ?", (sha256,)).fetchone()
        return dict(row) if row else None

    def begin_capture(self, path: str, sha256: str, fmt: str, keylogs: Sequence[str] = ()) -> int:
        """Start (or restart, after a crash) ingesting a capture; returns its id."""
        with self._tx():
            old = self.conn.execute("SELECT id FROM captures WHERE sha256 = ?", (sha256,)).fetchone()
            if old is not None:
                self._delete_capture_rows(int(old[0]))
                self.conn.execute("DELETE FROM captures WHERE id = ?", (int(old[0]),))
            cur = self.conn.execute(
                "INSERT INTO captures (path, sha256, format, keylogs, status, started_at) VALUES (?,?,?,?,?,?)",
                (path, sha256, fmt, json.dumps(list(keylogs)), "ingesting", time.time()),
            )
            return int(cur.lastrowid or 0)

    def delete_capture(self, capture_id: int) -> None:
        """Remove a capture and all its rows in one transaction."""
        with self._tx():
            self._delete_capture_rows(capture_id)
            self.conn.execute("DELETE FROM captures WHERE id = ?", (capture_id,))

    def _delete_capture_rows(self, capture_id: int) -> None:
        for table in ("findings", "messages", "dns", "destinations"):
            self.conn.execute(f"DELETE FROM {table} WHERE capture_id = ?", (capture_id,))

    def finish_capture(
        self,
        capture_id: int,
        packets: int,
        first_ts: float | None,
        last_ts: float | None,
        warnings: Sequence[str] = (),
        summary: dict[str, Any] | None = None,
        status: str = "complete",
    ) -> None:
        with self._tx():
            self.conn.execute(
                "UPDATE captures SET packets=?, first_ts=?, last_ts=?, warnings=?, summary=?, status=?,"
                " finished_at=? WHERE id=?",
                (packets, first_ts, last_ts, json.dumps(list(warnings)), json.dumps(summary or {}), status,
                 time.time(), capture_id),
            )

    def update_capture_progress(self, capture_id: int, packets: int, first_ts: float | None,
                                last_ts: float | None) -> None:
        with self._tx():
            self.conn.execute(
                "UPDATE captures SET packets=?, first_ts=COALESCE(first_ts, ?), last_ts=? WHERE id=?",
                (packets, first_ts, last_ts, capture_id),
            )

    # -- writing -------------------------------------------------------------------------------

    def write(self, capture_id: int, batch: Batch) -> dict[int, int]:
        """Write one batch in one transaction (all or nothing); returns {batch message id: database id}.

        A message's `id` in the batch is local to its writer (the Engine numbers them 1, 2, ...);
        SQLite gives each message its database id inside this transaction, and findings that point
        at a message of the batch are pointed at that id. Other writers may write the same file.
        """
        if not len(batch):
            return {}
        mapping: dict[int, int] = {}
        with self._tx():
            if batch.messages:
                mapping = self._insert_messages(capture_id, batch.messages)
            for f in batch.findings:
                mid = f.get("message_id")
                if mid is not None:
                    f["message_id"] = mapping.get(mid)
            if batch.dns:
                self._insert_many("dns", capture_id, batch.dns)
            for row in batch.destinations:
                self._upsert_destination(capture_id, row)
            for row in batch.findings:
                self._upsert_finding(capture_id, row)
        return mapping

    def _insert_messages(self, capture_id: int, rows: list[dict[str, Any]]) -> dict[int, int]:
        """Insert messages with ids chosen by SQLite; returns {local id: database id}.

        Rows of one shape go in one executemany without an id. SQLite gives each new row the
        largest id plus one, and this transaction holds the write lock, so one statement's rows get
        consecutive ids ending at last_insert_rowid() (checked: the range holds exactly those rows).
        """
        mapping: dict[int, int] = {}
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for r in rows:
            groups.setdefault(tuple(k for k in r if k != "id"), []).append(r)
        for keys, group in groups.items():
            cols = ["capture_id", *keys]
            sql = f"INSERT INTO messages ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self.conn.executemany(sql, ([capture_id, *(_sql_value(r[c]) for c in keys)] for r in group))
            last = int(self.conn.execute("SELECT last_insert_rowid()").fetchone()[0])
            first = last - len(group) + 1
            held = self.conn.execute("SELECT COUNT(*) FROM messages WHERE id BETWEEN ? AND ? AND capture_id = ?",
                                     (first, last, capture_id)).fetchone()[0]
            if held != len(group):
                raise sqlite3.DatabaseError("message ids were not consecutive (rowid space exhausted?)")
            for i, r in enumerate(group):
                local = r.get("id")
                if local is not None:
                    mapping[int(local)] = first + i
        return mapping

    def _insert_many(self, table: str, capture_id: int, rows: list[dict[str, Any]]) -> None:
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for r in rows:  # rows of one shape per statement: absent columns keep their defaults
            groups.setdefault(tuple(r), []).append(r)
        for keys, group in groups.items():
            cols = ["capture_id", *keys]
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self.conn.executemany(sql, ([capture_id, *(_sql_value(r[c]) for c in keys)] for r in group))

    def _upsert_destination(self, capture_id: int, row: dict[str, Any]) -> None:
        cols = ["capture_id", *row.keys()]
        adds = {"bytes_out", "bytes_in", "packets", "tls_rejected"}
        keys = {"host", "ip", "port", "transport"}
        sets = []
        for c in row:
            if c in keys:
                continue
            if c in adds:
                sets.append(f"{c} = {c} + excluded.{c}")
            elif c == "first_ts":
                sets.append("first_ts = MIN(COALESCE(first_ts, excluded.first_ts), excluded.first_ts)")
            elif c == "last_ts":
                sets.append("last_ts = MAX(COALESCE(last_ts, excluded.last_ts), excluded.last_ts)")
            elif c == "encrypted_no_key":
                sets.append("encrypted_no_key = MAX(encrypted_no_key, excluded.encrypted_no_key)")
            else:  # labels: keep a non-empty existing value unless the new one is non-empty
                sets.append(f"{c} = CASE WHEN excluded.{c} != '' THEN excluded.{c} ELSE {c} END")
        sql = (
            f"INSERT INTO destinations ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT (capture_id, host, ip, port, transport) DO UPDATE SET {', '.join(sets) or 'id=id'}"
        )
        self.conn.execute(sql, [capture_id, *(_sql_value(row[c]) for c in row)])

    def _upsert_finding(self, capture_id: int, row: dict[str, Any]) -> None:
        cols = ["capture_id", *row.keys()]
        sql = (
            f"INSERT INTO findings ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            "ON CONFLICT (capture_id, type, value, host, ip, port, location, transform) DO UPDATE SET "
            "count = count + excluded.count, first_ts = MIN(first_ts, excluded.first_ts), "
            "last_ts = MAX(last_ts, excluded.last_ts)"
        )
        self.conn.execute(sql, [capture_id, *(_sql_value(row[c]) for c in row)])

    def set_devices(self, devices: Iterable[dict[str, Any]]) -> None:
        with self._tx():
            for d in devices:
                self.conn.execute(
                    "INSERT INTO devices (name, ip, kinds, platform) VALUES (?,?,?,?) ON CONFLICT(name) DO UPDATE "
                    "SET ip=excluded.ip, kinds=excluded.kinds, platform=excluded.platform",
                    (d["name"], d.get("ip", ""), json.dumps(d.get("kinds", [])), d.get("platform", "")),
                )

    def add_consent(self, ts: float, source: str = "cli", note: str = "") -> None:
        with self._tx():
            self.conn.execute("INSERT INTO consent (ts, source, note) VALUES (?,?,?)", (ts, source, note))

    def set_meta(self, key: str, value: str) -> None:
        with self._tx():
            self.conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                              (key, value))

    # -- reading -------------------------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc

    def iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        for r in self.conn.execute(sql, params):
            yield dict(r)

    def captures(self) -> list[dict[str, Any]]:
        """Visible captures; a `live` one whose writer is gone (killed, crashed) reads as `interrupted`."""
        rows = self.rows_packed("captures", "WHERE status != 'ingesting' ORDER BY id")
        now = time.time()
        for c in rows:
            if c["status"] == "live" and _interrupted(c, now):
                c["status"] = "interrupted"
        return rows

    def destinations(self) -> list[dict[str, Any]]:
        return self.rows_packed("destinations", "JOIN captures c ON c.id = d.capture_id "
                                "WHERE c.status != 'ingesting' ORDER BY d.first_ts, d.id", alias="d")

    def findings(self, after_id: int = 0) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT f.*, c.path AS capture, COALESCE(m.url, '') AS url, COALESCE(m.kind, '') AS message_kind, "
            "COALESCE(m.transport, '') AS message_transport FROM findings f "
            "JOIN captures c ON c.id = f.capture_id LEFT JOIN messages m ON m.id = f.message_id "
            "WHERE c.status != 'ingesting' AND f.id > ? ORDER BY f.first_ts, f.id",
            (after_id,),
        )

    _FINDING_COLUMNS = ("id", "capture_id", "message_id", "type", "value", "canonical", "transform", "location",
                        "confidence", "host", "ip", "port", "protocol", "sdk", "category", "device", "sender",
                        "first_ts", "last_ts", "count", "evidence", "reason")
    _FINDING_FROM = ("FROM findings f JOIN captures c ON c.id = f.capture_id "
                     "LEFT JOIN messages m ON m.id = f.message_id WHERE c.status != 'ingesting' ")

    def findings_page(self, limit: int, after_id: int = 0, ids: Sequence[int] | None = None,
                      where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The newest `limit` visible findings (id above `after_id`, or among `ids`, or matching `where`),
        in time order. Read as one packed value (see `_packed`)."""
        if ids is not None:
            wanted = [int(i) for i in ids][:limit]
            if not wanted:
                return []
            cond, args = f"AND f.id IN ({','.join('?' * len(wanted))}) ", list(wanted)
        else:
            cond, args = "AND f.id > ? ", [after_id]
        if where:
            cond, args = cond + f"AND ({where}) ", args + list(params)
        order = "ORDER BY f.id DESC" if where else "ORDER BY f.first_ts DESC, f.id DESC"
        exprs = [f"f.{c}" for c in self._FINDING_COLUMNS] + ["c.path", "COALESCE(m.url, '')"]
        rows = self._packed(exprs, (*self._FINDING_COLUMNS, "capture", "url"),
                            self._FINDING_FROM + cond + f"{order} LIMIT ?", [*args, limit])
        rows.sort(key=lambda r: (r["first_ts"], r["id"]))
        return rows

    def _packed(self, exprs: Sequence[str], names: Sequence[str], tail: str,
                params: Sequence[Any]) -> list[dict[str, Any]]:
        """Rows of `SELECT exprs tail` fetched as a single JSON value (no BLOB columns).

        sqlite3 releases the GIL around every step; a reader thread fetching a thousand rows while
        the UI thread is busy then waits for the GIL a thousand times (~0.25 s instead of 7 ms).
        One aggregate row is one step. SQLite's JSON writes reals with 15 significant digits, which
        would move timestamps by microseconds, so `*_ts` columns travel as integer part and
        fraction, both exact, and are added back here.
        """
        inner = ", ".join(f"{e} AS x{i}" for i, e in enumerate(exprs))
        outer = ", ".join(f"CAST(x{i} AS INTEGER), x{i} - CAST(x{i} AS INTEGER)" if n.endswith("_ts") else f"x{i}"
                          for i, n in enumerate(names))
        sql = f"SELECT json_group_array(json_array({outer})) FROM (SELECT {inner} {tail})"
        try:
            packed = self.conn.execute(sql, params).fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc
        timed = [n.endswith("_ts") for n in names]
        out = []
        for values in json.loads(packed or "[]"):
            row: dict[str, Any] = {}
            it = iter(values)
            for name, is_ts in zip(names, timed, strict=True):
                v = next(it)
                if is_ts:
                    frac = next(it)
                    v = None if v is None else v + frac
                row[name] = v
            out.append(row)
        return out

    def rows_packed(self, table: str, tail: str, params: Sequence[Any] = (), alias: str = "") -> list[dict[str, Any]]:
        """`SELECT alias.* FROM table alias tail` as plain dicts, through `_packed`."""
        joined = self.conn.execute("SELECT group_concat(name, ',') FROM pragma_table_info(?)", (table,)).fetchone()[0]
        names = joined.split(",") if joined else []
        prefix = f"{alias}." if alias else ""
        return self._packed([prefix + n for n in names], names, f"FROM {table} {alias} {tail}", params)

    def finding_texts(self, after_id: int, limit: int, columns: Sequence[str]) -> list[tuple[int, int, str]]:
        """(id, capture id, lower-cased searchable text) of findings above `after_id`, in id order."""
        text = " || ' ' || ".join(f"COALESCE({c}, '')" for c in columns if c.isidentifier())
        try:
            packed = self.conn.execute(
                f"SELECT json_group_array(json_array(id, capture_id, t)) FROM (SELECT id, capture_id, {text} AS t "
                "FROM findings WHERE id > ? ORDER BY id LIMIT ?)", (after_id, limit)).fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc
        rows = [(int(i), int(c), str(t).lower()) for i, c, t in json.loads(packed or "[]")]
        rows.sort()
        return rows

    def message(self, message_id: int) -> dict[str, Any] | None:
        rows = self.rows("SELECT * FROM messages WHERE id = ?", (message_id,))
        return rows[0] if rows else None

    def dns_rows(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM dns ORDER BY ts, id")

    def consent_ts(self) -> float | None:
        row = self.conn.execute("SELECT MIN(ts) FROM consent").fetchone()
        return float(row[0]) if row and row[0] is not None else None

    def devices(self) -> list[dict[str, Any]]:
        return self.rows_packed("devices", "ORDER BY name")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    _COUNTED = ("captures", "messages", "dns", "destinations", "findings")

    def counts(self) -> dict[str, int]:
        row = self.conn.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in self._COUNTED)).fetchone()
        return {t: int(n) for t, n in zip(self._COUNTED, row, strict=True)}

    # -- helpers -------------------------------------------------------------------------------

    def _tx(self) -> _Transaction:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        return _Transaction(self)


BUSY_TIMEOUT_MS = 30_000  # SQLite waits this long for another writer's transaction ...
BUSY_RETRIES = 4  # ... and then privmon tries again this many times (a long analyze batch, a slow disk)


def _is_busy(exc: BaseException) -> bool:
    msg = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("database is locked" in msg or "database is busy" in msg)


def _retry_busy(fn: Any) -> Any:
    for attempt in range(BUSY_RETRIES + 1):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == BUSY_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


class _Transaction:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        conn = self.store.conn
        try:
            _retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.store.path}: {_describe(exc)}") from exc

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        conn = self.store.conn
        if exc_type is None:
            try:
                conn.execute("COMMIT")
            except sqlite3.DatabaseError as err:
                # a COMMIT that fails (disk full, I/O error) may already have rolled back: then
                # ROLLBACK itself fails ("no transaction is active"); either way nothing was written
                self._rollback()
                raise StoreError(f"{self.store.path}: {_describe(err)}") from err
        else:
            self._rollback()
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{self.store.path}: {_describe(exc)}") from exc

    def _rollback(self) -> None:
        conn = self.store.conn
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.DatabaseError:
            pass


def _sql_value(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v)
    return v


def _describe(exc: sqlite3.DatabaseError) -> str:
    msg = str(exc)
    if "readonly" in msg or "read-only" in msg:
        return "database is read-only (check the file and directory permissions)"
    if "disk is full" in msg or "database or disk is full" in msg:
        return "disk full: the database was not changed by the failed write"
    if "file is not a database" in msg or "malformed" in msg:
        return "not a SQLite database (or corrupt)"
    if "unable to open" in msg:
        return "cannot open database file"
    return msg


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
