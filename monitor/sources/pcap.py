"""Streaming pcap / pcapng (optionally gzip-compressed) reader and the capture source built on it.

Records are read in 1 MiB chunks and parsed with struct, never the whole file in memory and
never through scapy's dissection (10x slower than tshark on the bulk path). Every length field
is checked against a bound and against the bytes present: a record that claims more than
MAX_RECORD is refused (BadInput), a file that ends mid-record keeps what came before and
reports where it stopped (TruncatedCapture -> a warning).
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
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
# (buffer, position, end, frame number before it, record layout, linktype) -> a generator of what it makes of the
# records (PacketDecoder.walk: lists of messages), returning (position, frame number) after the records walked
Sieve = Callable[[bytes, int, int, int, Any, int], Generator[Any, None, tuple[int, int]]]


class Gunzip:
    """A gzip stream that keeps what decompresses when the file is truncated or damaged.

    gzip.GzipFile drops the whole chunk a read was decompressing when it meets the damage (a
    truncated .pcap.gz then read as "empty file"). Here the compressed input goes through zlib in
    16 KiB steps; on an error the step is replayed byte by byte from a copy of the decompressor,
    so every byte before the damage comes out, and `damage` says at which compressed byte offset
    it stopped. Members are concatenated as gzip allows; trailing zero padding is ignored.
    """

    STEP = 16 * 1024

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""
        self.offset = 0  # compressed bytes fully consumed before `pending`
        self.done = False
        self.damage = ""

    def read(self, n: int) -> bytes:
        """Up to n decompressed bytes; b"" at the end (a clean end, or the damage)."""
        while not self.done:
            if not self.pending:
                self.pending = self.raw.read(self.STEP)
                if not self.pending:
                    self.done = True
                    self.damage = f"gzip data ends at byte {self.offset} before the end of its stream (truncated)"
                    return b""
            snap = self.d.copy()
            try:
                out = self.d.decompress(self.pending, n)
            except zlib.error as exc:
                return self._salvage(snap, exc)
            if self.d.eof:
                rest = self.d.unused_data
                self.offset += len(self.pending) - len(rest)
                self.pending = rest
                if rest[:2] == b"\x1f\x8b":
                    self.d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # the next member
                else:
                    tail = rest + self.raw.read(self.STEP)
                    if tail.strip(b"\0"):
                        self.damage = f"data after the end of the gzip stream at byte {self.offset} was ignored"
                    self.done = True
            else:
                tail = self.d.unconsumed_tail
                self.offset += len(self.pending) - len(tail)
                self.pending = tail
            if out:
                return out
        return b""

    def _salvage(self, d: Any, exc: zlib.error) -> bytes:
        parts = []
        for i in range(len(self.pending)):
            try:
                parts.append(d.decompress(self.pending[i:i + 1]))
            except zlib.error:
                self.damage = f"gzip data damaged at byte {self.offset + i} ({exc}); what decompressed before it was kept"
                break
        else:  # pragma: no cover - byte-wise feeding does not fail where the whole step did
            self.damage = f"gzip data damaged near byte {self.offset} ({exc})"
        self.done = True
        self.pending = b""
        return b"".join(parts)


def gunzip_head(path: Path, n: int) -> bytes:
    """The first n decompressed bytes of a gzip file; BadInput when not even those come out."""
    with path.open("rb") as raw:
        g = Gunzip(raw)
        out = b""
        while len(out) < n:
            chunk = g.read(n - len(out))
            if not chunk:
                break
            out += chunk
    if len(out) < min(n, 4) and g.damage:
        raise BadInput(str(path), g.damage + (f" after {len(out)} decompressed bytes" if out else ""))
    return out


class _Reader:
    """Chunked reader over a (possibly gzip) file with a bomb guard."""

    def __init__(self, path: Path, warn: Any = None) -> None:
        self.path = path
        self.warn = warn
        self.raw: IO[bytes] = path.open("rb")
        self.gz = self.raw.read(2) == b"\x1f\x8b"
        self.raw.seek(0)
        self.gunzip = Gunzip(self.raw) if self.gz else None
        self.buf = b""
        self.pos = 0
        self.out = 0  # decompressed bytes consumed
        self.frames = 0  # records walked so far, as far as a sieve counted them (iter_records)

    def close(self) -> None:
        self.raw.close()

    def compressed_pos(self) -> int:
        return self.raw.tell()

    def _read(self, size: int = 0) -> bytes:
        if self.gunzip is None:
            try:
                return self.raw.read(size or CHUNK)
            except OSError as exc:
                raise BadInput(str(self.path), f"read error: {exc}") from exc
        chunk = self.gunzip.read(CHUNK)
        if not chunk and self.gunzip.damage:
            if self.warn is not None and self.out:
                self.warn(self.gunzip.damage)
            elif not self.out:
                raise BadInput(str(self.path), self.gunzip.damage + ", nothing decompressed")
            self.gunzip.damage = ""  # said once
        return chunk

    def _fill(self, need: int) -> bool:
        if self.gunzip is None:
            return self._refill(need)
        while len(self.buf) - self.pos < need:
            chunk = self._read()
            if not chunk:
                return False
            self.out += len(chunk)
            if self.gz and self.out > GZIP_RATIO_AFTER and self.out > GZIP_MAX_RATIO * max(1, self.raw.tell()):
                raise BadInput(str(self.path), f"gzip data expands more than {GZIP_MAX_RATIO}x (a decompression bomb?)")
            self.buf = self.buf[self.pos:] + chunk
            self.pos = 0
        return True

    def _refill(self, need: int) -> bool:
        """_fill for a plain file: the unread rest of the buffer is read again with the next chunk (a seek back
        over at most a record) rather than joined to it, so each chunk is one new buffer, not two (a fresh 1 MiB
        buffer costs its page faults: the join was ~15 ms of CPU per 50 MB)."""
        left = len(self.buf) - self.pos
        if left >= need:
            return True
        if left:
            self.raw.seek(-left, 1)
        chunk = self._read(max(CHUNK, need))
        if len(chunk) <= left:  # nothing new: the end of the file (where the read left the position)
            return False
        self.out += len(chunk) - left
        self.buf, self.pos = chunk, 0
        return len(chunk) >= need

    def bad(self, frame: int, reason: str) -> Exception:
        """An impossible length: BadInput, except after frames of a gzip file (damaged data decompresses
        to garbage before zlib's checks notice: the frames before are kept, the damage is looked for)."""
        if self.gunzip is None or frame <= 1:
            return BadInput(str(self.path), reason)
        damage = self.find_damage()
        if damage and self.warn is not None:
            self.warn(damage)
        return TruncatedCapture(frame, f"{reason} (damaged data?)")

    def find_damage(self, limit: int = 64 << 20) -> str:
        """After a gzip capture stopped early: read on (at most `limit` bytes) for zlib's verdict."""
        if self.gunzip is None:
            return ""
        seen = 0
        while seen < limit and self.gunzip.read(CHUNK):
            seen += CHUNK
        damage, self.gunzip.damage = self.gunzip.damage, ""
        return damage

    def take(self, n: int) -> bytes | None:
        """n bytes, or None at a clean end of file; raises EOFError on a partial read."""
        if not self._fill(n):
            if len(self.buf) - self.pos == 0:
                return None
            raise EOFError(len(self.buf) - self.pos)
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out


def iter_records(path: Path, on_secrets: Any = None, reader: _Reader | None = None,
                 sieve: Sieve | None = None) -> Iterator[Any]:
    """Yield every packet record of a pcap or pcapng file (gzip allowed).

    With a sieve (PacketDecoder.walk), the records whole in the read buffer are walked by it and what it yields
    is passed on instead of them (the decoder's messages); the records read one at a time (across the buffer's
    end, and pcapng blocks other than enhanced packet blocks) are yielded as records. The reader's `frames` then
    says how many records there were.
    """
    r = reader or _Reader(path)
    try:
        head = r.take(4)
        if head is None:
            raise BadInput(str(path), "empty file")
        if head == b"\x0a\x0d\x0d\x0a":
            yield from _pcapng(r, head, path, on_secrets, sieve)
        else:
            yield from _pcap(r, head, path, sieve)
    except EOFError as exc:
        raise BadInput(str(path), "file ends inside the capture header") from exc
    finally:
        r.close()


def _pcap(r: _Reader, magic: bytes, path: Path, sieve: Sieve | None = None) -> Iterator[Any]:
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
    hdr = struct.Struct(endian + "III4x")  # seconds, fraction, captured length (the original length is not read)
    unpack = hdr.unpack_from
    frame = 0
    layout = ("pcap", hdr, unit, MAX_RECORD, MAX_BLOCK)
    while True:
        # every whole record already in the buffer, read in place (no per-record copy of the header)
        buf, pos = r.buf, r.pos
        end = len(buf)
        if sieve is not None:  # the decoder walks them, settling the packets that are only counted
            pos, frame = yield from sieve(buf, pos, end, frame, layout, linktype)
            r.frames = frame
            end = pos  # (the loop below then walks nothing)
        while pos + 16 <= end:
            sec, frac, incl = unpack(buf, pos)
            start = pos + 16
            if incl > MAX_RECORD or start + incl > end:
                break
            frame += 1
            pos = start + incl
            yield (sec + frac * unit, linktype, buf[start:pos], frame)
        r.pos = pos
        # a record that crosses the buffer's end, a bad length or the end of the file: one record the slow way
        try:
            h = r.take(16)
        except EOFError as exc:
            raise TruncatedCapture(frame + 1, "file ends inside a record header") from exc
        if h is None:
            return
        frame += 1
        sec, frac, incl = hdr.unpack(h)
        if incl > MAX_RECORD:
            raise r.bad(frame, f"frame {frame}: record length {incl} is absurd (over {MAX_RECORD} bytes)")
        try:
            data = r.take(incl)
        except EOFError as exc:
            raise TruncatedCapture(frame, "file ends inside a packet") from exc
        if data is None:
            raise TruncatedCapture(frame, "file ends after a record header")
        yield (sec + frac * unit, linktype, data, frame)


def _pcapng(r: _Reader, first: bytes, path: Path, on_secrets: Any, sieve: Sieve | None = None) -> Iterator[Any]:
    endian = "<"
    ifaces: list[tuple[int, float, int]] = []  # (linktype, seconds per tick, snaplen)
    frame = 0
    btype_raw: bytes | None = first
    # an enhanced packet block's type, length, interface, time and captured length (the original length not read)
    epb = {"<": struct.Struct("<IIIIII4x"), ">": struct.Struct(">IIIIII4x")}
    while True:
        if btype_raw is None and ifaces:
            # enhanced packet blocks already whole in the buffer, read in place; anything else the slow way
            unpack = epb[endian].unpack_from
            layout = ("pcapng", epb[endian], ifaces, MAX_RECORD, MAX_BLOCK)
            buf, pos = r.buf, r.pos
            end = len(buf)
            if sieve is not None:  # (see _pcap)
                pos, frame = yield from sieve(buf, pos, end, frame, layout, 0)
                r.frames = frame
                end = pos
            while pos + 28 <= end:
                btype, blen, iface, hi, lo, cap = unpack(buf, pos)
                if btype != 6 or blen < 32 or blen % 4 or blen > MAX_BLOCK or pos + blen > end \
                        or iface >= len(ifaces) or cap > MAX_RECORD:
                    break
                start = pos + 28
                pos += blen
                frame += 1
                lt, tick, _snap = ifaces[iface]
                yield (((hi << 32) | lo) * tick, lt, buf[start:min(start + cap, pos - 4)], frame)
            r.pos = pos
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
                raise r.bad(frame + 1, f"after frame {frame}: pcapng block length {blen} is invalid")
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
                raise r.bad(frame + 1, f"frame {frame + 1}: packet length {cap} is absurd")
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

    def __init__(self, path: Path, keylogs: Sequence[str] = (), fast: bool = True) -> None:
        self.path = path
        self.keylogs = tuple(keylogs)
        self.fast = fast  # PacketDecoder's fast path (False: the reference path, for differential tests)
        with path.open("rb") as fh:
            head = fh.read(4)
        if head[:2] == b"\x1f\x8b":
            head = gunzip_head(path, 4)
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
        self.late_datagrams: Any = None  # PacketDecoder.late_datagrams, set by whoever reads the messages

    def progress(self) -> int:
        r = self._reader
        if r is not None and not r.raw.closed:  # the compressed bytes read so far (the walk has no ticks to store it at)
            self._pos = r.compressed_pos()
        return self._pos

    def _counts(self, packets: int, first: float, last: float) -> None:
        self.packets = packets
        if packets:
            self.first_ts, self.last_ts = first, last

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
        decoder = PacketDecoder(tls_factory=tls, fast=self.fast)
        decoder.late_datagrams = self.late_datagrams
        self._decoder = decoder
        reader = self._reader = _Reader(self.path, warn=self.warnings.append)
        # the records whole in the reader's buffer are walked by the decoder itself (PacketDecoder.walk: those
        # only counted are settled without a record tuple, frame copy or feed call, the others fed in place), which
        # yields their messages; the records read one at a time (across the buffer's end) come here as records
        records = iter_records(self.path, on_secrets=self._on_secrets, reader=reader,
                               sieve=decoder.walk if self.fast else None)
        feed = decoder.feed
        frame = 0  # frames are numbered 1, 2, ... in file order: the last one's number is the packet count
        first, last = math.inf, -math.inf  # (of the records that come here) counted in locals, stored at the end
        try:
            for item in records:
                if item.__class__ is list:  # what the decoder's walk gave for the records it walked in place
                    yield from item  # type: ignore[misc]
                    continue
                ts, linktype, data, frame = item  # a record read the slow way (across the buffer's end)
                if ts < first:
                    first = ts
                if ts > last:
                    last = ts
                out = feed(ts, linktype, data, frame)
                if out:
                    yield from out
                if not frame & 4095:
                    self._counts(frame, min(first, decoder.first_ts), max(last, decoder.last_ts))
                    self._pos = reader.compressed_pos()
                    yield from decoder.expire(ts)
        except TruncatedCapture as exc:
            self.warnings.append(f"truncated at frame {exc.frame}: {exc.reason}; the frames before it were kept")
        finally:
            self._counts(max(frame, reader.frames), min(first, decoder.first_ts), max(last, decoder.last_ts))
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
