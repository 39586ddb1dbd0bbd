"""Reports: the contract's JSON (data.py), Markdown for tickets, self-contained HTML."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any


def write_private(path: str | Path, text: str) -> None:
    """Write a report readable by its owner only (0600 when created): reports hold identifiers."""
    from monitor.errors import BadInput

    try:
        with open_private(path, "w") as fh:
            fh.write(text)
    except OSError as exc:
        raise BadInput(str(path), f"cannot write the report: {exc.strerror or exc}") from exc


def open_private(path: str | Path, mode: str = "wb") -> IO[Any]:
    """Open a file for writing, owner-only (0600), also when it existed before with wider rights."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        if "b" in mode:
            return os.fdopen(fd, mode)
        return os.fdopen(fd, mode, encoding="utf-8", newline="")
    except BaseException:
        os.close(fd)
        raise
