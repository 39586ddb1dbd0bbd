"""Identifier detection (STUB: being replaced by the identifiers work)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from monitor.model import Field, Hit
from monitor.profile import Profile


class Detector:
    def __init__(self, rules: Any, profile: Profile) -> None:
        self.rules = rules
        self.profile = profile

    def scan(self, fields: Iterable[Field]) -> list[Hit]:
        return []
