"""Opening a privmon database (0600, WAL, busy waits) and the writer's transaction (BEGIN IMMEDIATE)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from monitor.errors import StoreError

BUSY_TIMEOUT_MS = 30_000  # SQLite waits this long for another writer's transaction ...
BUSY_RETRIES = 4  # ... and then privmon tries again this many times (a long analyze batch, a slow disk)
WRITER_CACHE_KIB = 16_384  # a writing connection's page cache (SQLite's default is 2 MiB)


def connect(p: Path, readonly: bool) -> sqlite3.Connection:
    """A connection with explicit transactions and dict-like rows; a writer's file is created 0600 first."""
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
        # a file with nothing in it yet has nothing to lose while it is set up: the switch to WAL and the schema
        # (Store.open) are written without waiting for the disk (6 of a new database's 8 fsyncs, ~10-30 ms of wall
        # time on a busy disk here); then NORMAL, as for every file that holds data (a power cut during those
        # milliseconds could leave an empty database to delete, no data)
        conn.execute(f"PRAGMA synchronous = {'OFF' if p.stat().st_size == 0 else 'NORMAL'}")
        retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        conn.execute("PRAGMA foreign_keys = ON")
        # a writer's temporary tables (the findings batch staged for its upsert, the copy of a multi-row INSERT SQLite
        # makes for a table with triggers) live in memory, bounded by one batch: on a file they cost half of analyze's
        # writes (an HTTP-heavy 50 MB capture: 23.8k pwrite calls -> 11.1k); and 16 MiB of page cache instead of 2 MiB
        # keeps the indexes' pages a batch touches again from being read back (6.4k pread calls -> 3.4k). ~25 ms of
        # system time of that capture's ~0.6 s (docs/perf.md, session 28)
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
    return conn


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


def _is_busy(exc: BaseException) -> bool:
    msg = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("database is locked" in msg or "database is busy" in msg)


def retry_busy(fn: Any) -> Any:
    for attempt in range(BUSY_RETRIES + 1):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == BUSY_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


class Transaction:
    """One writer transaction: BEGIN IMMEDIATE (with busy retries) ... COMMIT, or ROLLBACK on error.

    Not sqlite-utils' `db.atomic()`: that opens with a plain (deferred) BEGIN, and a deferred
    transaction that reads before it writes (begin_capture looks up the old capture first; a
    migration reads which steps are applied) gets SQLITE_BUSY at once, without the busy wait,
    when another writer commits in between. IMMEDIATE takes the write lock up front, so the
    busy timeout applies. `atomic()` still runs inside it (as a savepoint) in the migrations.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, on_commit: Callable[[], None] | None = None) -> None:
        self.conn = conn
        self.path = path
        self.on_commit = on_commit

    def __enter__(self) -> None:
        conn = self.conn
        try:
            retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {describe(exc)}") from exc

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as err:
                # a COMMIT that fails (disk full, I/O error) may already have rolled back: then
                # ROLLBACK itself fails ("no transaction is active"); either way nothing was written
                self._rollback()
                raise StoreError(f"{self.path}: {describe(err)}") from err
            if self.on_commit is not None:
                self.on_commit()
        else:
            self._rollback()
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{self.path}: {describe(exc)}") from exc

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.DatabaseError:
            pass


def describe(exc: sqlite3.DatabaseError) -> str:
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


AUTOCHECKPOINT_PAGES = 1000  # SQLite's default: a commit that leaves this many pages in the WAL copies them back


class Checkpointer:
    """WAL checkpoints for one writing connection, run in a thread of their own instead of inside its commits.

    With SQLite's automatic checkpoint the commit that fills the WAL to 1,000 pages also copies them into the
    database and waits for the disk twice (synchronous=NORMAL): 40-140 ms each, four to six times per 125 MB capture,
    the analyzing thread idle all the while (and with `--jobs 2` each worker's commit can wait for the other's
    checkpoint too: docs/perf.md, session 39). Here a thread with its own connection runs a PASSIVE checkpoint (it
    blocks no writer or reader) after every few commits, while the analysis goes on; SQLite's copy and fsync run
    without the GIL. Nothing is lost either way: a page is in the database file or in the WAL, and a checkpoint that
    fails (or never runs) leaves it in the WAL, which the writer's own automatic checkpoint takes over again."""

    EVERY = 4  # commits between two checkpoints (an analyze batch is ~2,000 rows: ~250 pages)

    def __init__(self, path: Path) -> None:
        self.failed = False
        self._commits = 0
        self._stopping = False
        self._due = threading.Event()
        self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        self._conn.isolation_level = None
        self._thread = threading.Thread(target=self._run, name="privmon-checkpoint", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        self._commits += 1
        if self._commits >= self.EVERY:
            self._commits = 0
            self._due.set()

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            if self._stopping:
                return
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.DatabaseError:
                self.failed = True  # (the writer checkpoints in its commits again: Handle._tx)
                return

    def close(self) -> None:
        self._stopping = True
        self._due.set()
        self._thread.join()
        self._conn.close()


class Handle:
    """An open connection with its path; the reads and writes of `Store` are methods on it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.checkpointer: Checkpointer | None = None

    def _tx(self) -> Transaction:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        if self.checkpointer is not None and self.checkpointer.failed:  # the thread could not checkpoint: the commits
            self._stop_checkpointer()  # do it again
        ck = self.checkpointer
        return Transaction(self.conn, self.path, ck.committed if ck is not None else None)

    def _stop_checkpointer(self) -> None:
        """No checkpoint thread any more: its connection closed, the commits checkpoint again as SQLite does."""
        ck, self.checkpointer = self.checkpointer, None
        if ck is not None:
            ck.close()
            with contextlib.suppress(sqlite3.DatabaseError):
                self.conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
