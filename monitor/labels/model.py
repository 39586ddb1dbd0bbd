"""Store labels as typed data: what one label file declares, with the lines each answer sits on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from monitor.rules import bundled_toml

MAX_LABEL_BYTES = 4 * 1024 * 1024
PLATFORM = {"data_safety": "android", "app_privacy": "ios", "privacy_manifest": "ios"}
ENCRYPTION = "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT"
TRACKING = "NSPrivacyTracking"
TRACKING_DOMAINS = "NSPrivacyTrackingDomains"
MANIFEST_PREFIX = "NSPrivacyCollectedDataType"


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The label vocabularies and type map (monitor/rules/labels.toml), read once."""
    return bundled_toml("labels.toml")


@dataclass(slots=True)
class Declared:
    """One declared label data type (a ticked Play type, an App Privacy category, a manifest entry)."""

    label_type: str
    line: int
    collected: bool = True
    shared: bool = False
    ephemeral: bool | None = None
    required: bool | None = None
    collection_purposes: list[str] = field(default_factory=list)
    sharing_purposes: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    linked: bool | None = None
    tracking: bool | None = None
    sharing_line: int = 0  # Data safety: the "collected, shared, or both" row

    def to_json(self) -> dict[str, Any]:
        return {"label_type": self.label_type, "line": self.line, "collected": self.collected, "shared": self.shared,
                "ephemeral": self.ephemeral, "required": self.required,
                "collection_purposes": list(self.collection_purposes), "sharing_purposes": list(self.sharing_purposes),
                "purposes": list(self.purposes), "linked": self.linked, "tracking": self.tracking}


@dataclass(slots=True)
class Label:
    """One label file, normalised; `anchors` are the lines a verdict points at (1-based, physical)."""

    source: str
    path: str
    sha256: str
    lines: list[str]
    collects_personal_data: bool | None = None
    encrypted_in_transit: bool | None = None
    not_collected: bool = False
    tracking: bool | None = None
    tracking_domains: list[str] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)

    @property
    def platform(self) -> str:
        return PLATFORM[self.source]

    def text_of(self, line: int) -> str:
        return self.lines[line - 1][:500] if 0 < line <= len(self.lines) else ""

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "path": self.path, "sha256": self.sha256, "platform": self.platform,
                "collects_personal_data": self.collects_personal_data,
                "encrypted_in_transit": self.encrypted_in_transit, "not_collected": self.not_collected,
                "tracking": self.tracking, "tracking_domains": list(self.tracking_domains),
                "declared": [d.to_json() for d in self.declared], "warnings": list(self.warnings)}
