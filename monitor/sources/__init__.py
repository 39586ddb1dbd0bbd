"""Capture sources: files (pcap, pcapng, gzip of either, HAR, mitmproxy flows) into messages.

`open_capture` sniffs the format from the first bytes (never from the extension alone) and
returns a `CaptureSource`. A file that is not a capture raises `BadInput` before anything is
stored. Live sources (proxy, sniffer) live in `monitor.live` and feed the same Engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from monitor.errors import BadInput
from monitor.model import FlowStats, Message

PCAP_MAGICS = {b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"}
PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"
GZIP_MAGIC = b"\x1f\x8b"


class CaptureSource(Protocol):
    """What every file source offers to ingest."""

    format: str  # pcap|pcapng|har|mitmproxy
    packets: int
    first_ts: float | None
    last_ts: float | None
    warnings: list[str]

    def messages(self) -> Iterator[Message | FlowStats]:
        """Yield messages in capture order, then FlowStats of every conversation."""
        ...

    def progress(self) -> int:
        """Bytes of the input file consumed so far (for the progress bar)."""
        ...


def sniff_format(path: Path) -> str:
    """Return pcap|pcapng|har|mitmproxy (with a .gz wrapper detected transparently)."""
    from monitor.files import open_regular

    try:
        with open_regular(path, "capture") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc
    if not head:
        raise BadInput(str(path), "empty file")
    if head[:2] == GZIP_MAGIC:
        from monitor.sources.pcap import gunzip_head

        try:
            inner = gunzip_head(path, 64)
        except OSError as exc:
            raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc
        fmt = _sniff_bytes(inner)
        if fmt not in ("pcap", "pcapng"):
            raise BadInput(str(path), "gzip file does not contain a pcap or pcapng capture")
        return fmt
    fmt = _sniff_bytes(head)
    if not fmt:
        raise BadInput(str(path), "not a capture (expected pcap, pcapng, HAR or mitmproxy flows)")
    return fmt


def _sniff_bytes(head: bytes) -> str:
    if head[:4] in PCAP_MAGICS:
        return "pcap"
    if head[:4] == PCAPNG_MAGIC:
        return "pcapng"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"{":
        return "har"
    # mitmproxy flow files are tnetstrings: "<digits>:" then the payload, ending in "}" (dict)
    colon = head.find(b":")
    if 0 < colon <= 10 and head[:colon].isdigit():
        return "mitmproxy"
    return ""


def open_capture(path: str | Path, keylogs: Sequence[str] = ()) -> CaptureSource:
    p = Path(path)
    fmt = sniff_format(p)
    if fmt in ("pcap", "pcapng"):
        from monitor.sources.pcap import PcapSource

        return PcapSource(p, keylogs=keylogs)
    if fmt == "har":
        from monitor.sources.har import HarSource

        return HarSource(p)
    from monitor.sources.mitm import MitmSource

    return MitmSource(p)
