"""Long fuzzing run: `python -m fuzz.run [--examples 10000] [--only NAME]` (from the repo root).

Runs every target with hypothesis for N examples each, a per-input time limit (no hang), and
reports per parser: inputs run, failures, seconds, and peak RSS of the process (bounded memory).
"""

from __future__ import annotations

import argparse
import resource
import signal
import time
import traceback

from hypothesis import HealthCheck, given, settings

from fuzz.targets import TARGETS, Target

PER_INPUT_SECONDS = 10


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang(f"input took more than {PER_INPUT_SECONDS} s")


def run_target(t: Target, examples: int) -> tuple[int, list[str]]:
    count = 0
    failures: list[str] = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(t.strategy)
    def check(args: tuple[object, ...]) -> None:
        nonlocal count
        count += 1
        signal.alarm(PER_INPUT_SECONDS)
        try:
            t.run(*args)
        except Exception:  # noqa: BLE001 - every escape is a finding of the fuzzer
            if len(failures) < 5:
                failures.append(f"{args!r:.300}\n{traceback.format_exc(limit=6)}")
        finally:
            signal.alarm(0)

    check()
    return count, failures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    print(f"{'parser':30} {'inputs':>8} {'failures':>8} {'seconds':>8} {'peak RSS MB':>11}")
    total_fail = 0
    for t in TARGETS:
        if a.only and a.only.lower() not in t.name.lower():
            continue
        start = time.perf_counter()
        n, fails = run_target(t, a.examples)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        total_fail += len(fails)
        print(f"{t.name:30} {n:8d} {len(fails):8d} {time.perf_counter() - start:8.1f} {rss:11.0f}", flush=True)
        for f in fails:
            print("  FAIL:", f.replace("\n", "\n    "))
    raise SystemExit(1 if total_fail else 0)


if __name__ == "__main__":
    main()
