"""The SQLite database, and the only place privmon writes SQL: schema, writes, named reads.

    schema.py      numbered migrations (sqlite-utils `Migrations`), FTS5 search index and its triggers
    connection.py  opening (0600 file, WAL, busy waits) and the writer's BEGIN IMMEDIATE transaction
    write.py       capture lifecycle, batches (one transaction each) and the upsert rules
    read.py        the named read queries of reports, the TUI, exports and the CLI

Writers use `Store.open(path)`; readers (report, TUI, export) use `Store.open(path, readonly=True)`.
A capture is ingested in whole batches inside transactions and marked `complete` at the end, so a
killed `analyze` leaves a consistent database and the rerun replaces the unfinished capture instead
of adding to it. Several writers may share one file (a proxy, a sniffer and `analyze` runs in one
lab session): every row id is given by SQLite inside the writer's own `BEGIN IMMEDIATE`
transaction, and a writer that finds the file busy waits (busy timeout, then a few retries).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from monitor.errors import StoreError
from monitor.store import schema
from monitor.store.connection import (
    BUSY_RETRIES,
    BUSY_TIMEOUT_MS,
    Checkpointer,
    connect,
    describe,
    retry_busy,
)
from monitor.store.read import EXPORT_TABLES, STALE_SECONDS, Reads, live_marker
from monitor.store.schema import MIGRATIONS
from monitor.store.write import BODY_CAP, Batch, Writes

__all__ = ["BODY_CAP", "BUSY_RETRIES", "BUSY_TIMEOUT_MS", "EXPORT_TABLES", "MIGRATIONS", "STALE_SECONDS", "Batch",
           "Store", "live_marker"]


class Store(Writes, Reads):
    """A privmon database. Use `Store.open`; any number of writers (each batch one transaction) and readers."""

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False) -> Store:
        p = Path(path)
        try:
            conn = connect(p, readonly)
            store = cls(conn, p, readonly)
            if not readonly:
                retry_busy(store.migrate)
                conn.execute("PRAGMA synchronous = NORMAL")  # (connect: a new file is set up with OFF)
            else:
                store._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{p}: {describe(exc)}") from exc
        return store

    def _check_schema(self) -> None:
        # one aggregate row (one GIL hand-off for a reader thread; see Reads._packed)
        if not self._has_table("captures"):
            raise StoreError(f"{self.path}: not a privmon database (no captures table)")

    def migrate(self) -> list[str]:
        """Apply migrations not yet applied; returns the names applied."""
        return schema.migrate(self.conn, self.path)

    def close(self) -> None:
        self._stop_checkpointer()
        self.conn.close()

    @contextlib.contextmanager
    def background_checkpoints(self) -> Iterator[None]:
        """For the block, this writer's WAL checkpoints run in a thread of their own, not inside its commits (see
        `Checkpointer`): for analyze, whose commits come back to back. A read-only store is left as it is."""
        if self.readonly or self.checkpointer is not None:
            yield
            return
        try:
            self.checkpointer = Checkpointer(self.path)
            self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        except sqlite3.DatabaseError:  # (no second connection: the commits checkpoint, as without the block)
            self._stop_checkpointer()
        try:
            yield
        finally:
            self._stop_checkpointer()

    @contextlib.contextmanager
    def detached(self) -> Iterator[None]:
        """The connection closed for the block, then opened again (no migration: nothing changed meanwhile).

        For forking worker processes: SQLite's unix layer keeps one record per open file in the process (its
        locks and descriptors), and a child forked while a connection is open starts with a copy of it. A child
        that then opens the file finds that copy and believes it holds locks that stayed with the parent
        (SQLite's "how to corrupt": do not carry an open connection across fork()). Forked with no connection
        open, each child's connection is its own."""
        self._stop_checkpointer()  # (its thread and connection must not cross the fork either)
        self.conn.close()
        try:
            yield
        finally:
            try:
                self.conn = connect(self.path, self.readonly)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: {describe(exc)}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> Any:
        """The connection as a sqlite_utils Database (for ad-hoc use; imported lazily: it is slow to import)."""
        return schema.import_sqlite_utils().Database(self.conn, recursive_triggers=False, execute_plugins=False)

    @property
    def mode(self) -> int:
        return stat.S_IMODE(self.path.stat().st_mode)
