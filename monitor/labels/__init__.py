"""Store labels (Play Data safety CSV, fastlane app_privacy_details.json, PrivacyInfo.xcprivacy): read, judge."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from monitor.errors import BadInput
from monitor.labels.model import MAX_LABEL_BYTES, Label


def read_label(path: str, kind: str = "") -> Label:
    """Read one label file; the kind comes from the content (CSV header, JSON array, plist) unless given.

    Raises BadInput naming the file and the line for a file that cannot be read.
    """
    try:
        size = Path(path).stat().st_size
        if size > MAX_LABEL_BYTES:
            raise BadInput(path, f"label file larger than {MAX_LABEL_BYTES // (1024 * 1024)} MB")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise BadInput(path, f"cannot read label file: {exc.strerror or exc}") from exc
    kind = kind or sniff_kind(raw)
    sha = hashlib.sha256(raw).hexdigest()
    if kind == "data_safety":
        from monitor.labels.datasafety import read_data_safety

        return read_data_safety(path, raw, sha)
    if kind == "app_privacy":
        from monitor.labels.appprivacy import read_app_privacy

        return read_app_privacy(path, raw, sha)
    if kind == "privacy_manifest":
        from monitor.labels.manifest import read_manifest

        return read_manifest(path, raw, sha)
    raise BadInput(path, "line 1: not a store label (expected the Play Data safety CSV header, a JSON array, "
                         "or a property list)")


def sniff_kind(raw: bytes) -> str:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"bplist") or head.startswith(b"<?xml") or head.startswith(b"<plist") or \
            head.startswith(b"<!DOCTYPE plist"):
        return "privacy_manifest"
    if head.startswith(b"[") or head.startswith(b"{"):
        return "app_privacy"
    if b"," in head.split(b"\n", 1)[0]:
        return "data_safety"
    return ""


def read_labels(data_safety: Sequence[str] = (), app_privacy: Sequence[str] = (),
                manifests: Sequence[str] = ()) -> list[Label]:
    """The labels given on the command line, each read as the kind its option names."""
    out = [read_label(p, "data_safety") for p in data_safety]
    out += [read_label(p, "app_privacy") for p in app_privacy]
    out += [read_label(p, "privacy_manifest") for p in manifests]
    return out
