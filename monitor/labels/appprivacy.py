"""fastlane's app_privacy_details.json (Apple App Privacy): an array of {category, purposes, data_protections}.

"Collects nothing" is `[{"data_protections": ["DATA_NOT_COLLECTED"]}]`. Unknown category or
protection ids make the file unreadable (App Store Connect would refuse them); unknown purposes warn.
"""

from __future__ import annotations

import json

from monitor.errors import BadInput
from monitor.labels.model import Declared, Label, rules


def entry_lines(text: str) -> tuple[int, list[int]]:
    """The line of the top-level `[` and of each top-level entry's `{` (1-based), by a string-aware scan."""
    line, depth, in_str, esc = 1, 0, False, False
    open_line, entries = 1, []
    for ch in text:
        if ch == "\n":
            line += 1
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "[{":
            if depth == 0:
                open_line = line
            elif depth == 1:
                entries.append(line)
            depth += 1
        elif ch in "]}":
            depth -= 1
    return open_line, entries


def read_app_privacy(path: str, raw: bytes, sha: str) -> Label:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise BadInput(path, f"line {line}: not UTF-8 text") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(path, f"line {exc.lineno}: invalid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise BadInput(path, "line 1: invalid JSON: nested too deeply") from exc
    if not isinstance(data, list):
        raise BadInput(path, "line 1: not an app_privacy_details.json (expected a JSON array of categories)")
    r = rules()["app_privacy"]
    categories, purposes, protections = set(r["categories"]), set(r["purposes"]), set(r["protections"])
    label = Label(source="app_privacy", path=path, sha256=sha, lines=text.splitlines())
    open_line, lines = entry_lines(text)
    label.anchors["collected_types"] = open_line
    for i, entry in enumerate(data):
        line = lines[i] if i < len(lines) else open_line
        if not isinstance(entry, dict) or not isinstance(entry.get("data_protections"), list):
            raise BadInput(path, f"line {line}: entry {i + 1} has no data_protections list")
        prot = entry["data_protections"]
        for p in prot:
            if p not in protections:
                raise BadInput(path, f"line {line}: unknown data protection id {str(p)[:80]!r}")
        if "DATA_NOT_COLLECTED" in prot:
            label.not_collected = True
            continue
        cat = entry.get("category")
        if cat not in categories:
            raise BadInput(path, f"line {line}: unknown category id {str(cat)[:80]!r}")
        raw_purposes = entry.get("purposes", [])
        if not isinstance(raw_purposes, list):
            raise BadInput(path, f"line {line}: purposes must be a list")
        good = []
        for p in raw_purposes:
            if p in purposes:
                good.append(p)
            else:
                label.warnings.append(f"line {line}: {str(p)[:80]!r} is not an App Store Connect purpose id; ignored")
        linked = True if "DATA_LINKED_TO_YOU" in prot else False if "DATA_NOT_LINKED_TO_YOU" in prot else None
        label.declared.append(Declared(label_type=str(cat), line=line, purposes=sorted(good), linked=linked,
                                       tracking="DATA_USED_TO_TRACK_YOU" in prot))
    if label.not_collected and label.declared:
        label.warnings.append(f"line {open_line}: DATA_NOT_COLLECTED together with categories; read as collecting "
                              "nothing")
        label.declared = []
    return label
