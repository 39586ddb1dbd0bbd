"""QUIC 1-RTT decryption from NSS key logs (RFC 9000, 9001; RFC 9369 for QUIC v2) and HTTP/3 (RFC 9114,
QPACK RFC 9204) inside: the requests an app sends over QUIC, as HttpExchanges (protocol "https").

A `QuicSession` is made per QUIC connection whose client Initial was read (client random, CIDs);
it finds CLIENT_/SERVER_TRAFFIC_SECRET_0 for the client random in the key log, removes header
protection from short-header packets, decrypts them (AES-128/256-GCM or ChaCha20-Poly1305, key
updates followed), reassembles STREAM frames and reads HTTP/3 HEADERS and DATA frames. QPACK
(static and dynamic tables) is decoded by pylsqpack (a dependency of mitmproxy's aioquic); without
it, or without a matching secret, the connection stays "QUIC, not decrypted". Every buffer is
bounded; anything unexpected ends the reading of that connection, never the capture.
"""

from __future__ import annotations

import struct
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

from monitor.model import Endpoint, HttpExchange, Message
from monitor.sources.quic import skip_ack
from monitor.sources.quic import varint as _varint
from monitor.sources.tls.crypto import hkdf_expand_label

MAX_STREAMS = 256
MAX_STREAM_BYTES = 256 * 1024
MAX_BODY = 64 * 1024
V2 = 0x6B3343CF


class _Keys:
    """1-RTT packet protection of one direction."""

    def __init__(self, secret: bytes, v2: bool, chacha: bool) -> None:
        self.secret, self.v2, self.chacha = secret, v2, chacha
        h = "sha384" if len(secret) == 48 else "sha256"
        self.hash = h
        p = b"quicv2 " if v2 else b"quic "
        klen = 32 if (chacha or len(secret) == 48) else 16
        self.key = hkdf_expand_label(secret, p + b"key", klen, h)
        self.iv = hkdf_expand_label(secret, p + b"iv", 12, h)
        self.hp = hkdf_expand_label(secret, p + b"hp", klen, h)
        self.aead: Any = ChaCha20Poly1305(self.key) if chacha else AESGCM(self.key)

    def mask(self, sample: bytes) -> bytes:
        if self.chacha:
            enc = Cipher(algorithms.ChaCha20(self.hp, sample[:16]), mode=None).encryptor()
            return enc.update(b"\0" * 5)
        enc = Cipher(algorithms.AES(self.hp), modes.ECB()).encryptor()
        return enc.update(sample) + enc.finalize()

    def open(self, pn: int, header: bytes, body: bytes) -> bytes | None:
        nonce = bytes(a ^ b for a, b in zip(self.iv, pn.to_bytes(12, "big"), strict=False))
        try:
            return self.aead.decrypt(nonce, body, header)  # type: ignore[no-any-return]
        except InvalidTag:
            return None

    def next(self) -> _Keys:
        label = b"quicv2 ku" if self.v2 else b"quic ku"
        return _Keys(hkdf_expand_label(self.secret, label, len(self.secret), self.hash), self.v2, self.chacha)


class _H3Stream:
    def __init__(self, sid: int, ts: float) -> None:
        self.sid, self.ts = sid, ts
        self.pieces: dict[bool, dict[int, bytes]] = {True: {}, False: {}}
        self.read = {True: 0, False: 0}  # bytes of the stream consumed
        self.buf = {True: bytearray(), False: bytearray()}
        self.headers: dict[bool, list[tuple[str, str]]] = {True: [], False: []}
        self.body = {True: bytearray(), False: bytearray()}
        self.frames: list[int] = []
        self.truncated = False
        self.done = False


class QuicSession:
    """One QUIC connection: packets in (both directions), HTTP/3 exchanges out."""

    def __init__(self, client: Endpoint, server: Endpoint, secrets: dict[str, bytes], version: int,
                 client_scid: bytes) -> None:
        self.client, self.server = client, server
        self.secrets = secrets
        self.v2 = version == V2
        self.cid_len = {True: -1, False: len(client_scid)}  # DCID length of short packets per direction
        self.keys: dict[bool, list[_Keys]] = {}
        self.phase = {True: 0, False: 0}
        self.largest = {True: -1, False: -1}
        self.streams: dict[int, _H3Stream] = {}
        self.uni: dict[tuple[bool, int], bytearray] = {}  # unidirectional streams (control, QPACK encoder)
        self.uni_read: dict[tuple[bool, int], int] = {}
        self.uni_type: dict[tuple[bool, int], int] = {}
        self.decoders: dict[bool, Any] = {}  # QPACK decoder for headers sent in that direction
        self.capacity = {True: 0, False: 0}  # QPACK table capacity the receiver of that direction announced
        self.blocked: dict[bool, dict[int, _H3Stream]] = {True: {}, False: {}}
        self.decrypted = False
        self.broken = False

    # -- packets -------------------------------------------------------------------------------

    def feed(self, outbound: bool, datagram: bytes, ts: float, frame: int) -> list[Message]:
        if self.broken:
            return []
        out: list[Message] = []
        off = 0
        try:
            while off < len(datagram):
                b0 = datagram[off]
                if b0 & 0x80:  # long header: learn the CIDs, skip (Initial/Handshake/0-RTT keys are not used)
                    off = self._long(outbound, datagram, off)
                    if off < 0:
                        break
                    continue
                out.extend(self._short(outbound, datagram[off:], ts, frame))
                break
        except (ValueError, IndexError, struct.error):
            pass
        return out

    def _long(self, outbound: bool, d: bytes, off: int) -> int:
        version = int.from_bytes(d[off + 1: off + 5], "big")
        if version == 0:
            return -1  # version negotiation
        ptype = (d[off] >> 4) & 3
        if version == V2:
            ptype = {1: 0, 2: 1, 3: 2, 0: 3}[ptype]
        p = off + 5
        dlen = d[p]
        p += 1 + dlen
        slen = d[p]
        p += 1 + slen
        self.cid_len[not outbound] = slen  # short packets towards this sender carry its CID
        if ptype == 3:  # Retry: no length, ends the datagram
            return -1
        if ptype == 0:
            tlen, p = _varint(d, p)
            p += tlen
        length, p = _varint(d, p)
        return p + length

    def _keys(self, outbound: bool) -> list[_Keys] | None:
        keys = self.keys.get(outbound)
        if keys is None:
            secret = self.secrets.get("CLIENT_TRAFFIC_SECRET_0" if outbound else "SERVER_TRAFFIC_SECRET_0")
            if secret is None:
                return None
            keys = [_Keys(secret, self.v2, False)]
            if len(secret) == 32:  # TLS_AES_128_GCM_SHA256 or TLS_CHACHA20_POLY1305_SHA256: tried in turn
                keys.append(_Keys(secret, self.v2, True))
            self.keys[outbound] = keys
        return keys

    def _short(self, outbound: bool, pkt: bytes, ts: float, frame: int) -> list[Message]:
        keys = self._keys(outbound)
        n = self.cid_len[outbound]
        if not keys or n < 0 or len(pkt) < 1 + n + 20:
            return []
        pn_off = 1 + n
        sample = pkt[pn_off + 4: pn_off + 20]
        for i, k in enumerate(keys):
            mask = k.mask(sample)
            first = pkt[0] ^ (mask[0] & 0x1F)
            pn_len = (first & 3) + 1
            pn_raw = bytes(b ^ m for b, m in zip(pkt[pn_off: pn_off + pn_len], mask[1: 1 + pn_len], strict=False))
            pn = _decode_pn(self.largest[outbound], int.from_bytes(pn_raw, "big"), pn_len * 8)
            header = bytes([first]) + pkt[1:pn_off] + pn_raw
            body = pkt[pn_off + pn_len:]
            phase = (first >> 2) & 1
            use = k if phase == self.phase[outbound] else k.next()
            plain = use.open(pn, header, body)
            if plain is None:
                continue
            if use is not k:  # a key update
                self.phase[outbound] = phase
                keys[i] = use
            self.keys[outbound] = [keys[i]]  # the cipher is known now
            self.largest[outbound] = max(self.largest[outbound], pn)
            self.decrypted = True
            return self._frames(outbound, plain, ts, frame)
        return []

    # -- frames and streams --------------------------------------------------------------------

    def _frames(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        out: list[Message] = []
        off = 0
        while off < len(data):
            ftype, off = _varint(data, off)
            if ftype in (0x00, 0x01, 0x1E):  # PADDING, PING, HANDSHAKE_DONE
                continue
            if ftype in (0x02, 0x03):  # ACK
                off = skip_ack(data, off, ftype, 1024)
            elif 0x08 <= ftype <= 0x0F:  # STREAM
                sid, off = _varint(data, off)
                soff = 0
                if ftype & 0x04:
                    soff, off = _varint(data, off)
                if ftype & 0x02:
                    slen, off = _varint(data, off)
                else:
                    slen = len(data) - off
                chunk = data[off: off + slen]
                off += slen
                out.extend(self._stream(outbound, sid, soff, chunk, ts, frame))
            elif ftype == 0x06:  # CRYPTO (post-handshake messages)
                _o, off = _varint(data, off)
                clen, off = _varint(data, off)
                off += clen
            elif ftype == 0x07:  # NEW_TOKEN
                tlen, off = _varint(data, off)
                off += tlen
            elif ftype == 0x04:  # RESET_STREAM
                for _ in range(3):
                    _x, off = _varint(data, off)
            elif ftype in (0x05, 0x11):  # STOP_SENDING, MAX_STREAM_DATA
                for _ in range(2):
                    _x, off = _varint(data, off)
            elif ftype in (0x10, 0x12, 0x13, 0x14, 0x16, 0x17, 0x19):  # one varint
                _x, off = _varint(data, off)
            elif ftype == 0x15:  # STREAM_DATA_BLOCKED
                for _ in range(2):
                    _x, off = _varint(data, off)
            elif ftype == 0x18:  # NEW_CONNECTION_ID
                _s, off = _varint(data, off)
                _r, off = _varint(data, off)
                off += 1 + data[off] + 16
            elif ftype in (0x1A, 0x1B):  # PATH_CHALLENGE / RESPONSE
                off += 8
            elif ftype in (0x1C, 0x1D):  # CONNECTION_CLOSE: the rest is the reason
                break
            elif ftype in (0x30, 0x31):  # DATAGRAM
                if ftype == 0x31:
                    dlen, off = _varint(data, off)
                    off += dlen
                else:
                    break
            else:
                break  # an unknown frame: its length cannot be known
        return out

    def _stream(self, outbound: bool, sid: int, soff: int, chunk: bytes, ts: float, frame: int) -> list[Message]:
        if sid & 2:  # unidirectional: control, QPACK encoder/decoder, push
            return self._uni(outbound, sid, soff, chunk)
        st = self.streams.get(sid)
        if st is None:
            if not outbound or len(self.streams) >= MAX_STREAMS:
                return []
            st = self.streams[sid] = _H3Stream(sid, ts)
        if st.done or soff + len(chunk) > MAX_STREAM_BYTES:
            st.truncated = True
            return []
        if frame not in st.frames and len(st.frames) < 32:
            st.frames.append(frame)
        st.pieces[outbound].setdefault(soff, chunk)
        self._advance(st.pieces[outbound], st.buf[outbound], st.read, outbound)
        return self._h3(outbound, st)

    @staticmethod
    def _advance(pieces: dict[int, bytes], buf: bytearray, read: dict[bool, int], key: bool) -> None:
        while True:
            pos = read[key]
            ready = [o for o in pieces if o <= pos]
            if not ready:
                return
            for o in ready:
                piece = pieces.pop(o)
                if o + len(piece) > pos:
                    buf += piece[pos - o:]
                    pos = o + len(piece)
            read[key] = pos

    def _h3(self, outbound: bool, st: _H3Stream) -> list[Message]:
        buf = st.buf[outbound]
        while buf:
            try:
                ftype, p = _varint(buf, 0)
                flen, p = _varint(buf, p)
            except ValueError:
                return []
            if p + flen > len(buf):
                return []
            payload = bytes(buf[p: p + flen])
            del buf[: p + flen]
            if ftype == 0x01:  # HEADERS
                if not self._headers(outbound, st, payload):
                    return []
                if not outbound and any(k == ":status" and not v.startswith("1") for k, v in st.headers[False]):
                    return [self._exchange(st)]
            elif ftype == 0x00:  # DATA
                body = st.body[outbound]
                room = MAX_BODY - len(body)
                body += payload[:room]
                st.truncated = st.truncated or len(payload) > room
        return []

    def _decoder(self, outbound: bool) -> Any:
        dec = self.decoders.get(outbound)
        if dec is None:
            try:
                from pylsqpack import Decoder
            except ImportError:
                self.broken = True
                return None
            dec = self.decoders[outbound] = Decoder(self.capacity[outbound], 64)
        return dec

    def _headers(self, outbound: bool, st: _H3Stream, block: bytes) -> bool:
        dec = self._decoder(outbound)
        if dec is None:
            return False
        try:
            from pylsqpack import StreamBlocked
        except ImportError:
            return False
        try:
            _control, headers = dec.feed_header(st.sid, block)
        except StreamBlocked:
            self.blocked[outbound][st.sid] = st
            return False
        except Exception:  # noqa: BLE001 - pylsqpack's DecompressionFailed and friends: this stream is unreadable
            return False
        self._set_headers(outbound, st, headers)
        return True

    @staticmethod
    def _set_headers(outbound: bool, st: _H3Stream, headers: list[tuple[bytes, bytes]]) -> None:
        st.headers[outbound] = [(k.decode("utf-8", "replace"), v.decode("utf-8", "replace")) for k, v in headers][:200]

    def _uni(self, outbound: bool, sid: int, soff: int, chunk: bytes) -> list[Message]:
        key = (outbound, sid)
        if key not in self.uni_read:
            if len(self.uni_read) >= 16:
                return []
            self.uni_read[key], self.uni[key], self.uni_type[key] = 0, bytearray(), -1
        if soff != self.uni_read[key]:
            return []  # out of order on a control or encoder stream: not followed (rare)
        self.uni_read[key] += len(chunk)
        if self.uni_type[key] < 0:
            buf = self.uni[key]
            buf += chunk[:16]
            try:
                stype, p = _varint(buf, 0)
            except ValueError:
                return []
            self.uni_type[key] = stype
            chunk, self.uni[key] = bytes(buf[p:]) + chunk[16:], bytearray()
        stype = self.uni_type[key]
        if stype == 0x00:  # control stream: SETTINGS say the QPACK table capacity this side decodes with
            buf = self.uni[key]
            if len(buf) < 4096:
                buf += chunk[: 4096 - len(buf)]
            self._settings(outbound, buf)
        elif stype == 0x02 and chunk:  # QPACK encoder stream of the sender: feeds the decoder of its direction
            dec = self._decoder(outbound)
            if dec is None:
                return []
            try:
                unblocked = dec.feed_encoder(chunk)
            except Exception:  # noqa: BLE001 - EncoderStreamError: the dynamic table cannot be followed
                return []
            out: list[Message] = []
            for s in unblocked:
                st = self.blocked[outbound].pop(s, None)
                if st is None:
                    continue
                try:
                    _c, headers = dec.resume_header(s)
                except Exception:  # noqa: BLE001 - the block stays unreadable
                    continue
                self._set_headers(outbound, st, headers)
                if not outbound:
                    out.append(self._exchange(st))
                out.extend(self._h3(outbound, st))
            return out
        return []

    def _settings(self, outbound: bool, buf: bytearray) -> None:
        p = 0
        try:
            ftype, q = _varint(buf, p)
            flen, q = _varint(buf, q)
        except ValueError:
            return
        if ftype != 0x04 or q + flen > len(buf):
            return
        end = q + flen
        while q < end:
            ident, q = _varint(buf, q)
            value, q = _varint(buf, q)
            if ident == 0x01:  # SETTINGS_QPACK_MAX_TABLE_CAPACITY: for headers sent towards this side
                towards = not outbound
                if self.capacity[towards] == 0 and value:
                    self.capacity[towards] = min(value, 1 << 20)
                    self.decoders.pop(towards, None)  # a decoder made before had no dynamic table yet

    def close(self, ts: float) -> list[Message]:
        out: list[Message] = [self._exchange(st) for st in self.streams.values() if not st.done and st.headers[True]]
        self.streams.clear()
        return out

    def _exchange(self, st: _H3Stream) -> HttpExchange:
        from monitor.sources.http1 import normalize_host

        st.done = True
        req, resp = st.headers[True], st.headers[False]
        pseudo = {k: v for k, v in req if k.startswith(":")}
        status = next((v for k, v in resp if k == ":status"), None)
        return HttpExchange(
            ts=st.ts, client=self.client, server=self.server, method=pseudo.get(":method", "?"),
            host=normalize_host(pseudo.get(":authority", "")), path=pseudo.get(":path", "/"),
            request_headers=tuple((k, v) for k, v in req if not k.startswith(":")),
            request_body=bytes(st.body[True]), status=int(status) if status and status.isdigit() else None,
            response_headers=tuple((k, v) for k, v in resp if not k.startswith(":")),
            response_body=bytes(st.body[False]),
            evidence=f"frames {','.join(map(str, st.frames))} quic stream {st.sid}",
            scheme="https", http_version="HTTP/3", body_truncated=st.truncated,
            error="" if status else "no response", protocol="https", transport="udp")


def _decode_pn(largest: int, truncated: int, bits: int) -> int:
    """RFC 9000 appendix A.3."""
    expected = largest + 1
    win = 1 << bits
    hwin, mask = win // 2, win - 1
    candidate = (expected & ~mask) | truncated
    if candidate <= expected - hwin and candidate < (1 << 62) - win:
        return candidate + win
    if candidate > expected + hwin and candidate >= win:
        return candidate - win
    return candidate
