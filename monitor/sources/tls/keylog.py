"""NSS key log files (SSLKEYLOGFILE, also pcapng Decryption Secrets Blocks): secrets by client random."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

LABELS = {"CLIENT_RANDOM", "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
          "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET", "EARLY_EXPORTER_SECRET",
          "CLIENT_EARLY_TRAFFIC_SECRET"}
MAX_LINES = 1_000_000


@dataclass(slots=True)
class KeyLog:
    secrets: dict[bytes, dict[str, bytes]] = field(default_factory=dict)  # client_random -> label -> secret

    def add(self, data: bytes, warn: Callable[[str], None] | None = None, source: str = "key log") -> None:
        bad = 0
        for raw in data.splitlines()[:MAX_LINES]:
            line = raw.strip()
            if not line or line.startswith(b"#"):
                continue
            parts = line.split()
            try:
                label = parts[0].decode("ascii")
                rnd, secret = bytes.fromhex(parts[1].decode()), bytes.fromhex(parts[2].decode())
            except (IndexError, ValueError, UnicodeDecodeError):
                bad += 1
                continue
            if label not in LABELS or len(rnd) != 32 or len(secret) not in (32, 48):
                bad += 1
                continue
            self.secrets.setdefault(rnd, {})[label] = secret
        if bad and warn:
            warn(f"{source}: {bad} unreadable line(s) ignored; the other secrets are used")

    def get(self, client_random: bytes) -> dict[str, bytes]:
        return self.secrets.get(client_random, {})
