"""One writer per live session: a bounded queue in, classified rows out to SQLite in batches.

The proxy's event loop and the sniffer's capture thread only `submit()` (never block: when the
queue is full the item is counted as dropped); classification and database writes happen here.
For the proxy the writer is a separate, lower-priority process (`ProcessRecorder`): flows cross
as plain tuples (`raw_from_flow`), several at a time, and when the machine is busy the proxy's
traffic goes first while the recorder catches up from its queue.

Nothing fails silently. A batch the database refuses (disk full, I/O error) is counted (errors,
and its messages as lost), said once on stderr, and recording goes on with the next batch. When
the recorder process dies (kill -9, OOM), the proxy notices within a tick, says so, counts the
flows it had handed over as dropped and starts a new recorder (a new capture), at most
MAX_RESTARTS times; after that later flows are counted as dropped.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import signal
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from monitor.engine import Engine, EngineContext
from monitor.errors import PrivmonError
from monitor.model import FlowStats, Message
from monitor.sources.mitm import RAW_TAG, exchange_from_raw
from monitor.store import Store, live_marker

log = logging.getLogger("privmon.live")
FLUSH_SECONDS = 0.5
FLUSH_ROWS = 500
HANDOFF_ITEMS = 64  # flows sent to the recorder process together (one pickle, one pipe write)
HANDOFF_SECONDS = 0.1  # ... or after this long, whichever comes first
MAX_BYTES_IN_FLIGHT = 256 << 20  # bodies handed over but not yet classified; beyond it flows are dropped (counted)
RECORDER_NICE = 10  # the recorder process yields the CPU to the proxy when both want it
MAX_RESTARTS = 3  # a recorder process that keeps dying is not started again
# shared counters of a recorder process (one int64 each)
C_PROCESSED, C_ERRORS, C_BATCH_DONE, C_STORED, C_LOST, C_SETTLED = range(6)  # SETTLED: last batch written (or lost)


def say(message: str) -> None:
    """One line on stderr for the person running the session (mitmproxy's log may be off or quiet)."""
    try:
        print(f"privmon: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


@dataclass(slots=True)
class RecorderStats:
    submitted: int = 0
    dropped: int = 0  # never classified: queue full, bytes bound, or the recorder died holding them
    processed: int = 0  # classified
    errors: int = 0  # failed classifications and failed database writes
    stored: int = 0  # classified and written to the database
    lost: int = 0  # classified, but their database write failed (or the recorder died before it)


class Recorder:
    def __init__(self, db_path: str, ctx: EngineContext, fmt: str, label: str, queue_size: int = 20_000,
                 account_http_bytes: bool = True) -> None:
        self.db_path = db_path
        self.ctx = ctx
        self.fmt = fmt
        self.label = label
        self.q: queue.Queue[Message | FlowStats | None] = queue.Queue(maxsize=queue_size)
        self.stats = RecorderStats()
        self.account_http_bytes = account_http_bytes
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self._counters: Any = None  # shared-memory counters when running in a child process
        self._unflushed = 0  # processed since the last write
        self._last_batch = 0  # the last handoff batch classified (ProcessRecorder)
        self._said: set[str] = set()

    def start(self) -> Recorder:
        self._thread = threading.Thread(target=self._run, name="privmon-recorder", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        return self

    def submit(self, item: Message | FlowStats) -> bool:
        """Hand over one message; never blocks. False when the queue was full (counted as dropped)."""
        try:
            self.q.put_nowait(item)
        except queue.Full:
            self.stats.dropped += 1
            return False
        self.stats.submitted += 1
        return True

    def stop(self, timeout: float = 30.0) -> None:
        if self._thread is None:
            return
        end = time.monotonic() + timeout
        while self._thread.is_alive():  # never wait on a full queue whose reader is gone
            try:
                self.q.put(None, timeout=0.2)
                break
            except queue.Full:
                if time.monotonic() > end:
                    return
        self._thread.join(max(0.0, end - time.monotonic()))

    def _run(self) -> None:
        try:
            store = Store.open(self.db_path)
        except PrivmonError as exc:
            self._error = exc
            self._ready.set()
            return
        with store:
            try:
                capture_id = store.begin_capture(self.label, f"{self.fmt}:{uuid.uuid4()}", self.fmt)
                self._live_summary = live_marker()
                store.finish_capture(capture_id, 0, None, None, summary=self._live_summary,
                                     status="live")  # visible to readers at once
                if self.ctx.geo is not None:
                    store.set_meta("country_data", self.ctx.geo.describe())
                if self.ctx.profile.devices:  # store labels are judged per device platform, also in `report`
                    store.set_devices([d.as_row() for d in self.ctx.profile.devices])
            except PrivmonError as exc:  # e.g. disk full before the session started: one clear line
                self._error = exc
                self._ready.set()
                return
            engine = Engine(self.ctx, itertools.count(1).__next__, account_http_bytes=self.account_http_bytes)
            self._ready.set()
            last = time.monotonic()
            running = True
            while running:
                try:
                    item = self.q.get(timeout=FLUSH_SECONDS / 2)
                except queue.Empty:
                    item = False  # type: ignore[assignment]
                if item is None:
                    running = False
                elif isinstance(item, list):  # a handoff batch from ProcessRecorder: [seq, item, item, ...]
                    for one in item[1:]:
                        if one is None:
                            running = False
                        else:
                            self._process(engine, one)
                    self._last_batch = item[0]
                    if self._counters is not None:
                        self._counters[C_BATCH_DONE] = item[0]
                elif item is not False:
                    self._process(engine, item)
                if not running or engine.pending >= FLUSH_ROWS or time.monotonic() - last >= FLUSH_SECONDS:
                    self._flush(store, capture_id, engine, final=not running)
                    last = time.monotonic()

    def _process(self, engine: Engine, item: Message | FlowStats | tuple[Any, ...]) -> None:
        try:
            if isinstance(item, tuple) and item and item[0] == RAW_TAG:
                built = exchange_from_raw(item)
                if built is None:
                    return
                item = built
            assert not isinstance(item, tuple)
            engine.process(item)
            self.stats.processed += 1
            self._unflushed += 1
            if self._counters is not None:
                self._counters[C_PROCESSED] = self.stats.processed
            ts = getattr(item, "ts", None) or getattr(item, "last_ts", None)
            if ts:
                self.first_ts = ts if self.first_ts is None else min(self.first_ts, ts)
                self.last_ts = ts if self.last_ts is None else max(self.last_ts, ts)
        except Exception:  # noqa: BLE001 - fail open: one bad message must not stop the session
            self.stats.errors += 1
            self._publish()
            log.exception("privmon: classification failed for %s", getattr(item, "evidence", "?"))

    def _publish(self, settled: bool = False) -> None:
        c = self._counters
        if c is not None:
            c[C_PROCESSED], c[C_ERRORS], c[C_STORED], c[C_LOST] = (self.stats.processed, self.stats.errors,
                                                                  self.stats.stored, self.stats.lost)
            if settled:
                c[C_SETTLED] = self._last_batch

    def _flush(self, store: Store, capture_id: int, engine: Engine, final: bool) -> None:
        engine.flush_destinations()
        batch = engine.take_batch()
        try:
            store.write(capture_id, batch)
            self.stats.stored += self._unflushed
        except Exception as exc:  # noqa: BLE001 - the recorder survives any failed write and goes on
            self.stats.errors += 1
            self.stats.lost += self._unflushed
            self._failed("write", exc, f"a batch of {self._unflushed} messages ({len(batch)} rows) was not stored")
        self._unflushed = 0
        self._publish(settled=True)  # at once: a batch written and then handed to a new recorder would be stored twice
        try:  # the capture row: progress, and the heartbeat that tells readers this session is alive
            store.finish_capture(capture_id, self.stats.stored, self.first_ts, self.last_ts,
                                 summary=None if final else self._live_summary,
                                 status="complete" if final else "live")
        except Exception as exc:  # noqa: BLE001
            self.stats.errors += 1
            self._failed("progress", exc, "the capture's progress was not updated")
        self._publish()

    def _failed(self, what: str, exc: BaseException, lost: str) -> None:
        """Say a kind of failure once (later ones are only counted); the details go to the log."""
        text = exc.line() if isinstance(exc, PrivmonError) else f"{type(exc).__name__}: {exc}"
        kind = "disk full" if "disk full" in text else text
        log.info("privmon: database %s failed: %s", what, text)  # said once below; the log has each one
        if kind in self._said:
            return
        self._said.add(kind)
        if kind == "disk full":
            say(f"disk full: {self.db_path}: {lost}; recording goes on (later losses are counted, "
                "not repeated: see the summary)")
        else:
            say(f"database write failed: {text}: {lost}; recording goes on (later losses are counted)")


def _child(db_path: str, context_args: tuple[tuple[str, ...], str | None, str | None], fmt: str, label: str, q: Any,
           ready: Any, counters: Any) -> None:
    """The recorder's loop in its own process (rebuilds the context from its arguments)."""
    from monitor.context import build_context

    rec = Recorder(db_path, build_context(*context_args), fmt, label)
    rec.q = q  # type: ignore[assignment]
    rec._thread = threading.current_thread()
    try:
        rec._ready.set = ready.set  # type: ignore[method-assign]
    except AttributeError:
        pass
    rec._counters = counters
    try:
        os.nice(RECORDER_NICE)
    except OSError:
        pass
    rec._run()


class ProcessRecorder:
    """The recorder in a separate process: classification never competes with the proxy for the GIL.

    Same interface as Recorder. `submit` appends to a local batch; a batch goes to the process as one
    queue item when it holds HANDOFF_ITEMS flows or its first flow is HANDOFF_SECONDS old (`tick`,
    called by the addon's timer, sends stale batches and checks that the process is alive). The
    bytes handed over and not yet classified are bounded by MAX_BYTES_IN_FLIGHT: the process
    reports the last batch it finished.
    """

    def __init__(self, db_path: str, signature_dirs: tuple[str, ...], profile_path: str | None, fmt: str,
                 label: str, queue_size: int = 2_000, geoip: str | None = None) -> None:
        import multiprocessing as mp

        self._mp = mp.get_context("spawn")
        self._queue_size = queue_size
        self._args = (db_path, (signature_dirs, profile_path, geoip), fmt, label)
        self._proc: Any = None
        self.local = RecorderStats()
        self._past = RecorderStats()  # what processes that died had done
        self._batch: list[Any] = []
        self._batch_bytes = 0
        self._batch_started = 0.0
        self._seq = 0
        self.restarts = 0
        self.dead = False  # True once the process died and was not restarted: flows are counted as dropped
        self._fresh_channel()

    def _fresh_channel(self) -> None:
        """A new queue, ready event and counters (a killed process may hold the old queue's lock)."""
        self.q = self._mp.Queue(maxsize=self._queue_size)  # batches
        self._ready = self._mp.Event()
        self._counters = self._mp.Array("q", 6, lock=False)
        self._in_flight: list[tuple[int, int, int]] = []  # (batch seq, bytes, flows) not yet reported finished
        self._in_flight_bytes = 0
        self._unsettled: list[list[Any]] = []  # batches sent and not yet written: sent again if the process dies

    def _spawn(self) -> None:
        self._proc = self._mp.Process(target=_child, args=(*self._args, self.q, self._ready, self._counters),
                                      daemon=True, name="privmon-recorder")
        self._proc.start()

    def start(self) -> ProcessRecorder:
        Store.open(self._args[0]).close()  # a bad database path fails here, with one clear line
        self._spawn()
        if not self._ready.wait(60) or not self._proc.is_alive():
            raise PrivmonError(f"{self._args[0]}: the recorder process did not start")
        return self

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def submit(self, item: Message | FlowStats | tuple[Any, ...]) -> bool:
        if self.dead:
            self.local.dropped += 1
            return False
        size = _size(item)
        if self._in_flight_bytes + self._batch_bytes + size > MAX_BYTES_IN_FLIGHT:
            self._settle()
            if self._in_flight_bytes + self._batch_bytes + size > MAX_BYTES_IN_FLIGHT:
                self.local.dropped += 1
                return False
        if not self._batch:
            self._batch_started = time.monotonic()
        self._batch.append(item)
        self._batch_bytes += size
        self.local.submitted += 1
        if len(self._batch) >= HANDOFF_ITEMS:
            self._send()
        return True

    def tick(self) -> None:
        """Check the process and send a batch that has waited long enough (the addon calls this 20 times a second)."""
        if self._proc is not None and not self.dead and not self._proc.is_alive():
            self._died(restart=True)
        if self._batch and time.monotonic() - self._batch_started >= HANDOFF_SECONDS:
            self._send()

    def _send(self) -> None:
        items, size = self._batch, self._batch_bytes
        self._batch, self._batch_bytes = [], 0
        if self.dead:
            self.local.dropped += len(items)
            self.local.submitted -= len(items)
            return
        self._put(items, size)

    def _put(self, items: list[Any], size: int) -> None:
        self._seq += 1
        batch = [self._seq, *items]
        try:
            self.q.put_nowait(batch)
        except queue.Full:
            self.local.dropped += len(items)
            self.local.submitted -= len(items)
            return
        self._in_flight.append((self._seq, size, len(items)))
        self._in_flight_bytes += size
        self._unsettled.append(batch)
        self._settle()

    def _settle(self) -> None:
        done = int(self._counters[C_BATCH_DONE])
        while self._in_flight and self._in_flight[0][0] <= done:
            self._in_flight_bytes -= self._in_flight.pop(0)[1]
        settled = int(self._counters[C_SETTLED])
        while self._unsettled and self._unsettled[0][0] <= settled:
            self._unsettled.pop(0)

    def _died(self, restart: bool) -> None:
        """The process is gone: say so once; hand what it had not stored to a new one (or count it dropped)."""
        code = self._proc.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 and \
            -code in signal.Signals._value2member_map_ else f"exit code {code}"
        self._settle()
        unsettled, self._unsettled = self._unsettled, []
        pending = sum(len(b) - 1 for b in unsettled)  # handed over, neither stored nor counted lost
        c, p = self._counters, self._past
        p.stored += int(c[C_STORED])
        p.lost += int(c[C_LOST])
        p.processed += int(c[C_STORED]) + int(c[C_LOST])  # the rest is classified again by the next process
        p.errors += int(c[C_ERRORS])
        for i in range(len(c)):
            c[i] = 0  # now counted in _past
        self._in_flight, self._in_flight_bytes = [], 0
        self._abandon_queue()
        if restart and self.restarts < MAX_RESTARTS:
            self.restarts += 1
            self._fresh_channel()
            self._spawn()  # not waited for: the proxy goes on, the new process reads its queue when ready
            for b in unsettled:
                self._put(b[1:], sum(_size(x) for x in b[1:]))
            say(f"the recorder process died ({how}); started a new one (restart {self.restarts} of {MAX_RESTARTS}, "
                f"a new capture in {self._args[0]}) and handed it the {pending} flows not yet stored; "
                "the flows keep passing")
        else:
            self.dead = True
            self.local.dropped += pending
            self.local.submitted -= pending
            self._send()  # the flows waiting here are counted as dropped too
            say(f"the recorder process died ({how}); {pending} flows it had not stored and all later flows "
                "pass but are not recorded (counted as dropped)")

    def _abandon_queue(self) -> None:
        """Never wait at exit for a queue nobody reads (its feeder thread would block the process)."""
        try:
            self.q.cancel_join_thread()
            self.q.close()
        except (OSError, ValueError, AssertionError):
            pass

    @property
    def stats(self) -> RecorderStats:
        c, p = self._counters, self._past
        return RecorderStats(self.local.submitted, self.local.dropped, p.processed + int(c[C_PROCESSED]),
                             p.errors + int(c[C_ERRORS]), p.stored + int(c[C_STORED]), p.lost + int(c[C_LOST]))

    def stop(self, timeout: float = 30.0) -> None:
        """Send what is waiting, let the process drain and write it, and end; prompt if the process is gone."""
        if self._proc is None or self.dead:
            return
        if not self._proc.is_alive():
            self._died(restart=False)
            return
        if self._batch:
            self._send()
        try:
            self.q.put(None, timeout=min(timeout, 5.0))
        except queue.Full:
            pass
        self._proc.join(timeout)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join(5)
        self._abandon_queue()
        self.dead = True


def _size(item: Any) -> int:
    """Approximate bytes an item holds (its bodies), for the in-flight bound."""
    if isinstance(item, tuple):
        return 512 + sum(len(x) for x in item if isinstance(x, bytes))
    return 512 + len(getattr(item, "request_body", b"") or b"") + len(getattr(item, "response_body", b"") or b"") + \
        len(getattr(item, "payload", b"") or b"") + len(getattr(item, "content", b"") or b"")
