"""privmon's optional build step: the packet walk compiled by mypyc when it can be, the pure package otherwise.

pyproject.toml holds the metadata; this file adds only the extension modules. A wheel build (`pip install .`,
`pip wheel .`, pipx) compiles the packet walk's six hot modules and the engine's eight on the per-message path
(engine, decode, the identifier scan, attribution, the HTTPDNS check, the P2P readers: p2p, kalay, cs2crypt) (WALK
below; their Python as it runs pure, docs/perf.md, issue 20) with mypyc when all of this holds:
  * PRIVMON_PURE is not set (or set to 0);
  * a C compiler builds and links a file that includes Python.h;
  * mypyc imports (build_backend/privmon_build.py asks pip for mypy when a C compiler and Python's headers
    look present; with --no-build-isolation, the environment's mypy).
Otherwise, or when mypyc or the C build fails, it builds the pure package and says why in one line (`pip -v`
shows it). The .py files are in the wheel either way: `PRIVMON_PURE=1 privmon ...` runs them instead of the
compiled modules (monitor/compiled.py), and `privmon --version` says which walk runs.

Editable installs (`pip install -e`, `setup.py develop`) and `build_ext --inplace` never compile: a built module
in the source tree would shadow edits to its .py. Builds go to a temporary folder, so a build leaves nothing in
the tree (a compiled build's leftovers cannot end up in a later pure wheel).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

from setuptools import setup
from setuptools.command.build_ext import build_ext

# the modules compiled together (one mypyc group: they call each other natively), the packet walk's and then the
# engine's; monitor/compiled.py's MODULES names the same (tests/test_compiled.py checks)
WALK = ["monitor/sources/packets.py", "monitor/sources/pcap.py", "monitor/sources/http1.py",
        "monitor/sources/streams.py", "monitor/sources/tlshello.py", "monitor/sources/dns.py",
        "monitor/engine.py", "monitor/decode.py", "monitor/classify/identifiers.py", "monitor/classify/destinations.py",
        "monitor/sources/httpdns.py", "monitor/classify/p2p.py", "monitor/classify/kalay.py",
        "monitor/classify/cs2crypt.py"]
BUILDS = {"bdist_wheel", "build", "build_ext", "install", "bdist"}  # commands that build extension modules
EDITABLE = {"editable_wheel", "develop"}


def say(line: str) -> None:
    print(f"privmon build: {line}", file=sys.stderr, flush=True)


def _first(exc: BaseException) -> str:
    """An exception's message cut to one short line (a failed compiler's whole command line is long)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 100 else text[:97] + "..."


def opted_out() -> bool:
    return os.environ.get("PRIVMON_PURE", "").strip() not in ("", "0")


def compiler_works(tmp: str) -> str | None:
    """None when a C compiler builds and links an extension that includes Python.h here, else what failed."""
    import sysconfig

    try:  # (setuptools' copy of distutils: Python 3.12 has none of its own)
        from setuptools._distutils.ccompiler import new_compiler
        from setuptools._distutils.sysconfig import customize_compiler
    except ImportError as exc:
        return f"cannot look for a C compiler ({_first(exc)})"
    include = sysconfig.get_paths()["include"]
    if not os.path.exists(os.path.join(include, "Python.h")):
        return f"no Python.h in {include} (Python's development headers)"
    src = os.path.join(tmp, "probe.c")
    with open(src, "w") as f:
        f.write("#include <Python.h>\nint privmon_probe(void) { return Py_IsInitialized(); }\n")
    try:
        cc = new_compiler()
        customize_compiler(cc)
        objs = cc.compile([src], output_dir=tmp, include_dirs=[include])
        cc.link_shared_object(objs, os.path.join(tmp, "probe.so"))
    except Exception as exc:  # CompileError, LinkError, a missing program: all mean no compiled build here
        return f"no working C compiler ({type(exc).__name__}: {_first(exc)})"
    return None


class FallbackBuildExt(build_ext):
    """build_ext that turns a failed C build into the pure package: every extension it built is removed (the pure
    .py files are in the build already), and the install goes on."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            for ext in self.extensions:
                path = self.get_ext_fullpath(ext.name)
                if os.path.exists(path):
                    os.remove(path)
            say(f"the C build failed ({type(exc).__name__}: {_first(exc)}); building the pure walk")


def _remove(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    try:
        os.rmdir(os.path.dirname(folder))  # build/, when nothing else is in it
    except OSError:
        pass


def walk_extensions() -> list:
    """The mypyc extension modules for this build, or [] (said why) for the pure package."""
    cmds = set(sys.argv[1:])
    if cmds & EDITABLE:
        say("editable install: the pure walk (no compiled module in the source tree)")
        return []
    if not cmds & BUILDS:
        return []  # metadata, sdist, egg_info: nothing is compiled
    if "--inplace" in cmds or "-i" in cmds:
        say("build_ext --inplace: the pure walk (no compiled module in the source tree)")
        return []
    if opted_out():
        say("PRIVMON_PURE is set: building the pure walk")
        return []
    probe = tempfile.mkdtemp(prefix="privmon-probe-")
    try:
        why = compiler_works(probe)
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    if why:
        say(f"{why}: building the pure walk")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        say("mypyc is not installed (it ships with mypy): building the pure walk")
        return []
    here = os.path.dirname(os.path.abspath(__file__))
    old = os.getcwd()
    os.chdir(here)
    # the generated C: setuptools takes only sources relative to this folder, so in a folder of this run under
    # build/ (ignored by git), removed at exit with build/ if that is then empty
    os.makedirs("build", exist_ok=True)
    base = os.path.relpath(tempfile.mkdtemp(prefix="mypyc-", dir="build"))
    atexit.register(_remove, os.path.join(here, base))
    os.environ["MYPY_CACHE_DIR"] = os.path.join(here, base, "mypy_cache")  # not the tree's .mypy_cache
    try:
        # mypyc reads pyproject's [tool.mypy] (python_version, ignore_missing_imports)
        exts = mypycify(WALK, opt_level="3", target_dir=base, group_name="privmon_walk")
    except (Exception, SystemExit) as exc:  # mypyc reports type errors with SystemExit
        say(f"mypyc failed ({type(exc).__name__}: {_first(exc)}); building the pure walk")
        return []
    finally:
        os.chdir(old)
    say(f"compiling the packet walk with mypyc ({len(WALK)} modules)")
    return exts


def build_options() -> dict:
    """setuptools' build folders in a temporary folder of this run (removed at exit): nothing is left in the tree,
    and no earlier build's files reach this wheel."""
    if not set(sys.argv[1:]) & BUILDS:
        return {}
    base = tempfile.mkdtemp(prefix="privmon-setup-")
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    return {"build": {"build_base": base}}


if __name__ == "__main__":  # (setuptools' backend runs this file as __main__; tests/test_compiled.py imports it)
    setup(ext_modules=walk_extensions(), cmdclass={"build_ext": FallbackBuildExt}, options=build_options())
