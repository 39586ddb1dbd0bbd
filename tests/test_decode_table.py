"""decode, one row per case: a request, body or payload in; the fields it must yield (location, key,
value, transform chain) and the ones it must not. The corpus tests measure; these pin the rules."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib
from typing import Any

import pytest

from monitor import decode
from monitor.model import Endpoint, Field, HttpExchange

IMEI, AID, MAC = "356938035643809", "3f2a9c81d04b7e65", "a4:5e:60:c1:d2:e3"
HASH1, HASH2 = b"356938035643809abcde".hex(), b"3f2a9c81d04b7e65-3f2a9c81d04b7e6".hex()  # 40, 64
IMEI_JSON = json.dumps({"imei": IMEI}).encode()


def http(path: str = "/", body: bytes = b"", ctype: str = "", headers: tuple[tuple[str, str], ...] = ()) -> list[Field]:
    head = ((("Content-Type", ctype),) if ctype else ()) + headers
    m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("203.0.113.9", 80), method="POST",
                     host="sdk.example", path=path, request_headers=head, request_body=body)
    return list(decode.fields_of_http(m))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def multipart(name: str, content: bytes, ctype: str) -> tuple[bytes, str]:
    body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"" + name.encode() + b"\"\r\nContent-Type: "
            + ctype.encode() + b"\r\n\r\n" + content + b"\r\n--XyZ--\r\n")
    return body, "multipart/form-data; boundary=XyZ"


MP_BODY, MP_TYPE = multipart("info", IMEI_JSON, "application/json")

# (case, fields in, fields that must be among them, (location, value) pairs that must not)
# (case, request (path, body, content type, headers), fields that must be among those decoded, (location, value)
# pairs that must not)
ROWS: list[tuple[str, dict[str, object], list[Field], list[tuple[str, str]]]] = [
    ("json body: dotted path from the root",
     dict(body=json.dumps({"device": {"imei": IMEI}}).encode(), ctype="application/json"),
     [Field("json:$.device.imei", "imei", IMEI, ("json",))], []),
    ("json array items are indexed",
     dict(body=json.dumps({"ids": [{"aid": AID}]}).encode(), ctype="application/json"),
     [Field("json:$.ids[0].aid", "aid", AID, ("json",))], []),
    ("json without a content type is still json",
     dict(body=IMEI_JSON), [Field("json:$.imei", "imei", IMEI, ("json",))], []),
    ("json name/value pair objects are keyed by their name",
     dict(body=json.dumps({"p": [{"key": "imei", "value": IMEI}]}).encode(), ctype="application/json"),
     [Field("json:$.p[0].imei", "imei", IMEI, ("json",))], []),
    ("json numbers keep json's spelling",
     dict(body=b'{"imei": 356938035643809, "lat": 31.2304}', ctype="application/json"),
     [Field("json:$.imei", "imei", IMEI, ("json",)), Field("json:$.lat", "lat", "31.2304", ("json",))], []),
    ("form body, percent-decoded",
     dict(body=f"imei={IMEI}&mac=a4%3A5e%3A60%3Ac1%3Ad2%3Ae3".encode(), ctype="application/x-www-form-urlencoded"),
     [Field("form:imei", "imei", IMEI, ()), Field("form:mac", "mac", MAC, ())], []),
    ("form body with ';' separators and no content type",
     dict(body=f"imei={IMEI};aid={AID}".encode()),
     [Field("form:imei", "imei", IMEI, ()), Field("form:aid", "aid", AID, ())], []),
    ("key=value lines are a form",
     dict(body=f"imei={IMEI}\naid={AID}\n".encode(), ctype="text/plain"),
     [Field("form:imei", "imei", IMEI, ()), Field("form:aid", "aid", AID, ())], []),
    ("query parameters",
     dict(path=f"/v1/t?aid={AID}&n=1"), [Field("query:aid", "aid", AID, ()), Field("query:n", "n", "1", ())], []),
    ("path segments, percent-decoded ones say so",
     dict(path=f"/u/{IMEI}/a%40b.example"),
     [Field("path[2]", "", IMEI, ()), Field("path[3]", "", "a@b.example", ("urlencoded",))], []),
    ("cookies and headers; Host and Content-Length are not fields",
     dict(headers=(("Cookie", f"aid={AID}; sid=1"), ("X-Device-Id", IMEI), ("Host", "sdk.example"),
                   ("Content-Length", "0"))),
     [Field("cookie:aid", "aid", AID, ()), Field("header:X-Device-Id", "X-Device-Id", IMEI, ())],
     [("header:Host", "sdk.example"), ("header:Content-Length", "0")]),
    ("base64 json in a query value: the blob and its leaves",
     dict(path=f"/t?d={b64(IMEI_JSON)}"),
     [Field("query:d", "d", b64(IMEI_JSON), ()), Field("query:d>json:$.imei", "imei", IMEI, ("base64", "json"))], []),
    ("url-safe base64 without padding",
     dict(path="/t?d=" + base64.urlsafe_b64encode(b'{"aid": "' + AID.encode() + b'", "k": "??>>"}').decode().rstrip("=")),
     [Field("query:d>json:$.aid", "aid", AID, ("base64", "json"))], []),
    ("base64(gzip(json)) in a form value: every layer in the chain",
     dict(body=b"data_list=" + b64(gzip.compress(IMEI_JSON, mtime=0)).replace("+", "%2B").encode(),
          ctype="application/x-www-form-urlencoded"),
     [Field("form:data_list>json:$.imei", "imei", IMEI, ("base64", "gzip", "json"))], []),
    ("base64(zlib(json)) is named zlib",
     dict(path="/t?z=" + base64.urlsafe_b64encode(zlib.compress(IMEI_JSON)).decode()),
     [Field("query:z>json:$.imei", "imei", IMEI, ("base64", "zlib", "json"))], []),
    ("hex-encoded json",
     dict(path="/t?h=" + IMEI_JSON.hex()), [Field("query:h>json:$.imei", "imei", IMEI, ("hex", "json"))], []),
    ("a sha1 / sha256-length hex stays a hash (not unwrapped as hex)",
     dict(path=f"/t?h1={HASH1}&h2={HASH2}"),
     [Field("query:h1", "h1", HASH1, ()), Field("query:h2", "h2", HASH2, ())],
     [("query:h1", bytes.fromhex(HASH1).decode()), ("query:h2", bytes.fromhex(HASH2).decode())]),
    ("Content-Encoding gzip then json",
     dict(body=gzip.compress(IMEI_JSON, mtime=0), ctype="application/json", headers=(("Content-Encoding", "gzip"),)),
     [Field("json:$.imei", "imei", IMEI, ("gzip", "json"))], []),
    ("Content-Encoding deflate then form",
     dict(body=zlib.compress(f"imei={IMEI}&x=1".encode()), ctype="application/x-www-form-urlencoded",
          headers=(("Content-Encoding", "deflate"),)),
     [Field("form:imei", "imei", IMEI, ("deflate",))], []),
    ("gzip body without Content-Encoding is still unpacked",
     dict(body=gzip.compress(IMEI_JSON, mtime=0), ctype="application/json"),
     [Field("json:$.imei", "imei", IMEI, ("gzip", "json"))], []),
    ("a Content-Encoding that lies: the plain body is read as sent",
     dict(body=IMEI_JSON, ctype="application/json", headers=(("Content-Encoding", "gzip"),)),
     [Field("json:$.imei", "imei", IMEI, ("json",))], []),
    ("a form inside a json string keeps its keys (nested forms)",
     dict(body=json.dumps({"data": f"imei={IMEI}&aid={AID}"}).encode(), ctype="application/json"),
     [Field("json:$.data>form:imei", "imei", IMEI, ("json", "form")),
      Field("json:$.data>form:aid", "aid", AID, ("json", "form"))],
     [("json:$.data", f"imei={IMEI}&aid={AID}")]),
    ("json inside a json string",
     dict(body=json.dumps({"ext": json.dumps({"aid": AID})}).encode(), ctype="application/json"),
     [Field("json:$.ext.aid", "aid", AID, ("json", "json"))], []),
    ("a percent-encoded value is decoded once more",
     dict(body=json.dumps({"e": "zhou%40mail.example"}).encode(), ctype="application/json"),
     [Field("json:$.e", "e", "zhou@mail.example", ("json", "urlencoded"))], []),
    ("a JWT's payload is read (Bearer prefix allowed)",
     dict(headers=(("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9."
                    + base64.urlsafe_b64encode(IMEI_JSON).decode().rstrip("=") + ".c2ln"),)),
     [Field("header:Authorization>json:$.imei", "imei", IMEI, ("jwt", "json"))], []),
    ("multipart part: its name, then its content type",
     dict(body=MP_BODY, ctype=MP_TYPE), [Field("multipart:info>json:$.imei", "imei", IMEI, ("multipart", "json"))], []),
    ("xml elements and attributes; a namespace prefix is dropped from the key",
     dict(body=f'<r><d:imei>{IMEI}</d:imei><dev mac="{MAC}">x1</dev></r>'.encode(), ctype="text/xml"),
     [Field("xml:d:imei", "imei", IMEI, ("xml",)), Field("xml:dev@mac", "mac", MAC, ("xml",))], []),
    ("base64 cut into MIME lines inside a JSON string is still base64",
     dict(body=json.dumps({"blob": "\n".join(b64(IMEI_JSON + b" " * 30)[i:i + 20] for i in range(0, 64, 20))}).encode(),
          ctype="application/json"),
     [Field("json:$.blob.imei", "imei", IMEI, ("json", "base64", "json"))], []),
    ("a binary key-value map (Thrift, as Umeng's id_tracking): each name, then its value, a few bytes on",
     dict(body=json.dumps({"id_tracking": b64(b"\x1b\x05\x8c\x0aandroid_id\x18\x10" + AID.encode()
                                              + b"\x16\x96\xdb\xd0\xcc\xa8W\x15\x02\x00\x03mac\x18\x11"
                                              + MAC.encode() + b"\x16\x8c\xdb\x00")}).encode(),
          ctype="application/json"),
     [Field("json:$.id_tracking>android_id", "android_id", AID, ("json", "base64")),
      Field("json:$.id_tracking>mac", "mac", MAC, ("json", "base64"))], []),
    ("a binary map's name and value 4 bytes apart are a pair; 5 bytes apart they are not",
     dict(body=json.dumps({"m": b64(b"\x01imei\x00\x00\x00\x00" + IMEI.encode() + b"\x02mac\x00\x00\x00\x00\x00"
                                    + MAC.encode())}).encode(), ctype="application/json"),
     [Field("json:$.m>imei", "imei", IMEI, ("json", "base64"))], [("json:$.m>mac", MAC)]),
    ("binary bytes whose printable runs all stand 5 or more bytes apart give no pairs",
     dict(body=json.dumps({"m": b64(b"\x02mac\x00\x00\x00\x00\x00" + MAC.encode() + b"\x03\x00\x00\x00\x00\x00id"
                                    )}).encode(), ctype="application/json"),
     [], [("json:$.m>mac", MAC), (f"json:$.m>{MAC}", "id")]),
    ("protobuf wire format: strings by field number",
     dict(body=b"\x0a\x0f" + IMEI.encode() + b"\x12\x04\x08\x01\x10\x02", ctype="application/x-protobuf"),
     [Field("pb:1", "1", IMEI, ("protobuf",))], []),
]


@pytest.mark.parametrize(("request_", "want", "absent"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_http_fields(request_: dict[str, Any], want: list[Field], absent: list[tuple[str, str]]) -> None:
    got = http(**request_)
    missing = [f for f in want if f not in got]
    assert missing == [], f"missing {missing}; got {got}"
    have = {(f.location, f.value) for f in got}
    assert [a for a in absent if a in have] == []


# (case, payload, transport, fields that must be among them)
PAYLOADS: list[tuple[str, bytes, str, list[Field]]] = [
    ("json after a binary header: located by byte offset",
     b"\x00\x01\x02\x03" + json.dumps({"mac": MAC}).encode(), "udp",
     [Field("udp-payload@4:$.mac", "mac", MAC, ("json",)),
      Field("udp-payload", "", (b"\x00\x01\x02\x03" + json.dumps({"mac": MAC}).encode()).hex(), ("bytes",))]),
    ("a CGI query inside a binary frame keeps its keys, located at the query's byte offset",
     b"\xf1\xd0\x00\x60GET /set.cgi?loginuse=admin&loginpas=Secr3t-x HTTP/1.1\r\n", "tcp",
     [Field("tcp-payload@17:form:loginuse", "loginuse", "admin", ("form",)),
      Field("tcp-payload@17:form:loginpas", "loginpas", "Secr3t-x", ("form",))]),
    ("printable text runs of 6+ bytes, with their offset",
     b"\x00\x00hello-camera\x00\x01ab\x00", "udp", [Field("udp-payload@2", "", "hello-camera", ())]),
]


@pytest.mark.parametrize(("payload", "transport", "want"), [r[1:] for r in PAYLOADS], ids=[r[0] for r in PAYLOADS])
def test_payload_fields(payload: bytes, transport: str, want: list[Field]) -> None:
    got = list(decode.fields_of_payload(payload, transport))
    assert [f for f in want if f not in got] == [], got


def test_websocket_message_locations_start_with_its_index() -> None:
    got = list(decode.fields_of_websocket(IMEI_JSON, 3))
    assert got == [Field("websocket:3:json:$.imei", "imei", IMEI, ("json",))]


# bounds: hostile input gives fewer fields, flagged, never an exception or unbounded output
def test_more_than_max_fields_is_cut_and_flagged() -> None:
    m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 1), server=Endpoint("203.0.113.9", 80), method="GET",
                     host="x.example", path="/?" + "&".join(f"k{i}=v" for i in range(decode.MAX_FIELDS + 10)))
    got = decode.fields_of_http(m)
    assert len(got) == decode.MAX_FIELDS and got.truncated


@pytest.mark.parametrize("doc", [
    {f"o{j}": {f"k{i}": f"v{i}" for i in range(600)} for j in range(10)},  # objects of 600 members: 6,000 leaves
    [[f"v{i}" * 2 for i in range(400)] for _ in range(15)],  # arrays of 400 items: 6,000 leaves
], ids=["objects", "arrays"])
def test_a_json_body_with_more_than_max_fields_leaves_is_cut_and_flagged(doc: Any) -> None:
    # the walk stopped at MAX_FIELDS without saying so: the message was stored as if every field had been read
    got = decode.fields_of_http(HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 1), server=Endpoint("203.0.113.9", 80),
                                             method="POST", host="x.example", path="/", request_body=json.dumps(doc).encode()))
    assert len(got) == decode.MAX_FIELDS and got.truncated


def test_a_gzip_bomb_stops_at_the_decoded_cap() -> None:
    bomb = gzip.compress(b"a" * (decode.MAX_DECODED + 1024 * 1024), mtime=0)
    budget = decode._Budget()
    out = decode.decompress(bomb, "gzip", budget)
    assert out is not None and len(out) == decode.MAX_DECODED


@pytest.mark.parametrize(("data", "encoding"), [(gzip.compress(b"x", mtime=0)[:10] + b"\xff" * 8, "gzip"),
                                                (b"not deflate", "deflate"), (b"plain", "compress")],
                         ids=["broken gzip", "broken deflate", "unknown encoding"])
def test_broken_or_unknown_encodings_give_none(data: bytes, encoding: str) -> None:
    assert decode.decompress(data, encoding, decode._Budget()) is None


def test_a_value_whose_bytes_hold_nothing_is_remembered_and_one_that_unwraps_is_not() -> None:
    """A hex or base64-looking id whose bytes are random (not text, no name-value pair) is read once; a base64
    blob that holds JSON gives its leaves every time."""
    hexid, blob = "af2d48f2495881aed1737bb21017f9b6", b64(IMEI_JSON)
    want = [Field("path[1]", "", "t", ()), Field("query:a", "a", hexid, ()), Field("query:d", "d", blob, ()),
            Field("query:d>json:$.imei", "imei", IMEI, ("base64", "json"))]
    assert http(path=f"/t?a={hexid}&d={blob}") == want
    assert hexid in decode._INERT and blob not in decode._INERT
    assert http(path=f"/t?a={hexid}&d={blob}") == want
    # random hex bytes at 252 and at 260 characters: no id is that long, and a blob seldom recurs
    long_hex = "".join(hashlib.md5(f"1-{i}".encode()).hexdigest() for i in range(8)) + "abcd"
    for v, kept in ((long_hex[:252], True), (long_hex, False)):
        assert http(path=f"/t?a={v}") == [Field("path[1]", "", "t", ()), Field("query:a", "a", v, ())]
        assert (v in decode._INERT) is kept


def test_members_after_a_nested_object_that_took_the_room_are_counted_one_by_one() -> None:
    """Members are walked last to first: the nested object takes 4,995 fields, then five words fit and the
    sixth finds the message full."""
    doc = {**{f"k{i}": "w" for i in range(10)}, "big": {f"o{j}": {f"m{i}": "v" for i in range(999)} for j in range(5)}}
    got = decode.fields_of_http(HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 1), server=Endpoint("203.0.113.9", 80),
                                             method="POST", host="x.example", path="/", request_body=json.dumps(doc).encode()))
    assert len(got) == decode.MAX_FIELDS and got.truncated
    assert got[decode.MAX_FIELDS - 6:] == [Field("json:$.big.o0.m0", "m0", "v", ("json",))] + [
        Field(f"json:$.k{i}", f"k{i}", "w", ("json",)) for i in (9, 8, 7, 6, 5)]


def test_short_json_values_are_stored_as_they_are_unless_they_unwrap() -> None:
    """Values under 16 characters: a word with marks ("ad_show", " a-b ") is stored as it is, in order; JSON in
    a string, percent-encoding and a form are still read (and an empty string gives no field)."""
    body = json.dumps({"events": [{"id": "ad_show", "q": "k=1", "j": "[1, 2]", "o": '{"a": "b"}', "e": "", "s": " a-b "},
                                  ["x_y", "k=v"]],
                       "short": "%41%42", "pct": "a%2Db%2Dc%2D", "jwt": "eyJhYmMiOjF9", "hexish": "ab-cd_ef"}).encode()
    assert [tuple(f) for f in http(body=body, ctype="application/json")] == [
        ("json:$.hexish", "hexish", "ab-cd_ef", ("json",)),
        ("json:$.jwt", "jwt", "eyJhYmMiOjF9", ("json",)),
        ("json:$.pct", "pct", "a%2Db%2Dc%2D", ("json",)),
        ("json:$.pct", "pct", "a-b-c-", ("json", "urlencoded")),
        ("json:$.short", "short", "%41%42", ("json",)),
        ("json:$.events[1][1]", "events", "k=v", ("json",)),
        ("json:$.events[1][0]", "events", "x_y", ("json",)),
        ("json:$.events[0].s", "s", " a-b ", ("json",)),
        ("json:$.events[0].o.a", "a", "b", ("json", "json")),
        ("json:$.events[0].j[1]", "", "2", ("json", "json")),
        ("json:$.events[0].j[0]", "", "1", ("json", "json")),
        ("json:$.events[0].q", "q", "k=1", ("json",)),
        ("json:$.events[0].id", "id", "ad_show", ("json",)),
    ]


@pytest.mark.parametrize(("apps", "escaped", "listed"), [
    (["com.a.b", "org.c.d", "net.e.f"], False, True),  # three names of two dots: the six dots a list needs
    (["com.a.b", "org.c.d", "net.e.f"], True, True),  # their dots written as \u002e
    (["com.a.b", "org.c.d", "x"], False, False),
], ids=["six dots", "escaped dots", "two names"])
def test_an_array_of_objects_holding_package_names_gives_them_as_one_list(apps: list[str], escaped: bool,
                                                                           listed: bool) -> None:
    text = json.dumps({"apps": [{"pkg": a, "v": 1} for a in apps]})
    if escaped:
        text = text.replace(".", "\\u002e")
    got = [f for f in http(body=text.encode(), ctype="application/json") if f.transforms == ("json", "list")]
    assert got == ([Field("json:$.apps", "apps", "\n".join(apps), ("json", "list"))] if listed else [])


def test_path_query_and_form_values_give_the_fields_leaf_gives_them() -> None:
    """Short plain values are stored without a call to _leaf: at the edges of "short" (16 characters, 32 digits)
    and with each mark that makes _leaf read further, the fields are those _leaf gives value by value."""
    values = ["w" * 15, "w" * 16, "1" * 32, "ab" * 17, "1" * 34, "a_b-c.d", "k=v&x=1", "%41%42", "eyJhYmMiOjF9",
              "{\"imei\": \"356938035643809\"}", "[1, 2]", " a ", "\u00df" * 3, b64(IMEI_JSON)]
    query = "&".join(f"q{i}={v.replace('%', '%25').replace('&', '%26').replace('=', '%3D')}"
                     for i, v in enumerate(values))
    form = "&".join(f"f{i}={v.replace('%', '%25').replace('&', '%26').replace('=', '%3D')}"
                    for i, v in enumerate(values))
    segments = [v for v in values if "/" not in v and "?" not in v and "%" not in v]
    want = decode._Budget()
    for i, v in enumerate(segments, 1):
        decode._leaf(f"path[{i}]", "", v, (), 1, want)
    for i, v in enumerate(values):
        decode._leaf(f"query:q{i}", f"q{i}", v, (), 1, want)
    for i, v in enumerate(values):
        decode._leaf(f"form:f{i}", f"f{i}", v, (), 1, want)
    got = http(path="/" + "/".join(segments) + "?" + query, body=form.encode(), ctype="application/x-www-form-urlencoded")
    assert got == list(want.result())
