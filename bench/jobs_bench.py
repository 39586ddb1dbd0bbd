"""Speed-up of `privmon analyze --jobs 2` over `--jobs 1` on several captures (2-core machine).

    python bench/jobs_bench.py [--captures 4] [--packets 150000] [--rounds 3]

Both variants run in the same session, interleaved, into fresh databases; prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_crash_and_scale import write_capture  # noqa: E402


def run(jobs: int, folder: Path, db: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(folder), "--db", str(db), "-q",
                    "--jobs", str(jobs)], check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--captures", type=int, default=4)
    ap.add_argument("--packets", type=int, default=150_000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="privmon-jobs-") as tmp:
        folder = Path(tmp) / "caps"
        folder.mkdir()
        for i in range(a.captures):
            write_capture(folder / f"c{i}.pcap", a.packets, seed=i)
        size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        times: dict[int, list[float]] = {1: [], 2: []}
        for r in range(a.rounds):
            for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
                times[jobs].append(run(jobs, folder, Path(tmp) / f"r{r}-j{jobs}.db"))
        m1, m2 = statistics.median(times[1]), statistics.median(times[2])
        print(f"{a.captures} captures, {size:.0f} MB in all, {a.rounds} rounds")
        print(f"--jobs 1: median {m1:.2f} s   --jobs 2: median {m2:.2f} s   speed-up x{m1 / m2:.2f}")


if __name__ == "__main__":
    main()
