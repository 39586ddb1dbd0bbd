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
