"""Many captures at once: worker processes (or Dask workers) read and classify, one writer stores.

Where the platform forks (Linux), workers are forked from the parent after it has loaded the
classification context (signatures, profile, country table): they start at once, without
importing privmon and rebuilding the context each (about 0.5 s of CPU per worker, which on two
cores is time taken from the other worker). Elsewhere (spawn) and on Dask they rebuild it from
the same arguments (signature dirs, profile path, geo database). Workers stream `ingest` events
back; the parent is the only database writer, so the store keeps its one-writer rule and a crash
still leaves whole batches only. The parent hashes the files (to skip those already stored) while
the workers already read the first ones.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.engine import EngineContext
from monitor.errors import BadInput, PrivmonError
from monitor.ingest import CaptureWriter, Event, already_done, capture_events, file_sha256
from monitor.model import Summary
from monitor.store import Store


@dataclass(frozen=True, slots=True)
class ContextArgs:
    signature_dirs: tuple[str, ...] = ()
    profile_path: str | None = None
    geoip: str | None = None


Outcome = tuple[Path, Summary | PrivmonError]


def _todo(store: Store, paths: Sequence[Path], force: bool, on_done: Callable[[Outcome], None] | None
          ) -> tuple[list[tuple[int, Path, str]], list[Outcome]]:
    """Files still to analyze (key, path, sha256); unreadable and already-stored files are reported at once."""
    todo: list[tuple[int, Path, str]] = []
    done: list[Outcome] = []
    for i, p in enumerate(paths):
        try:
            sha = file_sha256(p)
        except BadInput as exc:
            done.append((p, exc))
            continue
        row = already_done(store, sha)
        if row is not None and not force:
            done.append((p, Summary(skipped=True, packets=int(row["packets"]))))
        else:
            todo.append((i, p, sha))
    for o in done:
        if on_done:
            on_done(o)
    return todo, done


def _size(item: tuple[int, Path, str]) -> int:
    try:
        return item[1].stat().st_size
    except OSError:
        return 0


def _worker(tasks: Any, results: Any, args: ContextArgs | EngineContext, keylogs: tuple[str, ...]) -> None:
    if isinstance(args, EngineContext):  # forked: the parent's context, already loaded
        ctx = args
    else:
        from monitor.context import build_context

        ctx = build_context(args.signature_dirs, args.profile_path, args.geoip)
    while True:
        item = tasks.get()
        if item is None:
            break
        key, path, sha = item
        try:
            for ev in capture_events(path, ctx, keylogs, sha256=sha):
                results.put((key, ev))
        except PrivmonError as exc:
            results.put((key, exc))
        except Exception as exc:  # noqa: BLE001 - a bug must not hang the parent; reported per file
            results.put((key, BadInput(str(path), f"internal error: {type(exc).__name__}: {exc}")))
    results.put(None)


def analyze_with_processes(store: Store, paths: Sequence[Path], args: ContextArgs, jobs: int,
                           keylogs: Sequence[str] = (), force: bool = False,
                           on_done: Callable[[Outcome], None] | None = None,
                           ctx: EngineContext | None = None) -> list[Outcome]:
    """ctx: the context the parent built from `args`; given, and where fork exists, workers are forked with it."""
    fork = ctx is not None and "fork" in mp.get_all_start_methods()
    mpc: Any = mp.get_context("fork" if fork else "spawn")
    if fork and ctx is not None and ctx.geo is not None:
        ctx.geo.describe()  # the country table loads once, here, and every worker has it
    tasks = mpc.Queue()
    results = mpc.Queue(maxsize=64)  # bounded: workers wait when the writer is behind
    n = max(1, min(jobs, len(paths)))
    workers = [mpc.Process(target=_worker, args=(tasks, results, ctx if fork else args, tuple(keylogs)), daemon=True)
               for _ in range(n)]
    for w in workers:  # they start (spawn: import and build the context) while the files are hashed
        w.start()
    if not fork and ctx is not None and ctx.geo is not None:
        ctx.geo.describe()  # this process records the country data's date: loaded while the workers start
    # largest first: no big file left for the end. Each file is queued as soon as it is hashed
    order = sorted(((i, p, "") for i, p in enumerate(paths)), key=_size, reverse=True)
    todo: list[tuple[int, Path, str]] = []
    outcomes: list[Outcome] = []
    for item in order:
        found, done = _todo(store, [item[1]], force, on_done)
        outcomes.extend(done)
        for _i, p, sha in found:
            todo.append((item[0], p, sha))
            tasks.put((item[0], p, sha))
    for _ in workers:
        tasks.put(None)
    writer = CaptureWriter(store)
    by_key = {k: p for k, p, _ in todo}
    running = len(workers)
    while running:
        try:
            msg = results.get(timeout=1.0)
        except queue.Empty:
            if not any(w.is_alive() for w in workers):
                break
            continue
        if msg is None:
            running -= 1
            continue
        key, ev = msg
        if isinstance(ev, PrivmonError):
            writer.abort(key)
            outcome: Outcome = (by_key[key], ev)
        else:
            s = writer.handle(key, ev)
            if s is None:
                continue
            outcome = (by_key[key], s)
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    for w in workers:
        w.join(timeout=5)
    return outcomes


def _dask_task(path: str, sha: str, args: ContextArgs, keylogs: tuple[str, ...]) -> list[Event] | PrivmonError:
    from monitor.context import build_context

    ctx = build_context(args.signature_dirs, args.profile_path, args.geoip)
    try:
        return list(capture_events(path, ctx, keylogs, sha256=sha))
    except PrivmonError as exc:
        return exc


def analyze_with_dask(store: Store, paths: Sequence[Path], args: ContextArgs, scheduler: str | None,
                      jobs: int = 2, keylogs: Sequence[str] = (), force: bool = False,
                      on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Map captures to Dask workers; results stream back (as each capture completes) to this writer."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise PrivmonError("--engine dask needs dask[distributed]: pip install 'privmon[dask]'") from exc
    todo, outcomes = _todo(store, paths, force, on_done)
    if not todo:
        return outcomes
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    try:
        futures = {client.submit(_dask_task, str(p), sha, args, tuple(keylogs), pure=False): (k, p)
                   for k, p, sha in todo}
        writer = CaptureWriter(store)
        for fut in as_completed(futures):
            key, path = futures[fut]
            result = fut.result()
            if isinstance(result, PrivmonError):
                outcome: Outcome = (path, result)
            else:
                outcome = _write_all(writer, key, path, result)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return outcomes


def _write_all(writer: CaptureWriter, key: int, path: Path, events: list[Event]) -> Outcome:
    try:
        for ev in events:
            summary = writer.handle(key, ev)
            if summary is not None:
                return (path, summary)
    except PrivmonError as exc:
        writer.abort(key)
        return (path, exc)
    writer.abort(key)
    return (path, BadInput(str(path), "worker returned no summary"))
