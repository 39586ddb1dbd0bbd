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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from monitor.records import Destination, Finding, MessageRecord
from monitor.store.connection import Handle
from monitor.store.schema import INDEX_NEW_ROWS, LAST_IDS

_T = TypeVar("_T")

BODY_CAP = 64 * 1024  # bytes of each body kept in the database (the scan cap is separate)


@dataclass(slots=True)
class Batch:
    """Records written together in one transaction (DNS answers: plain dicts keyed by column name)."""

    messages: list[MessageRecord] = field(default_factory=list)
    dns: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    destinations: list[Destination] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.messages) + len(self.dns) + len(self.findings) + len(self.destinations)


REPLACING = ":replacing"  # the sha256 suffix of a capture's new reading while the old one is kept (begin_capture)


class Writes(Handle):
    """The writing half of `Store`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        super().__init__(conn, path, readonly)
        # captures this writer began and has not finished: their status is 'ingesting', so no row of theirs is in
        # the search indexes yet (schema 0008: a capture's rows are indexed when it turns visible)
        self._hidden: set[int] = set()

    def begin_capture(self, path: str, sha256: str, fmt: str, keylogs: Sequence[str] = ()) -> int:
        """Start (or restart, after a crash) ingesting a capture; returns its id.

        A capture already stored whole (analyze --force) stays, visible, until its new reading is finished
        (finish_capture swaps them in one transaction): a forced run that dies or fails partway loses nothing.
        Until then the new row's sha256 carries REPLACING; an unfinished row of either kind is a crash's leftover.
        """
        with self._tx():
            kept = None
            for cid, status in self.conn.execute("SELECT id, status FROM captures WHERE sha256 IN (?, ?)",
                                                 (sha256, sha256 + REPLACING)).fetchall():
                if status != "ingesting":
                    kept = cid
                    continue
                self._delete_capture_with_rows(int(cid))
            cur = self.conn.execute(
                "INSERT INTO captures (path, sha256, format, keylogs, status, started_at) VALUES (?,?,?,?,?,?)",
                (path, sha256 if kept is None else sha256 + REPLACING, fmt, json.dumps(list(keylogs)), "ingesting",
                 time.time()),
            )
            capture_id = int(cur.lastrowid or 0)
        self._hidden.add(capture_id)
        return capture_id

    def delete_capture(self, capture_id: int) -> None:
        """Remove a capture and all its rows in one transaction."""
        with self._tx():
            self._delete_capture_with_rows(capture_id)
        self._hidden.discard(capture_id)

    def _delete_capture_with_rows(self, capture_id: int) -> None:
        """A capture's rows and the capture itself (inside the caller's transaction)."""
        for table in ("findings", "messages", "dns", "destinations"):
            self.conn.execute(f"DELETE FROM {table} WHERE capture_id = ?", (capture_id,))
        self.conn.execute("DELETE FROM captures WHERE id = ?", (capture_id,))

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
            if status != "ingesting":  # a new reading of a stored capture replaces the old one now
                row = self.conn.execute("SELECT sha256 FROM captures WHERE id = ?", (capture_id,)).fetchone()
                if row is not None and row[0].endswith(REPLACING):
                    sha256 = row[0][: -len(REPLACING)]
                    for (old,) in self.conn.execute("SELECT id FROM captures WHERE sha256 = ?", (sha256,)).fetchall():
                        self._delete_capture_with_rows(int(old))
                    self.conn.execute("UPDATE captures SET sha256 = ? WHERE id = ?", (sha256, capture_id))
            self.conn.execute(
                "UPDATE captures SET packets=?, first_ts=?, last_ts=?, warnings=?, summary=?, status=?,"
                " finished_at=? WHERE id=?",
                (packets, first_ts, last_ts, json.dumps(list(warnings)), json.dumps(summary or {}), status,
                 time.time(), capture_id),
            )
        if status != "ingesting":
            self._hidden.discard(capture_id)

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
            # the ids this batch's new rows will get are above these (SQLite gives a new row the largest id plus one,
            # and this transaction holds the write lock); asked only when the rows are indexed as they are written
            above = self.conn.execute(LAST_IDS).fetchone() if capture_id not in self._hidden else None
            if batch.messages:
                mapping = self._insert_messages(capture_id, batch.messages)
            if batch.dns:
                self._insert_many("dns", capture_id, batch.dns)
            if batch.destinations:
                self._upsert_destinations(capture_id, batch.destinations)
            self._upsert_findings(capture_id, batch.findings, mapping)
            if above is not None:
                # the batch's new rows into the search indexes, if their capture is visible (a live capture's, or one
                # another writer began): one statement per index (FTS5 writes a segment at the end of each), in id
                # order (a capture analyze ingests is indexed when it turns visible, schema 0008)
                for sql, last in zip(INDEX_NEW_ROWS, above, strict=True):
                    self.conn.execute(sql, (int(last), capture_id))
        return mapping

    def _insert_messages(self, capture_id: int, records: list[MessageRecord]) -> dict[int, int]:
        """Insert messages with ids chosen by SQLite; returns {local id: database id}.

        Messages of one kind go in multi-row INSERTs without an id. SQLite gives each new row the
        largest id plus one, and this transaction holds the write lock, so one statement's rows get
        consecutive ids ending at last_insert_rowid() (checked: the range holds exactly those rows).
        """
        mapping: dict[int, int] = {}
        groups: dict[str, list[MessageRecord]] = {}
        for m in records:
            groups.setdefault(_SHAPE_OF_KIND.get(m.kind, "http"), []).append(m)
        for shape, group in groups.items():
            keys, row_of = _MESSAGE_SHAPES[shape]
            cols = ["capture_id", *keys]
            for part in _chunks(group, len(cols)):
                params: list[Any] = [capture_id]
                for m in part:
                    params += row_of(m)
                self._insert_values("messages", cols, params, len(part))
                last = int(self.conn.execute("SELECT last_insert_rowid()").fetchone()[0])
                first = last - len(part) + 1
                held = self.conn.execute("SELECT COUNT(*) FROM messages WHERE id BETWEEN ? AND ? AND capture_id = ?",
                                         (first, last, capture_id)).fetchone()[0]
                if held != len(part):
                    raise sqlite3.DatabaseError("message ids were not consecutive (rowid space exhausted?)")
                for i, m in enumerate(part):
                    mapping[m.id] = first + i
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
        """One `INSERT ... VALUES (...), (...)` statement for `rows` rows whose first column is capture_id, the same
        for every row: `params` is capture_id once, then the other columns' values row after row. Each row reads it
        as `?1` (bound once per statement, not once per row: 15,242 of the 50 MB HTTP-heavy capture's 70,738 integer
        bindings); SQLite numbers each plain `?` after the largest number so far, so the rows' own values take ?2,
        ?3, ... in order. (With the messages' parameters made by extending one list, not by unpacking a tuple per
        row, the capture's store -23.8M instructions, callgrind.)

        One statement, not an executemany of one-row statements: faster per row, and before schema 0009 (when
        the rows' INSERT triggers fed the search index, and FTS5 wrote a segment at the end of every statement
        that touched it) row-by-row statements cost a segment per row (bench/store_bench.py: x3.5 the multi-row
        cost for 150 URLs).
        """
        one = "(?1" + ",?" * (len(cols) - 1) + ")"
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES {','.join([one] * rows)}{tail}"
        self.conn.execute(sql, params)

    def _upsert_destinations(self, capture_id: int, destinations: list[Destination]) -> None:
        """Destinations upserted in order, in multi-row statements (SQLite applies the rows of one statement
        one after the other: a repeated key merges as in separate statements)."""
        cols = list(_DESTINATION_COLUMNS)
        for part in _chunks(destinations, len(cols)):
            params: list[Any] = [capture_id]
            for d in part:
                params += (d.host, d.ip, d.port, d.transport, d.protocol, d.sdk, d.organization,
                           d.category, d.country, d.role, d.reason, d.bytes_out, d.bytes_in, d.packets, d.first_ts,
                           d.last_ts, int(d.encrypted_no_key), d.tls_rejected)
            self._insert_values("destinations", cols, params, len(part), _DESTINATION_TAIL)

    _FINDING_MERGE = (" ON CONFLICT (capture_id, type, value, host, ip, port, location, transform) DO UPDATE SET "
                      "count = count + excluded.count, first_ts = MIN(first_ts, excluded.first_ts), "
                      "last_ts = MAX(last_ts, excluded.last_ts)")

    def _upsert_findings(self, capture_id: int, findings: list[Finding], mapping: dict[int, int] | None = None) -> None:
        """Findings upserted in order, in multi-row statements (a repeat adds to the count).

        A finding's `message_id` is its message's id in the batch; `mapping` gives the database id.
        """
        if not findings:
            return
        ids = mapping or {}
        rows, merged = _folded(findings)
        start = 0
        for part in _chunks(rows, len(_FINDING_COLUMNS)):
            params: list[Any] = [capture_id]
            for f in part:
                params += (None if f.message_id is None else ids.get(f.message_id), f.type, f.value,
                           f.canonical, f.transform, f.location, f.confidence, f.host, f.ip, f.port, f.protocol,
                           f.sdk, f.category, f.owner, f.sender, f.first_ts, f.last_ts, f.count, f.evidence, f.reason)
            if merged:  # the folded rows' first_ts, last_ts and count
                for at in range(start, start + len(part)):
                    if at in merged:
                        i = (at - start) * (len(_FINDING_COLUMNS) - 1) + _TIMES_AT  # (capture_id: once, first)
                        params[i:i + 3] = merged[at]
            start += len(part)
            self._insert_values("findings", _FINDING_COLUMNS, params, len(part), self._FINDING_MERGE)

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


def _folded(findings: list[Finding]) -> tuple[list[Finding], dict[int, tuple[float, float, int]]]:
    """The batch's findings with each repeat of a row's key folded into its first occurrence, in first-seen order,
    and {position in that list: (first_ts, last_ts, count)} for the rows that had repeats.

    What the upsert does row after row, done before binding: the first occurrence's columns are kept, the counts
    add up and the times widen (`_FINDING_MERGE`), so the stored rows and ids are the same; a repeat is not bound
    and upserted again (the 50 MB HTTP-heavy capture: 968 of 8,777 findings). A repeat whose times are not numbers
    equal to themselves (NaN, which SQLite binds as NULL) is not folded: it is bound, and refused, as before.
    """
    out: list[Finding] = []
    first_at: dict[tuple[Any, ...], int] = {}
    merged: dict[int, tuple[float, float, int]] = {}
    for f in findings:
        key = (f.type, f.value, f.host, f.ip, f.port, f.location, f.transform)  # UNIQUE's columns but capture_id
        at = first_at.get(key)
        if at is None:
            first_at[key] = len(out)
            out.append(f)
            continue
        first_ts, last_ts = f.first_ts, f.last_ts
        if first_ts != first_ts or last_ts != last_ts:
            out.append(f)
            continue
        g = out[at]
        lo, hi, count = merged.get(at) or (g.first_ts, g.last_ts, g.count)
        merged[at] = (first_ts if first_ts < lo else lo, last_ts if last_ts > hi else hi, count + f.count)
    return out, merged


_PLAIN = frozenset({str, int, float, bytes, type(None), bool})  # stored as they are; lists, tuples, dicts as JSON


def _params(capture_id: int, rows: list[dict[str, Any]], keys: Sequence[str]) -> list[Any]:
    """The parameters of a multi-row statement: capture_id (once), then the keys' values, row after row."""
    out: list[Any] = [capture_id]
    add = out.append
    dumps = json.dumps
    for r in rows:
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
# SQLite 4 MB, the write loop's CPU 0.70 -> 0.64 s; 256 rows: 100 MB, 1,560: 106 MB). 128 rows: when the rows'
# INSERT triggers fed the search index (before schema 0009), each statement made FTS5 write a segment and merge,
# so half as many cost the store 6.9 % fewer instructions than 64 (callgrind, the batches of a 50 MB HTTP-heavy
# capture) for +0.6 MB peak RSS
MAX_ROWS = 128


def _chunks(rows: list[_T], ncols: int) -> Iterator[list[_T]]:
    size = min(MAX_ROWS, max(1, _MAX_PARAMS // ncols))
    i, n = 0, len(rows)
    while i < n:
        left = n - i
        step = size if left >= size else 1 << (left.bit_length() - 1)
        yield rows[i:i + step]
        i += step


# -- records -> columns ------------------------------------------------------------------------------
# The messages table keeps a datagram's direction and a TLS hello's ALPN list in `url`, a datagram's
# P2P message name and a WebSocket message's frame type in `method`, and payloads in `request_body`
# (read back in monitor/store/read.py). Each kind writes only its own columns (the others keep their
# defaults), as before the records existed.

_ENDS = ("kind", "ts", "client_ip", "client_port", "server_ip", "server_port", "transport", "protocol", "host")


def _http_row(m: MessageRecord) -> list[Any]:
    return [m.kind, m.ts, m.client_ip, m.client_port, m.server_ip, m.server_port, m.transport, m.protocol, m.host,
            m.method, m.url, m.status, _headers(m.request_headers), _blob(m.request_body), _headers(m.response_headers),
            _blob(m.response_body), int(m.body_truncated), m.error, m.evidence, m.device, m.sdk]


def _hello_row(m: MessageRecord) -> list[Any]:
    return [m.kind, m.ts, m.client_ip, m.client_port, m.server_ip, m.server_port, m.transport, m.protocol, m.host,
            ",".join(m.alpn), m.evidence, m.device, m.sdk, m.error]


def _raw_row(m: MessageRecord) -> list[Any]:
    return [m.kind, m.ts, m.client_ip, m.client_port, m.server_ip, m.server_port, m.transport, m.protocol, m.host,
            m.p2p_message, m.direction, _blob(m.payload), m.evidence, m.device, m.sdk]


def _websocket_row(m: MessageRecord) -> list[Any]:
    return [m.kind, m.ts, m.client_ip, m.client_port, m.server_ip, m.server_port, m.transport, m.protocol, m.host,
            m.websocket_frame, m.url, _blob(m.payload), int(m.body_truncated), m.evidence, m.device, m.sdk]


def _blob(body: bytes) -> bytes | bytearray:
    """A body as sqlite3 binds it without asking its adapters: sqlite3 binds a bytearray (like an int, float or str)
    directly but looks up `__adapt__` and `__conform__` for every `bytes` (~3.3k instructions a body; 7,808 bodies of
    the 50 MB HTTP-heavy capture: 25.9M, callgrind). The same BLOB is stored; anything but non-empty bytes as it is."""
    return bytearray(body) if body.__class__ is bytes and body else body


def _headers(headers: tuple[tuple[str, str], ...]) -> str:
    """[["name", "value"], ...]: what json.dumps writes, through one C encoder made once (json.dumps makes one per
    call: ~40 % of its cost for a message's headers)."""
    if _ENCODE is None:
        return json.dumps(headers)
    return "".join(_ENCODE(headers, 0))


# json.dumps' defaults (ASCII, ", " and ": "), no circular check: headers are tuples of strings
_ENCODE: Callable[[Any, int], Iterable[str]] | None = (
    None if json.encoder.c_make_encoder is None  # type: ignore[attr-defined]
    else json.encoder.c_make_encoder(  # type: ignore[attr-defined]
        None, None, json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True))


_MESSAGE_SHAPES: dict[str, tuple[tuple[str, ...], Callable[[MessageRecord], list[Any]]]] = {
    "http": ((*_ENDS, "method", "url", "status", "request_headers", "request_body", "response_headers",
              "response_body", "body_truncated", "error", "evidence", "device", "sdk"), _http_row),
    "hello": ((*_ENDS, "url", "evidence", "device", "sdk", "error"), _hello_row),
    "raw": ((*_ENDS, "method", "url", "request_body", "evidence", "device", "sdk"), _raw_row),
    "websocket": ((*_ENDS, "method", "url", "request_body", "body_truncated", "evidence", "device", "sdk"),
                  _websocket_row),
}
_SHAPE_OF_KIND = {"http": "http", "tls": "hello", "quic": "hello", "datagram": "raw", "stream": "raw",
                  "websocket": "websocket"}

_FINDING_COLUMNS = ["capture_id", "message_id", "type", "value", "canonical", "transform", "location", "confidence",
                    "host", "ip", "port", "protocol", "sdk", "category", "device", "sender", "first_ts", "last_ts",
                    "count", "evidence", "reason"]
_TIMES_AT = _FINDING_COLUMNS.index("first_ts")  # first_ts, last_ts, count: three columns in a row
assert _FINDING_COLUMNS[_TIMES_AT:_TIMES_AT + 3] == ["first_ts", "last_ts", "count"]

_DESTINATION_COLUMNS = ("capture_id", "host", "ip", "port", "transport", "protocol", "sdk", "organization", "category",
                        "country", "role", "reason", "bytes_out", "bytes_in", "packets", "first_ts", "last_ts",
                        "encrypted_no_key", "tls_rejected")
_DESTINATION_MERGE = {  # how a repeat of (capture, host, ip, port, transport) merges; labels: a non-empty value wins
    **{c: f"{c} = CASE WHEN excluded.{c} != '' THEN excluded.{c} ELSE {c} END"
       for c in ("protocol", "sdk", "organization", "category", "country", "role", "reason")},
    **{c: f"{c} = {c} + excluded.{c}" for c in ("bytes_out", "bytes_in", "packets", "tls_rejected")},
    "first_ts": "first_ts = MIN(COALESCE(first_ts, excluded.first_ts), excluded.first_ts)",
    "last_ts": "last_ts = MAX(COALESCE(last_ts, excluded.last_ts), excluded.last_ts)",
    "encrypted_no_key": "encrypted_no_key = MAX(encrypted_no_key, excluded.encrypted_no_key)",
}
_DESTINATION_TAIL = (" ON CONFLICT (capture_id, host, ip, port, transport) DO UPDATE SET "
                     + ", ".join(_DESTINATION_MERGE[c] for c in _DESTINATION_COLUMNS if c in _DESTINATION_MERGE))
