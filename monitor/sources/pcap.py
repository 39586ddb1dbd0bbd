"""Streaming pcap / pcapng (optionally gzip-compressed) reader and the capture source built on it.

Records are read in 1 MiB chunks and parsed with struct, never the whole file in memory and
never through scapy's dissection (10x slower than tshark on the bulk path). Every length field
is checked against a bound and against the bytes present: a record that claims more than
MAX_RECORD is refused (BadInput), a file that ends mid-record keeps what came before and
reports where it stopped (TruncatedCapture -> a warning).
"""

from __future__ import annotations

import gzip
import struct
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from monitor.errors import BadInput, TruncatedCapture
from monitor.model import FlowStats, Message

MAX_RECORD = 256 * 1024  # largest packet record accepted (jumbo/TSO frames are < 64 KiB)
MAX_SNAPLEN = 1 << 30  # the header's snap length is informative only (records are bounded by MAX_RECORD)
MAX_BLOCK = 8 * 1024 * 1024  # pcapng blocks (a Decryption Secrets Block can be large)
GZIP_MAX_RATIO = 200  # decompressed / compressed beyond this (after GZIP_RATIO_AFTER bytes): a bomb
GZIP_RATIO_AFTER = 64 * 1024 * 1024
CHUNK = 1 << 20

Record = tuple[float, int, bytes, int]  # (timestamp, linktype, frame bytes, frame number)


class _Reader:
    """Chunked reader over a (possibly gzip) file with a bomb guard."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.raw: IO[bytes] = path.open("rb")
        self.gz = self.raw.read(2) == b"\x1f\x8b"
        self.raw.seek(0)
        self.fh: IO[bytes] = gzip.GzipFile(fileobj=self.raw, mode="rb") if self.gz else self.raw  # type: ignore[assignment]
        self.buf = b""
        self.pos = 0
        self.out = 0  # decompressed bytes consumed from fh

    def close(self) -> None:
        self.fh.close()
        self.raw.close()

    def compressed_pos(self) -> int:
        return self.raw.tell()

    def _fill(self, need: int) -> bool:
        while len(self.buf) - self.pos < need:
            try:
                chunk = self.fh.read(CHUNK)
            except (OSError, EOFError, zlib.error) as exc:
                if self.gz:  # a truncated or corrupt gzip stream: keep what was read
                    return False
                raise BadInput(str(self.path), f"read error: {exc}") from exc
            if not chunk:
                return False
            self.out += len(chunk)
            if self.gz and self.out > GZIP_RATIO_AFTER and self.out > GZIP_MAX_RATIO * max(1, self.raw.tell()):
                raise BadInput(str(self.path), f"gzip data expands more than {GZIP_MAX_RATIO}x (a decompression bomb?)")
            self.buf = self.buf[self.pos:] + chunk
            self.pos = 0
        return True

    def take(self, n: int) -> bytes | None:
        """n bytes, or None at a clean end of file; raises EOFError on a partial read."""
        if not self._fill(n):
            if len(self.buf) - self.pos == 0:
                return None
            raise EOFError(len(self.buf) - self.pos)
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out


def iter_records(path: Path, on_secrets: Any = None, reader: _Reader | None = None) -> Iterator[Record]:
    """Yield every packet record of a pcap or pcapng file (gzip allowed)."""
    r = reader or _Reader(path)
    try:
        head = r.take(4)
        if head is None:
            raise BadInput(str(path), "empty file")
        if head == b"\x0a\x0d\x0d\x0a":
            yield from _pcapng(r, head, path, on_secrets)
        else:
            yield from _pcap(r, head, path)
    except EOFError as exc:
        raise BadInput(str(path), "file ends inside the capture header") from exc
    finally:
        r.close()


def _pcap(r: _Reader, magic: bytes, path: Path) -> Iterator[Record]:
    table = {b"\xd4\xc3\xb2\xa1": ("<", 1e-6), b"\xa1\xb2\xc3\xd4": (">", 1e-6),
             b"\x4d\x3c\xb2\xa1": ("<", 1e-9), b"\xa1\xb2\x3c\x4d": (">", 1e-9)}
    if magic not in table:
        raise BadInput(str(path), "not a capture (unknown magic number)")
    endian, unit = table[magic]
    rest = r.take(20)
    if rest is None:
        raise BadInput(str(path), "file ends inside the pcap header")
    _vmaj, _vmin, _tz, _sig, snaplen, linktype = struct.unpack(endian + "HHiIII", rest)
    if snaplen > MAX_SNAPLEN:
        raise BadInput(str(path), f"absurd snap length {snaplen} in the pcap header")
    linktype &= 0x0FFFFFFF  # upper bits carry FCS information
    hdr = struct.Struct(endian + "IIII")
    frame = 0
    while True:
        try:
            h = r.take(16)
        except EOFError as exc:
            raise TruncatedCapture(frame + 1, "file ends inside a record header") from exc
        if h is None:
            return
        frame += 1
        sec, frac, incl, _orig = hdr.unpack(h)
        if incl > MAX_RECORD:
            raise BadInput(str(path), f"frame {frame}: record length {incl} is absurd (over {MAX_RECORD} bytes)")
        try:
            data = r.take(incl)
        except EOFError as exc:
            raise TruncatedCapture(frame, "file ends inside a packet") from exc
        if data is None:
            raise TruncatedCapture(frame, "file ends after a record header")
        yield (sec + frac * unit, linktype, data, frame)


def _pcapng(r: _Reader, first: bytes, path: Path, on_secrets: Any) -> Iterator[Record]:
    endian = "<"
    ifaces: list[tuple[int, float, int]] = []  # (linktype, seconds per tick, snaplen)
    frame = 0
    btype_raw: bytes | None = first
    while True:
        try:
            if btype_raw is None:
                btype_raw = r.take(4)
                if btype_raw is None:
                    return
            blen_raw = r.take(4)
            if blen_raw is None:
                raise EOFError(0)
            if btype_raw == b"\x0a\x0d\x0d\x0a":  # section header: byte order from its magic
                bom = r.take(4)
                if bom is None:
                    raise EOFError(0)
                endian = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">" if bom == b"\x1a\x2b\x3c\x4d" else ""
                if not endian:
                    raise BadInput(str(path), "pcapng section header with a bad byte-order magic")
                blen = struct.unpack(endian + "I", blen_raw)[0]
                if blen < 28 or blen > MAX_BLOCK or blen % 4:
                    raise BadInput(str(path), f"pcapng section header length {blen} is invalid")
                body = r.take(blen - 12)
                if body is None:
                    raise EOFError(0)
                ifaces = []
                btype_raw = None
                continue
            btype = struct.unpack(endian + "I", btype_raw)[0]
            blen = struct.unpack(endian + "I", blen_raw)[0]
            if blen < 12 or blen % 4 or blen > MAX_BLOCK:
                raise BadInput(str(path), f"after frame {frame}: pcapng block length {blen} is invalid")
            body = r.take(blen - 8)
            if body is None:
                raise EOFError(0)
        except EOFError as exc:
            raise TruncatedCapture(frame + 1, "file ends inside a pcapng block") from exc
        btype_raw = None
        body = body[:-4]  # trailing length copy
        if btype == 1 and len(body) >= 8:  # interface description
            linktype, _res, snaplen = struct.unpack_from(endian + "HHI", body)
            ifaces.append((linktype, _tsresol(body[8:], endian), snaplen))
        elif btype in (6, 2) and ifaces is not None:  # enhanced / obsolete packet block
            if len(body) < 20:
                continue
            if btype == 6:
                iface, hi, lo, cap, _orig = struct.unpack_from(endian + "IIIII", body)
            else:
                iface, _drops, hi, lo, cap, _orig = struct.unpack_from(endian + "HHIIII", body)
            if iface >= len(ifaces):
                continue
            if cap > MAX_RECORD:
                raise BadInput(str(path), f"frame {frame + 1}: packet length {cap} is absurd")
            data = body[20:20 + cap]
            frame += 1
            lt, tick, _snap = ifaces[iface]
            yield (((hi << 32) | lo) * tick, lt, data, frame)
        elif btype == 3 and ifaces:  # simple packet block: interface 0, no timestamp
            if len(body) < 4:
                continue
            orig = struct.unpack_from(endian + "I", body)[0]
            lt, _tick, snap = ifaces[0]
            cap = min(orig, snap or orig, len(body) - 4)
            frame += 1
            yield (0.0, lt, body[4:4 + cap], frame)
        elif btype == 0x0A and on_secrets is not None and len(body) >= 8:  # decryption secrets
            stype, slen = struct.unpack_from(endian + "II", body)
            if stype == 0x544C534B:  # 'TLSK': NSS key log lines
                on_secrets(body[8:8 + slen])
        # any other block type is skipped


def _tsresol(options: bytes, endian: str) -> float:
    i = 0
    while i + 4 <= len(options):
        code, length = struct.unpack_from(endian + "HH", options, i)
        if code == 0:
            break
        if code == 9 and length >= 1:
            v = options[i + 4]
            return 2.0 ** -(v & 0x7F) if v & 0x80 else 10.0 ** -v
        i += 4 + length + (-length % 4)
    return 1e-6


class PcapSource:
    """A pcap/pcapng file as privmon messages (through the shared PacketDecoder)."""

    def __init__(self, path: Path, keylogs: Sequence[str] = ()) -> None:
        self.path = path
        self.keylogs = tuple(keylogs)
        with path.open("rb") as fh:
            head = fh.read(4)
        if head[:2] == b"\x1f\x8b":
            with gzip.open(path, "rb") as gz:
                head = gz.read(4)
        self.format = "pcapng" if head == b"\x0a\x0d\x0d\x0a" else "pcap"
        self.packets = 0
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self.warnings: list[str] = []
        self.encrypted_no_key = 0
        self.decrypted_sessions = 0
        self._pos = 0
        self._reader: _Reader | None = None
        self._tls: Any = None
        self._decoder: Any = None

    def progress(self) -> int:
        return self._pos

    def _tls_factory(self) -> Any:
        if self._tls is None:
            try:
                from monitor.sources.tls import make_tls_factory
            except ImportError:
                return None
            self._tls = make_tls_factory(self.keylogs, warn=self.warnings.append)
        return self._tls

    def _on_secrets(self, data: bytes) -> None:
        factory = self._tls_factory()
        if factory is not None:
            factory.add_secrets(data)
            if self._decoder is not None:  # secrets usually precede the packets (editcap puts them first)
                self._decoder.tls_factory = factory

    def messages(self) -> Iterator[Message | FlowStats]:
        from monitor.sources.packets import PacketDecoder

        tls = self._tls_factory() if self.keylogs else None
        decoder = PacketDecoder(tls_factory=tls)
        self._decoder = decoder
        reader = _Reader(self.path)
        records = iter_records(self.path, on_secrets=self._on_secrets, reader=reader)
        try:
            for ts, linktype, data, frame in records:
                self.packets += 1
                if self.first_ts is None or ts < self.first_ts:
                    self.first_ts = ts
                if self.last_ts is None or ts > self.last_ts:
                    self.last_ts = ts
                yield from decoder.feed(ts, linktype, data, frame)
                if frame % 4096 == 0:
                    self._pos = reader.compressed_pos()
                    yield from decoder.expire(ts)
        except TruncatedCapture as exc:
            self.warnings.append(f"truncated at frame {exc.frame}: {exc.reason}; the frames before it were kept")
        yield from decoder.finish()
        self.warnings.extend(decoder.undecoded_warnings())
        n = decoder.quic_connections - decoder.quic_decrypted
        if n > 0:
            self.warnings.append(f"{n} QUIC connection{'s' if n != 1 else ''} seen and not decrypted (no key log "
                                 "secret for it: only its server name was read)")
        self._pos = self.path.stat().st_size
        if self._tls is not None:
            self.decrypted_sessions = getattr(self._tls, "decrypted_sessions", 0)
        self.encrypted_no_key = decoder.encrypted_no_key
