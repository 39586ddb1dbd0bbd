"""PrivacyInfo.xcprivacy (XML or binary property list): collected types, tracking, tracking domains.

Line numbers come from the XML text (the key, or the type's string); a binary plist has none, so
its anchors are line 1.
"""

from __future__ import annotations

import plistlib
import re
from typing import Any
from xml.parsers.expat import ExpatError

from monitor.errors import BadInput
from monitor.labels.model import MANIFEST_PREFIX, TRACKING, TRACKING_DOMAINS, Declared, Label, rules

COLLECTED = "NSPrivacyCollectedDataTypes"


def _line_of(text: str, pattern: str, start: int = 0) -> tuple[int, int]:
    m = re.compile(pattern).search(text, start)
    if m is None:
        return 0, start
    return text.count("\n", 0, m.start()) + 1, m.end()


def _parse(path: str, raw: bytes) -> Any:
    try:
        return plistlib.loads(raw)
    except ExpatError as exc:
        raise BadInput(path, f"line {exc.lineno}: property list does not parse: {exc}") from exc
    except (plistlib.InvalidFileException, ValueError, TypeError, OverflowError, RecursionError, KeyError,
            IndexError) as exc:
        raise BadInput(path, f"line 1: property list does not parse: {exc or type(exc).__name__}") from exc


def read_manifest(path: str, raw: bytes, sha: str) -> Label:
    data = _parse(path, raw)
    text = "" if raw.startswith(b"bplist") else raw.decode("utf-8", "replace")
    label = Label(source="privacy_manifest", path=path, sha256=sha, lines=text.splitlines())
    if not isinstance(data, dict):
        raise BadInput(path, "line 1: a privacy manifest's top level must be a dictionary")
    for key, anchor in ((TRACKING, "tracking"), (TRACKING_DOMAINS, "tracking_domains"), (COLLECTED, "collected_types")):
        label.anchors[anchor] = _line_of(text, rf"<key>\s*{key}\s*</key>")[0] or 1
    tracking = data.get(TRACKING)
    if tracking is not None and not isinstance(tracking, bool):
        raise BadInput(path, f"line {label.anchors['tracking']}: {TRACKING} must be a boolean")
    label.tracking = tracking
    domains = data.get(TRACKING_DOMAINS, [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise BadInput(path, f"line {label.anchors['tracking_domains']}: {TRACKING_DOMAINS} must be a list of strings")
    label.tracking_domains = [d.strip().lower().rstrip(".") for d in domains if d.strip()][:1000]
    entries = data.get(COLLECTED, [])
    if not isinstance(entries, list):
        raise BadInput(path, f"line {label.anchors['collected_types']}: {COLLECTED} must be an array")
    known = {MANIFEST_PREFIX + t for t in rules()["privacy_manifest"]["data_types"]}
    pos = 0
    for i, e in enumerate(entries):
        where = label.anchors["collected_types"]
        if not isinstance(e, dict) or not isinstance(e.get(MANIFEST_PREFIX), str):
            raise BadInput(path, f"line {where}: entry {i + 1} of {COLLECTED} has no {MANIFEST_PREFIX} string")
        t = e[MANIFEST_PREFIX]
        line, pos = _line_of(text, rf"<string>\s*{re.escape(t)}\s*</string>", pos)
        line = line or where
        if t not in known:
            label.warnings.append(f"line {line}: {t[:100]} is not a known {MANIFEST_PREFIX} constant")
        purposes = e.get(MANIFEST_PREFIX + "Purposes", [])
        label.declared.append(Declared(
            label_type=t, line=line, linked=_opt_bool(e.get(MANIFEST_PREFIX + "Linked")),
            tracking=_opt_bool(e.get(MANIFEST_PREFIX + "Tracking")),
            purposes=sorted(str(p) for p in purposes) if isinstance(purposes, list) else []))
    return label


def _opt_bool(v: object) -> bool | None:
    return v if isinstance(v, bool) else None
