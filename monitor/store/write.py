"""The write path: capture lifecycle, batches in one transaction each, and the upsert rules.

Several writers may share one file (a proxy, a sniffer and `analyze` runs in one lab session):
every row id is given by SQLite inside the writer's own `BEGIN IMMEDIATE` transaction, never by a
counter kept in a process. The hot path (the messages, DNS rows, findings and destinations of every
batch) writes through sqlite3 with multi-row statements, not sqlite-utils' insert_all/upsert_all:
insert_all costs x1.4-1.8 the CPU of this path (bench/store_bench.py), it writes NULL rather than
the column default for a key a row lacks, it cannot report the ids of a multi-row insert, and
upsert_all replaces values where privmon merges them (counts add up, first and last times widen, a
known label is not overwritten by an empty one).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from monitor.store.connection import Handle

BODY_CAP = 64 * 1024  # bytes of each body kept in the database (the scan cap is separate)


@dataclass(slots=True)
class Batch:
    """Rows written together in one transaction. Rows are plain dicts keyed by column name."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    dns: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    destinations: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.messages) + len(self.dns) + len(self.findings) + len(self.destinations)


class Writes(Handle):
    """The writing half of `Store`."""

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
            if batch.destinations:
                self._upsert_destinations(capture_id, batch.destinations)
            self._upsert_findings(capture_id, batch.findings)
        return mapping

    def _insert_messages(self, capture_id: int, rows: list[dict[str, Any]]) -> dict[int, int]:
        """Insert messages with ids chosen by SQLite; returns {local id: database id}.

        Rows of one shape go in multi-row INSERTs without an id. SQLite gives each new row the
        largest id plus one, and this transaction holds the write lock, so one statement's rows get
        consecutive ids ending at last_insert_rowid() (checked: the range holds exactly those rows).
        """
        mapping: dict[int, int] = {}
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for r in rows:
            groups.setdefault(tuple(k for k in r if k != "id"), []).append(r)
        for keys, group in groups.items():
            cols = ["capture_id", *keys]
            for part in _chunks(group, len(cols)):
                self._insert_values("messages", cols, _params(capture_id, part, keys), len(part))
                last = int(self.conn.execute("SELECT last_insert_rowid()").fetchone()[0])
                first = last - len(part) + 1
                held = self.conn.execute("SELECT COUNT(*) FROM messages WHERE id BETWEEN ? AND ? AND capture_id = ?",
                                         (first, last, capture_id)).fetchone()[0]
                if held != len(part):
                    raise sqlite3.DatabaseError("message ids were not consecutive (rowid space exhausted?)")
                for i, r in enumerate(part):
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
            for part in _chunks(group, len(cols)):
                self._insert_values(table, cols, _params(capture_id, part, keys), len(part))

    def _insert_values(self, table: str, cols: list[str], params: list[Any], rows: int, tail: str = "") -> None:
        """One `INSERT ... VALUES (...), (...)` statement for `rows` rows (`params`: their values, row after row).

        One statement, not an executemany of one-row statements: FTS5 writes out its pending index
        data at the end of every statement that touches it (the triggers of the search index), so
        row-by-row statements cost a segment per row (bench/store_bench.py: x3.5 the multi-row
        cost for 150 URLs; without the index, multi-row is also slightly faster).
        """
        one = "(" + ",".join("?" * len(cols)) + ")"
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES {','.join([one] * rows)}{tail}"
        self.conn.execute(sql, params)

    def _upsert_destinations(self, capture_id: int, rows: list[dict[str, Any]]) -> None:
        """Destinations upserted in order, a run of rows of one shape per multi-row statement (SQLite applies
        the rows of one statement one after the other: a repeated key merges as in separate statements)."""
        for run in _runs(rows):
            cols = ["capture_id", *run[0]]
            tail = self._destination_merge(tuple(run[0]))
            for part in _chunks(run, len(cols)):
                self._insert_values("destinations", cols, _params(capture_id, part, cols[1:]), len(part), tail)

    @staticmethod
    def _destination_merge(row_keys: tuple[str, ...]) -> str:
        adds = {"bytes_out", "bytes_in", "packets", "tls_rejected"}
        keys = {"host", "ip", "port", "transport"}
        sets = []
        for c in row_keys:
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
        return (" ON CONFLICT (capture_id, host, ip, port, transport) DO UPDATE SET "
                f"{', '.join(sets) or 'id=id'}")

    _FINDING_MERGE = (" ON CONFLICT (capture_id, type, value, host, ip, port, location, transform) DO UPDATE SET "
                      "count = count + excluded.count, first_ts = MIN(first_ts, excluded.first_ts), "
                      "last_ts = MAX(last_ts, excluded.last_ts)")

    def _upsert_findings(self, capture_id: int, rows: list[dict[str, Any]]) -> None:
        """Findings upserted in order, a run of rows of one shape per statement (a repeat adds to the count)."""
        for run in _runs(rows):
            cols = ["capture_id", *run[0]]
            for part in _chunks(run, len(cols)):
                self._insert_values("findings", cols, _params(capture_id, part, cols[1:]), len(part), self._FINDING_MERGE)

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


_PLAIN = frozenset({str, int, float, bytes, type(None), bool})  # stored as they are; lists, tuples, dicts as JSON


def _params(capture_id: int, rows: list[dict[str, Any]], keys: Sequence[str]) -> list[Any]:
    """The parameters of a multi-row statement: capture_id, then the keys' values, row after row."""
    out: list[Any] = []
    add = out.append
    dumps = json.dumps
    for r in rows:
        add(capture_id)
        for c in keys:
            v = r[c]
            add(v if v.__class__ in _PLAIN or not isinstance(v, (list, tuple, dict)) else dumps(v))
    return out


# bound parameters per statement: 32,766 since SQLite 3.32, 999 before
_MAX_PARAMS = 32_766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


# rows per statement at most. sqlite3 keeps the last 128 prepared statements of a connection, keyed
# by their SQL: one statement per batch with the batch's own row count made a new one for every batch
# (SQLite's memory grew ~4.5 MB per 2,000-row batch: 500 MB capture, peak RSS 156 MB; 5 GB, 128 MB and
# flattening only when the cache was full). Chunks of MAX_ROWS rows and a remainder in halving powers of
# two use at most seven statements per row shape, each parsed once (500 MB capture: peak RSS 95 MB,
# SQLite 4 MB, the write loop's CPU 0.70 -> 0.64 s; 256 rows: 100 MB, 1,560: 106 MB)
MAX_ROWS = 64


def _chunks(rows: list[dict[str, Any]], ncols: int) -> Iterator[list[dict[str, Any]]]:
    size = min(MAX_ROWS, max(1, _MAX_PARAMS // ncols))
    i, n = 0, len(rows)
    while i < n:
        left = n - i
        step = size if left >= size else 1 << (left.bit_length() - 1)
        yield rows[i:i + step]
        i += step


def _runs(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Consecutive rows with the same columns (in order: the order of upserts is kept)."""
    run: list[dict[str, Any]] = []
    for r in rows:
        if run and tuple(r) != tuple(run[0]):
            yield run
            run = []
        run.append(r)
    if run:
        yield run
