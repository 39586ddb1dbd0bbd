"""Capture sources: files (pcap, pcapng, gzip of either, HAR, mitmproxy flows) into messages.

`FORMATS` lists every capture format: its name, a test on the file's first bytes and the source
class that reads it. `open_capture` tries them in order on the first bytes (never the extension)
and returns a `CaptureSource`; a gzip file is unwrapped first for the formats that allow it. A
file that is not a capture raises `BadInput` (naming the formats) before anything is stored.
Live sources (proxy, sniffer) live in `monitor.live` and feed the same Engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
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


class CaptureFormat:
    """One capture format: how its first bytes look and what reads it (a plain class: a dataclass costs ~0.4 ms of
    CPU to build at import, paid by every analyze run)."""

    __slots__ = ("name", "label", "sniff", "open", "gzip", "exchanges")

    def __init__(self, name: str, label: str, sniff: Callable[[bytes], bool],
                 open: Callable[[Path, Sequence[str]], CaptureSource], gzip: bool = False, exchanges: bool = False
                 ) -> None:
        self.name = name  # CaptureSource.format
        self.label = label  # how error messages name it
        self.sniff = sniff  # the file's first 64 bytes (after gunzip when gzipped) -> is it this format
        self.open = open  # (file, TLS key logs) -> its source
        self.gzip = gzip  # may come gzip-compressed (.pcap.gz)
        self.exchanges = exchanges  # yields whole exchanges and no FlowStats: the engine counts bytes from them


def _is_har(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _is_flows(head: bytes) -> bool:
    """mitmproxy flow files are tnetstrings: "<digits>:" then the payload, ending in "}" (dict)."""
    colon = head.find(b":")
    return 0 < colon <= 10 and head[:colon].isdigit()


def _open_pcap(path: Path, keylogs: Sequence[str]) -> CaptureSource:
    from monitor.sources.pcap import PcapSource

    return PcapSource(path, keylogs=keylogs)


def _open_har(path: Path, keylogs: Sequence[str]) -> CaptureSource:
    from monitor.sources.har import HarSource

    return HarSource(path)


def _open_flows(path: Path, keylogs: Sequence[str]) -> CaptureSource:
    from monitor.sources.mitm import MitmSource

    return MitmSource(path)


# Tried in order on the first bytes; the first that matches reads the file. A new format: its
# source module, plus one line here.
FORMATS: list[CaptureFormat] = [
    CaptureFormat("pcap", "pcap", lambda head: head[:4] in PCAP_MAGICS, _open_pcap, gzip=True),
    CaptureFormat("pcapng", "pcapng", lambda head: head[:4] == PCAPNG_MAGIC, _open_pcap, gzip=True),
    CaptureFormat("har", "HAR", _is_har, _open_har, exchanges=True),
    CaptureFormat("mitmproxy", "mitmproxy flows", _is_flows, _open_flows, exchanges=True),
]


def capture_format(name: str) -> CaptureFormat:
    """The registered format of that name (CaptureSource.format)."""
    for f in FORMATS:
        if f.name == name:
            return f
    raise KeyError(name)


def _expected(formats: Sequence[CaptureFormat]) -> str:
    labels = [f.label for f in formats]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def _sniff(path: Path) -> CaptureFormat:
    """The format of a file, from its first bytes (a .gz wrapper unwrapped for the formats that allow it)."""
    from monitor.files import open_regular

    try:
        with open_regular(path, "capture") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc
    if not head:
        raise BadInput(str(path), "empty file")
    formats = list(FORMATS)
    if head[:2] == GZIP_MAGIC:
        from monitor.sources.pcap import gunzip_head

        try:
            head = gunzip_head(path, 64)
        except OSError as exc:
            raise BadInput(str(path), f"cannot read: {exc.strerror}") from exc
        formats = [f for f in formats if f.gzip]
        found = next((f for f in formats if f.sniff(head)), None)
        if found is None:
            raise BadInput(str(path), f"gzip file does not contain a {_expected(formats)} capture")
        return found
    found = next((f for f in formats if f.sniff(head)), None)
    if found is None:
        raise BadInput(str(path), f"not a capture (expected {_expected(formats)})")
    return found


def sniff_format(path: Path) -> str:
    """The name of the file's format (FORMATS), with a .gz wrapper detected transparently."""
    return _sniff(path).name


def open_capture(path: str | Path, keylogs: Sequence[str] = ()) -> CaptureSource:
    p = Path(path)
    return _sniff(p).open(p, keylogs)
