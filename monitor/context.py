"""Build the classification context (signatures, profile, geo) from plain arguments.

Kept free of click so worker processes (--jobs, Dask) can rebuild the same context from the
same arguments instead of pickling loaded data.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.engine import EngineContext
from monitor.profile import EMPTY_PROFILE, load_profile
from monitor.rules.load import load_rules


def build_context(signature_dirs: Sequence[str] = (), profile_path: str | None = None,
                  geoip: str | None = None) -> EngineContext:
    sigs = load_rules(signature_dirs)
    profile = load_profile(profile_path) if profile_path else EMPTY_PROFILE
    geo = None
    try:
        from monitor.classify.geo import load_geo
    except ImportError:  # the geo module is optional until the country data lands
        load_geo = None  # type: ignore[assignment]
    if load_geo is not None:
        geo = load_geo(geoip)
    return EngineContext(signatures=sigs, profile=profile, geo=geo)
