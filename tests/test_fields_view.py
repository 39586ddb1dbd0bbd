"""decode.Fields stores plain tuples (JSON words and numbers with their parent's path) and reads as Field named tuples."""

from __future__ import annotations

import json

from monitor import decode
from monitor.model import Endpoint, Field, HttpExchange


def _fields() -> decode.Fields:
    body = json.dumps({"dev": {"os": "android", "n": 7, "ids": ["ab12", 5]}, "note": "a b"}).encode()
    m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("203.0.113.9", 80), method="POST",
                     host="sdk.example", path="/", request_headers=(("Content-Type", "application/json"),),
                     request_body=body)
    return decode.fields_of_http(m)


def test_every_read_gives_fields_with_built_locations() -> None:
    fl = _fields()
    want = Field("json:$.dev.os", "os", "android", ("json",))
    assert want in fl and want in list(fl)  # words are stored with their parent's path: `in` builds the location
    assert Field("json:$.dev.ids[0]", "ids", "ab12", ("json",)) in fl
    assert Field("json:$.dev.n", "n", "7", ("json",)) in fl
    assert all(type(f) is Field for f in fl) and all(type(f) is Field for f in reversed(fl))
    assert type(fl[0]) is Field and all(type(f) is Field for f in fl[1:])
    assert fl == list(fl) and fl == _fields() and not fl != list(fl)
    assert "json:$.dev.os" in repr(fl)
    assert {decode.location(f) for f in list.copy(fl)} == {f.location for f in fl}  # what the Detector reads
