"""The Play Console Data safety CSV (export/import file): five columns, one row per (question, response).

A type is ticked by `PSL_DATA_TYPES_<GROUP>,PSL_<TYPE>,true`; its handling by rows whose question
is `PSL_DATA_USAGE_RESPONSES:PSL_<TYPE>:<sub-question>`. Ids people invent by hand are read as the
real id where one is meant (a warning naming the line), and ignored with a warning otherwise.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from monitor.errors import BadInput
from monitor.labels.model import ENCRYPTION, Declared, Label, rules

USAGE = "PSL_DATA_USAGE_RESPONSES"
BOTH = "PSL_DATA_USAGE_ONLY_COLLECTED+PSL_DATA_USAGE_ONLY_SHARED"  # the alias PSL_DATA_USAGE_BOTH_COLLECTED_AND_SHARED


def _bool(value: str) -> bool | None:
    v = value.strip().lower()
    if v == "true":
        return True
    if v == "false":
        return False
    return None


class _Reader:
    def __init__(self, path: str, text: str, sha: str) -> None:
        r = rules()["data_safety"]
        self.groups: dict[str, list[str]] = r["groups"]
        self.type_group = {t: g for g, ts in self.groups.items() for t in ts}
        self.aliases: dict[str, str] = r["aliases"]
        self.purposes = set(r["purposes"])
        self.overview = set(r["overview"])
        self.label = Label(source="data_safety", path=path, sha256=sha, lines=text.splitlines())
        self.types: dict[str, dict[str, Any]] = {}

    def warn(self, line: int, msg: str) -> None:
        if len(self.label.warnings) < 200:
            self.label.warnings.append(f"line {line}: {msg}")

    def real(self, ident: str, line: int, what: str = "response") -> str:
        if ident in self.aliases:
            real = self.aliases[ident]
            self.warn(line, f"{ident} is not a Play {what} id; read as {real.replace('+', ' and ')}")
            return real
        return ident

    def entry(self, label_type: str) -> dict[str, Any]:
        return self.types.setdefault(label_type, {"ticked": False, "row": 0, "collected": False, "shared": False,
                                                  "sharing_line": 0, "ephemeral": None, "required": None,
                                                  "collection_purposes": [], "sharing_purposes": []})

    def row(self, line: int, q: str, r: str, value: str) -> None:
        q = q.strip()
        r = r.strip()
        if ":" not in q:
            q = self.real(q, line, "question")
        if q == "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA":
            self.label.collects_personal_data = _bool(value)
            self.label.anchors["collects"] = line
        elif q == ENCRYPTION:
            self.label.encrypted_in_transit = _bool(value)
            self.label.anchors["encryption"] = line
        elif q.startswith("PSL_DATA_TYPES_"):
            self.data_type(line, q, r, value)
        elif q.startswith(USAGE + ":"):
            self.usage(line, q, r, value)
        elif q not in self.overview:
            self.warn(line, f"{q or '(empty)'} is not a Play question id; row ignored")

    def data_type(self, line: int, group: str, r: str, value: str) -> None:
        if group not in self.groups:
            self.warn(line, f"{group} is not a Play data type group; row ignored")
            return
        self.label.anchors.setdefault("group:" + group, line)
        t = self.real(r, line)
        if t not in self.groups[group]:
            if not t.startswith("PSL_"):
                self.warn(line, f"{t or '(empty)'} is not a response id of {group}; row ignored")
                return
            self.warn(line, f"{t} is not a Play response id in {group}; read as declared type {t}")
        e = self.entry(t)
        e["row"] = e["row"] or line
        if _bool(value):
            e["ticked"] = True
            e["row"] = line

    def usage(self, line: int, q: str, r: str, value: str) -> None:
        parts = q.split(":")
        if len(parts) != 3:
            self.warn(line, f"{q} is not a Play question id; row ignored")
            return
        t = self.real(parts[1], line)
        sub = parts[2]
        e = self.entry(t)
        on = _bool(value)
        if sub == "PSL_DATA_USAGE_COLLECTION_AND_SHARING":
            resp = self.real(r, line)
            if resp == "PSL_DATA_USAGE_ONLY_SHARED" or (resp == BOTH and not e["sharing_line"]):
                e["sharing_line"] = line
            if resp not in ("PSL_DATA_USAGE_ONLY_COLLECTED", "PSL_DATA_USAGE_ONLY_SHARED", BOTH):
                self.warn(line, f"{r or '(empty)'} is not a response id of {sub}; row ignored")
                return
            e["sharing_line"] = e["sharing_line"] or line
            if on:
                e["collected"] |= resp in ("PSL_DATA_USAGE_ONLY_COLLECTED", BOTH)
                e["shared"] |= resp in ("PSL_DATA_USAGE_ONLY_SHARED", BOTH)
        elif sub == "PSL_DATA_USAGE_EPHEMERAL":
            e["ephemeral"] = on
        elif sub == "DATA_USAGE_USER_CONTROL":
            if on and r == "PSL_DATA_USAGE_USER_CONTROL_REQUIRED":
                e["required"] = True
            elif on and r == "PSL_DATA_USAGE_USER_CONTROL_OPTIONAL":
                e["required"] = False
        elif sub in ("DATA_USAGE_COLLECTION_PURPOSE", "DATA_USAGE_SHARING_PURPOSE"):
            if r not in self.purposes:
                self.warn(line, f"{r or '(empty)'} is not a Play purpose id; row ignored")
            elif on:
                key = "collection_purposes" if sub == "DATA_USAGE_COLLECTION_PURPOSE" else "sharing_purposes"
                e[key].append(r)
        else:
            self.warn(line, f"{sub} is not a Play data usage question; row ignored")

    def finish(self) -> Label:
        for t, e in sorted(self.types.items(), key=lambda kv: kv[1]["row"] or 10**9):
            if e["row"]:
                self.label.anchors["type:" + t] = e["row"]
            if e["sharing_line"]:
                self.label.anchors["sharing:" + t] = e["sharing_line"]
            if not e["ticked"]:
                continue
            self.label.declared.append(Declared(
                label_type=t, line=e["row"], collected=e["collected"] or not e["shared"], shared=e["shared"],
                ephemeral=e["ephemeral"], required=e["required"], collection_purposes=e["collection_purposes"],
                sharing_purposes=e["sharing_purposes"], sharing_line=e["sharing_line"]))
        self.label.not_collected = self.label.collects_personal_data is False
        return self.label

    def group_anchor(self, label_type: str) -> int:
        g = self.type_group.get(label_type, "")
        return self.label.anchors.get("group:" + g, 0)


def read_data_safety(path: str, raw: bytes, sha: str) -> Label:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise BadInput(path, f"line {line}: not UTF-8 text") from exc
    reader = _Reader(path, text, sha)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = rules()["data_safety"]["header"]
    last, seen_header = 0, False
    try:
        for row in rows:
            line, last = last + 1, rows.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if not seen_header:
                if [c.strip() for c in row] != header:
                    raise BadInput(path, f"line {line}: wrong header: a Data safety CSV starts with "
                                         + ",".join(header))
                seen_header = True
                continue
            if len(row) != 5:
                raise BadInput(path, f"line {line}: {len(row)} fields, expected 5")
            reader.row(line, row[0], row[1], row[2])
    except csv.Error as exc:
        raise BadInput(path, f"line {rows.line_num}: not CSV: {exc}") from exc
    if not seen_header:
        raise BadInput(path, "line 1: empty file, expected the Data safety CSV header")
    label = reader.finish()
    for group in reader.groups:
        for t in reader.groups[group]:
            if "type:" + t not in label.anchors and reader.group_anchor(t):
                label.anchors["type:" + t] = reader.group_anchor(t)
    return label
