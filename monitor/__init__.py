"""privmon: check what apps, SDKs and P2P cameras send against what their privacy policies say."""

import os as _os

__version__ = "0.1.0"

# (the same test as monitor.compiled.pure_wanted, written out here: importing it would make a cycle, package -> compiled
# -> package, which tests/test_architecture.py forbids, and cost every start-up the import)
if _os.environ.get("PRIVMON_PURE", "").strip() not in ("", "0"):
    # a compiled build's packet walk replaced by the .py files it ships (monitor/compiled.py)
    from monitor.compiled import prefer_pure as _prefer_pure

    _prefer_pure()
