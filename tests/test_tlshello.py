"""Issue 20, nineteenth pass: parse_client_hello reads the session id, cipher suites and compression methods in place
and the extensions without comprehensions; it gives what the earlier code (the reference below) gave: the same
(sni, alpn, version, client random) or the same error, on generated hellos (every field varied, extensions repeated,
versions with GREASE and drafts), on the same cut anywhere or with a byte changed, and on random bytes.
"""

from __future__ import annotations

import random
import struct

import pytest

from monitor.sources.tlshello import HelloError, parse_client_hello


def _skip(body: bytes, off: int, width: int) -> int:
    if off + width > len(body):
        raise HelloError("ClientHello truncated")
    n = int.from_bytes(body[off: off + width], "big")
    if off + width + n > len(body):
        raise HelloError("ClientHello field runs past its end")
    return off + width + n


def _reference(hs: bytes) -> tuple[str, tuple[str, ...], str, bytes]:
    """parse_client_hello before the nineteenth pass."""
    if len(hs) < 4 or hs[0] != 1:
        raise HelloError("not a ClientHello")
    body = hs[4: 4 + int.from_bytes(hs[1:4], "big")]
    if len(body) < 38:
        raise HelloError("ClientHello too short")
    version = body[0:2]
    client_random = body[2:34]
    off = 34
    off = _skip(body, off, 1)
    off = _skip(body, off, 2)
    off = _skip(body, off, 1)
    sni, alpn, best = "", list[str](), version
    if off + 2 <= len(body):
        ext_end = min(len(body), off + 2 + struct.unpack_from("!H", body, off)[0])
        off += 2
        while off + 4 <= ext_end:
            etype, elen = struct.unpack_from("!HH", body, off)
            off += 4 + elen
            if etype != 0 and etype != 16 and etype != 43:
                continue
            data = body[off - elen: off]
            if etype == 0 and len(data) >= 5:
                nlen = struct.unpack_from("!H", data, 3)[0]
                sni = data[5: 5 + nlen].decode("ascii", "replace").lower().rstrip(".")[:253]
            elif etype == 16 and len(data) >= 2:
                i = 2
                while i < len(data) and len(alpn) < 16:
                    n = data[i]
                    alpn.append(data[i + 1: i + 1 + n].decode("ascii", "replace"))
                    i += 1 + n
            elif etype == 43 and data:
                vs = [data[i: i + 2] for i in range(1, min(len(data), 1 + data[0]), 2)]
                real = [v for v in vs if len(v) == 2 and v[0] == 3]
                if real:
                    best = max(real)
    return sni, tuple(alpn), {b"\x03\x04": "1.3", b"\x03\x03": "1.2", b"\x03\x02": "1.1"}.get(best, "1.0"), client_random


def _read(f: object, hs: bytes) -> object:
    try:
        return f(hs)  # type: ignore[operator]
    except HelloError as exc:
        return ("error", str(exc))


def _ext(rnd: random.Random) -> bytes:
    kind = rnd.choice(["sni", "sni", "alpn", "versions", "versions", "padding", "other"])
    if kind == "sni":
        name = rnd.choice([b"api.example.com", b"CDN.Example.NET.", b"x", b"", b"caf\xc3\xa9.example", b"a" * 300])
        data = struct.pack("!HBH", len(name) + 3, 0, len(name)) + name
        return struct.pack("!HH", 0, len(data)) + data
    if kind == "alpn":
        protos = b"".join(bytes([len(p)]) + p for p in rnd.sample([b"h2", b"http/1.1", b"h3", b"", b"spdy/3", b"x" * 40,
                                                                 *[b"p%d" % i for i in range(20)]], rnd.randrange(0, 22)))
        data = struct.pack("!H", len(protos)) + protos
        return struct.pack("!HH", 16, len(data)) + data
    if kind == "versions":
        vs = b"".join(rnd.choice([b"\x03\x04", b"\x03\x03", b"\x03\x02", b"\x03\x01", b"\x0a\x0a", b"\x7f\x17",
                                  b"\x03\x05", b"\xfe\xfd"]) for _ in range(rnd.randrange(0, 7)))
        data = bytes([len(vs) + rnd.choice([0, 0, 1, -1 if vs else 0])]) + vs
        return struct.pack("!HH", 43, len(data)) + data
    if kind == "padding":
        return struct.pack("!HH", 21, 40) + bytes(40)
    n = rnd.randrange(0, 7)  # (an empty extension last: its header ends the block)
    return struct.pack("!HH", rnd.choice([10, 13, 51, 0x0a0a]), n) + rnd.randbytes(n)


def _hello(rnd: random.Random) -> bytes:
    body = rnd.choice([b"\x03\x03", b"\x03\x01", b"\x03\x04"]) + rnd.randbytes(32)
    sid = rnd.randbytes(rnd.choice([0, 0, 32, 5]))
    suites = rnd.randbytes(2 * rnd.randrange(0, 8))
    body += bytes([len(sid)]) + sid + struct.pack("!H", len(suites)) + suites + b"\x01\x00"
    if rnd.random() < 0.9:
        exts = b"".join(_ext(rnd) for _ in range(rnd.randrange(0, 7)))
        body += struct.pack("!H", len(exts) + rnd.choice([0, 0, 0, 3, -2 if exts else 0])) + exts
    return b"\x01" + len(body).to_bytes(3, "big") + body


@pytest.mark.parametrize("seed", range(4))
def test_a_client_hello_reads_as_the_reference_reads_it(seed: int) -> None:
    rnd = random.Random(seed)
    read = 0
    for _ in range(2000):
        hs = _hello(rnd)
        cut = rnd.random()
        if cut < 0.25:
            hs = hs[:rnd.randrange(len(hs) + 1)]  # truncated anywhere (the length then claims more)
        elif cut < 0.4:
            i = rnd.randrange(len(hs))
            hs = hs[:i] + bytes([rnd.randrange(256)]) + hs[i + 1:]  # one byte changed
        elif cut < 0.45:
            hs = b"\x01" + rnd.randbytes(rnd.randrange(80))
        ours = _read(parse_client_hello, hs)
        assert ours == _read(_reference, hs), hs.hex()
        read += ours[0] != "error"
    assert read > 800  # most were read, not refused


def test_a_client_hello_cut_at_every_byte_reads_as_the_reference_reads_it() -> None:
    """Every cut of a few hellos (the message length kept: the body then ends before what its lengths claim)."""
    rnd = random.Random(7)
    for _ in range(40):
        hs = _hello(rnd)
        for n in range(len(hs) + 1):
            assert _read(parse_client_hello, hs[:n]) == _read(_reference, hs[:n]), (hs.hex(), n)
