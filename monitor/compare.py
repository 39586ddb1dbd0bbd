"""Policy statements against observed findings -> verdicts (STUB: being replaced by the verdicts work)."""

from __future__ import annotations

from typing import Any

from monitor.model import Policy


def compute_verdicts(policy: Policy, findings: list[dict[str, Any]], destinations: list[dict[str, Any]],
                     consent_ts: float | None) -> list[dict[str, Any]]:
    return []
