"""`analyze`'s core: capture files into the database, idempotent on each file's SHA-256.

Reading and classifying a capture (`capture_events`) is separate from writing it
(`write_events`), so the same code runs in one process, in a pool of worker processes, or on
Dask workers, with one writer. A capture is written in whole batches, each one transaction, and
marked complete at the end: a crash leaves whole batches and the rerun replaces the unfinished
capture. A file that is not a capture raises BadInput before anything is written; a file damaged
partway raises BadInput too and its partial rows are removed.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from monitor.engine import MAX_SCANNED_DATAGRAMS_PER_FLOW, Engine, EngineContext
from monitor.errors import BadInput
from monitor.model import Summary
from monitor.sources import capture_format, open_capture
from monitor.store import Batch, Store

BATCH_ROWS = 2000
BATCH_SECONDS = 1.0
CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz", ".har", ".mitm", ".flows", ".flow")

Progress = Callable[[int], None]  # called with bytes consumed


class Begin:
    """A capture starts (plain classes, these three: a dataclass costs ~0.2-0.4 ms of CPU to build at import)."""

    __slots__ = ("path", "sha256", "format", "keylogs")

    def __init__(self, path: str, sha256: str, format: str, keylogs: tuple[str, ...] = ()) -> None:
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.keylogs = keylogs


class Rows:
    """A batch of its records, and how far into the file it came from."""

    __slots__ = ("batch", "progress")

    def __init__(self, batch: Batch, progress: int = 0) -> None:
        self.batch = batch
        self.progress = progress


class End:
    """The capture's end: its packet count, time span and summary."""

    __slots__ = ("packets", "first_ts", "last_ts", "summary")

    def __init__(self, packets: int, first_ts: float | None, last_ts: float | None, summary: Summary | None = None
                 ) -> None:
        self.packets = packets
        self.first_ts = first_ts
        self.last_ts = last_ts
        self.summary = Summary() if summary is None else summary


Event = Begin | Rows | End


def file_sha256(path: Path) -> str:
    from monitor.files import open_regular

    try:
        with open_regular(path, "capture") as fh:
            # read into one reused buffer (256 KiB): a new 1 MiB bytes object per read cost its allocation and
            # page faults (50 MB capture, fresh process: ~3.5 ms of CPU of the ~40 ms the digest takes)
            return hashlib.file_digest(fh, hashlib.sha256).hexdigest()
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc


def capture_events(path: str | Path, ctx: EngineContext, keylogs: Sequence[str] = (),
                   sha256: str | None = None) -> Iterator[Event]:
    """Read and classify one capture; yields Begin, Rows..., End. No database access.

    Message ids in the rows are local to this capture (1, 2, ...); SQLite gives the stored ids (Store.write).
    Raises BadInput (possibly after some Rows: the writer then drops the partial capture).
    """
    p = Path(path)
    started = time.perf_counter()
    sha = sha256 or file_sha256(p)
    source = open_capture(p, keylogs=keylogs)
    yield Begin(str(p), sha, source.format, tuple(keylogs))
    counter = itertools.count(1)
    engine = Engine(ctx, lambda: next(counter), account_http_bytes=capture_format(source.format).exchanges)
    if hasattr(source, "late_datagrams"):  # a packet capture: a long conversation's datagrams the engine would
        # only count are counted without a Datagram message (Engine.wants_datagram)
        source.late_datagrams = (MAX_SCANNED_DATAGRAMS_PER_FLOW, engine.wants_datagram)
    last_flush = time.monotonic()
    process = engine.process
    for n, item in enumerate(source.messages(), 1):
        process(item)
        # whether the batch is due, asked every 16 messages (it may pass BATCH_ROWS by what 15 messages add)
        if not n & 15 and (engine.pending >= BATCH_ROWS or time.monotonic() - last_flush > BATCH_SECONDS):
            yield Rows(engine.take_batch(), source.progress())
            last_flush = time.monotonic()
    yield Rows(engine.take_batch(final=True), source.progress())
    summary = engine.summary
    summary.packets = source.packets
    summary.warnings.extend(source.warnings)
    summary.encrypted_no_key = max(summary.encrypted_no_key, getattr(source, "encrypted_no_key", 0))
    summary.decrypted_sessions = getattr(source, "decrypted_sessions", 0)
    summary.seconds = time.perf_counter() - started
    yield End(source.packets, source.first_ts, source.last_ts, summary)


class CaptureWriter:
    """The single writer: stores the events of one or several interleaved captures (by key)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._ids: dict[int, int] = {}
        self._sha: dict[int, str] = {}

    def handle(self, key: int, ev: Event, progress: Progress | None = None) -> Summary | None:
        """Write one event; returns the capture's Summary when it is complete."""
        if isinstance(ev, Begin):
            self._sha[key] = ev.sha256
            self._ids[key] = self.store.begin_capture(ev.path, ev.sha256, ev.format, ev.keylogs)
        elif isinstance(ev, Rows):
            self.store.write(self._ids[key], ev.batch)  # SQLite numbers the messages; findings follow
            if progress:
                progress(ev.progress)
        else:
            s = ev.summary
            self.store.finish_capture(self._ids[key], ev.packets, ev.first_ts, ev.last_ts, s.warnings,
                                      {k: v for k, v in asdict(s).items() if k != "warnings"})
            return s
        return None

    def abort(self, key: int) -> None:
        """Drop a capture that failed partway (nothing else in the database changes)."""
        if key in self._sha:
            drop_capture(self.store, self._sha[key])


def write_events(store: Store, events: Iterator[Event], progress: Progress | None = None) -> Summary:
    """Write one capture's events; on BadInput the partial capture is removed and the error re-raised."""
    writer = CaptureWriter(store)
    try:
        for ev in events:
            summary = writer.handle(0, ev, progress)
            if summary is not None:
                return summary
    except BadInput:
        writer.abort(0)
        raise
    raise BadInput("?", "capture ended without a summary")


def already_done(store: Store, sha: str) -> dict[str, Any] | None:
    row = store.capture_by_sha(sha)
    return row if row is not None and row["status"] == "complete" else None


def analyze_file(
    path: str | Path,
    store: Store,
    ctx: EngineContext,
    keylogs: Sequence[str] = (),
    progress: Progress | None = None,
    force: bool = False,
) -> Summary:
    """Ingest one capture file. Returns its summary (skipped=True when already in the DB)."""
    p = Path(path)
    sha = file_sha256(p)
    done = already_done(store, sha)
    if done is not None and not force:
        return Summary(skipped=True, packets=int(done["packets"]))
    summary = write_events(store, capture_events(p, ctx, keylogs, sha256=sha), progress)
    record_country_source(store, ctx)
    return summary


def record_country_source(store: Store, ctx: EngineContext) -> None:
    """Which country data attributed this database's destinations (shown in reports)."""
    if ctx.geo is not None:
        store.set_meta("country_data", ctx.geo.describe())


def drop_capture(store: Store, sha: str) -> None:
    """Remove a capture and its rows (used when a file turns out bad partway)."""
    row = store.capture_by_sha(sha)
    if row is not None:
        store.delete_capture(int(row["id"]))


def expand_inputs(paths: Sequence[str]) -> list[Path]:
    """Files as given; directories expanded to the capture files inside them (sorted)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(CAPTURE_SUFFIXES)))
        else:
            out.append(p)
    return out
