"""The named read queries: what reports, the TUI, exports and the CLI read.

Findings, destinations and messages come back as the records of monitor/records.py; captures,
devices, counts and exports as plain dicts and tuples.

Readers open the database read-only (`Store.open(path, readonly=True)`). Rows of captures still
being ingested stay out of every view until their capture is complete. Large reads travel as one
packed JSON value (see `_packed`), so a reader thread does not hand the GIL back and forth per row.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time

# _socket: the C functions socket re-exports, without socket.py's set-up of its enums (~12M instructions at start)
from _socket import gethostname
from collections.abc import Sequence
from typing import Any

from monitor.errors import StoreError
from monitor.records import RAW_KINDS, Destination, Finding, MessageRecord, raw_url
from monitor.store.connection import Handle, describe
from monitor.store.schema import FINDINGS_FTS

STALE_SECONDS = 30.0  # a live capture whose writer has not written for this long was interrupted

# what `privmon export` writes per table; bodies stay out of exports: they are evidence for one
# report, not data for a study
EXPORT_TABLES: dict[str, str] = {
    "captures": "SELECT id, path, sha256, format, packets, first_ts, last_ts, keylogs, status FROM captures",
    "destinations": "SELECT * FROM destinations",
    "findings": "SELECT * FROM findings",
    "messages": "SELECT id, capture_id, kind, ts, client_ip, client_port, server_ip, server_port, transport, "
                "protocol, host, method, url, status, error, evidence, device, sdk FROM messages",
    "dns": "SELECT * FROM dns",
}

_VISIBLE = "c.status != 'ingesting'"


def live_marker() -> dict[str, Any]:
    """Who writes a live capture (kept in its summary while it is live): readers check it is still there."""
    return {"writer_pid": os.getpid(), "writer_host": gethostname()}


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
    if pid <= 0 or host != gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


class Reads(Handle):
    """The reading half of `Store`."""

    # -- ad hoc (tests, debugging): callers in monitor/ use the named queries below ---------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {describe(exc)}") from exc

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {describe(exc)}") from exc

    # -- captures, destinations, findings ----------------------------------------------------------

    def capture_by_sha(self, sha256: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM captures WHERE sha256 = ?", (sha256,))
        return dict(row) if row else None

    def captures(self) -> list[dict[str, Any]]:
        """Visible captures; a `live` one whose writer is gone (killed, crashed) reads as `interrupted`."""
        rows = self.rows_packed("captures", "WHERE status != 'ingesting' ORDER BY id")
        now = time.time()
        for c in rows:
            if c["status"] == "live" and _interrupted(c, now):
                c["status"] = "interrupted"
        return rows

    def destinations(self) -> list[Destination]:
        return [_destination(d) for d in self.rows_packed(
            "destinations", f"JOIN captures c ON c.id = d.capture_id WHERE {_VISIBLE} ORDER BY d.first_ts, d.id",
            alias="d")]

    def findings(self, after_id: int = 0) -> list[Finding]:
        return [_finding(r) for r in self.rows(
            "SELECT f.*, c.path AS capture, COALESCE(m.url, '') AS message_url, COALESCE(m.kind, '') AS message_kind, "
            "COALESCE(m.transport, '') AS message_transport FROM findings f "
            "JOIN captures c ON c.id = f.capture_id LEFT JOIN messages m ON m.id = f.message_id "
            f"WHERE {_VISIBLE} AND f.id > ? ORDER BY f.first_ts, f.id",
            (after_id,),
        )]

    _FINDING_COLUMNS = ("id", "capture_id", "message_id", "type", "value", "canonical", "transform", "location",
                        "confidence", "host", "ip", "port", "protocol", "sdk", "category", "device", "sender",
                        "first_ts", "last_ts", "count", "evidence", "reason")
    _FINDING_FROM = ("FROM findings f JOIN captures c ON c.id = f.capture_id "
                     f"LEFT JOIN messages m ON m.id = f.message_id WHERE {_VISIBLE} ")

    def findings_page(self, limit: int, after_id: int = 0, ids: Sequence[int] | None = None) -> list[Finding]:
        """The newest `limit` visible findings (id above `after_id`, or among `ids`), in time order."""
        if ids is not None:
            wanted = [int(i) for i in ids][:limit]
            if not wanted:
                return []
            return self._page(f"AND f.id IN ({','.join('?' * len(wanted))}) ", wanted, limit)
        return self._page("AND f.id > ? ", [after_id], limit)

    def search_findings(self, needle: str, limit: int, columns: Sequence[str]) -> list[Finding]:
        """The newest `limit` visible findings with `needle` in one of `columns` (case-insensitive), in time order.

        The long columns (value, location, host) are searched through the trigram FTS5 index when the
        needle has the three characters a trigram needs; the short ones, and every column of a database
        without the index (one written by an older privmon, opened read-only), with LIKE.
        """
        cols = [c for c in columns if c in self._FINDING_COLUMNS]
        like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        indexed = [c for c in cols if c in FINDINGS_FTS] if len(needle) >= 3 and self._has_table("findings_fts") else []
        terms = [f"f.{c} LIKE ? ESCAPE '\\'" for c in cols if c not in indexed]
        args: list[Any] = [like] * len(terms)
        if indexed:
            phrase = '"' + needle.replace('"', '""') + '"'
            match = "{" + " ".join(indexed) + "}: " + phrase
            terms.append("f.id IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?)")
            args.append(match)
        if not terms:
            return []
        return self._page(f"AND ({' OR '.join(terms)}) ", args, limit, order="ORDER BY f.id DESC")

    def _page(self, cond: str, args: list[Any], limit: int,
              order: str = "ORDER BY f.first_ts DESC, f.id DESC") -> list[Finding]:
        exprs = [f"f.{c}" for c in self._FINDING_COLUMNS] + ["c.path", "COALESCE(m.url, '')", "COALESCE(m.kind, '')",
                                                             "COALESCE(m.transport, '')"]
        rows = self._packed(exprs, (*self._FINDING_COLUMNS, "capture", "message_url", "message_kind",
                                    "message_transport"),
                            self._FINDING_FROM + cond + f"{order} LIMIT ?", [*args, limit])
        found = [_finding(r) for r in rows]
        found.sort(key=lambda f: (f.first_ts, f.id))
        return found

    def findings_at_or_below(self, capture_ids: Sequence[int], max_id: int) -> bool:
        """Whether any of these captures has a finding with id <= max_id (rows a reader has not shown)."""
        if not capture_ids:
            return False
        marks = ",".join("?" * len(capture_ids))
        return self._one(f"SELECT 1 FROM findings WHERE capture_id IN ({marks}) AND id <= ? LIMIT 1",
                         [*capture_ids, max_id]) is not None

    def finding_texts(self, after_id: int, limit: int, columns: Sequence[str]) -> list[tuple[int, int, str]]:
        """(id, capture id, lower-cased searchable text) of findings above `after_id`, in id order."""
        text = " || ' ' || ".join(f"COALESCE({c}, '')" for c in columns if c in self._FINDING_COLUMNS)
        packed = self._one(
            f"SELECT json_group_array(json_array(id, capture_id, t)) FROM (SELECT id, capture_id, {text} AS t "
            "FROM findings WHERE id > ? ORDER BY id LIMIT ?)", (after_id, limit))[0]
        rows = [(int(i), int(c), str(t).lower()) for i, c, t in json.loads(packed or "[]")]
        rows.sort()
        return rows

    def identifier_values(self) -> list[tuple[str, str]]:
        """Every distinct (value, canonical) of the findings: what redaction masks."""
        return [(r[0], r[1]) for r in self.conn.execute("SELECT DISTINCT value, canonical FROM findings")]

    def findings_by_type_and_destination(self) -> list[dict[str, Any]]:
        """Total hits per (type, destination, sdk), most first within a type: analyze's closing table."""
        return self.rows("SELECT type, COALESCE(NULLIF(host,''), ip) AS dest, sdk, SUM(count) AS n FROM findings "
                         "GROUP BY type, dest, sdk ORDER BY type, n DESC")

    # -- messages, devices, consent, meta ------------------------------------------------------------

    def message(self, message_id: int) -> MessageRecord | None:
        rows = self.rows("SELECT * FROM messages WHERE id = ?", (message_id,))
        return _message(rows[0]) if rows else None

    def senders(self) -> set[str]:
        """The profile devices that sent anything in a visible capture ('' for clients not in the profile)."""
        return {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT m.device FROM messages m JOIN captures c ON c.id = m.capture_id WHERE {_VISIBLE}")}

    def message_span(self) -> tuple[float, float] | None:
        """First and last timestamp of the messages (None when there is none)."""
        lo, hi = self._one("SELECT MIN(ts), MAX(ts) FROM messages WHERE ts > 0")
        return None if lo is None else (float(lo), float(hi))

    def messages_per_bucket(self, lo: float, width: float) -> list[tuple[str, int, int]]:
        """(sender, bucket, messages): a sender is its profile device or else its address."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT COALESCE(NULLIF(device, ''), client_ip) AS dev, CAST((ts - ?) / ? AS INTEGER) AS b, COUNT(*) "
            "FROM messages WHERE ts > 0 GROUP BY dev, b", (lo, width))]

    def findings_per_bucket(self, lo: float, width: float) -> list[tuple[str, int, int]]:
        """(sender, bucket, findings) of the findings first seen from `lo` on."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT COALESCE(NULLIF(m.device, ''), m.client_ip) AS dev, CAST((f.first_ts - ?) / ? AS INTEGER) AS b, "
            "COUNT(*) FROM findings f JOIN messages m ON m.id = f.message_id WHERE f.first_ts >= ? GROUP BY dev, b",
            (lo, width, lo))]

    def consent_ts(self) -> float | None:
        row = self._one("SELECT MIN(ts) FROM consent")
        return float(row[0]) if row and row[0] is not None else None

    def visible_findings_and_consent(self) -> tuple[int, float | None]:
        """The number of visible findings and the consent time, in one row (one GIL hand-off: see `_packed`)."""
        visible, consent = self._one(
            f"SELECT (SELECT COUNT(*) FROM findings f JOIN captures c ON c.id = f.capture_id WHERE {_VISIBLE}), "
            "(SELECT MIN(ts) FROM consent)")
        return int(visible), (float(consent) if consent is not None else None)

    def devices(self) -> list[dict[str, Any]]:
        return self.rows_packed("devices", "ORDER BY name")

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0]) if row else None

    _COUNTED = ("captures", "messages", "dns", "destinations", "findings")

    def counts(self) -> dict[str, int]:
        row = self._one("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in self._COUNTED))
        return {t: int(n) for t, n in zip(self._COUNTED, row, strict=True)}

    def export_table(self, name: str) -> tuple[list[str], list[dict[str, Any]]]:
        """The columns and rows `privmon export` writes for one of EXPORT_TABLES."""
        sql = EXPORT_TABLES[name]
        cols = [d[0] for d in self.conn.execute(sql + " LIMIT 0").description]
        return cols, self.rows(sql)

    def _has_table(self, name: str) -> bool:
        return self._one("SELECT COUNT(*) FROM sqlite_master WHERE name = ?", (name,))[0] > 0

    # -- packed reads ------------------------------------------------------------------------------

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
            raise StoreError(f"{self.path}: {describe(exc)}") from exc
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



# -- columns -> records ------------------------------------------------------------------------------


def _finding(r: dict[str, Any]) -> Finding:
    """A finding row joined with its message's url, kind and transport (monitor/store/write.py keeps a
    datagram's direction in the message's url)."""
    kind = r["message_kind"]
    transport = r["message_transport"] or ("udp" if kind == "datagram" else "tcp")
    if kind in RAW_KINDS:  # a datagram or raw stream has no URL: where it went (and which way) instead
        direction = "in" if r["message_url"] == "in" else "out"
        url = raw_url(transport, r["host"] or r["ip"], r["port"])
    else:
        direction = "out"  # identifiers are read from what the client sends
        url = r["message_url"]
    return Finding(
        r["type"], r["value"], r["transform"], r["location"], r["confidence"], r["host"], r["ip"], r["port"],
        r["protocol"], r["sdk"], r["category"], r["device"], r["sender"], r["first_ts"], r["last_ts"], r["evidence"],
        canonical=r["canonical"], reason=r.get("reason") or "", count=r["count"], message_id=r["message_id"],
        id=r["id"], capture_id=r["capture_id"], capture=r["capture"], transport=transport, direction=direction,
        url=url)


def _destination(d: dict[str, Any]) -> Destination:
    return Destination(
        d["host"], d["ip"], d["port"], d["transport"], d["protocol"], d["sdk"], d["organization"], d["category"],
        d["country"], d["role"], d["reason"], d["bytes_out"], d["bytes_in"], d["packets"], d["first_ts"], d["last_ts"],
        bool(d["encrypted_no_key"]), d.get("tls_rejected") or 0, d["id"], d["capture_id"])


def _message(m: dict[str, Any]) -> MessageRecord:
    """A messages row as its record: the reused columns (url, method, request_body) read by kind."""
    kind = m["kind"]
    raw, websocket, hello = kind in RAW_KINDS, kind == "websocket", kind in ("tls", "quic")
    body = m["request_body"] if isinstance(m["request_body"], bytes) else b""
    return MessageRecord(
        m["id"], kind, m["ts"], m["client_ip"], m["client_port"], m["server_ip"], m["server_port"], m["transport"],
        m["protocol"], m["host"], evidence=m["evidence"], device=m["device"], sdk=m["sdk"], error=m["error"],
        method="" if raw or websocket else m["method"], url="" if raw or hello else m["url"], status=m["status"],
        request_headers=_headers(m["request_headers"]), request_body=b"" if raw or websocket else body,
        response_headers=_headers(m["response_headers"]),
        response_body=m["response_body"] if isinstance(m["response_body"], bytes) else b"",
        body_truncated=bool(m["body_truncated"]),
        alpn=tuple(a for a in m["url"].split(",") if a) if hello else (),
        payload=body if raw or websocket else b"", direction=m["url"] if raw else "",
        p2p_message=m["method"] if raw else "", websocket_frame=m["method"] if websocket else "")


def _headers(raw: Any) -> tuple[tuple[str, str], ...]:
    try:
        pairs = json.loads(raw or "[]")
    except (TypeError, ValueError):
        return ()
    if not isinstance(pairs, list):
        return ()
    return tuple((str(p[0]), str(p[1])) for p in pairs if isinstance(p, list) and len(p) == 2)
