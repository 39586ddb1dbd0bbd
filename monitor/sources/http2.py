"""HTTP/2 over a decrypted TLS stream: frames, HPACK header blocks, one HttpExchange per stream."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.model import Endpoint, HttpExchange, Message
from monitor.sources.http1 import normalize_host

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
MAX_FRAME = 1 << 24
BODY_KEEP = 1 << 20
MAX_STREAMS = 1000


@dataclass(slots=True)
class _Stream:
    req_headers: list[tuple[str, str]] = field(default_factory=list)
    resp_headers: list[tuple[str, str]] = field(default_factory=list)
    req_body: bytearray = field(default_factory=bytearray)
    resp_body: bytearray = field(default_factory=bytearray)
    ts: float = 0.0
    frames: list[int] = field(default_factory=list)
    truncated: bool = False
    done: bool = False


class H2Handler:
    def __init__(self, client: Endpoint, server: Endpoint, scheme: str = "https", protocol: str = "https") -> None:
        from hpack import Decoder

        self.client, self.server, self.scheme, self.protocol = client, server, scheme, protocol
        self.buf = {True: bytearray(), False: bytearray()}
        self.dec = {True: Decoder(), False: Decoder()}
        self.block: dict[bool, tuple[int, bytearray] | None] = {True: None, False: None}
        self.streams: dict[int, _Stream] = {}
        self.preface_seen = False
        self.broken = False

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        if self.broken:
            return []
        buf = self.buf[outbound]
        buf += data
        if outbound and not self.preface_seen:
            if len(buf) < len(PREFACE):
                return []
            if bytes(buf[:len(PREFACE)]) != PREFACE:
                self.broken = True
                return []
            del buf[:len(PREFACE)]
            self.preface_seen = True
        out: list[Message] = []
        while len(buf) >= 9:
            length = int.from_bytes(buf[:3], "big")
            if length > MAX_FRAME:
                self.broken = True
                return out
            if len(buf) < 9 + length:
                break
            ftype, flags = buf[3], buf[4]
            sid = int.from_bytes(buf[5:9], "big") & 0x7FFFFFFF
            payload = bytes(buf[9:9 + length])
            del buf[:9 + length]
            out.extend(self._frame(outbound, ftype, flags, sid, payload, ts, frame))
        return out

    def _frame(self, outbound: bool, ftype: int, flags: int, sid: int, payload: bytes, ts: float,
               frame: int) -> list[Message]:
        if ftype in (0x0, 0x1) and flags & 0x8 and payload:  # PADDED
            pad = payload[0]
            payload = payload[1:len(payload) - pad] if pad < len(payload) else b""
        if sid == 0 or (sid not in self.streams and len(self.streams) >= MAX_STREAMS):
            return []
        st = self.streams.setdefault(sid, _Stream(ts=ts))
        if frame not in st.frames and len(st.frames) < 32:
            st.frames.append(frame)
        if ftype == 0x1:  # HEADERS
            if flags & 0x20:
                payload = payload[5:]
            self.block[outbound] = (sid, bytearray(payload))
            if flags & 0x4:
                self._headers(outbound)
        elif ftype == 0x9 and self.block[outbound] is not None:  # CONTINUATION
            self.block[outbound][1].extend(payload)  # type: ignore[index]
            if flags & 0x4:
                self._headers(outbound)
        elif ftype == 0x0:  # DATA
            body = st.req_body if outbound else st.resp_body
            room = BODY_KEEP - len(body)
            body += payload[:max(0, room)]
            st.truncated = st.truncated or (outbound and len(payload) > room)
        if flags & 0x1 and ftype in (0x0, 0x1) and not outbound:  # END_STREAM from the server
            return [self._exchange(sid, self.streams.pop(sid))]
        return []

    def _headers(self, outbound: bool) -> None:
        sid, block = self.block[outbound]  # type: ignore[misc]
        self.block[outbound] = None
        try:
            headers = [(str(k), str(v)) for k, v in self.dec[outbound].decode(bytes(block))][:200]
        except Exception:  # noqa: BLE001 - hpack raises several error classes; the connection is unreadable
            self.broken = True
            return
        st = self.streams.get(sid)
        if st is not None:
            (st.req_headers if outbound else st.resp_headers).extend(headers)

    def close(self, ts: float) -> list[Message]:
        out = [self._exchange(sid, st) for sid, st in self.streams.items() if st.req_headers]
        self.streams.clear()
        return out  # type: ignore[return-value]

    def _exchange(self, sid: int, st: _Stream) -> HttpExchange:
        pseudo = {k: v for k, v in st.req_headers if k.startswith(":")}
        status = next((v for k, v in st.resp_headers if k == ":status"), None)
        return HttpExchange(
            ts=st.ts, client=self.client, server=self.server, method=pseudo.get(":method", "?"),
            host=normalize_host(pseudo.get(":authority", "")), path=pseudo.get(":path", "/"),
            request_headers=tuple((k, v) for k, v in st.req_headers if not k.startswith(":")),
            request_body=bytes(st.req_body), status=int(status) if status and status.isdigit() else None,
            response_headers=tuple((k, v) for k, v in st.resp_headers if not k.startswith(":")),
            response_body=bytes(st.resp_body), evidence=f"frames {','.join(map(str, st.frames))} stream {sid}",
            scheme=self.scheme, http_version="HTTP/2", body_truncated=st.truncated,
            error="" if status else "no response", protocol=self.protocol)
