"""Run generated frames through the packet decoder and the engine: the findings and destinations rows."""

from __future__ import annotations

import itertools
from typing import Any

from monitor.engine import Engine, EngineContext
from monitor.profile import EMPTY_PROFILE, Profile, profile_from_dict
from monitor.signatures import load_signatures
from monitor.sources.packets import PacketDecoder

SIGS = load_signatures()


def run(frames: list[bytes], profile: dict[str, Any] | None = None, linktype: int = 1,
        ts: list[float] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
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
