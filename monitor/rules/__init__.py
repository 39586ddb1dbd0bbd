"""The rule files: data, not code (sdks, identifiers, p2p, labels, policy_vocab, policy_rules .toml).

They are package data, read with importlib.resources so an installed wheel finds them; this module
only reads them (one error wording for a file that cannot be read). `monitor.rules.load` builds
the one `Rules` object the CLI passes down; `monitor.rules.sdks` validates sdks.toml.

The rule files every `analyze` reads (sdks, identifiers, p2p) are also kept parsed, as JSON, in
monitor/data/rules/ (tomllib is pure Python: ~19 ms CPU per run for the three, JSON ~1 ms). A
snapshot is used only for the exact bytes it was made from (its SHA-256); otherwise the TOML is
parsed as before. After editing one of those files: `python -m monitor.rules` rebuilds them
(tests/test_rule_snapshots.py fails until then).
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from monitor.errors import BadSignatures


def bundled() -> Traversable:
    """The directory of the bundled rule files (inside the installed package)."""
    return resources.files(__name__)


SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "rules"
SNAPSHOT_FILES = ("sdks.toml", "identifiers.toml", "p2p.toml")


def read_toml(path: Traversable | Path) -> dict[str, Any]:
    """One rule file parsed; unreadable or invalid TOML is a BadSignatures naming the file."""
    try:
        raw = path.read_bytes()
        if path.name in SNAPSHOT_FILES:
            doc = _snapshot(path.name, hashlib.sha256(raw).hexdigest())
            if doc is not None:
                return doc
        # as read_text() gave it: universal newlines (a CRLF or lone CR line end read as LF)
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadSignatures(str(path), f"cannot read: {exc}") from exc
    import tomllib  # here: a run whose rule files all have snapshots does not import it (~1.5 ms CPU)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadSignatures(str(path), f"not valid TOML: {exc}") from exc


def _snapshot(name: str, sha256: str) -> dict[str, Any] | None:
    """The parsed document of rule file `name` if its snapshot was made from bytes with this digest."""
    try:
        text = (SNAPSHOTS / (name.removesuffix(".toml") + ".json")).read_text(encoding="utf-8")
    except OSError:
        return None
    head, _, body = text.partition("\n")
    if head != sha256:
        return None
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def write_snapshots() -> list[Path]:
    """(Re)write the JSON snapshots of the bundled SNAPSHOT_FILES: their SHA-256, a newline, the parsed document."""
    import tomllib

    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    out = []
    for name in SNAPSHOT_FILES:
        raw = (bundled() / name).read_bytes()
        doc = tomllib.loads(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
        target = SNAPSHOTS / (name.removesuffix(".toml") + ".json")
        target.write_text(hashlib.sha256(raw).hexdigest() + "\n" + json.dumps(doc, ensure_ascii=False,
                                                                             separators=(",", ":")) + "\n",
                          encoding="utf-8")
        out.append(target)
    return out


def bundled_toml(name: str) -> dict[str, Any]:
    """A bundled rule file that users do not extend (labels, policy vocabulary and sentence rules)."""
    return read_toml(bundled() / name)
