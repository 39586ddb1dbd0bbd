"""The optional compiled walk (setup.py, monitor/compiled.py): which modules it builds, when the build stays pure,
how a run tells which walk it uses, and PRIVMON_PURE at run time.

The suite runs on the editable install, whose walk is pure; CI also runs the packet tests against a compiled
wheel and sets PRIVMON_EXPECT_WALK (compiled or pure) so that a run on the wrong build fails here.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from monitor.compiled import MODULES, walk

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "setup.py"
BACKEND = ROOT / "build_backend" / "privmon_build.py"
needs_build_files = pytest.mark.skipif(not SETUP.exists(), reason="setup.py is not beside the tests (an installed copy)")


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # (not as __main__: setup() is not called)
    return module


def _run(code: str, **env: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, **env}, cwd="/")
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@needs_build_files
def test_setup_py_compiles_the_modules_monitor_compiled_names() -> None:
    tree = ast.parse(SETUP.read_text(encoding="utf-8"))
    walk_files = next(ast.literal_eval(node.value) for node in tree.body
                      if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "WALK")
    assert [f.removesuffix(".py").replace("/", ".") for f in walk_files] == list(MODULES)
    assert all((ROOT / f).is_file() for f in walk_files)


def test_version_says_which_walk_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "monitor", "--version"], capture_output=True, text=True, timeout=60,
                         cwd="/")
    assert out.returncode == 0 and out.stdout.startswith("privmon, version ") and "(packet walk: " in out.stdout
    assert walk() in out.stdout
    expected = os.environ.get("PRIVMON_EXPECT_WALK")  # CI: the build it installed
    if expected:
        assert walk().startswith({"compiled": "compiled (mypyc)", "pure": "pure Python"}[expected]), walk()


def test_privmon_pure_runs_the_py_files() -> None:
    """PRIVMON_PURE=1 at run time: every walk module comes from its .py, compiled build or not."""
    code = ("import importlib, monitor.compiled as c\n"
            "print(all(importlib.import_module(m).__file__.endswith('.py') for m in c.MODULES), c.walk())")
    assert _run(code, PRIVMON_PURE="1").startswith("True pure Python")
    assert _run(code, PRIVMON_PURE="0").split(" ", 1)[1] == walk()  # 0: not set


def test_no_compiled_module_in_the_source_tree() -> None:
    """An editable install never compiles (a built module beside its .py would shadow edits to it)."""
    assert not [p for p in (ROOT / "monitor").rglob("*") if p.suffix in (".so", ".pyd")]


@needs_build_files
@pytest.mark.parametrize(("argv", "env"), [
    (["editable_wheel", "--dist-dir", "x"], {}),
    (["develop"], {}),
    (["egg_info"], {}),
    (["dist_info"], {}),
    (["sdist"], {}),
    (["build_ext", "--inplace"], {}),
    (["bdist_wheel", "--dist-dir", "x"], {"PRIVMON_PURE": "1"}),
])
def test_setup_py_builds_the_pure_walk(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str]) -> None:
    setup = _load(SETUP, "privmon_setup")
    monkeypatch.setattr(sys, "argv", ["setup.py", *argv])
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert setup.walk_extensions() == []


@needs_build_files
def test_setup_py_without_a_compiler_builds_the_pure_walk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    setup = _load(SETUP, "privmon_setup")
    monkeypatch.delenv("PRIVMON_PURE", raising=False)
    monkeypatch.setenv("CC", "/bin/false")
    assert setup.compiler_works(str(tmp_path))  # (what failed)
    monkeypatch.setattr(sys, "argv", ["setup.py", "bdist_wheel"])
    assert setup.walk_extensions() == []
    assert "no working C compiler" in capsys.readouterr().err


@needs_build_files
def test_the_backend_asks_for_mypy_only_for_a_wheel_it_can_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(BACKEND.parent))
    try:
        backend = _load(BACKEND, "privmon_build")
    finally:
        sys.path.remove(str(BACKEND.parent))
    monkeypatch.setattr(backend._setuptools, "get_requires_for_build_wheel", lambda config_settings=None: [])
    monkeypatch.delenv("PRIVMON_PURE", raising=False)
    monkeypatch.setattr(backend, "_compiler_likely", lambda: True)
    assert backend.get_requires_for_build_wheel() == [backend.MYPY]
    monkeypatch.setenv("PRIVMON_PURE", "1")
    assert backend.get_requires_for_build_wheel() == []
    monkeypatch.delenv("PRIVMON_PURE")
    monkeypatch.setattr(backend, "_compiler_likely", lambda: False)
    assert backend.get_requires_for_build_wheel() == []
    monkeypatch.setenv("CC", "/no/such/cc")
    monkeypatch.undo()
    monkeypatch.setenv("CC", "/no/such/cc")
    assert not backend._compiler_likely()
    # the editable hook is setuptools' own (no mypy)
    assert backend.get_requires_for_build_editable is backend._setuptools.get_requires_for_build_editable
