"""Dependencies point inward: the core imports no framework (the STYLE.md rule, checked on the source)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "monitor"

# module path prefix -> frameworks it may import
ALLOWED = {
    "sources": {"scapy", "mitmproxy"},
    "live": {"scapy", "mitmproxy"},
    "cli": {"click", "rich", "textual"},
    "tui": {"textual", "rich"},
    "store": {"sqlite_utils", "sqlite3"},
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


def test_the_core_loads_no_framework_at_run_time() -> None:
    """What `import monitor.engine` (and the policy reader and compare step) pull in, checked in a fresh
    interpreter: lazy imports inside functions are invisible to the source check above."""
    import subprocess
    import sys

    code = ("import sys, monitor.engine, monitor.compare, monitor.policy\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PKG.parent).stdout.split()
    assert not set(out) & {"textual", "click", "mitmproxy", "scapy", "rich", "sqlite_utils"}, out


def test_tui_and_reports_never_import_the_cli() -> None:
    offenders = []
    for path in MODULES:
        rel = path.relative_to(PKG)
        if rel.parts[0] not in ("tui", "report"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mod = node.module if isinstance(node, ast.ImportFrom) else None
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [mod or ""]
            if any(n == "monitor.cli" or n.startswith("monitor.cli.") for n in names):
                offenders.append(str(rel))
    assert offenders == []


# SQL statements as they are written (a keyword with the word that must follow it), case-insensitive
SQL = re.compile(r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s+\w+|"
                 r"(CREATE|DROP|ALTER)\s+(TABLE|INDEX|TRIGGER|VIEW|VIRTUAL)|BEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED)|"
                 r"VACUUM|ATTACH\s+DATABASE)\b", re.IGNORECASE)
RUNS_SQL = {"execute", "executemany", "executescript"}


def sql_outside_the_store(pkg: Path) -> list[str]:
    """Where a module outside monitor/store/ runs SQL or holds an SQL statement in a string (docstrings aside)."""
    found = []
    for path in sorted(pkg.rglob("*.py")):
        rel = path.relative_to(pkg)
        if rel.parts[0] == "store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNS_SQL:
                found.append(f"{rel}:{node.lineno}: .{node.func.attr}(")
            elif isinstance(node, ast.JoinedStr):  # an f-string: its literal parts together
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
                if SQL.search(text):
                    found.append(f"{rel}:{node.lineno}: {text[:60]!r}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if SQL.search(node.value):
                    found.append(f"{rel}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_sql_outside_the_store_package() -> None:
    """monitor/store/ is the only place SQL is written (issue 16): no exceptions list."""
    assert sql_outside_the_store(PKG) == []


def test_the_sql_scan_finds_sql() -> None:
    """The scan above can fail: it finds each way SQL was written outside the store before issue 16."""
    samples = {
        "a.py": 'rows = store.rows("SELECT type, SUM(count) AS n FROM findings GROUP BY type")\n',
        "b.py": 'cur = store.conn.execute(sql + " LIMIT 0")\n',
        "c.py": 'q = f"SELECT 1 FROM findings WHERE capture_id IN ({marks}) LIMIT 1"\n',
        "d.py": 'TABLES = {"dns": "select * from dns"}\n',
        "e.py": '"""Select the rows from the list (a docstring, not SQL)."""\nx = "pick a capture from the list"\n',
    }
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, src in samples.items():
            (Path(tmp) / name).write_text(src)
        found = sql_outside_the_store(Path(tmp))
    assert sorted({f.split(":")[0] for f in found}) == ["a.py", "b.py", "c.py", "d.py"], found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_no_import_cycle_inside_monitor() -> None:
    """Every import counts, also those inside functions and under TYPE_CHECKING: a cycle is a cycle."""
    import grimp

    g = grimp.build_graph("monitor", cache_dir=None)
    graph = {m: set(g.find_modules_directly_imported_by(m)) for m in g.modules}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
