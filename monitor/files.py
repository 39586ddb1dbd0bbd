"""Opening input files safely: regular files only, never blocking, never reading past a bound.

A FIFO given as a capture or policy would block `open()` until a writer appears, a character
device like /dev/zero never ends, and reading a file whole before checking its size lets it grow
memory without bound. Every input file privmon reads goes through `open_regular` (or
`read_bounded`), which opens without blocking, checks what was opened (not just the name, which
could change in between), and reads at most the limit + 1 bytes.
"""

from __future__ import annotations

import os
import stat
from io import BufferedReader
from pathlib import Path

from monitor.errors import BadInput

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def open_regular(path: str | Path, what: str = "file", error: type[BadInput] = BadInput) -> BufferedReader:
    """The file opened for binary reading; BadInput (one line) when it is not a regular file."""
    p = str(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError as exc:
        raise error(p, "is a directory") from exc
    except OSError as exc:
        raise error(p, f"cannot read {what}: {exc.strerror}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise error(p, f"is {kind}, not a regular file: give the {what} as a file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_regular(path: str | Path, what: str = "file", error: type[BadInput] = BadInput) -> None:
    """BadInput unless path is a regular file (opened and closed at once, without blocking)."""
    open_regular(path, what, error).close()


def read_bounded(path: str | Path, limit: int, what: str = "file", error: type[BadInput] = BadInput,
                 too_big: str = "") -> bytes:
    """The whole file when it is at most `limit` bytes; reads limit + 1 bytes at most."""
    with open_regular(path, what, error) as fh:
        try:
            if os.fstat(fh.fileno()).st_size > limit:
                raise error(str(path), too_big or f"{what} larger than {limit >> 20} MB")
            raw = fh.read(limit + 1)  # the size may change after the check
        except OSError as exc:
            raise error(str(path), f"cannot read {what}: {exc.strerror}") from exc
    if len(raw) > limit:
        raise error(str(path), too_big or f"{what} larger than {limit >> 20} MB")
    return raw
