"""Module-level regexes compiled on their first use instead of at import (issue 20).

`re.compile` runs the regex parser and compiler in Python: ~0.5M instructions a pattern, paid again by every process
at start. Of the ~58 patterns privmon's modules compiled at import on analyze's path, ~40 are never used on a capture
of the bench mix (SSH, RTSP, WS-Discovery, XML, JWT, phone-number and MAC shapes ...), ~20M instructions at every
start. Such a pattern is bound as a stand-in:

    _JWT = lazy(globals(), "_JWT", r"^eyJ...")

whose first attribute use (`_JWT.match(v)`) compiles the pattern and binds the module's global `_JWT` to the
compiled pattern itself, so later uses cost what a pattern compiled at import costs. Use a stand-in only through
its methods and attributes in its own module (not passed to `re` functions, not imported elsewhere):
tests/test_lazyre.py checks that every stand-in is bound under its own name.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast


class LazyPattern:
    """A stand-in for re.compile(pattern, flags) bound as `name` in `namespace` (see the module's docstring)."""

    __slots__ = ("flags", "name", "namespace", "pattern")

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str | bytes, flags: int) -> None:
        self.namespace, self.name, self.pattern, self.flags = namespace, name, pattern, flags

    def __getattr__(self, attr: str) -> Any:
        compiled = re.compile(self.pattern, self.flags)
        if self.namespace.get(self.name) is self:
            self.namespace[self.name] = compiled
        return getattr(compiled, attr)


def lazy(namespace: dict[str, Any], name: str, pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """re.compile(pattern, flags) on first use, for the module-level pattern bound as `name` in `namespace` (the
    module's globals())."""
    return cast("re.Pattern[AnyStr]", LazyPattern(namespace, name, pattern, flags))
