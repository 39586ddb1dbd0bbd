"""The TUI's store-label view: one row per label verdict, and the label line with the reason below it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from monitor.tui.data import clean

LABEL_STYLE = {"undeclared_collection": "bold red", "undeclared_sharing": "bold red", "undeclared_tracking": "bold red",
               "encryption_claim_false": "bold magenta", "tracking_undeclared": "bold red",
               "tracking_domain_undeclared": "bold yellow", "declared": "green", "declared_not_observed": "dim",
               "not_checked": "dim"}


class LabelView(Vertical):
    """Label verdicts (attributes down: `show(verdicts)`); every captured string goes in as Text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.verdicts: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield DataTable(id="label-table", cursor_type="row", zebra_stripes=True)
        yield VerticalScroll(Static(Text("no store label loaded (--data-safety, --app-privacy, --privacy-manifest)"),
                                    id="label-why"), id="label-why-box")

    def on_mount(self) -> None:
        self.query_one("#label-table", DataTable).add_columns("label", "label type", "verdict", "findings", "line")

    def show(self, verdicts: list[dict[str, Any]]) -> None:
        if verdicts == self.verdicts:  # the analysis repeats while the database grows: keep the reader's place
            return
        self.verdicts = verdicts
        table = self.query_one("#label-table", DataTable)
        row = table.cursor_row
        table.clear()
        for i, v in enumerate(verdicts):
            name = v["label_type"] + (f" {v['host']}" if v.get("host") else "")
            ev = v["label_evidence"]
            table.add_row(Text(v["source"]), Text(clean(name, 80)),
                          Text(v["verdict"].replace("_", " "), style=LABEL_STYLE.get(v["verdict"], "")),
                          Text(str(len(v["findings"]))), Text(clean(f"{ev['path']}:{ev['line']}", 80)), key=str(i))
        if verdicts:
            row = min(max(row, 0), len(verdicts) - 1)
            table.move_cursor(row=row)
            self._explain(verdicts[row])

    @on(DataTable.RowHighlighted, "#label-table")
    def _row(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key is not None else None
        if key is not None and key.isdigit() and int(key) < len(self.verdicts):
            self._explain(self.verdicts[int(key)])

    def _explain(self, v: dict[str, Any]) -> None:
        ev = v["label_evidence"]
        t = Text()
        t.append(f"{v['source']} {v['label_type']}: ", style="bold")
        t.append(v["verdict"], style=LABEL_STYLE.get(v["verdict"], ""))
        t.append("\n" + clean(v["reason"], 600) + "\n\n")
        t.append(clean(f"{ev['path']} line {ev['line']}:", 300) + "\n", style="dim")
        t.append(clean(ev["text"], 500) + "\n", style="italic")
        if v["recipients"]:
            t.append(clean("recipients: " + ", ".join(v["recipients"]), 300) + "\n")
        if v["hosts"]:
            t.append(clean("hosts: " + ", ".join(v["hosts"]), 300) + "\n")
        if v["findings"]:
            t.append(clean("findings: " + ", ".join(str(i) for i in v["findings"][:30]), 300) + "\n")
        self.query_one("#label-why", Static).update(t)
