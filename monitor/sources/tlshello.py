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
        ctype, length = stream[off], struct.unpack_from("!H", stream, off + 3)[0]
        if ctype != 0x16:
            raise HelloError("not a handshake record")
        if length > 18432:
            raise HelloError("record too long")
        if off + 5 + length > len(stream):
            break
        if not out and length >= 4:  # the message starts in this record: whole in it, it is read from it
            need = 4 + int.from_bytes(stream[off + 6: off + 9], "big")
            if need <= length:
                return bytes(stream[off + 5: off + 5 + need])
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
    size = len(body)
    if size < 38:
        raise HelloError("ClientHello too short")
    version = body[0:2]
    client_random = body[2:34]
    # the session id, cipher suites and compression methods skipped as _skip skips them (the same checks and
    # errors), their lengths read in place; precompiled Structs, no comprehensions: one hello per connection
    off = 35 + body[34]  # session id (size >= 38: its length byte is there)
    if off > size:
        raise HelloError("ClientHello field runs past its end")
    if off + 2 > size:
        raise HelloError("ClientHello truncated")
    off += 2 + ((body[off] << 8) | body[off + 1])  # cipher suites
    if off > size:
        raise HelloError("ClientHello field runs past its end")
    if off + 1 > size:
        raise HelloError("ClientHello truncated")
    off += 1 + body[off]  # compression methods
    if off > size:
        raise HelloError("ClientHello field runs past its end")
    sni, best = "", version
    alpn: list[str] = []
    if off + 2 <= size:
        ext_end = off + 2 + ((body[off] << 8) | body[off + 1])
        if ext_end > size:
            ext_end = size
        off += 2
        while off + 4 <= ext_end:
            etype, elen = _EXT.unpack_from(body, off)
            off += 4 + elen
            if etype != 0 and etype != 16 and etype != 43:
                continue  # (the padding and key shares are not copied)
            data = body[off - elen: off]
            if etype == 0 and len(data) >= 5:  # server_name
                nlen = (data[3] << 8) | data[4]
                sni = data[5: 5 + nlen].decode("ascii", "replace").lower().rstrip(".")[:253]
            elif etype == 16 and len(data) >= 2:  # ALPN
                i = 2
                while i < len(data) and len(alpn) < 16:
                    n = data[i]
                    alpn.append(data[i + 1: i + 1 + n].decode("ascii", "replace"))
                    i += 1 + n
            elif etype == 43 and data:  # supported_versions: the highest 3.x offered (max of the 2-byte values)
                top: bytes | None = None
                for i in range(1, min(len(data), 1 + data[0]), 2):
                    v = data[i: i + 2]
                    if len(v) == 2 and v[0] == 3 and (top is None or v > top):
                        top = v
                if top is not None:
                    best = top
    return sni, tuple(alpn), _VERSIONS.get(best, "1.0"), client_random


_EXT = struct.Struct("!HH")  # an extension's type and length
_VERSIONS = {b"\x03\x04": "1.3", b"\x03\x03": "1.2", b"\x03\x02": "1.1"}


def _skip(body: bytes, off: int, width: int) -> int:
    if off + width > len(body):
        raise HelloError("ClientHello truncated")
    n = int.from_bytes(body[off: off + width], "big")
    if off + width + n > len(body):
        raise HelloError("ClientHello field runs past its end")
    return off + width + n


MAX_SERVER_FLIGHT = 64 * 1024  # ServerHello + Certificate chain; real chains are a few kB


def server_certificate_names(stream: bytes) -> tuple[str, ...] | None:
    """The DNS names of the server's certificate, read from the server's first flight in clear.

    Only TLS 1.2 and older send the Certificate unencrypted. Returns None while more bytes are
    needed, () when no name can be had (TLS 1.3, a non-handshake record, a malformed or
    oversized flight), else the subject alternative names (then the common name), lower-case,
    wildcards kept as written.
    """
    hs = bytearray()
    off = 0
    while off + 5 <= len(stream):
        ctype, length = stream[off], struct.unpack_from("!H", stream, off + 3)[0]
        if ctype != 0x16 or length > 18432:
            return ()  # ChangeCipherSpec, alert or data before any Certificate: none to read
        if off + 5 + length > len(stream):
            break
        hs += stream[off + 5: off + 5 + length]
        off += 5 + length
        pos = 0
        while pos + 4 <= len(hs):
            mtype, mlen = hs[pos], int.from_bytes(hs[pos + 1: pos + 4], "big")
            if pos + 4 + mlen > len(hs):
                break
            body = bytes(hs[pos + 4: pos + 4 + mlen])
            if mtype == 2 and _negotiated_tls13(body):
                return ()
            if mtype == 11:
                return _first_certificate_names(body)
            if mtype in (12, 13, 14):  # key exchange, certificate request, hello done: no Certificate came
                return ()
            pos += 4 + mlen
    return () if len(stream) >= MAX_SERVER_FLIGHT else None


def _negotiated_tls13(server_hello: bytes) -> bool:
    try:
        off = _skip(server_hello, 34, 1) + 3  # session id; then cipher suite and compression
        if off + 2 > len(server_hello):
            return False
        end = min(len(server_hello), off + 2 + struct.unpack_from("!H", server_hello, off)[0])
        off += 2
        while off + 4 <= end:
            etype, elen = struct.unpack_from("!HH", server_hello, off)
            if etype == 43 and elen == 2:
                return server_hello[off + 4: off + 6] == b"\x03\x04"
            off += 4 + elen
    except HelloError:
        return False
    return False


def _first_certificate_names(body: bytes) -> tuple[str, ...]:
    if len(body) < 6:
        return ()
    n = int.from_bytes(body[3:6], "big")
    der = body[6: 6 + n]
    if n == 0 or len(der) != n:
        return ()
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        cert = x509.load_der_x509_certificate(der)
        names: list[str] = []
        try:
            san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
            names.extend(str(v) for v in san.get_values_for_type(x509.DNSName))
        except x509.ExtensionNotFound:
            pass
        names.extend(str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME))
    except (ValueError, TypeError):  # a malformed certificate: no names rather than a crash
        return ()
    out: list[str] = []
    for name in names:
        name = name.strip().lower().rstrip(".")[:253]
        if name and name not in out and all(c.isalnum() or c in "-.*_" for c in name):
            out.append(name)
        if len(out) >= 32:
            break
    return tuple(out)
