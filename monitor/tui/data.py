"""What the TUI shows, read from the database (read-only) off the UI thread.

`load_snapshot` returns plain data; the app calls it from a worker and hands the result to the
widgets on the UI thread. Findings are read incrementally (rows with id above the last seen).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from monitor.model import Policy
from monitor.records import Destination, Finding, MessageRecord, Verdict
from monitor.report.data import mask  # noqa: F401 - one masking rule for reports and TUI
from monitor.store import Store

# C0/C1 controls, ANSI escapes, and the invisible format characters that reorder or hide text on a
# terminal (bidi overrides and isolates, zero-width characters: "Trojan Source" tricks)
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
CELL_MAX = 200


def clean(value: Any, limit: int = CELL_MAX) -> str:
    """Captured text made safe for a terminal: escapes and control characters removed, length capped."""
    s = "" if value is None else str(value)
    if s.isprintable() and len(s) <= limit:  # the common case, without the regex
        return s
    s = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", s)
    return s if len(s) <= limit else s[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


SEARCH_COLUMNS = ("type", "value", "device", "sender", "host", "ip", "sdk", "location", "transform")
INDEX_CHUNK = 50_000  # rows read from the database at a time while building the search index


@dataclass(slots=True)
class Snapshot:
    """One poll's worth of the database: the cheap parts, read every poll."""

    captures: list[dict[str, Any]] = field(default_factory=list)
    devices: list[dict[str, Any]] = field(default_factory=list)
    destinations: list[Destination] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)  # oldest first
    reset: bool = False  # new_findings is a whole page: the table starts again from it
    counts: dict[str, int] = field(default_factory=dict)
    visible_findings: int = 0
    consent_ts: float | None = None
    max_finding_id: int = 0
    visible_captures: frozenset[int] = frozenset()


@dataclass(slots=True)
class Analysis:
    """The slow parts (verdicts over every finding, activity per device), read in their own worker."""

    verdicts: list[Verdict] = field(default_factory=list)
    activity: dict[str, list[int]] = field(default_factory=dict)  # device -> requests per time bucket
    id_activity: dict[str, list[int]] = field(default_factory=dict)  # device -> identifiers per bucket
    label_verdicts: list[dict[str, Any]] = field(default_factory=list)


class SearchIndex:
    """The lower-cased searchable text of every finding, kept in memory by the polling worker.

    A substring test over 100,000 short strings takes ~15 ms in Python, where the same search in
    SQL (LIKE over the joined columns) scans the table in ~150 ms. Rows of captures still being
    ingested are indexed too and left out at search time, so they appear once the capture is done.
    """

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.captures: list[int] = []
        self.texts: list[str] = []
        self.last_id = 0
        self.complete = False  # every row up to the last poll is indexed
        self._lock = threading.Lock()

    def extend(self, rows: list[tuple[int, int, str]]) -> None:
        with self._lock:
            for fid, cap, text in rows:
                self.ids.append(fid)
                self.captures.append(cap)
                self.texts.append(text)
            if rows:
                self.last_id = rows[-1][0]

    def search(self, needle: str, visible: frozenset[int], limit: int) -> list[int]:
        """Ids of the newest `limit` findings whose text contains `needle`, newest first."""
        needle = needle.lower()
        with self._lock:
            n = len(self.ids)
        ids, caps, texts = self.ids, self.captures, self.texts
        out: list[int] = []
        for i in range(n - 1, -1, -1):
            if needle in texts[i] and caps[i] in visible:
                out.append(ids[i])
                if len(out) >= limit:
                    break
        return out

    def update_from(self, db_path: str, max_chunks: int = 20, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Index the rows written since the last call, INDEX_CHUNK at a time (the rest at the next poll)."""
        with Store.open(db_path, readonly=True) as store:
            for _ in range(max_chunks):
                if cancelled():
                    return
                rows = store.finding_texts(self.last_id, INDEX_CHUNK, SEARCH_COLUMNS)
                self.extend(rows)
                self.complete = len(rows) < INDEX_CHUNK
                if self.complete:
                    break


def load_snapshot(db_path: str, after_finding: int, page: int, known_captures: frozenset[int] | None) -> Snapshot:
    """Captures, devices, destinations, counts and the findings above `after_finding` (at most `page`).

    When the set of visible captures changed (an analysis finished), or on the first poll, the
    newest `page` findings are read again and `reset` is set.
    """
    with Store.open(db_path, readonly=True) as store:
        snap = Snapshot()
        snap.captures = store.captures()
        snap.visible_captures = frozenset(int(c["id"]) for c in snap.captures)
        snap.reset = known_captures is None or not known_captures <= snap.visible_captures or \
            after_finding == 0
        fresh = sorted(snap.visible_captures - (known_captures or frozenset()))
        if fresh and not snap.reset:
            # a capture that turned visible with rows below the last id seen: start the page again
            snap.reset = store.findings_at_or_below(fresh, after_finding)
        snap.new_findings = store.findings_page(page, 0 if snap.reset else after_finding)
        snap.max_finding_id = max([0 if snap.reset else after_finding] + [f.id for f in snap.new_findings])
        snap.devices = store.devices()
        snap.destinations = store.destinations()
        snap.counts = store.counts()
        snap.visible_findings, snap.consent_ts = store.visible_findings_and_consent()
    return snap


def load_analysis(db_path: str, policy: Policy | None, buckets: int = 60, labels: list[Any] | None = None) -> Analysis:
    with Store.open(db_path, readonly=True) as store:
        out = Analysis()
        if policy is not None or labels:
            findings, destinations = store.findings(), store.destinations()
            if policy is not None:
                from monitor.compare import compute_verdicts

                out.verdicts = compute_verdicts(policy, findings, destinations, store.consent_ts())
            if labels:
                from monitor.labels.report import label_blocks

                out.label_verdicts = label_blocks(store, labels, findings, destinations,
                                                  "service-providers")["label_verdicts"]
        out.activity, out.id_activity = _activity(store, buckets)
    return out


def search_findings(db_path: str, needle: str, index: SearchIndex, visible: frozenset[int],
                    limit: int) -> list[Finding]:
    """The newest `limit` findings matching `needle`, oldest first: from the index once it is built."""
    with Store.open(db_path, readonly=True) as store:
        if index.complete:
            return store.findings_page(limit, ids=index.search(needle, visible, limit))
        return store.search_findings(needle, limit, SEARCH_COLUMNS)


def load_newest(db_path: str, limit: int) -> list[Finding]:
    with Store.open(db_path, readonly=True) as store:
        return store.findings_page(limit)


def load_findings(db_path: str, ids: list[int], limit: int = 50) -> list[Finding]:
    with Store.open(db_path, readonly=True) as store:
        return store.findings_page(limit, ids=ids)


def _activity(store: Store, buckets: int) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    span = store.message_span()
    if span is None:
        return {}, {}
    lo, hi = span
    width = max((hi - lo) / buckets, 1.0)
    req: dict[str, list[int]] = {}
    ids: dict[str, list[int]] = {}
    for dev, b, n in store.messages_per_bucket(lo, width):
        req.setdefault(dev or "?", [0] * buckets)[min(buckets - 1, b)] += n
    for dev, b, n in store.findings_per_bucket(lo, width):
        ids.setdefault(dev or "?", [0] * buckets)[min(buckets - 1, max(0, b))] += n
    return req, ids


def load_redactor(db_path: str) -> Any:
    """Masks every identifier value of the database (hidden mode: none shows in clear anywhere)."""
    from monitor.report.safe import Redactor

    with Store.open(db_path, readonly=True) as store:
        return Redactor.from_store(store)


def load_message(db_path: str, message_id: int | None) -> MessageRecord | None:
    if message_id is None:
        return None
    with Store.open(db_path, readonly=True) as store:
        return store.message(int(message_id))
