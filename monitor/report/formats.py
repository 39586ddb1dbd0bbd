"""The report formats by name: one table that the CLI's choices and the TUI's export both read."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from monitor.model import Policy
from monitor.report.safe import json_text
from monitor.store import Store


def _json(report: dict[str, Any], store: Store | None, policy: Policy | None, redact: bool) -> str:
    return json_text(json.dumps(report, indent=2, ensure_ascii=False)) + "\n"


def _markdown(report: dict[str, Any], store: Store | None, policy: Policy | None, redact: bool) -> str:
    from monitor.report.markdown import render_markdown

    return render_markdown(report)


def _html(report: dict[str, Any], store: Store | None, policy: Policy | None, redact: bool) -> str:
    from monitor.report.data import evidence_messages
    from monitor.report.html import render_html

    messages = evidence_messages(store, report, redact) if store is not None else {}
    return render_html(report, messages, policy.text if policy else "")


# name -> renderer(report, store, policy, redact); a new format is one function and one line here
FORMATS: dict[str, Callable[[dict[str, Any], Store | None, Policy | None, bool], str]] = {
    "json": _json, "html": _html, "md": _markdown,
}


def render(report: dict[str, Any], fmt: str, store: Store | None = None, policy: Policy | None = None,
           redact: bool = False) -> str:
    """The report in one of FORMATS."""
    return FORMATS[fmt](report, store, policy, redact)
