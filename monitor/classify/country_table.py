"""geoip2fast's IPv4 country table in a packed form that loads in a few milliseconds.

The source is the table of the `geoip2fast` package (country networks from MaxMind GeoLite2):
loading it unpickles ~500k networks per run (~0.1 s CPU) and a lookup costs ~20 us. Packed, it is
the sorted first address of every run of addresses with one answer and that answer's index into a
list of country codes ("" where the source has no network or names no country): one bisect per
lookup. privmon does not ship a copy of that data (MaxMind's terms govern its redistribution): the
first run packs the installed geoip2fast's table into the user's cache folder (~0.8 s CPU, once per
geoip2fast data file; `$PRIVMON_CACHE_DIR`, else `$XDG_CACHE_HOME/privmon`, else ~/.cache/privmon),
later runs read it. Where the cache cannot be written, the packed table is used from memory for that
run. `python -m monitor.classify.country_table` builds it ahead of time; tests/test_country_table.py
checks that it holds exactly what the source answers.

File: b"PMCOUNTRY2\\n", one JSON line (source, geoip2fast's data file size, run count, codes), then the first
addresses as little-endian uint32, then one code index byte per run (~1.5 MB). Version 1 (PMCOUNTRY1, in files named
without ".v2") held the same body zlib-compressed (~0.6 MB): decompressing it was ~5 ms of every run's CPU.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from array import array
from bisect import bisect_right
from pathlib import Path
from typing import Any

MAGIC = b"PMCOUNTRY2\n"
MAX_IPV4 = (1 << 32) - 1
PRIVATE_BELOW = 16  # geoip2fast treats the first 16 entries of its name list as private/reserved (no country)


class CountryTable:
    """IPv4 address (as an int) -> ISO country code or ""."""

    def __init__(self, starts: array, codes: bytes, names: list[str], source: str, dat_size: int) -> None:
        self.starts = starts
        self.codes = codes
        self.names = names
        self.source = source
        self.dat_size = dat_size

    @classmethod
    def load(cls, path: Path) -> CountryTable:
        """Raises ValueError when the file is not a country table (missing: OSError)."""
        return cls.from_bytes(path.read_bytes(), str(path))

    @classmethod
    def from_bytes(cls, raw: bytes, path: str = "country table") -> CountryTable:
        if not raw.startswith(MAGIC):
            raise ValueError(f"{path}: not a packed country table")
        head_end = raw.index(b"\n", len(MAGIC))
        head = json.loads(raw[len(MAGIC):head_end])
        n = int(head["runs"])
        body = memoryview(raw)[head_end + 1:]  # (read in place: the file is read once, copied once into the array)
        if len(body) != 5 * n:
            raise ValueError(f"{path}: {len(body)} bytes of table, {5 * n} expected")
        starts = array("I")
        starts.frombytes(body[:4 * n])
        if sys.byteorder != "little":
            starts.byteswap()
        return cls(starts, bytes(body[4 * n:]), list(head["codes"]), str(head["source"]), int(head["dat_size"]))

    def lookup(self, ip: int) -> str:
        i = bisect_right(self.starts, ip) - 1
        return self.names[self.codes[i]] if i >= 0 else ""

    def runs(self) -> list[tuple[int, str]]:
        return [(s, self.names[c]) for s, c in zip(self.starts, self.codes, strict=True)]


def geoip2fast_dat() -> Path | None:
    """geoip2fast's bundled country file, located without importing the package (None: not installed)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("geoip2fast")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    dat = Path(next(iter(spec.submodule_search_locations))) / "geoip2fast.dat.gz"
    return dat if dat.is_file() else None


def runs_from_geoip2fast() -> tuple[list[tuple[int, str]], str]:
    """The answer of geoip2fast's IPv4 lookup (as privmon reads it) for every address, as runs (first address,
    code), and its data description. Follows its lookup: the network with the largest first address at or below
    the address answers if the address is inside it; otherwise, and before the first network, there is none."""
    from geoip2fast import GeoIP2Fast
    from geoip2fast import geoip2fast as g2f

    fast: Any = GeoIP2Fast(verbose=False)
    names = g2f.mainListNamesCountry
    networks: list[tuple[int, int, str]] = []
    for root, firsts in enumerate(g2f.mainListFirstIP):
        for chunk, first in enumerate(firsts):
            if first > MAX_IPV4:
                continue
            last = first + g2f.numIPsv4[g2f.mainListNetlength[root][chunk]] - 1
            index = g2f.mainListIDCountryCodes[root][chunk]
            code = names[index].split(":")[0]
            ok = index >= PRIVATE_BELOW and len(code) == 2 and code.isalpha()
            networks.append((first, last, code if ok else ""))
    networks.sort()
    runs: list[tuple[int, str]] = [(0, "")]

    def add(start: int, code: str) -> None:
        if start <= MAX_IPV4 and runs[-1][1] != code:
            if runs[-1][0] == start:
                runs[-1] = (start, code)
                if len(runs) > 1 and runs[-2][1] == code:
                    runs.pop()
            else:
                runs.append((start, code))

    for i, (first, last, code) in enumerate(networks):
        nxt = networks[i + 1][0] if i + 1 < len(networks) else MAX_IPV4 + 1
        add(first, code)
        if last + 1 < nxt:  # past this network's end and before the next one's start: no answer
            add(last + 1, "")
    return runs, str(getattr(fast, "source_info", "") or "geoip2fast")


def pack(runs: list[tuple[int, str]], source: str, dat_size: int) -> bytes:
    names = sorted({c for _, c in runs})
    index = {c: i for i, c in enumerate(names)}
    starts = array("I", (s for s, _ in runs))
    if sys.byteorder != "little":
        starts.byteswap()
    head = {"source": source, "dat_size": dat_size, "runs": len(runs), "codes": names}
    body = starts.tobytes() + bytes(index[c] for _, c in runs)
    return MAGIC + json.dumps(head).encode() + b"\n" + body


def cache_dir() -> Path:
    """Raises OSError when there is no folder to keep a cache in."""
    env = os.environ.get("PRIVMON_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError as exc:  # no HOME and no password entry: no cache, the table stays in memory
            raise OSError("no home folder for the cache") from exc
    return Path(base) / "privmon"


def cached_path(dat: Path) -> Path:
    """Where the packed copy of this geoip2fast data file is kept (named by its size: an update makes another)."""
    return cache_dir() / f"countries-{dat.stat().st_size}.v2.bin"


def build_cached(dat: Path) -> CountryTable:
    """Pack the installed geoip2fast's table and keep it in the cache (written whole, then renamed into place, so
    several privmon processes building at once never read half a file); an unwritable cache is not an error."""
    runs, source = runs_from_geoip2fast()
    raw = pack(runs, source, dat.stat().st_size)
    with contextlib.suppress(OSError):
        path = cached_path(dat)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(raw)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return CountryTable.from_bytes(raw)


def main() -> None:
    dat = geoip2fast_dat()
    if dat is None:
        raise SystemExit("geoip2fast is not installed")
    table = build_cached(dat)
    path = cached_path(dat)
    where = f"{path} ({path.stat().st_size} bytes)" if path.is_file() else "memory only (the cache is not writable)"
    print(f"{len(table.starts)} runs from {table.source}: {where}")


if __name__ == "__main__":
    main()
