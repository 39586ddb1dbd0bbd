"""Dependencies point inward: the core imports no framework (the STYLE.md rule, checked on the source)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "monitor"

# module path prefix -> frameworks it may import
ALLOWED = {
    "sources": {"scapy", "mitmproxy"},
    "live": {"scapy", "mitmproxy"},
    "cli": {"click", "rich", "textual"},
    "tui": {"textual", "rich"},
    "store.py": {"sqlite_utils", "sqlite3"},
}
FRAMEWORKS = {"scapy", "mitmproxy", "click", "textual", "sqlite_utils", "sqlite3"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


MODULES = sorted(p for p in PKG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PKG)) for p in MODULES])
def test_module_imports_only_the_frameworks_of_its_layer(path: Path) -> None:
    rel = path.relative_to(PKG)
    allowed: set[str] = set()
    for prefix, frameworks in ALLOWED.items():
        if str(rel) == prefix or rel.parts[0] == prefix:
            allowed |= frameworks
    used = _imports(path) & FRAMEWORKS
    assert used <= allowed, f"{rel} imports {sorted(used - allowed)}"


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(PKG)) for p in MODULES if ast.get_docstring(ast.parse(p.read_text())) is None
               and p.stat().st_size > 0]
    assert missing == []
