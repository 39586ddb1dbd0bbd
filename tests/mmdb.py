"""A minimal MaxMind DB writer (IPv4 tree, country records) for testing `--geoip` with a real reader.

Format: the MaxMind DB spec, version 2.0 (search tree of 24-bit records, 16 zero bytes, data section
of typed values, metadata after the marker). Only what a country database needs is written.
"""

from __future__ import annotations

import ipaddress
import struct
from pathlib import Path
from typing import Any

MARKER = b"\xab\xcd\xefMaxMind.com"


def _ctrl(type_id: int, size: int) -> bytes:
    assert size < 29
    if type_id <= 7:
        return bytes([(type_id << 5) | size])
    return bytes([size, type_id - 7])  # extended type


def _encode(value: Any) -> bytes:
    if isinstance(value, str):
        raw = value.encode()
        return _ctrl(2, len(raw)) + raw
    if isinstance(value, dict):
        out = _ctrl(7, len(value))
        for k, v in value.items():
            out += _encode(k) + _encode(v)
        return out
    if isinstance(value, list):
        return _ctrl(11, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, tuple):  # (type id, int): uint16 = 5, uint32 = 6, uint64 = 9
        type_id, n = value
        raw = n.to_bytes(8, "big").lstrip(b"\0")
        return _ctrl(type_id, len(raw)) + raw
    raise TypeError(value)


def write_country_db(path: Path, networks: dict[str, str]) -> None:
    """networks: IPv4 CIDR -> ISO country code."""
    tree: list[list[Any]] = [[None, None]]  # node -> [left, right]: node index, ("data", code) or None
    for cidr, code in networks.items():
        net = ipaddress.ip_network(cidr)
        bits = int(net.network_address)
        node = 0
        for depth in range(net.prefixlen):
            bit = (bits >> (31 - depth)) & 1
            if depth == net.prefixlen - 1:
                tree[node][bit] = ("data", code)
            else:
                if not isinstance(tree[node][bit], int):
                    tree.append([None, None])
                    tree[node][bit] = len(tree) - 1
                node = tree[node][bit]
    data, offsets = b"", {}
    for code in sorted(set(networks.values())):
        offsets[code] = len(data)
        data += _encode({"country": {"iso_code": code}})
    count = len(tree)

    def record(r: Any) -> int:
        if r is None:
            return count
        if isinstance(r, int):
            return r
        return count + 16 + offsets[r[1]]

    out = b"".join(struct.pack(">I", record(left))[1:] + struct.pack(">I", record(right))[1:] for left, right in tree)
    meta = {"node_count": (6, count), "record_size": (5, 24), "ip_version": (5, 4), "database_type": "Test-Country",
            "languages": ["en"], "binary_format_major_version": (5, 2), "binary_format_minor_version": (5, 0),
            "build_epoch": (9, 1_767_225_600), "description": {"en": "privmon test database"}}
    path.write_bytes(out + bytes(16) + data + MARKER + _encode(meta))
