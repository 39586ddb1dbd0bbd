"""privmon analyze vs the tshark field extraction, side by side on the same capture, same run.

    python bench/ingest_bench.py [--sizes 50,500] [--rounds 3]

Makes the captures in /tmp/privmon-bench/ (bench/make_bigpcap.py), then per round runs, in
alternating order: `privmon analyze F --db fresh.db -q` (identifier detection on) and
`tshark -r F -T fields ... -Y "http.request or dns or tls.handshake.type==1"`. Prints the
median wall time of each, the median of per-round ratios, and each one's peak RSS (wait4).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("/tmp/privmon-bench")
TSHARK = ["-T", "fields", "-e", "frame.number", "-e", "ip.dst", "-e", "tcp.dstport", "-e", "http.host", "-e",
          "http.request.uri", "-e", "dns.qry.name", "-e", "tls.handshake.extensions_server_name", "-Y",
          "http.request or dns or tls.handshake.type==1"]


def timed(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _pid, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50,500")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    tshark = shutil.which("tshark")
    OUT.mkdir(exist_ok=True)
    for size in [int(s) for s in a.sizes.split(",")]:
        cap = OUT / f"big{size}.pcap"
        if not cap.exists():
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_bigpcap.py"), str(cap), "--size-mb", str(size)],
                           check=True)
        subprocess.run(["cat", str(cap)], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
        res: dict[str, list[tuple[float, float]]] = {"privmon": [], "tshark": []}
        for r in range(a.rounds):
            order = ["privmon", "tshark"] if r % 2 == 0 else ["tshark", "privmon"]
            for name in order:
                if name == "tshark" and not tshark:
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    cmd = ([sys.executable, "-m", "monitor", "analyze", str(cap), "--db", f"{tmp}/b.db", "-q"]
                           if name == "privmon" else [tshark, "-r", str(cap), *TSHARK])
                    res[name].append(timed(cmd))
        pm = statistics.median(w for w, _ in res["privmon"])
        line = f"{size} MB: privmon {pm:.2f} s, peak {max(m for _, m in res['privmon']):.0f} MB"
        if res["tshark"]:
            ts = statistics.median(w for w, _ in res["tshark"])
            ratio = statistics.median(p[0] / t[0] for p, t in zip(res["privmon"], res["tshark"], strict=False))
            line += f"; tshark {ts:.2f} s, peak {max(m for _, m in res['tshark']):.0f} MB; privmon/tshark x{ratio:.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
