"""Reading privacy policies (STUB: being replaced by the policy work)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from monitor.errors import BadInput
from monitor.model import Policy


def read_policy(path: str | Path, signatures: Any = None) -> Policy:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BadInput(str(p), f"cannot read policy: {exc.strerror}") from exc
    return Policy(source=str(p), text=text)
