"""privmon: check what apps, SDKs and P2P cameras send against what their privacy policies say."""

__version__ = "0.1.0"
