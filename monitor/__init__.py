"""privmon: check what apps, SDKs and P2P cameras send against what their privacy policies say."""

import os as _os

__version__ = "0.1.0"


def pure_walk_wanted() -> bool:
    """PRIVMON_PURE set to anything but empty or 0: run the packet walk's .py files even where a compiled build is
    installed (defined here, not in monitor/compiled.py, so that a run without it imports nothing more at start-up)."""
    return _os.environ.get("PRIVMON_PURE", "").strip() not in ("", "0")


if pure_walk_wanted():
    # a compiled build's packet walk replaced by the .py files it ships (monitor/compiled.py)
    from monitor.compiled import prefer_pure as _prefer_pure

    _prefer_pure()
