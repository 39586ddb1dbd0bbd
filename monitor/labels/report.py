"""The label blocks of the JSON report, read from the database (devices and senders kept by `analyze`)."""

from __future__ import annotations

from typing import Any

from monitor.labels.judge import Scope, infer_platform, judge_labels
from monitor.labels.model import Label
from monitor.records import Destination, Finding
from monitor.store import Store


def scope_of(store: Store) -> Scope:
    platforms = {}
    for d in store.devices():
        kinds = d.get("kinds") or []
        if isinstance(kinds, str):
            import json

            kinds = json.loads(kinds or "[]")
        platforms[d["name"]] = d.get("platform") or infer_platform(kinds)
    return Scope(platforms)


def traffic_senders(store: Store) -> set[str]:
    """The profile devices that sent anything at all ('' for clients not in the profile)."""
    return store.senders()


def label_blocks(store: Store, labels: list[Label], findings: list[Finding], destinations: list[Destination],
                 sharing: str) -> dict[str, Any]:
    """The report's label blocks (`labels`, `label_scope`, `labels_unmapped`, `label_verdicts`)."""
    return judge_labels(labels, findings, destinations, scope_of(store), traffic_senders(store), sharing)
