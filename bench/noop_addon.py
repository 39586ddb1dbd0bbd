"""A mitmproxy addon that only has the hooks privmon uses and does nothing: the floor any addon pays."""

from __future__ import annotations

from typing import Any


class Noop:
    def response(self, flow: Any) -> None:
        return

    def error(self, flow: Any) -> None:
        return


addons = [Noop()]
