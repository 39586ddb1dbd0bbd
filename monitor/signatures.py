"""Signature files (signatures/*.toml) loaded and validated once (STUB: being replaced)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SIGNATURES_DIR = Path(__file__).resolve().parent.parent / "signatures"


@dataclass(frozen=True, slots=True)
class Signatures:
    sdks: tuple[Any, ...] = ()
    identifiers: Any = None
    p2p: Any = None
    version: str = "0"
    extra: dict[str, Any] = field(default_factory=dict)


def load_signatures(extra_dirs: Sequence[str | Path] = ()) -> Signatures:
    return Signatures()
