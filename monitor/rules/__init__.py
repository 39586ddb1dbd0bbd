"""The rule files: data, not code (sdks, identifiers, p2p, labels, policy_vocab, policy_rules .toml).

They are package data, read with importlib.resources so an installed wheel finds them; this module
only reads them (one error wording for a file that cannot be read). `monitor.rules.load` builds
the one `Rules` object the CLI passes down; `monitor.rules.sdks` validates sdks.toml.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from monitor.errors import BadSignatures


def bundled() -> Traversable:
    """The directory of the bundled rule files (inside the installed package)."""
    return resources.files(__name__)


def read_toml(path: Traversable | Path) -> dict[str, Any]:
    """One rule file parsed; unreadable or invalid TOML is a BadSignatures naming the file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadSignatures(str(path), f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise BadSignatures(str(path), f"not valid TOML: {exc}") from exc


def bundled_toml(name: str) -> dict[str, Any]:
    """A bundled rule file that users do not extend (labels, policy vocabulary and sentence rules)."""
    return read_toml(bundled() / name)
