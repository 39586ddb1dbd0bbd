"""HTTP/1 over TCP: the exchanges do not depend on how the stream was cut into segments.

A message that starts a segment is read from the segment itself (sources/http1.py, _Parser.feed); any other
cut goes through the parser's buffer. Both must give the same exchanges, field for field.
"""

from __future__ import annotations

import itertools
import random

import pytest

from monitor.model import Endpoint, HttpExchange
from monitor.sources import http1
from monitor.sources.http1 import Http1Handler

C, S = Endpoint("10.42.0.23", 40000), Endpoint("203.0.113.9", 80)

REQUESTS = (
    b"POST /v1/report?n=1 HTTP/1.1\r\nHost: api.example.cn:80\r\nContent-Type: application/json\r\n"
    b"Content-Length: 27\r\n\r\n{\"imei\": \"356938035643809\"}"
    b"GET /a?x=1 HTTP/1.1\r\nHost: b.example\r\n\r\n"  # pipelined, no body
    b"\r\n"  # a stray CRLF between messages
    b"HEAD /h HTTP/1.1\r\nHost: b.example\r\n\r\n"
    b"POST /c HTTP/1.1\r\nHost: c.example\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\n\r\n"
    b"POST /e HTTP/1.1\r\nHost: c.example\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n"
    b"PUT /big HTTP/1.1\r\nhost: d.example\r\nContent-Length: 40\r\n\r\n" + b"B" * 40
)
RESPONSES = (
    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n"  # the answer to HEAD: no body whatever it says
    b"HTTP/1.1 204 No Content\r\n\r\n"
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx"
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfive!"
)


def _exchanges(req_cuts: list[int], resp_cuts: list[int], req: bytes = REQUESTS,
               resp: bytes = RESPONSES) -> list[HttpExchange]:
    """The handler fed the requests and the responses cut at the given offsets, one direction after the other."""
    h = Http1Handler(C, S)
    out = []
    frame = 0
    for data, outbound, cuts in ((req, True, req_cuts), (resp, False, resp_cuts)):
        edges = [0, *sorted(set(cuts)), len(data)]
        for a, b in itertools.pairwise(edges):
            frame += 1
            out += h.feed(outbound, data[a:b], float(frame), frame)
    return out + h.close(float(frame + 1))


def _fields(ex: list[HttpExchange]) -> list[tuple[object, ...]]:
    # frames (the evidence) and times name the segments, which differ between cuts; every other field must not
    return [(e.method, e.host, e.path, e.request_headers, e.request_body, e.status, e.response_headers,
             e.response_body, e.http_version, e.body_truncated, e.error) for e in ex]


def test_whole_stream_in_one_segment_reads_every_message() -> None:
    got = _exchanges([], [])
    assert [(e.method, e.path, e.request_body, e.status, e.response_body) for e in got] == [
        ("POST", "/v1/report?n=1", b'{"imei": "356938035643809"}', 200, b"{}"),
        ("GET", "/a?x=1", b"", 200, b"abc"),
        ("HEAD", "/h", b"", 200, b""),
        ("POST", "/c", b"hello", 204, b""),
        ("POST", "/e", b"", 201, b"x"),
        ("PUT", "/big", b"B" * 40, 200, b"five!"),
    ]
    assert got[0].host == "api.example.cn" and got[5].host == "d.example"


@pytest.mark.parametrize("seed", range(40))
def test_any_cut_gives_the_same_exchanges(seed: int) -> None:
    rng = random.Random(seed)
    req_cuts = rng.sample(range(1, len(REQUESTS)), rng.randint(1, 30))
    resp_cuts = rng.sample(range(1, len(RESPONSES)), rng.randint(1, 20))
    assert _fields(_exchanges(req_cuts, resp_cuts)) == _fields(_exchanges([], []))


def test_message_per_segment_and_byte_per_segment_agree() -> None:
    starts = [i for i in range(1, len(REQUESTS)) if REQUESTS[i:i + 4] in (b"POST", b"GET ", b"HEAD", b"PUT ")]
    resp_starts = [i for i in range(1, len(RESPONSES)) if RESPONSES[i:i + 5] == b"HTTP/"]
    whole = _fields(_exchanges([], []))
    assert _fields(_exchanges(starts, resp_starts)) == whole
    assert _fields(_exchanges(list(range(1, len(REQUESTS))), list(range(1, len(RESPONSES))))) == whole
    stray = REQUESTS.index(b"\r\n\r\n\r\nHEAD") + 4  # a segment that starts with the stray CRLF
    assert _fields(_exchanges([stray], [])) == whole
    assert _fields(_exchanges([stray, stray + 2], [])) == whole


def test_body_past_the_kept_size_is_cut_whichever_the_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http1, "BODY_KEEP", 16)
    whole = _exchanges([], [])
    assert whole[0].request_body == b'{"imei": "356938' and whole[0].body_truncated
    assert whole[5].request_body == b"B" * 16 and whole[5].body_truncated
    for seed in range(10):
        rng = random.Random(seed)
        cuts = rng.sample(range(1, len(REQUESTS)), 12)
        assert _fields(_exchanges(cuts, [])) == _fields(whole)


def test_a_broken_start_line_ends_the_stream_whichever_the_segments() -> None:
    req = b"GET /ok HTTP/1.1\r\nHost: h\r\n\r\nNOT HTTP\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n"
    whole = _exchanges([], [], req, b"")
    assert [e.path for e in whole] == ["/ok"]
    cut = req.index(b"NOT")
    assert _fields(_exchanges([cut], [], req, b"")) == _fields(whole)
    assert _fields(_exchanges([cut, cut + 3], [], req, b"")) == _fields(whole)


def test_a_head_past_its_bound_breaks_the_stream_whichever_the_segments() -> None:
    """A head longer than HEADER_MAX that has not ended breaks the stream, even when its end comes next."""
    big = b"GET /x HTTP/1.1\r\nHost: h\r\nX-Pad: " + b"a" * http1.HEADER_MAX + b"\r\n\r\n"
    req = b"GET /ok HTTP/1.1\r\nHost: h\r\n\r\n" + big
    assert [e.path for e in _exchanges([], [], req, b"")] == ["/ok", "/x"]  # (whole: its end is there)
    first = req.index(b"GET /x")
    for cuts in ([first, len(req) - 2], [len(req) - 2], [first, first + 10, len(req) - 2]):
        assert [e.path for e in _exchanges(cuts, [], req, b"")] == ["/ok"], cuts


@pytest.mark.parametrize("line", [
    b"GET / HTTP/1.1", b"OPTIONS * HTTP/1.0", b"CONNECT h.example:443 HTTP/1.1", b"DELETE /a%20b?\xe9=1 HTTP/1.0",
    b"PATCH /x HTTP/1.1\n",  # the pattern's `$` matches before a final newline: the groups are read then
])
def test_the_request_line_is_read_as_the_pattern_matched_it(line: bytes) -> None:
    """The parser slices a matched request line (sources/http1.py, _Parser._start); the match's groups say the same."""
    ok = http1.REQUEST_LINE.match(line)
    assert ok is not None
    got = _exchanges([], [], line + b"\r\nHost: h\r\n\r\n", b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    assert [(e.method, e.path, e.http_version, e.status) for e in got] == [
        (ok.group(1).decode(), ok.group(2).decode("latin-1"), line.rsplit(b" ", 1)[-1].decode("latin-1"), 404)]


@pytest.mark.parametrize("line", [b"HTTP/1.1 200 OK", b"HTTP/1.0 599", b"HTTP/1.1 302 Found: elsewhere", b"HTTP/1.1 201\n"])
def test_the_status_is_read_as_the_pattern_matched_it(line: bytes) -> None:
    ok = http1.STATUS_LINE.match(line)
    assert ok is not None
    got = _exchanges([], [], b"GET / HTTP/1.1\r\nHost: h\r\n\r\n", line + b"\r\nContent-Length: 0\r\n\r\n")
    assert [e.status for e in got] == [int(ok.group(1))]
