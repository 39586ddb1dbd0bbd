"""P2P camera protocol recognition from payload bytes (STUB: being replaced by the destinations work)."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.model import Hit


@dataclass(frozen=True, slots=True)
class P2PMatch:
    protocol: str  # pppp|kalay|xmeye|tuya|mqtt|...
    message: str = ""  # message type name, e.g. DEV_LGN
    role: str = ""  # lookup|relay|peer
    hits: tuple[Hit, ...] = ()


def recognize(payload: bytes, server_port: int, client_port: int, transport: str) -> P2PMatch | None:
    return None
