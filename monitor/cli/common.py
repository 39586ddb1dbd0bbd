"""Options and builders shared by several verbs (signatures, profile, engine context)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from monitor.engine import EngineContext


def signatures_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--signatures", "signature_dirs", multiple=True, type=click.Path(file_okay=False),
        help="Extra signature directory (sdks.toml, identifiers.toml, p2p.toml) added to the bundled rules.",
    )(f)


def profile_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--profile", "profile_path", type=click.Path(dir_okay=False),
                        help="Device profile TOML with the known identifiers of the devices under test.")(f)


def geoip_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--geoip", "geoip", type=click.Path(dir_okay=False),
                        help="MaxMind-format country database (.mmdb) to use before the bundled geoip2fast "
                             "table (needs the maxminddb package: pip install 'privmon[geoip]').")(f)


def build_context(signature_dirs: Sequence[str] = (), profile_path: str | None = None,
                  geoip: str | None = None) -> EngineContext:
    from monitor.context import build_context as build

    return build(signature_dirs, profile_path, geoip)
