"""The packed country table (monitor/data/countries.bin) answers exactly what geoip2fast's own table answers."""

from __future__ import annotations

import ipaddress
import random
from pathlib import Path

import pytest

import monitor.classify.geo as geo_module
from monitor.classify.country_table import PACKED, CountryTable, geoip2fast_dat, pack, runs_from_geoip2fast
from monitor.classify.geo import Geo

pytest.importorskip("geoip2fast")


def test_the_packed_file_holds_the_installed_source_exactly() -> None:
    runs, source = runs_from_geoip2fast()
    table = CountryTable.load()
    assert table.runs() == runs  # rebuild with `python -m monitor.classify.country_table` when this fails
    assert table.source == source
    dat = geoip2fast_dat()
    assert dat is not None and table.dat_size == dat.stat().st_size
    assert len(runs) > 100_000 and {"US", "CN", "DE", ""} <= {c for _, c in runs}


def _addresses() -> list[str]:
    """Every 40th network edge of the source (an address either side of each run start) and random addresses."""
    table = CountryTable.load()
    rnd = random.Random(7)
    ints = {max(0, s + d) for s in table.starts[::40] for d in (-1, 0, 1)}
    ints |= {rnd.getrandbits(32) for _ in range(4000)}
    return [str(ipaddress.IPv4Address(min(i, 2**32 - 1))) for i in sorted(ints)]


def test_lookups_equal_geoip2fast_lookups() -> None:
    packed, fast = Geo(), Geo(packed=False)
    addresses = _addresses()
    got = [packed.country(a) for a in addresses]
    assert packed._table() is not None  # the packed table answered, not geoip2fast
    want = [fast.country(a) for a in addresses]
    assert fast._table() is None and fast._fast is not None
    assert got == want
    assert sum(1 for c in got if c) > 0.5 * len(got)
    assert packed.describe() == fast.describe()
    assert (packed.country("8.8.8.8"), packed.country("1.1.1.1"), packed.country("10.0.0.1")) == ("US", "AU", "")


def test_a_copy_of_other_data_than_the_installed_geoip2fast_is_not_used(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    table = CountryTable.load()
    stale = tmp_path / "countries.bin"
    stale.write_bytes(pack([(0, ""), (134744064, "ZZ")], "old data", table.dat_size + 1))  # 8.8.8.0 on: "ZZ"
    monkeypatch.setattr(geo_module, "PACKED", stale)
    g = Geo()
    assert g.country("8.8.8.8") == "US"  # geoip2fast's own table answered
    assert g._table() is None and g.describe() == table.source
    stale.write_bytes(pack([(0, ""), (134744064, "ZZ")], "old data", table.dat_size))
    assert Geo().country("8.8.8.8") == "ZZ"  # (the same size: the copy is read)
    stale.write_bytes(b"not a table")
    assert Geo().country("8.8.8.8") == "US"


def test_the_packed_file_is_package_data() -> None:
    assert PACKED.is_file() and PACKED.parent.name == "data" and PACKED.parent.parent.name == "monitor"
