"""One writer thread per live session: a bounded queue in, classified rows out to SQLite in batches.

The proxy's event loop and the sniffer's capture thread only `submit()` (never block: when the
queue is full the item is counted as dropped); classification and database writes happen here.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from dataclasses import dataclass

from monitor.engine import Engine, EngineContext
from monitor.errors import PrivmonError
from monitor.model import FlowStats, Message
from monitor.store import Store

log = logging.getLogger("privmon.live")
FLUSH_SECONDS = 0.5
FLUSH_ROWS = 500


@dataclass(slots=True)
class RecorderStats:
    submitted: int = 0
    dropped: int = 0
    processed: int = 0
    errors: int = 0


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
        self.q.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            store = Store.open(self.db_path)
        except PrivmonError as exc:
            self._error = exc
            self._ready.set()
            return
        with store:
            capture_id = store.begin_capture(self.label, f"{self.fmt}:{uuid.uuid4()}", self.fmt)
            store.finish_capture(capture_id, 0, None, None, status="live")  # visible to readers at once
            engine = Engine(self.ctx, store.allocate_message_id, account_http_bytes=self.account_http_bytes)
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
                elif item is not False:
                    self._process(engine, item)
                if not running or engine.pending >= FLUSH_ROWS or time.monotonic() - last >= FLUSH_SECONDS:
                    self._flush(store, capture_id, engine, final=not running)
                    last = time.monotonic()

    def _process(self, engine: Engine, item: Message | FlowStats) -> None:
        try:
            engine.process(item)
            self.stats.processed += 1
            ts = getattr(item, "ts", None) or getattr(item, "last_ts", None)
            if ts:
                self.first_ts = ts if self.first_ts is None else min(self.first_ts, ts)
                self.last_ts = ts if self.last_ts is None else max(self.last_ts, ts)
        except Exception:  # noqa: BLE001 - fail open: one bad message must not stop the session
            self.stats.errors += 1
            log.exception("privmon: classification failed for %s", getattr(item, "evidence", "?"))

    def _flush(self, store: Store, capture_id: int, engine: Engine, final: bool) -> None:
        engine.flush_destinations()
        try:
            store.write(capture_id, engine.take_batch())
            store.finish_capture(capture_id, self.stats.processed, self.first_ts, self.last_ts,
                                 status="complete" if final else "live")
        except PrivmonError:
            self.stats.errors += 1
            log.exception("privmon: database write failed")
