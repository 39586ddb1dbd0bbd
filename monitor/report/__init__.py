"""Reports: the contract's JSON (data.py), Markdown for tickets, self-contained HTML."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: str | Path, text: str) -> None:
    """Write a report readable by its owner only (0600 when created): reports hold identifiers."""
    from monitor.errors import BadInput

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise BadInput(str(path), f"cannot write the report: {exc.strerror or exc}") from exc
