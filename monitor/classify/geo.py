"""Country of an IP address, offline.

Bundled data: the `geoip2fast` package (MIT), which ships a country table built from MaxMind
GeoLite2-Country (its data date is reported by `Geo.source`), read from a packed copy in the user's
cache folder (country_table.py: made on the first run, loads in milliseconds, the same answers). A MaxMind-format database the
user provides (`--geoip FILE.mmdb`, read with the optional `maxminddb` package) takes precedence.
Private, loopback and reserved addresses have no country ("").
"""

from __future__ import annotations

import importlib.util
import ipaddress

# _socket: the C functions socket re-exports, without socket.py's set-up of its enums (~12M instructions at start)
from _socket import inet_aton as _aton
from _socket import inet_ntoa as _ntoa
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.classify.country_table import CountryTable, build_cached, cached_path, geoip2fast_dat
from monitor.errors import BadInput


class Geo:
    def __init__(self, mmdb_path: str | None = None, packed: bool = True) -> None:
        self._mmdb: Any = None
        self._fast: Any = None
        self._packed: CountryTable | None = None
        self._use_packed = packed
        self.source = ""
        if mmdb_path:
            if not Path(mmdb_path).is_file():
                raise BadInput(mmdb_path, "no such GeoIP database file")
            try:
                import maxminddb
            except ImportError as exc:
                raise BadInput(mmdb_path, "reading a MaxMind database needs the maxminddb package") from exc
            try:
                self._mmdb = maxminddb.open_database(mmdb_path)
            except (OSError, ValueError, RuntimeError) as exc:  # InvalidDatabaseError is a RuntimeError
                raise BadInput(mmdb_path, f"not a MaxMind database ({type(exc).__name__})") from exc
            self.source = f"maxmind:{mmdb_path}"

    def _table(self) -> CountryTable | None:
        """The packed copy of the installed geoip2fast's table: from the cache, made there on the first run."""
        if self._packed is None and self._use_packed:
            self._use_packed = False  # one try
            dat = geoip2fast_dat()
            if dat is None:
                return None
            try:
                table = CountryTable.load(cached_path(dat))
                if table.dat_size != dat.stat().st_size:
                    raise ValueError("made from other data")
            except (OSError, ValueError, KeyError):
                try:
                    table = build_cached(dat)
                except (ImportError, OSError, ValueError, AttributeError, IndexError, TypeError):
                    return None  # geoip2fast's internals changed: read its own table
            self._packed = table
            self.source = self.source or table.source
        return self._packed

    def _fast_db(self) -> Any:
        if self._fast is None:
            from geoip2fast import GeoIP2Fast

            self._fast = GeoIP2Fast(verbose=False)
            # its get_database_info() also counts every network of the table (about a second of
            # CPU per run); the data date is an attribute
            info = getattr(self._fast, "source_info", None)
            if info is None:
                info = self._fast.get_database_info().get("source_info", "geoip2fast")
            self.source = self.source or str(info)
        return self._fast

    def describe(self) -> str:
        """Where countries come from (recorded in the database and the report): the user's MaxMind file,
        or the bundled table with its data date."""
        if not self.source and self._table() is None:
            self._fast_db()
        return self.source

    @lru_cache(maxsize=65536)  # noqa: B019 - one Geo per run; the cache is the point
    def country(self, ip: str) -> str:
        n = _ipv4_int(ip)
        known = _IPV4_GLOBAL.is_global(n) if n is not None else None
        if n is not None and known is not None:  # an IPv4 address as ipaddress reads it, and its table
            if not known:
                return ""
            if self._mmdb is None:
                table = self._table()
                if table is not None:
                    return table.lookup(n)
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return ""
        if not addr.is_global:
            return ""
        if self._mmdb is not None:
            rec = self._mmdb.get(ip) or {}
            code = (rec.get("country") or rec.get("registered_country") or {}).get("iso_code", "")
            if code:
                return str(code)
        if addr.version != 4:
            return ""
        table = self._table()
        if table is not None:
            return table.lookup(int(addr))
        code = str(self._fast_db().lookup(ip).country_code or "")
        return code if len(code) == 2 and code.isalpha() else ""


def _ipv4_int(ip: str) -> int | None:
    """The address as an integer when `ip` is a dotted quad written as ipaddress writes it (so it reads it the
    same way; inet_aton alone would also take "127.1" or hex parts), else None."""
    try:
        packed = _aton(ip)
    except (OSError, ValueError):
        return None
    return int.from_bytes(packed, "big") if _ntoa(packed) == ip else None


class _GlobalV4:
    """ipaddress' IPv4 `is_global` as a table: the networks its answer depends on (the special-purpose ranges it
    lists: private, shared, exceptions) cut the address space into intervals, each asked once of ipaddress
    itself; ~12 us per address (an address object, its cached properties) -> one bisect. If this Python's
    ipaddress does not list its networks as expected, or the table disagrees with it at any network's edge,
    every address is asked of ipaddress (`is_global` then says None)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.flags: list[bool] = []
        self.built = False  # (built at the first address: ~1 ms that a run without public addresses does not pay)

    def _build(self) -> None:
        self.built = True
        nets = []
        for value in vars(getattr(ipaddress, "_IPv4Constants", object)).values():
            for net in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(net, ipaddress.IPv4Network):
                    nets.append(net)
        if not nets:
            return
        cuts = sorted({0, *(int(n.network_address) for n in nets), *(int(n.broadcast_address) + 1 for n in nets)}
                      - {1 << 32})
        flags = [ipaddress.IPv4Address(c).is_global for c in cuts]
        edges = {e for c in cuts for e in (c - 1, c) if 0 <= e < 1 << 32}
        if all(flags[bisect_right(cuts, e) - 1] == ipaddress.IPv4Address(e).is_global for e in edges):
            self.starts, self.flags = cuts, flags

    def is_global(self, n: int) -> bool | None:
        if not self.built:
            self._build()
        if not self.starts:
            return None
        return self.flags[bisect_right(self.starts, n) - 1]


_IPV4_GLOBAL = _GlobalV4()


def load_geo(mmdb_path: str | None = None) -> Geo | None:
    # whether geoip2fast is there, without importing it (20-40 ms of CPU, python -c and process_time);
    # the packed table (or geoip2fast with its table) is loaded at the first public address
    try:
        present = importlib.util.find_spec("geoip2fast") is not None
    except (ImportError, ValueError):  # a parent that fails to import, or a module stubbed out
        present = False
    if not present and not mmdb_path:
        return None
    return Geo(mmdb_path)
