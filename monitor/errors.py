"""The error family privmon raises for expected failures; cli.py turns them into one line + exit 2."""

from __future__ import annotations


class PrivmonError(Exception):
    """Base class: an expected failure with a message fit for one stderr line."""

    def line(self) -> str:
        return str(self)


class BadInput(PrivmonError):
    """A file privmon was asked to read is not usable: names the file and what is wrong."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # picklable across worker processes
        return (type(self), (self.path, self.reason))


class BadProfile(BadInput):
    """The device profile TOML is invalid (names the key)."""


class BadSignatures(BadInput):
    """A signatures file is invalid (names file, entry and field)."""


def bad_rule(path: object, entry: str, fld: str, what: str) -> BadSignatures:
    """The one wording of an invalid rule: the file, the entry, the field, what is wrong."""
    return BadSignatures(str(path), f"entry {entry}: field {fld}: {what}")


class StoreError(PrivmonError):
    """The database cannot be opened or written (read-only path, disk full, corrupt file)."""


class TruncatedCapture(Exception):
    """Raised inside readers when a capture ends mid-record; carries the frame reached.

    Not a PrivmonError: ingest keeps everything before the damage and turns it into a warning.
    """

    def __init__(self, frame: int, reason: str) -> None:
        super().__init__(f"truncated at frame {frame}: {reason}")
        self.frame = frame
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[int, str]]:
        return (type(self), (self.frame, self.reason))
