"""`privmon sniff`: watch devices that do not go through the proxy (cameras: UDP P2P, DNS, TLS names).

Raw frames come from scapy's packet socket (`recv_raw`, no dissection: scapy's per-packet
parsing is far too slow for this) and go through the same PacketDecoder as pcap files; the
resulting messages go to the recorder thread, which owns the database.
"""

from __future__ import annotations

import select
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.engine import EngineContext
from monitor.errors import PrivmonError
from monitor.live.recorder import Recorder

PACKET_STATISTICS = 6
SOL_PACKET = 263


@dataclass(slots=True)
class SniffSummary:
    packets: int = 0
    kernel_drops: int = 0
    recorded: int = 0
    dropped: int = 0
    errors: int = 0
    lost: int = 0


class PcapngRotator:
    """Writes what was seen as pcapng, starting a new numbered file past max_bytes."""

    def __init__(self, path: Path, linktype: int, max_bytes: int) -> None:
        self.base, self.linktype, self.max_bytes = path, linktype, max_bytes
        self.index = 0
        self.fh: Any = None
        self._open()

    def _name(self) -> Path:
        return self.base if self.index == 0 else self.base.with_name(f"{self.base.stem}.{self.index}{self.base.suffix}")

    def _open(self) -> None:
        self.fh = self._name().open("wb")
        self._block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
        self._block(1, struct.pack("<HHI", self.linktype, 0, 262144))

    def _block(self, btype: int, body: bytes) -> None:
        body += b"\0" * (-len(body) % 4)
        self.fh.write(struct.pack("<II", btype, 12 + len(body)) + body + struct.pack("<I", 12 + len(body)))

    def write(self, ts: float, data: bytes) -> None:
        us = int(ts * 1e6)
        self._block(6, struct.pack("<IIIII", 0, us >> 32, us & 0xFFFFFFFF, len(data), len(data)) + data)
        if self.fh.tell() > self.max_bytes:
            self.fh.close()
            self.index += 1
            self._open()

    def close(self) -> None:
        self.fh.close()


# The interface's hardware type (ARPHRD_*, /sys/class/net/IFACE/type) -> the pcap link type of the frames a
# packet socket returns on it. A raw-IP interface (tun, WireGuard, PPP, IP tunnels) gives bare IP packets.
ARPHRD_LINKTYPES = {
    1: 1,          # Ethernet (also veth, bridges, Wi-Fi in managed mode)
    772: 1,        # loopback: a zeroed Ethernet header
    65534: 101,    # ARPHRD_NONE: tun, WireGuard
    519: 101,      # ARPHRD_RAWIP
    512: 101,      # PPP: the packet socket strips the PPP header
    768: 101, 769: 101, 776: 101, 778: 101, 823: 101,  # IPIP, IP6IP6, SIT, GRE, IP6GRE tunnels
    801: 105,      # 802.11 without radio header
    803: 127,      # 802.11 with radiotap (monitor mode)
}
_ANY = 113  # the "any" pseudo-interface: Linux cooked capture (SLL)


def link_type_of(iface: str, sys_net: Path = Path("/sys/class/net")) -> int:
    """The pcap link type of the frames captured on iface, from its hardware type; one clear line when unknown."""
    if iface == "any":
        return _ANY
    try:
        hwtype = int((sys_net / iface / "type").read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return 1  # no sysfs entry (the socket opened, so the interface exists): the common case, Ethernet
    except (OSError, ValueError) as exc:
        raise PrivmonError(f"{iface}: cannot read its link type from {sys_net / iface / 'type'}: {exc}") from exc
    linktype = ARPHRD_LINKTYPES.get(hwtype)
    if linktype is None:
        raise PrivmonError(f"{iface}: link type ARPHRD {hwtype} is not supported (Ethernet, loopback, raw IP "
                           "such as tun/WireGuard/PPP, 802.11 monitor mode, or -i any)")
    return linktype


def bpf_for(devices: tuple[str, ...]) -> str | None:
    return " or ".join(f"host {d}" for d in devices) or None


def open_socket(iface: str, bpf: str | None) -> Any:
    from scapy.arch.linux import L2ListenSocket

    try:
        return L2ListenSocket(iface=iface, filter=bpf)
    except PermissionError as exc:
        raise PrivmonError(f"{iface}: capturing needs CAP_NET_RAW (run as root or "
                           "`setcap cap_net_raw,cap_net_admin+eip` on the Python binary)") from exc
    except ValueError as exc:  # scapy: "Interface 'x' not found !"
        raise PrivmonError(f"{iface}: no such network interface") from exc
    except OSError as exc:
        if exc.errno == 19 or "No such device" in str(exc):
            raise PrivmonError(f"{iface}: no such network interface") from exc
        raise PrivmonError(f"{iface}: cannot capture: {exc}") from exc


def kernel_drops(sock: Any) -> int:
    try:
        raw = sock.ins.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)
        return int(struct.unpack("II", raw)[1])
    except (OSError, AttributeError, struct.error):
        return 0


def run_sniffer(iface: str, devices: tuple[str, ...], db_path: str, ctx: EngineContext, write: str | None,
                rotate_mb: int, duration: float | None = None, stop: Any = None,
                on_ready: Callable[[], None] | None = None) -> SniffSummary:
    """Capture until `stop` is set, `duration` seconds have passed, or Ctrl-C.

    `on_ready` is called once the packet socket is open and the recorder runs: from then on every packet
    is captured (the duration counts from then)."""
    from monitor.sources.packets import PacketDecoder

    sock = open_socket(iface, bpf_for(devices))
    try:
        linktype = link_type_of(iface)
    except PrivmonError:
        sock.close()
        raise
    client_ips = frozenset(devices) | ctx.profile.client_ips
    decoder = PacketDecoder(client_ips=client_ips)
    recorder = Recorder(db_path, ctx, "live-sniff", f"sniff {iface}", account_http_bytes=False).start()
    writer = PcapngRotator(Path(write), linktype, rotate_mb << 20) if write else None
    summary = SniffSummary()
    drops = 0
    try:
        if on_ready is not None:
            on_ready()
        started = time.monotonic()
        last_expire = started
        while not (stop is not None and stop.is_set()) and (duration is None or time.monotonic() - started < duration):
            data, ts = None, None
            ready, _w, _x = select.select([sock.ins], [], [], 0.2)  # wake up to honour stop and duration
            if ready:
                try:
                    _cls, data, ts = sock.recv_raw(65535)
                except (TimeoutError, BlockingIOError, InterruptedError):
                    data = None
            now = time.time()
            if data:
                summary.packets += 1
                ts = float(ts or now)
                if writer:
                    writer.write(ts, data)
                for m in decoder.feed(ts, linktype, data, summary.packets):
                    recorder.submit(m)
            if time.monotonic() - last_expire >= 1.0:
                for m in decoder.expire(now):
                    recorder.submit(m)
                last_expire = time.monotonic()
    except KeyboardInterrupt:
        pass
    finally:
        drops = kernel_drops(sock)
        sock.close()
        for m in decoder.finish():
            recorder.submit(m)
        recorder.stop()
        if writer:
            writer.close()
    summary.kernel_drops = drops
    summary.recorded = recorder.stats.stored
    summary.lost = recorder.stats.lost
    summary.dropped = recorder.stats.dropped
    summary.errors = recorder.stats.errors
    return summary
