"""TLS ClientHello parsing: SNI, ALPN and version, from the handshake bytes (records unwrapped).

Used for TCP streams (the hello may span several records and segments: the caller buffers the
handshake bytes) and for QUIC, whose CRYPTO frames carry the same ClientHello.
"""

from __future__ import annotations

import struct

MAX_HELLO = 64 * 1024


class HelloError(ValueError):
    pass


def handshake_from_records(stream: bytes) -> bytes | None:
    """Concatenate the handshake payloads of the TLS records at the start of the stream.

    Returns the handshake bytes once a complete ClientHello is present, None if more is needed;
    raises HelloError when the stream is not TLS handshake records.
    """
    out = bytearray()
    off = 0
    while off + 5 <= len(stream):
        ctype, _ver, length = stream[off], stream[off + 1: off + 3], struct.unpack_from("!H", stream, off + 3)[0]
        if ctype != 0x16:
            raise HelloError("not a handshake record")
        if length > 18432:
            raise HelloError("record too long")
        if off + 5 + length > len(stream):
            break
        out += stream[off + 5: off + 5 + length]
        off += 5 + length
        if len(out) >= 4:
            need = 4 + int.from_bytes(out[1:4], "big")
            if len(out) >= need:
                return bytes(out[:need])
    if len(stream) > MAX_HELLO:
        raise HelloError("ClientHello larger than the limit")
    return None


def parse_client_hello(hs: bytes) -> tuple[str, tuple[str, ...], str, bytes]:
    """(sni, alpn, highest version offered, client_random) of a handshake ClientHello message."""
    if len(hs) < 4 or hs[0] != 1:
        raise HelloError("not a ClientHello")
    body = hs[4: 4 + int.from_bytes(hs[1:4], "big")]
    if len(body) < 38:
        raise HelloError("ClientHello too short")
    version = body[0:2]
    client_random = body[2:34]
    off = 34
    off = _skip(body, off, 1)  # session id
    off = _skip(body, off, 2)  # cipher suites
    off = _skip(body, off, 1)  # compression methods
    sni, alpn, best = "", [], version
    if off + 2 <= len(body):
        ext_end = min(len(body), off + 2 + struct.unpack_from("!H", body, off)[0])
        off += 2
        while off + 4 <= ext_end:
            etype, elen = struct.unpack_from("!HH", body, off)
            data = body[off + 4: off + 4 + elen]
            off += 4 + elen
            if etype == 0 and len(data) >= 5:  # server_name
                nlen = struct.unpack_from("!H", data, 3)[0]
                sni = data[5: 5 + nlen].decode("ascii", "replace").lower().rstrip(".")[:253]
            elif etype == 16 and len(data) >= 2:  # ALPN
                i = 2
                while i < len(data) and len(alpn) < 16:
                    n = data[i]
                    alpn.append(data[i + 1: i + 1 + n].decode("ascii", "replace"))
                    i += 1 + n
            elif etype == 43 and data:  # supported_versions
                vs = [data[i: i + 2] for i in range(1, min(len(data), 1 + data[0]), 2)]
                real = [v for v in vs if len(v) == 2 and v[0] == 3]
                if real:
                    best = max(real)
    return sni, tuple(alpn), {b"\x03\x04": "1.3", b"\x03\x03": "1.2", b"\x03\x02": "1.1"}.get(best, "1.0"), client_random


def _skip(body: bytes, off: int, width: int) -> int:
    if off + width > len(body):
        raise HelloError("ClientHello truncated")
    n = int.from_bytes(body[off: off + width], "big")
    if off + width + n > len(body):
        raise HelloError("ClientHello field runs past its end")
    return off + width + n
