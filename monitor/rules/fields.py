"""Rule dataclasses built from their TOML tables, field by field.

Each field of a rule dataclass says where its value lives in the table (a dotted path) and how the
value is built: a compiled pattern (the default), a tuple of patterns, (key, pattern) pairs, a tuple
of strings, a word set, or any other builder. `build(cls, table, flags)` reads every field, so a rule
added to a TOML file needs one line in its dataclass and nothing else. A missing key raises a
KeyError naming the whole path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field, fields
from typing import Any, TypeVar

T = TypeVar("T")
Builder = Callable[[Any, int], Any]  # (the TOML value, the class's regex flags) -> the field's value


def compiled(value: str, flags: int) -> re.Pattern[str]:
    return re.compile(value, flags)


def each(value: list[str] | dict[str, str], flags: int) -> tuple[re.Pattern[str], ...]:
    """A pattern per list item, or per value of a table (in the file's order)."""
    return tuple(re.compile(v, flags) for v in (value.values() if isinstance(value, dict) else value))


def named(value: dict[str, str], flags: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, pattern) per entry of a table, in the file's order."""
    return tuple((k, re.compile(v, flags)) for k, v in value.items())


def strings(value: list[str], _flags: int) -> tuple[str, ...]:
    return tuple(value)


def words(value: list[str], _flags: int) -> frozenset[str]:
    return frozenset(value)


def rule(path: str, build: Builder = compiled, flags: int | None = None) -> Any:
    """A rule field: its place in the table (`"section.key"`), how it is built, and its own flags if they differ
    from the class's."""
    return field(metadata={"path": path, "build": build, "flags": flags})


def build(cls: type[T], table: dict[str, Any], flags: int) -> T:
    """An instance of the rule dataclass `cls` with every field read from `table`."""
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]  # any rule dataclass
        path = f.metadata["path"]
        value: Any = table
        for i, part in enumerate(path.split(".")):
            try:
                value = value[part]
            except KeyError:
                raise KeyError(f"rule {'.'.join(path.split('.')[:i + 1])} (for {cls.__name__}.{f.name})") from None
        own = f.metadata["flags"]
        values[f.name] = f.metadata["build"](value, flags if own is None else own)
    return cls(**values)
