"""Run generated frames through the packet decoder and the engine: the findings and destinations rows.

Also `recognize`: the P2P decoders with the bundled rules, for tests that read one datagram."""

from __future__ import annotations

import itertools
from typing import Any

from monitor.classify import p2p
from monitor.classify.cs2crypt import KeyState
from monitor.engine import Engine, EngineContext
from monitor.profile import EMPTY_PROFILE, Profile, profile_from_dict
from monitor.records import Destination, Finding
from monitor.rules.load import load_rules
from monitor.sources.packets import PacketDecoder

SIGS = load_rules()


def recognize(payload: bytes, server_port: int, client_port: int, transport: str,
              tables: p2p.P2PTables | None = None, keys: KeyState | None = None) -> p2p.P2PMatch | None:
    """p2p.recognize with the bundled tables unless a test gives its own."""
    return p2p.recognize(payload, server_port, client_port, transport, SIGS.p2p if tables is None else tables, keys)


def run(frames: list[bytes], profile: dict[str, Any] | None = None, linktype: int = 1,
        ts: list[float] | None = None) -> tuple[list[Finding], list[Destination]]:
    prof: Profile = profile_from_dict(profile) if profile else EMPTY_PROFILE
    ids = itertools.count(1)
    engine = Engine(EngineContext(SIGS, prof), lambda: next(ids))
    decoder = PacketDecoder()
    for i, f in enumerate(frames, 1):
        for m in decoder.feed(ts[i - 1] if ts else float(i), linktype, f, i):
            engine.process(m)
    for m in decoder.finish():
        engine.process(m)
    batch = engine.take_batch(final=True)
    return batch.findings, batch.destinations
