"""Bounded decoding of messages into Fields (STUB: being replaced by the decode/identifiers work)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from monitor.model import Field, HttpExchange


def fields_of_http(m: HttpExchange) -> list[Field]:
    out = [Field(f"query:{k}", k, v) for k, v in parse_qsl(urlsplit(m.path).query, keep_blank_values=True)]
    out += [Field(f"header:{k}", k, v) for k, v in m.request_headers]
    return out


def fields_of_payload(payload: bytes, transport: str) -> list[Field]:
    return []
