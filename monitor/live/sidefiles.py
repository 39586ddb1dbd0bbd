"""The proxy's side files (saved flows, TLS key log): private, and never a reason to stop proxying.

mitmproxy's own flow writer ends the process when a write fails (a full disk stopped 7,110 of
8,000 requests in a lab run). Here every write goes through `GuardedFile`: created 0600, appended
one whole record at a time (a partial record is cut off again, so the file stays readable), and
on the first OSError it stops saving, says so once, and the proxy goes on.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from monitor.live.recorder import say


class GuardedFile:
    def __init__(self, path: str | os.PathLike[str], what: str) -> None:
        self.path = Path(path)
        self.what = what
        self.failed = False
        self.records = 0
        self._fd: int | None = None
        self._lock = threading.Lock()
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
            os.fchmod(self._fd, 0o600)  # an existing file from an older run may have been 0644
        except OSError as exc:
            self._fail(exc)

    def write(self, data: bytes) -> bool:
        """Append one record; False (and saving stops) when it cannot be written whole."""
        with self._lock:
            if self.failed or self._fd is None:
                return False
            start = None
            try:
                start = os.lseek(self._fd, 0, os.SEEK_END)
                view = memoryview(data)
                while view:
                    n = os.write(self._fd, view)
                    view = view[n:]
            except OSError as exc:
                if start is not None:
                    try:
                        os.ftruncate(self._fd, start)  # no half record at the end of the file
                    except OSError:
                        pass
                self._fail(exc)
                return False
            self.records += 1
            return True

    def _fail(self, exc: OSError) -> None:
        self.failed = True
        say(f"{self.path}: cannot write the {self.what} ({exc.strerror or exc}): stopped saving the {self.what}; "
            "the proxy goes on")
        self.close()

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass


class FlowFile(GuardedFile):
    """Flows in mitmproxy's format (what `privmon analyze x.flows` and mitmproxy read)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, "flow file")

    def add(self, flow: Any) -> None:
        if self.failed:
            return
        from mitmproxy.io import tnetstring

        self.write(tnetstring.dumps(flow.get_state()))


class KeyLog(GuardedFile):
    """A TLS key log (SSLKEYLOGFILE format), installed as mitmproxy's key log callback."""

    __name__ = "KeyLog"  # pyOpenSSL wraps the callback with functools.wraps

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, "TLS key log")

    def __call__(self, connection: Any, keymaterial: bytes) -> None:
        self.write(keymaterial + b"\n")

    def install(self) -> KeyLog:
        """Make mitmproxy use this key log for TLS contexts created from now on (before it listens)."""
        import mitmproxy.net.tls as tls

        tls.log_master_secret = self  # type: ignore[assignment]
        return self
