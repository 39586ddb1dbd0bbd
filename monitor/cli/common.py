"""Options and builders shared by several verbs (signatures, profile, engine context)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from monitor.engine import EngineContext
from monitor.profile import EMPTY_PROFILE, Profile, load_profile
from monitor.signatures import Signatures, load_signatures


def signatures_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--signatures", "signature_dirs", multiple=True, type=click.Path(file_okay=False),
        help="Extra signature directory (sdks.toml, identifiers.toml, p2p.toml) added to the bundled rules.",
    )(f)


def profile_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--profile", "profile_path", type=click.Path(dir_okay=False),
                        help="Device profile TOML with the known identifiers of the devices under test.")(f)


def build_context(signature_dirs: Sequence[str] = (), profile_path: str | None = None,
                  geoip: str | None = None) -> EngineContext:
    sigs: Signatures = load_signatures(signature_dirs)
    profile: Profile = load_profile(profile_path) if profile_path else EMPTY_PROFILE
    geo = None
    try:
        from monitor.classify.geo import load_geo
    except ImportError:
        load_geo = None
    if load_geo is not None:
        geo = load_geo(geoip)
    return EngineContext(signatures=sigs, profile=profile, geo=geo)
