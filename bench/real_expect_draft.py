"""Draft the destination list of a real capture from tshark alone (never from privmon).

    python bench/real_expect_draft.py CAPTURE [--keylog FILE]

Prints JSON: link type (capinfos) and the (ip, port, transport) servers tshark shows. The server
of a TCP conversation is the receiver of its SYN (without a SYN: the side with the lower port);
of UDP, the receiver of the first datagram, and a multicast or broadcast address is always the
receiver. The innermost IP header followed by TCP or UDP is used (tunnels: the inner flow).
The output is a draft: expectations are finished by reading the capture (tshark -V).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import subprocess

FIELDS = ["frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport", "udp.srcport",
          "udp.dstport", "tcp.flags.syn", "tcp.flags.ack"]


def _group(addr: str) -> bool:
    a = ipaddress.ip_address(addr)
    return a.is_multicast or addr == "255.255.255.255" or (a.version == 4 and addr.endswith(".255"))


def draft(path: str, keylog: str = "") -> dict:  # type: ignore[type-arg]
    lt = subprocess.run(["capinfos", "-T", "-r", "-E", path], capture_output=True, text=True).stdout.split("\t")[-1]
    cmd = ["tshark", "-r", path, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"]
    if keylog:
        cmd += ["-o", f"tls.keylog_file:{keylog}"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    seen: dict[frozenset, tuple[str, int, str]] = {}  # type: ignore[type-arg]
    for line in out.splitlines():
        cols = line.split("|")
        layers = cols[0].split(":")
        n4 = n6 = 0
        for i, layer in enumerate(layers):
            if layer in ("icmp", "icmpv6"):
                break  # an error message quoting another packet's headers
            if layer == "ip":
                n4 += 1
            elif layer == "ipv6":
                n6 += 1
            elif layer in ("tcp", "udp") and i and layers[i - 1].split(".")[0] in ("ip", "ipv6"):
                fam = layers[i - 1].split(".")[0]
                pair = (fam, n4 if fam == "ip" else n6, layer, layers[:i + 1].count(layer))
                _conversation(cols, pair, seen)
    dests = sorted({v for v in seen.values()})
    return {"link_type": lt.strip(), "destinations": [{"ip": i, "port": p, "transport": t} for i, p, t in dests]}


def _conversation(cols: list[str], pair: tuple[str, int, str, int], seen: dict) -> None:  # type: ignore[type-arg]
    fam, idx, tr, tidx = pair
    try:
        src = cols[1 if fam == "ip" else 3].split(",")[idx - 1]
        dst = cols[2 if fam == "ip" else 4].split(",")[idx - 1]
        sp = int(cols[5 if tr == "tcp" else 7].split(",")[tidx - 1])
        dp = int(cols[6 if tr == "tcp" else 8].split(",")[tidx - 1])
    except (IndexError, ValueError):
        return
    src, dst = str(ipaddress.ip_address(src)), str(ipaddress.ip_address(dst))
    conv = frozenset({(src, sp), (dst, dp), tr})
    if conv in seen:
        return
    if tr == "tcp":
        syn, ack = cols[9].split(",")[-1], cols[10].split(",")[-1]
        if syn in ("1", "True") and ack in ("0", "False"):
            server = (dst, dp)
        elif syn in ("1", "True"):
            server = (src, sp)
        else:
            server = (dst, dp) if dp <= sp else (src, sp)
    else:
        server = (src, sp) if _group(src) and not _group(dst) else (dst, dp)
    seen[conv] = (server[0], server[1], tr)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("capture")
    ap.add_argument("--keylog", default="")
    a = ap.parse_args()
    print(json.dumps(draft(a.capture, a.keylog), indent=1))


if __name__ == "__main__":
    main()
