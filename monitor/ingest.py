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
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
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
# rows a capture may hold back while its digest (which the first batch's Begin carries) is still being computed
MAX_ROWS_BEFORE_DIGEST = 8 * BATCH_ROWS
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


class _Cancelled(Exception):
    pass


def file_sha256(path: Path, stop: threading.Event | None = None) -> str:
    from monitor.files import open_regular

    try:
        with open_regular(path, "capture") as fh:
            # read into one reused buffer: a new bytes object per read cost its allocation and page faults (50 MB
            # capture, fresh process: ~3.5 ms of CPU of the ~40 ms the digest takes). 4 MiB, because the digest
            # runs in a thread beside the capture's reading (Digest): it takes the GIL back after each read and
            # each update, waiting up to the 5 ms switch interval each time; with 256 KiB a 125 MB capture's
            # digest waited so long that the reading stopped for it (no gain); with 4 MiB it runs alongside
            digest = hashlib.sha256()
            buf = bytearray(4 << 20)
            view = memoryview(buf)
            while n := fh.readinto(buf):
                if stop is not None and stop.is_set():
                    raise _Cancelled
                digest.update(view[:n])
            return digest.hexdigest()
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc


class Digest:
    """A file's SHA-256, computed in a thread while the file is read and classified.

    File reads and hashlib release the GIL for large buffers, so on two cores the digest (about a fifth of a
    capture's classification time) comes almost free instead of before the first packet. `cancel` stops it
    (the capture failed, or turned out to be stored already) at its next 4 MiB read.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._stop = threading.Event()
        self._value = ""
        self._error: BadInput | None = None
        self._thread = threading.Thread(target=self._run, name="privmon-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = file_sha256(self._path, self._stop)
        except BadInput as exc:
            self._error = exc
        except _Cancelled:
            pass
        except Exception as exc:  # noqa: BLE001 - (out of memory, a bug): the capture fails with one line, never
            # stored under an empty digest
            self._error = BadInput(str(self._path), f"cannot hash: {type(exc).__name__}: {exc}")

    def ready(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> str:
        """The hex digest (waits for it); BadInput when the file could not be read."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if not self._value:
            raise BadInput(str(self._path), "cannot hash: the digest was cancelled")
        return self._value

    def cancel(self) -> None:
        self._stop.set()


def capture_events(path: str | Path, ctx: EngineContext, keylogs: Sequence[str] = (),
                   sha256: str | None = None) -> Generator[Event, None, None]:
    """Read and classify one capture; yields Begin, Rows..., End. No database access.

    sha256: the file's digest when the caller has it; else it is computed in a thread while the capture is read,
    and Begin (which carries it) comes just before the first batch. Message ids in the rows are local to this
    capture (1, 2, ...); SQLite gives the stored ids (Store.write).
    Raises BadInput (possibly after some Rows: the writer then drops the partial capture).
    """
    p = Path(path)
    started = time.perf_counter()
    digest = Digest(p) if sha256 is None else None
    try:
        yield from _classified(p, ctx, tuple(keylogs), sha256, digest, started)
    finally:
        if digest is not None:
            digest.cancel()


def _classified(p: Path, ctx: EngineContext, keylogs: tuple[str, ...], sha256: str | None, digest: Digest | None,
                started: float) -> Generator[Event, None, None]:
    source = open_capture(p, keylogs=keylogs)

    def begin() -> Begin:
        return Begin(str(p), digest.result() if digest is not None else sha256 or "", source.format, keylogs)

    begun = False
    counter = itertools.count(1)
    engine = Engine(ctx, lambda: next(counter), account_http_bytes=capture_format(source.format).exchanges)
    if hasattr(source, "late_datagrams"):  # a packet capture: a long conversation's datagrams the engine would
        # only count are counted without a Datagram message (Engine.wants_datagram)
        source.late_datagrams = (MAX_SCANNED_DATAGRAMS_PER_FLOW, engine.wants_datagram)
    last_flush = time.monotonic()
    process = engine.process
    for n, item in enumerate(source.messages(), 1):
        process(item)
        # whether the batch is due, asked every 16 messages (it may pass BATCH_ROWS by what 15 messages add);
        # before Begin, a due batch waits for the digest unless the rows held back reach MAX_ROWS_BEFORE_DIGEST
        if not n & 15 and (engine.pending >= BATCH_ROWS or time.monotonic() - last_flush > BATCH_SECONDS):
            if not begun:
                if digest is not None and not digest.ready() and engine.pending < MAX_ROWS_BEFORE_DIGEST:
                    continue
                yield begin()
                begun = True
            yield Rows(engine.take_batch(), source.progress())
            last_flush = time.monotonic()
    if not begun:
        yield begin()
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

    def handle(self, key: int, ev: Event, progress: Progress | None = None) -> Summary | None:
        """Write one event; returns the capture's Summary when it is complete."""
        if isinstance(ev, Begin):
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
        """Drop a capture that failed partway (nothing else in the database changes: a stored reading of the same
        file that this one was to replace stays)."""
        if key in self._ids:
            self.store.delete_capture(self._ids.pop(key))


def write_events(store: Store, events: Iterator[Event], progress: Progress | None = None,
                 skip_stored: bool = False) -> Summary:
    """Write one capture's events; on BadInput (or a bug) the partial capture is removed and the error re-raised.

    skip_stored: a capture whose digest (its Begin) is already stored complete is not read further: a skipped
    Summary with the stored packet count.
    """
    writer = CaptureWriter(store)
    try:
        for ev in events:
            if skip_stored and isinstance(ev, Begin) and (done := already_done(store, ev.sha256)) is not None:
                if isinstance(events, Generator):
                    events.close()
                return Summary(skipped=True, packets=int(done["packets"]))
            summary = writer.handle(0, ev, progress)
            if summary is not None:
                return summary
    except Exception:  # a bad file (BadInput) or a bug: what was written of this capture goes again
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
    summary = write_events(store, capture_events(Path(path), ctx, keylogs), progress, skip_stored=not force)
    if not summary.skipped:
        record_country_source(store, ctx)
    return summary


def record_country_source(store: Store, ctx: EngineContext) -> None:
    """Which country data attributed this database's destinations (shown in reports)."""
    if ctx.geo is not None:
        store.set_meta("country_data", ctx.geo.describe())


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
