"""The engine, one row per case: messages in (as a source yields them), findings out with the columns a
report shows: type, value, transform chain, location, recipient (sdk), confidence, sending device."""

from __future__ import annotations

import base64
import gzip
import hashlib
import itertools
import json
from typing import Any

import pytest
from engine_run import SIGS

from monitor.engine import Engine, EngineContext, _url
from monitor.model import Datagram, DnsAnswer, Endpoint, HttpExchange, Message, TlsHello, WebSocketMessage
from monitor.profile import EMPTY_PROFILE, profile_from_dict

IMEI, AID, MAC = "356938035643809", "3f9c2a71d4b8e605", "a4:5e:60:c1:d2:e3"
PHONE, SERVER = Endpoint("10.42.0.23", 40000), Endpoint("203.0.113.9", 80)
PROFILE = {"device": [{"name": "lab-phone", "ip": "10.42.0.23", "imei": IMEI, "android_id": AID}]}


def get(method: str = "GET", host: str = "s.jpush.cn", path: str = "/", body: bytes = b"", ctype: str = "",
        scheme: str = "http", headers: tuple[tuple[str, str], ...] = ()) -> HttpExchange:
    head = ((("Content-Type", ctype),) if ctype else ()) + headers
    return HttpExchange(ts=1.0, client=PHONE, server=SERVER if scheme == "http" else Endpoint("203.0.113.9", 443),
                        method=method, host=host, path=path, request_headers=head, request_body=body, status=200,
                        evidence="frame 1", scheme=scheme, protocol=scheme)


def col(row: Any, name: str) -> Any:
    """A finding's column, whether the engine hands out rows as dicts or as records."""
    return row[name] if isinstance(row, dict) else getattr(row, name)


def findings(messages: list[Message], profile: dict[str, Any] | None = None) -> set[tuple[str, ...]]:
    ids = itertools.count(1)
    engine = Engine(EngineContext(SIGS, profile_from_dict(profile) if profile else EMPTY_PROFILE), lambda: next(ids))
    for m in messages:
        engine.process(m)
    return {tuple(str(col(f, c)) for c in ("type", "value", "transform", "location", "sdk", "confidence", "sender"))
            for f in engine.take_batch(final=True).findings}


GZ_B64 = base64.b64encode(gzip.compress(json.dumps({"imei": IMEI}).encode(), mtime=0)).decode()
MD5_IMEI = hashlib.md5(IMEI.encode()).hexdigest()

# (case, messages, profile, findings: (type, value, transform, location, sdk, confidence, sender))
ROWS: list[tuple[str, list[Message], dict[str, Any] | None, set[tuple[str, ...]]]] = [
    ("imei in a query to a push SDK", [get(path=f"/v1/reg?imei={IMEI}")], None,
     {("imei", IMEI, "plain", "query:imei", "jpush", "checksum", "")}),
    ("an unknown host's recipient is unknown", [get(host="api.example", path=f"/v1/reg?imei={IMEI}")], None,
     {("imei", IMEI, "plain", "query:imei", "unknown", "checksum", "")}),
    ("the transform chain of a wrapped value", [get(path=f"/r?data_list={GZ_B64.replace('+', '%2B')}")], None,
     {("imei", IMEI, "base64 > gzip > json", "query:data_list>json:$.imei", "jpush", "checksum", "")}),
    ("json body, two identifiers", [get("POST", body=json.dumps({"imei": IMEI, "mac": MAC}).encode(),
                                        ctype="application/json")], None,
     {("imei", IMEI, "json", "json:$.imei", "jpush", "checksum", ""),
      ("mac", MAC, "json", "json:$.mac", "jpush", "pattern", "")}),
    ("with a profile: known values, the sending device, an md5 of the imei",
     [get(path=f"/r?a={AID}&h={MD5_IMEI}")], PROFILE,
     {("android_id", AID, "plain", "query:a", "jpush", "known", "lab-phone"),
      ("imei", MD5_IMEI, "md5", "query:h", "jpush", "known", "lab-phone")}),
    ("a password in clear http is a credential", [get("POST", host="cam.example", path="/login",
                                                      body=b"user=admin&password=Secr3t-x",
                                                      ctype="application/x-www-form-urlencoded")], None,
     {("credentials", "Secr3t-x", "plain", "form:password", "unknown", "pattern", "")}),
    ("the same password over https is not reported (not sent in clear)",
     [get("POST", host="cam.example", path="/login", body=b"user=admin&password=Secr3t-x",
          ctype="application/x-www-form-urlencoded", scheme="https")], None, set()),
    ("nothing identifying: no findings", [get(path="/v1/config?lang=en&ver=8.0.35")], None, set()),
    ("dns and tls hellos carry no findings",
     [DnsAnswer(1.0, PHONE, Endpoint("10.42.0.1", 53), "s.jpush.cn", "A", (("s.jpush.cn", "A", "203.0.113.9", 60),)),
      TlsHello(1.1, PHONE, Endpoint("203.0.113.9", 443), "s.jpush.cn")], None, set()),
    ("a udp datagram's json, located by byte offset",
     [Datagram(1.0, PHONE, Endpoint("198.51.100.4", 9000), "udp",
               b"\x00\x01\x02\x03" + json.dumps({"mac": MAC}).encode(), True, "frame 1")], None,
     {("mac", MAC, "json", "udp-payload@4:$.mac", "unknown", "pattern", "")}),
    ("a websocket message from the phone",
     [WebSocketMessage(1.0, PHONE, Endpoint("203.0.113.9", 443), "s.jpush.cn", "/ws", 2, True,
                       json.dumps({"imei": IMEI}).encode(), True, "flow 1", "wss")], None,
     {("imei", IMEI, "json", "websocket:2:json:$.imei", "jpush", "checksum", "")}),
    ("a decoy: a Luhn-valid number under order_id", [get(path=f"/pay?order_id={IMEI}")], None, set()),
]


@pytest.mark.parametrize(("messages", "profile", "want"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_engine(messages: list[Message], profile: dict[str, Any] | None, want: set[tuple[str, ...]]) -> None:
    assert findings(messages, profile) == want


def test_a_value_seen_before_is_recognized_where_it_recurs() -> None:
    """A GAID sent once under its own key and then under a neutral one: the second is the same GAID."""
    gaid = "5a1c9e4b-7d23-4f8a-b6e1-0c2d9f3a7b54"
    got = findings([get(path=f"/a?gaid={gaid}"), get(path=f"/b?_x={gaid}")])
    assert {(t, loc) for t, _v, _tr, loc, *_ in got} == {("gaid", "query:gaid"), ("gaid", "query:_x")}


def test_the_engine_builds_records_in_their_fields_order() -> None:
    """The engine passes MessageRecord's and Finding's fields by position (RECORD_FIELDS): their order must be the
    classes' own."""
    import dataclasses

    from monitor.engine import RECORD_FIELDS
    from monitor.records import Finding, MessageRecord

    for cls in (MessageRecord, Finding):
        assert RECORD_FIELDS[cls.__name__] == tuple(f.name for f in dataclasses.fields(cls)), cls.__name__


def test_the_packet_decoder_builds_messages_in_their_fields_order() -> None:
    """sources/packets.py and sources/http1.py pass FlowStats', DnsAnswer's and HttpExchange's fields by position."""
    import dataclasses

    from monitor.model import FlowStats

    order = {
        FlowStats: ("client", "server", "transport", "bytes_out", "bytes_in", "packets", "first_ts", "last_ts",
                    "encrypted_no_key"),
        DnsAnswer: ("ts", "client", "server", "qname", "qtype", "answers", "evidence", "transport", "rcode"),
        HttpExchange: ("ts", "client", "server", "method", "host", "path", "request_headers", "request_body", "status",
                       "response_headers", "response_body", "evidence", "scheme", "http_version", "body_truncated",
                       "error", "protocol"),
    }
    for cls, names in order.items():
        assert tuple(f.name for f in dataclasses.fields(cls))[:len(names)] == names, cls.__name__


@pytest.mark.parametrize(("scheme", "host", "ip", "port", "path"), [
    ("http", "s.jpush.cn", "203.0.113.9", 80, "/v1?a=1"), ("https", "s.jpush.cn", "203.0.113.9", 443, "/"),
    ("http", "", "203.0.113.9", 8080, "/x"), ("https", "a.example", "203.0.113.9", 80, ""),
    ("http", "a.example", "203.0.113.9", 443, "/"), ("http", "", "2001:db8::1", 0, "/p"),
    ("https", "", "2001:db8::1", 8443, "/q r"), ("ws", "h", "10.0.0.1", 80, "/"),
])
def test_the_engine_builds_an_exchange_url_as_the_record_does(scheme: str, host: str, ip: str, port: int,
                                                              path: str) -> None:
    m = HttpExchange(ts=1.0, client=PHONE, server=Endpoint(ip, port), method="GET", host=host, path=path,
                     scheme=scheme)
    assert _url(scheme, host, ip, port, path) == m.url
