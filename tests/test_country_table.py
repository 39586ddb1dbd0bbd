"""The packed country table (made in the user's cache on the first run) answers exactly what geoip2fast's own table
answers."""

from __future__ import annotations

import ipaddress
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.classify.country_table import (
    CountryTable,
    cached_path,
    geoip2fast_dat,
    pack,
    runs_from_geoip2fast,
)
from monitor.classify.geo import Geo

pytest.importorskip("geoip2fast")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRIVMON_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "privmon-cache"))


def _packed() -> CountryTable:
    g = Geo()
    table = g._table()
    assert table is not None
    return table


def test_the_packed_file_holds_the_installed_source_exactly() -> None:
    runs, source = runs_from_geoip2fast()
    table = _packed()
    assert table.runs() == runs
    assert table.source == source
    dat = geoip2fast_dat()
    assert dat is not None and table.dat_size == dat.stat().st_size
    assert len(runs) > 100_000 and {"US", "CN", "DE", ""} <= {c for _, c in runs}


def _addresses() -> list[str]:
    """Every 40th network edge of the source (an address either side of each run start) and random addresses."""
    table = _packed()
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


def test_a_copy_of_other_data_than_the_installed_geoip2fast_is_made_again() -> None:
    table = _packed()
    dat = geoip2fast_dat()
    assert dat is not None
    cached = cached_path(dat)
    cached.write_bytes(pack([(0, ""), (134744064, "ZZ")], "old data", table.dat_size + 1))  # 8.8.8.0 on: "ZZ"
    g = Geo()
    assert g.country("8.8.8.8") == "US"  # made again from geoip2fast's table
    assert g.describe() == table.source and CountryTable.load(cached).runs() == table.runs()
    cached.write_bytes(pack([(0, ""), (134744064, "ZZ")], "old data", table.dat_size))
    assert Geo().country("8.8.8.8") == "ZZ"  # (made from the same data file: the copy is read)
    cached.write_bytes(b"not a table")
    assert Geo().country("8.8.8.8") == "US"
    good = pack([(0, ""), (134744064, "ZZ")], "old data", table.dat_size)
    head = good[:good.index(b"\n", len(b"PMCOUNTRY2\n")) + 1]
    cached.write_bytes(head + b"cut")  # a damaged copy (a disk error, a cut write) is made again
    assert Geo().country("8.8.8.8") == "US"


def test_the_first_run_makes_the_cache_and_an_unwritable_cache_still_answers(tmp_path: Path) -> None:
    code = ("from monitor.classify.geo import Geo; g = Geo(); print(g.country('8.8.8.8'), g._table() is not None)")
    env = {**os.environ, "PRIVMON_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["US", "True"], out.stderr
    assert [p.name for p in (tmp_path / "c").iterdir()][0].startswith("countries-")
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    env["PRIVMON_CACHE_DIR"] = str(blocked / "c")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["US", "True"], out.stderr


def test_no_copy_of_the_country_data_is_shipped_in_the_package() -> None:
    import monitor

    pkg = Path(monitor.__file__).parent
    assert not [p for p in pkg.rglob("*") if p.is_file() and "countr" in p.name.lower() and p.suffix not in (".py", ".pyc")]


def test_the_global_ipv4_table_answers_as_ipaddress_does() -> None:
    """Geo.country decides whether an IPv4 address is global from a table of ipaddress' own answers (one bisect
    instead of an address object): the same answer at every edge of its special-purpose networks and at random."""
    from monitor.classify.geo import _IPV4_GLOBAL

    assert _IPV4_GLOBAL.is_global(int(ipaddress.IPv4Address("8.8.8.8"))) is True  # (the table is in use)
    rnd = random.Random(20)
    edges = [e for c in _IPV4_GLOBAL.starts for e in (c - 1, c, c + 1) if 0 <= e < 1 << 32]
    for n in [*edges, *(rnd.getrandbits(32) for _ in range(20_000))]:
        assert _IPV4_GLOBAL.is_global(n) == ipaddress.IPv4Address(n).is_global, ipaddress.IPv4Address(n)


@pytest.mark.parametrize("text", ["127.1", "01.2.3.4", "0x7f.0.0.1", "1.2.3.4 ", " 8.8.8.8", "::1", "", "8.8.8.8\x00",
                                  "256.1.1.1", "8.8.8", "1.1.1.1/32"])
def test_an_address_ipaddress_would_not_read_as_a_dotted_quad_keeps_its_answer(text: str) -> None:
    from monitor.classify.geo import _ipv4_int

    assert _ipv4_int(text) is None  # asked of ipaddress, as before, which does not read it: no country
    with pytest.raises(ValueError):
        ipaddress.IPv4Address(text)
    assert Geo().country(text) == ""
