"""Hostile input beyond whole files (issue 15): decompression, field floods, damaged gzip,
malformed HAR/flow files, hostile policies, non-regular files. Fast, in-process where possible."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from monitor.decode import MAX_DECODED, decompress, fields_of_http
from monitor.model import Endpoint, HttpExchange

HOSTILE = Path(__file__).resolve().parent / "hostile"


def _post(body: bytes, headers: tuple[tuple[str, str], ...]) -> HttpExchange:
    return HttpExchange(ts=1.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("203.0.113.5", 80),
                        method="POST", host="api.example.cn", path="/v1/up", request_headers=headers,
                        request_body=body)


def test_brotli_bomb_is_bounded_like_gzip() -> None:
    bomb = (HOSTILE / "brotli-bomb-256MB.br").read_bytes()  # ~400 bytes that expand to 256 MiB
    assert len(bomb) < 2048
    tracemalloc.start()
    try:
        fields = fields_of_http(_post(bomb, (("Content-Encoding", "br"), ("Content-Type", "application/json"))))
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak >> 20} MiB"
    assert fields  # the part within the cap is still decoded


def test_brotli_body_within_the_cap_decodes_whole() -> None:
    import brotli

    from monitor.decode import _Budget

    body = b'{"imei": "356938035643809", "n": 1}' * 1000
    out = decompress(brotli.compress(body), "br", _Budget())
    assert out == body
    big = decompress(brotli.compress(b"x" * (MAX_DECODED + 5000)), "br", _Budget())
    assert big is not None and len(big) == MAX_DECODED
