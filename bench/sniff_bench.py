"""Sniffer under load: 5,000 UDP packets/s into a veth between two namespaces made here (root).

    python bench/sniff_bench.py [--pps 5000] [--seconds 5]

Prints packets sent, packets the sniffer saw, and what the kernel reports as dropped.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENDER = """
import socket, sys, time
pps, seconds = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = bytes([0xF1, 0xD0, 0x01, 0x00]) + bytes(256)
n, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    due = int((time.perf_counter() - start) * pps)
    while n < due:
        s.sendto(payload, ("10.213.9.1", 32100))
        n += 1
    time.sleep(0.0005)
print(n)
"""


def ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pps", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=5)
    a = ap.parse_args()
    tag = uuid.uuid4().hex[:6]
    cam, srv = f"pbc{tag}", f"pbs{tag}"
    ip("netns", "add", cam)
    ip("netns", "add", srv)
    try:
        ip("link", "add", f"bc{tag}", "type", "veth", "peer", "name", f"bs{tag}")
        ip("link", "set", f"bc{tag}", "netns", cam)
        ip("link", "set", f"bs{tag}", "netns", srv)
        ip("-n", cam, "addr", "add", "10.213.9.2/24", "dev", f"bc{tag}")
        ip("-n", srv, "addr", "add", "10.213.9.1/24", "dev", f"bs{tag}")
        ip("-n", cam, "link", "set", f"bc{tag}", "up")
        ip("-n", srv, "link", "set", f"bs{tag}", "up")
        with tempfile.TemporaryDirectory() as tmp:
            sniffer = subprocess.Popen(["ip", "netns", "exec", srv, sys.executable, "-m", "monitor", "sniff", "-i",
                                        f"bs{tag}", "--device", "10.213.9.2", "--db", f"{tmp}/s.db", "--duration",
                                        str(a.seconds + 6)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
            time.sleep(3)
            sent = subprocess.run(["ip", "netns", "exec", cam, sys.executable, "-c", SENDER, str(a.pps),
                                   str(a.seconds)], capture_output=True, text=True, check=True).stdout.strip()
            _, err = sniffer.communicate(timeout=120)
        m = re.search(r"(\d+) packets, (\d+) dropped by the kernel", err)
        print(f"sent {sent} packets at {a.pps}/s for {a.seconds:.0f} s; sniffer saw {m.group(1) if m else '?'}; "
              f"kernel dropped {m.group(2) if m else '?'}")
    finally:
        subprocess.run(["ip", "netns", "del", cam], capture_output=True)
        subprocess.run(["ip", "netns", "del", srv], capture_output=True)


if __name__ == "__main__":
    main()
