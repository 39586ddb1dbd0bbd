"""monitor.lazyre: module-level regexes compiled on first use, then bound as the compiled pattern."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from monitor.lazyre import LazyPattern, lazy

ROOT = Path(__file__).resolve().parents[1]
BINDING = re.compile(r'^(\w+)(?: *: *[^=]+)? = lazy\(globals\(\), "(\w+)", ')


def test_a_lazy_pattern_compiles_on_first_use_and_binds_its_name_to_the_compiled_pattern() -> None:
    ns: dict[str, Any] = {}
    ns["_P"] = lazy(ns, "_P", rb"^(a+)b", re.I)
    assert isinstance(ns["_P"], LazyPattern)
    m = ns["_P"].match(b"AAb")
    assert m is not None and m.group(1) == b"AA"
    assert ns["_P"] is re.compile(rb"^(a+)b", re.I)  # the compiled pattern itself (re's cache): no stand-in left
    alias = lazy(ns, "_Q", r"x")  # not bound under its name: still works, binds nothing
    assert alias.fullmatch("x") and "_Q" not in ns


def test_every_lazy_pattern_is_bound_under_its_own_name() -> None:
    uses = 0
    for path in sorted((ROOT / "monitor").rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "lazy(" in line and path.name != "lazyre.py":
                m = BINDING.match(line)
                assert m and m.group(1) == m.group(2), f"{path.name}: {line.strip()}"
                uses += 1
    assert uses >= 30


def test_analyze_imports_compile_none_of_the_lazy_patterns() -> None:
    """Start-up work: importing analyze's modules leaves every stand-in uncompiled (nothing uses one at import)."""
    code = ("import sys, monitor.cli.common, monitor.ingest, monitor.sources.packets\n"
            "from monitor.lazyre import LazyPattern\n"
            "found = [n for m in list(sys.modules.values()) for n, v in vars(m).items() if isinstance(v, LazyPattern)]\n"
            "print(len(found))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert int(out) >= 30
