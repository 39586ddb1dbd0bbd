"""`analyze`'s core: capture files into the database, idempotent on each file's SHA-256.

One capture at a time goes source -> Engine -> Store in batches; each batch is one transaction
and the capture is marked complete at the end, so a crash leaves whole batches and the rerun
replaces the unfinished capture. A file that is not a capture raises BadInput before anything
is written; a file damaged partway raises BadInput too and its partial rows are removed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from monitor.engine import Engine, EngineContext
from monitor.errors import BadInput
from monitor.model import Summary
from monitor.sources import open_capture
from monitor.store import Store

BATCH_ROWS = 2000
BATCH_SECONDS = 1.0

Progress = Callable[[int], None]  # called with bytes consumed


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc
    return h.hexdigest()


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
    started = time.perf_counter()
    sha = file_sha256(p)
    existing = store.capture_by_sha(sha)
    if existing is not None and existing["status"] == "complete" and not force:
        s = Summary(skipped=True)
        s.packets = int(existing["packets"])
        return s
    source = open_capture(p, keylogs=keylogs)  # BadInput here: nothing written yet
    capture_id = store.begin_capture(str(p), sha, source.format, keylogs)
    engine = Engine(ctx, store.allocate_message_id, account_http_bytes=source.format in ("har", "mitmproxy"))
    last_flush = time.monotonic()
    try:
        for item in source.messages():
            engine.process(item)
            if engine.pending >= BATCH_ROWS or time.monotonic() - last_flush > BATCH_SECONDS:
                store.write(capture_id, engine.take_batch())
                last_flush = time.monotonic()
                if progress:
                    progress(source.progress())
        store.write(capture_id, engine.take_batch(final=True))
    except BadInput:
        store.begin_capture(str(p), sha, source.format, keylogs)  # drops the partial rows
        _drop_capture(store, sha)
        raise
    summary = engine.summary
    summary.packets = source.packets
    summary.warnings.extend(source.warnings)
    summary.encrypted_no_key = max(summary.encrypted_no_key, getattr(source, "encrypted_no_key", 0))
    summary.decrypted_sessions = getattr(source, "decrypted_sessions", 0)
    summary.seconds = time.perf_counter() - started
    store.finish_capture(capture_id, source.packets, source.first_ts, source.last_ts, source.warnings,
                         {k: v for k, v in asdict(summary).items() if k != "warnings"})
    if progress:
        progress(source.progress())
    return summary


def _drop_capture(store: Store, sha: str) -> None:
    row = store.capture_by_sha(sha)
    if row is None:
        return
    with store._tx():
        store.conn.execute("DELETE FROM captures WHERE id = ?", (row["id"],))


def expand_inputs(paths: Sequence[str]) -> list[Path]:
    """Files as given; directories expanded to the capture files inside them (sorted)."""
    out: list[Path] = []
    suffixes = (".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz", ".har", ".mitm", ".flows", ".flow")
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(suffixes)))
        else:
            out.append(p)
    return out
