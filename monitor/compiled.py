"""Which packet walk runs: the sources' and the engine's hot modules compiled by mypyc (setup.py builds them into a
wheel when it can) or their pure Python (an editable install, a build without a compiler, PRIVMON_PURE).

`walk()` says which, for `privmon --version` and the bench. `PRIVMON_PURE=1` at run time makes an installed
compiled build import the .py files it ships beside its compiled modules (`prefer_pure`, installed by
monitor/__init__.py before anything imports them): the same answers, the pure walk's speed.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType

# compiled together as one mypyc group (setup.py's WALK names the same files): the packet walk's, then the engine's
MODULES = ("monitor.sources.packets", "monitor.sources.pcap", "monitor.sources.http1", "monitor.sources.streams",
           "monitor.sources.tlshello", "monitor.sources.dns",
           "monitor.engine", "monitor.decode", "monitor.classify.identifiers", "monitor.classify.destinations",
           "monitor.sources.httpdns", "monitor.classify.p2p", "monitor.classify.kalay", "monitor.classify.cs2crypt")


def pure_wanted() -> bool:
    """PRIVMON_PURE set to anything but empty or 0."""
    return os.environ.get("PRIVMON_PURE", "").strip() not in ("", "0")


def is_compiled(name: str) -> bool:
    """Whether module `name` is (or would be, if not yet imported) loaded from a compiled extension."""
    spec = importlib.util.find_spec(name)
    return spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)


def walk() -> str:
    """'compiled (mypyc)', 'pure Python' (with why, when the compiled modules are there but not used), or 'mixed'
    with the compiled modules named."""
    compiled = [name for name in MODULES if is_compiled(name)]
    if len(compiled) == len(MODULES):
        return "compiled (mypyc)"
    if not compiled:
        return "pure Python (PRIVMON_PURE is set)" if pure_wanted() and _PureFinder.skipped else "pure Python"
    return "mixed: compiled " + ", ".join(name.rpartition(".")[2] for name in compiled)


class _PureFinder(importlib.abc.MetaPathFinder):
    """Finds the walk's modules as their .py source, ahead of the compiled extension beside it."""

    skipped = False  # a compiled module was there and its .py taken instead

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MODULES or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        for folder in path:
            source = os.path.join(folder, leaf + ".py")
            if os.path.isfile(source):
                if any(os.path.exists(os.path.join(folder, leaf + suffix))
                       for suffix in importlib.machinery.EXTENSION_SUFFIXES):
                    _PureFinder.skipped = True
                return importlib.util.spec_from_file_location(fullname, source)
        return None


def prefer_pure() -> None:
    """Import the walk's .py files even where compiled modules are installed (idempotent)."""
    if not any(isinstance(f, _PureFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _PureFinder())
