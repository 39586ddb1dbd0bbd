"""The --consent-at option: when the user accepted the policy (ISO time, Unix seconds, or +SECONDS)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from monitor.store import Store


def consent_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--consent-at", "consent_at", metavar="TIME",
                        help="When consent was given: ISO time (2026-01-01T00:00:05Z), Unix seconds, or "
                             "+SECONDS after the first packet. Findings before it are flagged.")(f)


def parse_consent(value: str, first_ts: float | None) -> float:
    v = value.strip()
    try:
        if v.startswith("+"):
            return (first_ts or 0.0) + float(v[1:])
        return float(v)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO time, Unix seconds or +SECONDS",
                                 param_hint="--consent-at") from exc


def record_consent(store: Store, value: str) -> None:
    firsts = [c["first_ts"] for c in store.captures() if c["first_ts"]]
    store.add_consent(parse_consent(value, min(firsts) if firsts else None), source="cli", note=value)
