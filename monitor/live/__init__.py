"""Live capture: the mitmproxy addon, the recorder thread that owns the database, the sniffer."""
