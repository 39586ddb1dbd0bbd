"""Many captures at once: worker processes read, classify and store them; or Dask workers read and classify
and this process stores.

Where the platform forks (Linux), workers are forked from the parent after it has loaded the
classification context (signatures, profile, country table): they start at once, without
importing privmon and rebuilding the context each (about 0.5 s of CPU per worker, which on two
cores is time taken from the other worker). Elsewhere (spawn) and on Dask they rebuild it from
the same arguments (signature dirs, profile path, geo database). A local worker writes its
captures through its own connection, as any other writer of the database does (one BEGIN
IMMEDIATE transaction per batch, ids given by SQLite, the capture marked complete after its last
batch), so a crash still leaves whole batches only and nothing but a Summary per file crosses
back (pickling every batch to a single writer and unpickling it there was most of the CPU that
--jobs 2 spent beyond --jobs 1, docs/perf.md). The parent hands the files out largest first and reports each file's
outcome once; a worker hashes its file (to skip one already stored) unless another file has the same size, which
the parent then hashes first so that equal contents are analyzed once.
Dask workers send their capture's events back to this process, the one writer of that path.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing as mp
import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.engine import EngineContext
from monitor.errors import BadInput, PrivmonError
from monitor.ingest import (
    CaptureWriter,
    Event,
    already_done,
    capture_events,
    file_sha256,
    write_events,
)
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


def _worker(tasks: Any, results: Any, args: ContextArgs | EngineContext, keylogs: tuple[str, ...],
            db_path: str, force: bool = False) -> None:
    """Take files from `tasks`, read, classify and store each (this process's own connection), send its outcome."""
    if isinstance(args, EngineContext):  # forked: the parent's context, already loaded
        ctx = args
    else:
        from monitor.context import build_context

        ctx = build_context(args.signature_dirs, args.profile_path, args.geoip)
    try:
        store: Store | PrivmonError = Store.open(db_path)
    except PrivmonError as exc:  # every file this worker takes reports it
        store = exc
    try:
        # (this worker's WAL checkpoints in a thread of their own, not inside the commits of its batches)
        with store.background_checkpoints() if isinstance(store, Store) else contextlib.nullcontext():
            while True:
                item = tasks.get()
                if item is None:
                    break
                key, path, sha = item
                results.put((key, _store_one(store, path, sha, ctx, keylogs, force)))
    finally:
        if isinstance(store, Store):
            store.close()
    results.put(None)


def _store_one(store: Store | PrivmonError, path: Path, sha: str, ctx: EngineContext,
               keylogs: tuple[str, ...], force: bool = False) -> Summary | PrivmonError:
    """One capture into the database, batch by batch (each its own BEGIN IMMEDIATE transaction), marked complete
    after its last batch; a file bad partway is removed again (write_events), as is one a bug stopped.

    sha "": not hashed by the parent (no other file has its size): hashed here while it is read, and skipped when
    already stored.
    """
    if isinstance(store, PrivmonError):
        return store
    try:
        return write_events(store, capture_events(path, ctx, keylogs, sha256=sha or None),
                            skip_stored=not sha and not force)
    except PrivmonError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a bug must not hang the parent; reported per file (write_events
        # removed what it had stored)
        return BadInput(str(path), f"internal error: {type(exc).__name__}: {exc}")


def analyze_with_processes(store: Store, paths: Sequence[Path], args: ContextArgs, jobs: int,
                           keylogs: Sequence[str] = (), force: bool = False,
                           on_done: Callable[[Outcome], None] | None = None,
                           ctx: EngineContext | None = None) -> list[Outcome]:
    """Workers read, classify and write their captures; this process schedules them and collects the outcomes.

    ctx: the context the parent built from `args`; given, and where fork exists, workers are forked with it.
    Each worker writes through its own connection, as the proxy, the sniffer and other analyze runs do (one
    BEGIN IMMEDIATE transaction per batch, ids given by SQLite): nothing is pickled back but each file's Summary.
    A file whose worker died is reported once (an error: exit status 2); what the worker had stored of it
    stays an unfinished capture, hidden from readers and replaced by the next run.
    """
    fork = ctx is not None and "fork" in mp.get_all_start_methods()
    mpc: Any = mp.get_context("fork" if fork else "spawn")
    if fork and ctx is not None and ctx.geo is not None:
        ctx.geo.describe()  # the country table loads once, here, and every worker has it
    tasks = mpc.Queue()
    results = mpc.Queue()
    n = max(1, min(jobs, len(paths)))
    workers = [mpc.Process(target=_worker, args=(tasks, results, ctx if fork else args, tuple(keylogs),
                                                 str(store.path), force), daemon=True)
               for _ in range(n)]
    # an SQLite connection must not cross a fork (the child would share this process's lock bookkeeping of
    # the file): closed while the workers are forked, opened again after
    with store.detached() if fork else contextlib.nullcontext():
        for w in workers:  # they start (spawn: import and build the context) while the files are hashed
            w.start()
    if not fork and ctx is not None and ctx.geo is not None:
        ctx.geo.describe()  # this process records the country data's date: loaded while the workers start
    # largest first: no big file left for the end. A file whose size no other file has cannot share its content:
    # it is queued at once, and its worker hashes it (both workers start together, and hash in parallel, where
    # this process hashing every file first kept the second one waiting and took a core from them). Files of
    # the same size are hashed here, each queued as soon as it is hashed, so that equal contents run once.
    sized = sorted(((_size((i, p, "")), i, p) for i, p in enumerate(paths)), key=lambda x: x[0], reverse=True)
    sizes = collections.Counter(n for n, _i, _p in sized)
    outcomes: list[Outcome] = []
    by_key: dict[int, Path] = {}
    queued: dict[str, int] = {}  # sha256 -> the key that stores it
    same: dict[int, list[int]] = {}  # key -> later files with the same content (analyzed once, then skipped)
    for n, i, p in sized:
        if sizes[n] == 1:
            by_key[i] = p
            queued[f"unhashed:{i}"] = i
            tasks.put((i, p, ""))
            continue
        item = (i, p, "")
        found, done = _todo(store, [item[1]], force, on_done)
        outcomes.extend(done)
        for _i, p, sha in found:
            by_key[item[0]] = p
            if sha in queued:
                same.setdefault(queued[sha], []).append(item[0])
                continue
            queued[sha] = item[0]
            tasks.put((item[0], p, sha))
    for _ in workers:
        tasks.put(None)

    def settle(key: int, result: Summary | PrivmonError) -> None:
        first = by_key[key]
        for k in (key, *same.pop(key, ())):
            if k != key:  # the same content as `first`: stored (or not) with it
                result = (Summary(skipped=True, packets=result.packets) if isinstance(result, Summary) else
                          BadInput(str(by_key[k]), result.reason) if isinstance(result, BadInput) else
                          BadInput(str(by_key[k]), f"not analyzed: the same content as {first}, which failed"))
            outcome: Outcome = (by_key.pop(k), result)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)

    running = len(workers)
    while running:
        try:
            msg = results.get(timeout=0.5)
        except queue.Empty:
            if not any(w.is_alive() for w in workers):
                break
            continue
        if msg is None:
            running -= 1
            continue
        settle(*msg)
    for w in workers:
        w.join(timeout=5)
    if by_key:  # a worker died (killed, out of memory) before it sent these files' outcomes
        codes = sorted({w.exitcode for w in workers if w.exitcode not in (0, None)}, key=str)
        why = ", ".join(f"killed by signal {-c}" if c < 0 else f"exit status {c}" for c in codes) or "no reason given"
        for key in sorted(k for k in by_key if k in queued.values()):
            settle(key, BadInput(str(by_key[key]), f"not analyzed: a worker process died ({why}); what it had "
                                                   "stored of this file stays unfinished until analyze runs again"))
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
