"""HTTP/1.x over a reassembled TCP stream: requests and responses, pipelined, bounded.

Detected by content, not port. Content-Length, chunked transfer and `Expect: 100-continue` are
handled; bodies are kept raw (content-encoding is decoded later, in decode.py) up to BODY_KEEP and
skipped, not buffered, beyond it, so a 1 GB Content-Length on a 1 kB body costs nothing.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Final

from monitor.model import Endpoint, HttpExchange, Message, maker

BODY_KEEP = 1 << 20
HEADER_MAX = 64 * 1024
# (Final: constants of the compiled parser, not module globals looked up at every read: _WS per header line)
MAX_HEADERS: Final = 200
MAX_PENDING: Final = 64
METHODS = (b"GET", b"POST", b"PUT", b"HEAD", b"DELETE", b"OPTIONS", b"PATCH", b"CONNECT", b"TRACE")
REQUEST_LINE: Final = re.compile(rb"^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE) (\S{1,8192}) HTTP/1\.[01]$")
STATUS_LINE: Final = re.compile(rb"^HTTP/1\.[01] (\d{3})(?: .*)?$")


def looks_like_http_request(data: bytes) -> bool:
    # (find, not `in`: bytes.__contains__ first tries the operand as an int, raising and clearing a TypeError)
    return data.split(b" ", 1)[0] in METHODS and data[:8300].split(b"\r\n", 1)[0].find(b" HTTP/1.") >= 0


def looks_like_http_response(data: bytes) -> bool:
    return data.startswith((b"HTTP/1.0 ", b"HTTP/1.1 "))


class _Msg:
    """One HTTP message while it is read (a plain class: a dataclass costs ~0.6 ms of CPU to build at import)."""

    __slots__ = ("start_line", "headers", "body", "truncated", "ts", "frames", "method", "target", "status", "host",
                 "transfer_encoding", "content_length", "version")

    def __init__(self, start_line: bytes, ts: float, frames: list[int]) -> None:
        self.start_line = start_line
        self.headers: list[tuple[str, str]] = []
        self.body: bytearray | bytes = bytearray()  # (bytes when a whole body is taken from its segment)
        self.truncated = False
        self.ts = ts
        self.frames = frames
        # read once from the head (_Parser._start) for _body_mode and _exchange: the request's method, target
        # and version, the response's status; the first Host header; the last Transfer-Encoding and
        # Content-Length headers (None: absent)
        self.method = "?"
        self.target = ""
        self.status: int | None = None
        self.host = ""
        self.transfer_encoding = ""
        self.content_length: str | None = None
        self.version = ""  # a request's HTTP version, the start line's last word ("HTTP/1.1")


_http_exchange = maker(HttpExchange)  # (model.maker: without the frozen dataclass's __init__)
_WS: Final = " \t\n\r\x0b\x0c"  # what bytes.strip() strips: str.strip() would also take \x1c-\x1f, \x85, \xa0


class _Parser:
    """One direction's byte stream -> complete messages (start line, headers, body)."""

    def __init__(self, is_request: bool) -> None:
        self.is_request = is_request
        self.buf = bytearray()
        self.cur: _Msg | None = None
        self.state = "head"  # head|length|chunk-size|chunk-data|chunk-trailer|eof|broken
        self.remaining = 0
        self.done: list[_Msg] = []
        self.expect_no_body: deque[bool] = deque()  # responses to HEAD carry no body

    def feed(self, data: bytes, ts: float, frame: int) -> None:
        if self.state == "broken":
            return
        if self.state == "head" and not self.buf and data[:2] != b"\r\n":
            # nothing held back and a message starts here (most messages come whole in one segment): its head,
            # and a body whose length it gives, are read from the segment itself, without first copying the
            # segment into the buffer and cutting them out of it; what follows them goes through the loop below
            # (a head that continues in a later segment goes to the buffer below: _head waits for the rest, and
            # breaks the stream once it passes HEADER_MAX)
            end = data.find(b"\r\n\r\n")
            if end >= 0:
                if not self._start(data[:end], ts, frame):
                    return
                used = end + 4
                cur = self.cur
                if self.state == "length" and cur is not None and self.remaining <= len(data) - used and \
                        self.remaining <= BODY_KEEP:
                    cur.body = data[used:used + self.remaining]  # whole: bytes
                    used += self.remaining
                    self.remaining = 0
                    self._finish()
                data = data[used:]
        self.buf += data
        if self.cur is not None and frame not in self.cur.frames and len(self.cur.frames) < 64:
            self.cur.frames.append(frame)
        while self.buf and self.state != "broken":
            if self.state == "head":
                if not self._head(ts, frame):
                    return
            elif self.state == "length":
                self._take_body(self.remaining)
                if self.remaining == 0:
                    self._finish()
            elif self.state == "eof":
                self._take_body(len(self.buf))
            elif self.state == "chunk-size":
                end = self.buf.find(b"\r\n")
                if end < 0:
                    if len(self.buf) > 1024:
                        self._break()
                    return
                size_text = bytes(self.buf[:end]).split(b";", 1)[0].strip()
                del self.buf[:end + 2]
                try:
                    self.remaining = int(size_text, 16)
                except ValueError:
                    self._break()
                    return
                self.state = "chunk-data" if self.remaining else "chunk-trailer"
            elif self.state == "chunk-data":
                self._take_body(self.remaining)
                if self.remaining == 0:
                    if len(self.buf) < 2:
                        return
                    del self.buf[:2]
                    self.state = "chunk-size"
            elif self.state == "chunk-trailer":
                end = self.buf.find(b"\r\n")
                if end < 0:
                    return
                del self.buf[:end + 2]
                if end == 0:
                    self._finish()

    def _head(self, ts: float, frame: int) -> bool:
        buf = self.buf
        while buf[:2] == b"\r\n":  # stray CRLF between messages
            del buf[:2]
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if len(buf) > HEADER_MAX:
                self._break()
            return False
        head = bytes(buf[:end])
        del buf[:end + 4]
        return self._start(head, ts, frame)

    def _start(self, head: bytes, ts: float, frame: int) -> bool:
        """A message's head (without its blank line) read: its start line, headers and body mode; False when the
        start line is not HTTP (the stream is then broken)."""
        first, _, rest = head.partition(b"\r\n")
        ok = REQUEST_LINE.match(first) if self.is_request else STATUS_LINE.match(first)
        if ok is None:
            self._break()
            return False
        msg = _Msg(first, ts, [frame])
        if not self.is_request:
            # HTTP/1.x SP three ASCII digits, as matched: the status from the bytes (not int() of a group: a method
            # call and a call of int in the compiled parser)
            msg.status = (first[9] - 48) * 100 + (first[10] - 48) * 10 + first[11] - 48
        elif first[-1] != 10:  # (the pattern's `$` also matches before a final "\n": then the groups, below)
            # METHOD SP target SP HTTP/1.x, as matched, and the target has no white space: sliced from the line,
            # not read from the match's groups (a method call each, and a decode of an untyped value, compiled)
            sp = 3
            while first[sp] != 32:
                sp += 1
            msg.method = first[:sp].decode("latin-1")
            msg.target = first[sp + 1:len(first) - 9].decode("latin-1")
            msg.version = first[len(first) - 8:].decode("latin-1")
        else:
            msg.method = ok.group(1).decode()
            msg.target = ok.group(2).decode("latin-1")
            msg.version = first.rsplit(b" ", 1)[-1].decode("latin-1")
        if rest:
            headers = msg.headers
            host_seen = False
            # the head as text once (latin-1: one character per byte), then lines and fields of it
            for line in rest.decode("latin-1").split("\r\n", MAX_HEADERS)[:MAX_HEADERS]:
                k, sep, v = line.partition(":")
                if sep:
                    k = k.strip(_WS)
                    v = v.strip(_WS)
                    headers.append((k, v))
                    n = len(k)
                    if n == 4 and not host_seen and k.lower() == "host":
                        msg.host = v
                        host_seen = True
                    elif n == 14 and k.lower() == "content-length":
                        msg.content_length = v
                    elif n == 17 and k.lower() == "transfer-encoding":
                        msg.transfer_encoding = v
        self.cur = msg
        self._body_mode(msg)
        return True

    def _body_mode(self, msg: _Msg) -> None:
        no_body = False
        if not self.is_request:
            status = msg.status or 0
            if 100 <= status < 200:
                self.cur = None  # interim (100 Continue): not a message of its own
                return
            head_req = self.expect_no_body.popleft() if self.expect_no_body else False
            no_body = head_req or status in (204, 304)
        if no_body:
            self._finish()
        elif "chunked" in msg.transfer_encoding.lower():
            self.state = "chunk-size"
        elif msg.content_length is not None:
            try:
                self.remaining = max(0, int(msg.content_length.split(",")[0].strip()))
            except ValueError:
                self._break()
                return
            if self.remaining == 0:
                self._finish()
            else:
                self.state = "length"
        elif self.is_request:
            self._finish()
        else:
            self.state = "eof"  # response delimited by connection close

    def _take_body(self, limit: int) -> None:
        n = min(limit, len(self.buf))
        assert self.cur is not None
        room = BODY_KEEP - len(self.cur.body)
        if room > 0:
            self.cur.body += self.buf[:min(n, room)]
        if n > max(room, 0):
            self.cur.truncated = True
        del self.buf[:n]
        if self.state != "eof":
            self.remaining -= n

    def _finish(self) -> None:
        if self.cur is not None:
            self.done.append(self.cur)
        self.cur = None
        self.state = "head"

    def _break(self) -> None:
        self.state = "broken"
        self.buf.clear()

    def close(self) -> None:
        """End of stream: a message still reading its body is complete as far as it got."""
        if self.cur is not None:
            if self.state in ("length", "chunk-size", "chunk-data", "chunk-trailer"):
                self.cur.truncated = self.cur.truncated or self.state != "eof"
            self.done.append(self.cur)
            self.cur = None


class Http1Handler:
    """StreamHandler for HTTP/1.x: yields one HttpExchange per request, paired with its response."""

    def __init__(self, client: Endpoint, server: Endpoint, scheme: str = "http", protocol: str = "http") -> None:
        self.client = client
        self.server = server
        self.scheme = scheme
        self.protocol = protocol
        self.req = _Parser(is_request=True)
        self.resp = _Parser(is_request=False)
        self.pending: deque[_Msg] = deque()

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        if outbound:
            self.req.feed(data, ts, frame)
            for m in self.req.done:
                self.resp.expect_no_body.append(m.start_line.startswith(b"HEAD "))
                self.pending.append(m)
            self.req.done.clear()
        else:
            self.resp.feed(data, ts, frame)
        if not self.pending or not self.resp.done and len(self.pending) <= MAX_PENDING:
            return []  # nothing _pair would give (most segments: a message not yet whole, or no response yet)
        return self._pair(final=False)

    def close(self, ts: float) -> list[Message]:
        self.req.close()
        self.pending.extend(self.req.done)
        self.req.done.clear()
        self.resp.close()
        return self._pair(final=True)

    def _pair(self, final: bool) -> list[Message]:
        out: list[Message] = []
        while self.pending and self.resp.done:
            out.append(self._exchange(self.pending.popleft(), self.resp.done.pop(0)))
        while self.pending and (final or len(self.pending) > MAX_PENDING):
            out.append(self._exchange(self.pending.popleft(), None))
        if final:
            self.resp.done.clear()
        return out

    def _exchange(self, req: _Msg, resp: _Msg | None) -> HttpExchange:
        target = req.target
        host = req.host
        if target.startswith(("http://", "https://")):  # absolute form (proxy requests)
            rest = target.split("://", 1)[1]
            host = host or rest.split("/", 1)[0]
            target = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        frames = req.frames + resp.frames if resp is not None else req.frames
        return _http_exchange(  # (by position, in the fields' order: keyword arguments cost ~1 us more per exchange)
            req.ts, self.client, self.server, req.method, normalize_host(host),  # ts, client, server, method, host
            target, tuple(req.headers), bytes(req.body),  # path, request_headers, request_body
            resp.status if resp is not None else None,  # status
            tuple(resp.headers) if resp else (), bytes(resp.body) if resp else b"",  # response headers and body
            "frames " + ",".join([str(f) for f in sorted(set(frames))[:32]]), self.scheme,  # evidence, scheme
            req.version,  # http_version
            req.truncated, "" if resp is not None else "no response", self.protocol,  # body_truncated, error, protocol
        )


def normalize_host(host: str) -> str:
    """Lowercase, no port, no trailing dot, IPv6 brackets removed."""
    h = host.strip().lower()
    if h.startswith("["):
        h = h[1:].split("]", 1)[0]
    elif h.count(":") == 1:
        h = h.split(":", 1)[0]
    return h.rstrip(".")[:253]
