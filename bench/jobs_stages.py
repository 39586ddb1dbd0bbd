"""Where `analyze --jobs N` spends its CPU, by process and stage (issue 20: --jobs 2 costs more CPU than --jobs 1).

    PYTHONPATH=TREE python bench/jobs_stages.py FOLDER [--jobs 1|2] [--db DB]

Runs analyze's parallel path in this process (as `privmon analyze FOLDER --jobs N -q` does, without the summary)
with timers around its stages, and prints CPU seconds per process and stage:
  * --jobs 1: classification (the capture_events generator) and the store's writes, in one process;
  * --jobs N: the parent (its whole CPU; time in the results queue's get, which unpickles, and in the writer's
    inserts when the parent writes) and each worker (its whole CPU; the main thread's classification, its queue puts
    and store writes; the rest of the process's CPU is the queue's feeder thread, which pickles what is put).
The counters are thread CPU (time.thread_time) around each call, and rusage for whole processes; the country
cache's misses show what each worker looks up again. Only works where workers fork (Linux).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Clock:
    def __init__(self) -> None:
        self.t: dict[str, float] = {}
        self.n: dict[str, int] = {}

    def add(self, name: str, dt: float) -> None:
        self.t[name] = self.t.get(name, 0.0) + dt
        self.n[name] = self.n.get(name, 0) + 1


CLOCK = Clock()


def timed_gen(name: str, gen: Any) -> Any:
    while True:
        t0 = time.thread_time()
        try:
            item = next(gen)
        except StopIteration:
            CLOCK.add(name, time.thread_time() - t0)
            return
        CLOCK.add(name, time.thread_time() - t0)
        yield item


def timed_call(name: str, fn: Any) -> Any:
    def call(*a: Any, **k: Any) -> Any:
        t0 = time.thread_time()
        try:
            return fn(*a, **k)
        finally:
            CLOCK.add(name, time.thread_time() - t0)
    return call


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db")
    a = ap.parse_args()

    import multiprocessing.queues as mpq

    import monitor.ingest as ingest
    import monitor.parallel as parallel
    from monitor.context import build_context
    from monitor.store import Store
    from monitor.store.write import Writes

    stats_dir = Path(tempfile.mkdtemp(prefix="privmon-stages-"))
    start = _cpu_self()
    ctx = build_context((), None, None)
    gc.freeze()  # as the analyze command does
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    setup = _cpu_self() - start
    files = ingest.expand_inputs([a.folder])
    real_events = ingest.capture_events
    ingest.capture_events = lambda *x, **k: timed_gen("classify", real_events(*x, **k))  # type: ignore[assignment]
    parallel.capture_events = ingest.capture_events  # type: ignore[attr-defined]
    Writes.write = timed_call("store write", Writes.write)  # type: ignore[method-assign]
    Writes.begin_capture = timed_call("store begin/finish", Writes.begin_capture)  # type: ignore[method-assign]
    Writes.finish_capture = timed_call("store begin/finish", Writes.finish_capture)  # type: ignore[method-assign]
    mpq.Queue.get = timed_call("queue get (unpickle)", mpq.Queue.get)  # type: ignore[method-assign]
    mpq.Queue.put = timed_call("queue put", mpq.Queue.put)  # type: ignore[method-assign]

    real_worker = parallel._worker

    def worker(*args: Any, **kw: Any) -> None:
        CLOCK.t.clear()
        CLOCK.n.clear()
        t0 = _cpu_self()
        m0 = time.thread_time()
        try:
            real_worker(*args, **kw)
        finally:
            geo = getattr(ctx, "geo", None)
            info = geo.country.cache_info() if geo is not None else None
            out = {"cpu": _cpu_self() - t0, "main thread": time.thread_time() - m0, "stages": CLOCK.t,
                   "calls": CLOCK.n, "country misses": info.misses if info else None}
            (stats_dir / f"w{os.getpid()}.json").write_text(json.dumps(out))

    parallel._worker = worker  # type: ignore[attr-defined]
    db = Path(a.db) if a.db else stats_dir / "x.db"
    t_wall = time.perf_counter()
    c0 = _cpu_self()
    with Store.open(db) as store:
        if a.jobs == 1:
            for p in files:
                ingest.analyze_file(p, store, ctx)
        else:
            parallel.analyze_with_processes(store, files, parallel.ContextArgs(), a.jobs, ctx=ctx)
    wall = time.perf_counter() - t_wall
    parent = _cpu_self() - c0
    workers = sorted(stats_dir.glob("w*.json"))
    print(f"{len(files)} files, --jobs {a.jobs}: wall {wall:.2f} s; context {setup:.2f} s CPU (before the timer)")
    print(f"  this process {parent:.2f} s CPU: " + ", ".join(f"{k} {v:.2f} s ({CLOCK.n[k]})" for k, v in CLOCK.t.items()))
    total = parent
    for w in workers:
        s = json.loads(w.read_text())
        total += s["cpu"]
        rest = s["cpu"] - s["main thread"]
        print(f"  worker {s['cpu']:.2f} s CPU (other threads: feeder pickling {rest:.2f} s): "
              + ", ".join(f"{k} {v:.2f} s ({s['calls'][k]})" for k, v in s["stages"].items())
              + f"; country cache misses {s['country misses']}")
    geo = getattr(ctx, "geo", None)
    if geo is not None:
        print(f"  this process's country cache misses {geo.country.cache_info().misses}")
    print(f"  all processes {total:.2f} s CPU (rusage of children {_cpu_children():.2f} s)")


if __name__ == "__main__":
    main()
