"""Bare mitmdump vs mitmdump with privmon's addon: requests/s and p50/p99 latency at concurrency 1 and 8.

    python bench/proxy_bench.py [--requests 1500] [--rounds 2]

Everything on 127.0.0.1: a local upstream server, the proxy, and a bounded client load (a fixed
number of keep-alive requests per run). Same run, alternating order; prints each and the ratios.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Up(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 65536  # one write per response (flushed by the handler): no Nagle/delayed-ACK stalls
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802
        body = b'{"ok":1}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a: object) -> None:
        return


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load(proxy_port: int, up_port: int, total: int, conc: int) -> tuple[float, list[float]]:
    per = total // conc
    lat: list[float] = []
    lock = threading.Lock()

    def worker(_: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=30)
        mine = []
        for i in range(per):
            t = time.perf_counter()
            conn.request("GET", f"http://127.0.0.1:{up_port}/v1/ping?imei=356938035643809&i={i}")
            conn.getresponse().read()
            mine.append(time.perf_counter() - t)
        conn.close()
        with lock:
            lat.extend(mine)

    start = time.perf_counter()
    with ThreadPoolExecutor(conc) as ex:
        list(ex.map(worker, range(conc)))
    return per * conc / (time.perf_counter() - start), lat


def run(variant: str, up_port: int, total: int, conc: int) -> tuple[float, float, float]:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["mitmdump", "-q", "--listen-host", "127.0.0.1", "--listen-port", str(port), "--set", f"confdir={tmp}"]
        if variant == "privmon":
            cmd += ["-s", str(ROOT / "addons" / "privmon_addon.py"), "--set", f"privmon_db={tmp}/b.db"]
        elif variant.startswith("/"):
            cmd += ["-s", variant]
        elif variant == "noop":
            cmd += ["-s", str(ROOT / "bench" / "noop_addon.py")]
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(600):  # mitmdump may take a while to start on a loaded machine
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            load(port, up_port, 50, 1)  # warm-up
            rps, lat = load(port, up_port, total, conc)
        finally:
            p.terminate()
            p.wait(60)
        if variant == "privmon":  # nothing lost: every request is in the database once mitmdump has stopped
            import sqlite3

            with sqlite3.connect(f"{tmp}/b.db") as db:
                recorded = db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
            if recorded != 50 + total // conc * conc:
                print(f"  privmon recorded {recorded} of {50 + total // conc * conc} requests", flush=True)
    lat.sort()
    return rps, lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--noop", action="store_true", help="also run a do-nothing addon (the floor of any addon)")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    a = ap.parse_args()
    variants = ["bare", "privmon"] + (["noop"] if a.noop else [])
    up = ThreadingHTTPServer(("127.0.0.1", 0), Up)
    threading.Thread(target=up.serve_forever, daemon=True).start()
    for conc in a.concurrency:
        res: dict[str, list[tuple[float, float, float]]] = {v: [] for v in variants}
        for r in range(a.rounds):
            for v in (variants if r % 2 == 0 else variants[::-1]):
                res[v].append(run(v, up.server_address[1], a.requests, conc))
        med = {v: tuple(statistics.median(x[i] for x in rs) for i in range(3)) for v, rs in res.items()}
        b, p = med["bare"], med["privmon"]
        print(f"c={conc}: bare {b[0]:.0f} req/s p50 {b[1]:.2f} ms p99 {b[2]:.2f} ms | privmon {p[0]:.0f} req/s "
              f"p50 {p[1]:.2f} ms p99 {p[2]:.2f} ms | throughput x{p[0] / b[0]:.2f}, p99 +{p[2] - b[2]:.2f} ms",
              flush=True)
        if "noop" in med:
            n = med["noop"]
            print(f"     no-op addon {n[0]:.0f} req/s p99 {n[2]:.2f} ms (x{n[0] / b[0]:.2f} of bare)", flush=True)
    up.shutdown()


if __name__ == "__main__":
    main()
