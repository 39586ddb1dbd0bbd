"""The verdict matrix of the HTML report, shared by the policy verdicts and the store-label verdicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from monitor.report.safe import html as e


def verdict_matrix(verdicts: list[dict[str, Any]], row: Callable[[dict[str, Any]], str],
                   column: Callable[[dict[str, Any]], str], colors: dict[str, str],
                   anchor: Callable[[dict[str, Any]], str], corner: str,
                   column_title: Callable[[str], str] = str) -> str:
    """A colour legend and a table: one row per `row(v)`, one column per `column(v)`, each cell the verdict
    (with its number of findings) linking to `#anchor(v)`. Every label is escaped."""
    columns = sorted({column(v) for v in verdicts})
    cell = {(row(v), column(v)): v for v in verdicts}
    out = [f"<table class='matrix'><tr><th>{e(corner)}</th>"
           + "".join(f"<th>{e(column_title(c))}</th>" for c in columns) + "</tr>"]
    for r in sorted({row(v) for v in verdicts}):
        tds = []
        for c in columns:
            v = cell.get((r, c))
            if v is None:
                tds.append("<td></td>")
                continue
            n = len(v["findings"])
            tds.append(f"<td style='background:{colors[v['verdict']]}'><a href='#{e(anchor(v))}'>"
                       f"{e(v['verdict'].replace('_', ' '))}{f' ({n})' if n else ''}</a></td>")
        out.append(f"<tr><th>{e(r)}</th>{''.join(tds)}</tr>")
    out.append("</table>")
    legend = " ".join(f"<span class='chip' style='background:{c}'>{e(k.replace('_', ' '))}</span>"
                      for k, c in colors.items())
    return legend + "".join(out)
