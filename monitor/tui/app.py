"""The privmon dashboard: overview, policy check, destinations, findings, policy text.

The database is opened read-only and polled in a worker thread (never on the UI thread); new
rows are appended as they arrive. Every captured string is shown literally (rich Text, control
characters and escapes removed), never parsed as markup.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Sparkline, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from monitor.model import Policy
from monitor.records import RAW_KINDS, Finding, MessageRecord, Verdict
from monitor.tui.data import (
    Analysis,
    SearchIndex,
    Snapshot,
    clean,
    load_analysis,
    load_findings,
    load_message,
    load_newest,
    load_redactor,
    load_snapshot,
    mask,
    search_findings,
)
from monitor.tui.labels_view import LabelView
from monitor.tui.rows import RowTable

VERDICT_STYLE = {"contradicted": "bold white on red", "undisclosed": "black on dark_orange",
                 "vague": "black on yellow", "disclosed": "black on green", "not_observed": "white on grey37"}
MAX_ROWS = 1000  # rows shown in the findings table (the newest); `/` searches all of them
FIND_COLUMNS = ("id", "type", "value", "device", "destination", "sdk", "location", "transform", "confidence", "count",
                "consent")
ANALYSIS_EVERY = 4  # polls between two recomputations of the verdicts and the activity sparklines
TYPE_STYLE = ["cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta"]


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts)) if ts else "-"


class FindingScreen(ModalScreen[None]):
    """The request or datagram behind one finding, with the identifier highlighted."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, finding: Finding, message: MessageRecord | None, reveal: bool,
                 redactor: Any = None) -> None:
        super().__init__()
        self.finding = finding
        self.message = message
        self.reveal = reveal
        self.redactor = redactor  # hidden mode: masks every identifier of the database in the request

    def _hide(self, text: str) -> str:
        if self.reveal:
            return text
        if self.redactor is not None:
            return str(self.redactor.text(text))
        value = self.finding.value
        return text.replace(value, mask(value)) if value else text

    def compose(self) -> ComposeResult:
        f, m = self.finding, self.message
        head = Text()
        value = f.value if self.reveal else mask(f.value)
        for label, v in (("type", f.type), ("value", value), ("transform", f.transform),
                         ("location", self._hide(f.location)), ("confidence", f.confidence),
                         ("destination", f"{f.host or f.ip}:{f.port} ({f.protocol})"),
                         ("sdk", f.sdk), ("device", f"{f.owner} (sent by {f.sender or '?'})"),
                         ("evidence", self._hide(f.evidence)), ("capture", f.capture),
                         ("first / last seen", f"{_when(f.first_ts)} / {_when(f.last_ts)} ({f.count}x)"),
                         *((("why", self._hide(f.reason)),) if f.reason else ())):
            head.append(f"{label:>18}  ", style="bold")
            head.append(clean(v, 300))
            head.append("\n")
        body = Text()
        if m:
            body.append(clean(self._hide(" ".join(m.request_line)), 2000) + "\n", style="bold")
            for k, v in m.request_headers[:100]:
                body.append(clean(k, 100) + ": ", style="cyan")
                body.append(clean(self._hide(v), 1000) + "\n")
            raw = m.body
            if m.kind in RAW_KINDS:
                shown = _hexdump(raw[:2048])
                if not self.reveal:  # the ASCII column would spell the identifiers out
                    shown = "\n".join(ln[:54] for ln in shown.splitlines())
                shown = self._hide(shown)
            else:
                shown = clean(raw[:8000].decode("utf-8", "replace"), 8000)
                shown = self._hide(shown.replace("\N{REPLACEMENT CHARACTER}", "."))
            body.append("\n" + shown)
            if f.value:  # highlighting shows where, even while the value itself is masked above
                body.highlight_words([f.value if self.reveal else mask(f.value)], style="bold black on yellow",
                                     case_sensitive=False)
        else:
            body.append("(no stored message for this finding)")
        with VerticalScroll(id="detail"):
            yield Static(head, id="detail-head")
            yield Static(body, id="detail-body")


def _warnings(capture: dict[str, Any]) -> list[str]:
    try:
        out = json.loads(capture.get("warnings") or "[]")
    except (TypeError, ValueError):
        return []
    return [str(w) for w in out] if isinstance(out, list) else []


def _hexdump(data: bytes) -> str:
    lines = []
    for off in range(0, len(data), 16):
        chunk = data[off:off + 16]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{off:04x}  {chunk.hex(' '):<47}  {text}")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        t = Text("privmon keys\n\n", style="bold")
        for key, what in (("o / v / d / f / t", "overview, verdicts (policy check), destinations, findings, policy text"),
                          ("l", "store labels: verdicts against the Data safety / App Privacy / manifest files given"),
                          ("/", "filter the table of the current view"), ("enter", "details of the selected row"),
                          ("click a column", "sort by it"), ("r", "reveal / mask identifier values"),
                          ("e", "export the report (HTML, JSON, Markdown) next to the database"),
                          ("c", "mark 'consent given now' (live sessions)"), ("ctrl+p", "command palette"),
                          ("q", "quit")):
            t.append(f"{key:>16}  ", style="bold cyan")
            t.append(what + "\n")
        yield Static(t, id="help")


class PrivmonApp(App[None]):
    TITLE = "privmon"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses in other modules keep the style
    BINDINGS = [
        Binding("o", "show('overview')", "Overview"), Binding("v", "show('verdicts')", "Verdicts"),
        Binding("d", "show('destinations')", "Destinations"), Binding("f", "show('findings')", "Findings"),
        Binding("t", "show('policy')", "Policy"), Binding("l", "show('labels')", "Labels", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("r", "reveal", "Reveal"), Binding("e", "export", "Export"), Binding("c", "consent", "Consent"),
        Binding("question_mark", "help", "Help"), Binding("q", "quit", "Quit"),
    ]

    def __init__(self, db_path: str, policy: Policy | None = None, poll_seconds: float = 0.5,
                 first: Snapshot | None = None, labels: list[Any] | None = None) -> None:
        """`first`: a snapshot read before the app started (build_app does), shown in the first frame."""
        super().__init__()
        self.labels = labels or []
        self._first = first
        self.db_path = db_path
        self.policy = policy
        self.poll_seconds = poll_seconds
        self.last_id = 0
        self.reveal = False
        self.filters: dict[str, str] = {}
        self.snapshot = Snapshot()
        self.analysis = Analysis()
        self.index = SearchIndex()
        self.page: list[Finding] = []  # the findings table's rows, oldest first (at most MAX_ROWS)
        self.latest: list[Finding] = []  # the overview's latest findings
        self._known_captures: frozenset[int] | None = None
        self._verdict_cells: dict[tuple[int, int], Verdict] = {}
        self._polls = 0
        self._poller: Any = None  # the running poll and analysis workers (a tick does not cancel them)
        self._analyzer: Any = None

    @property
    def total_findings(self) -> int:
        """Findings in the database that the app can show (captures still being analyzed excluded)."""
        return self.snapshot.visible_findings

    @property
    def _base(self) -> Screen[Any]:
        """The main screen: polls land while a detail or help screen may be on top."""
        return self.screen_stack[0]

    # -- layout --------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter rows (press enter, escape to clear)", id="filter")
        with TabbedContent(initial="overview", id="tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                yield Static(id="summary")
                yield Vertical(id="sparks")
                yield Static("latest findings", classes="section")
                yield RowTable(("time", "type", "value", "destination", "sdk", "location"), max_width=60, id="latest")
            with TabPane("Policy check", id="verdicts"), Vertical():
                yield DataTable(id="matrix", cursor_type="cell")
                yield VerticalScroll(Static(id="why"), id="why-box")
            with TabPane("Destinations", id="destinations"):
                yield DataTable(id="dest", zebra_stripes=True, cursor_type="row")
            with TabPane("Findings", id="findings"):
                yield RowTable(FIND_COLUMNS, id="find")
            with TabPane("Policy", id="policy"), VerticalScroll():
                yield Static(id="policy-text")
            if self.labels:  # only with store labels: the usual views stay as they were
                with TabPane("Store labels", id="labels"):
                    yield LabelView(id="label-view")
        yield Footer()

    def on_mount(self) -> None:
        self._base.query_one("#filter", Input).display = False
        self._base.query_one("#dest", DataTable).add_columns("host", "ip", "port", "protocol", "sdk", "organization",
                                                       "category", "country", "out", "in", "first seen", "last seen")
        self._render_policy()
        self.sub_title = Path(self.db_path).name
        if self._first is not None:
            # rows read before the screen existed: they are in the first frame, and the workers
            # (reads, the search index, the analysis) start once that frame is out
            first, self._first = self._first, None
            self.apply_snapshot(first)
            self._polls = 0
            self.call_after_refresh(self._start_polling)
        else:
            self._start_polling()

    def _start_polling(self) -> None:
        self._tick()
        self.set_interval(self.poll_seconds, self._tick)

    def _tick(self) -> None:
        """Poll, unless the last poll still reads: the next tick asks again.

        A poll is an exclusive worker, and a new one cancels the one running: started on every tick, a
        read slower than `poll_seconds` (a large database, a slow or busy machine) was cancelled each
        time before it could deliver, and the app never showed a row."""
        if self._poller is None or self._poller.is_finished:
            self._poller = self.poll()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for tab, title in (("overview", "Overview"), ("verdicts", "Policy check (verdict matrix)"),
                           ("destinations", "Destinations"), ("findings", "Findings"), ("policy", "Policy text")):
            yield SystemCommand(title, f"Show the {title.lower()} view", lambda t=tab: self.action_show(t))
        yield SystemCommand("Export report", "Write HTML, JSON and Markdown next to the database", self.action_export)
        yield SystemCommand("Mark consent", "Record 'consent given now'", self.action_consent)

    # -- data ----------------------------------------------------------------------------------------

    def _deliver(self, fn: Any, *args: Any, **kwargs: Any) -> bool:
        """Run `fn` on the UI thread from a worker thread, unless the app is closing (then: False).

        Quitting while a worker reads is normal; without this, the worker's late hand-off raises
        and Textual prints a traceback on the way out.
        """
        if get_current_worker().is_cancelled or not self.is_running:
            return False
        try:
            self.call_from_thread(fn, *args, **kwargs)
        except RuntimeError:  # the event loop closed between the check and the call
            return False
        return True

    @work(thread=True, exclusive=True, group="poll")
    def poll(self) -> None:
        snap = load_snapshot(self.db_path, self.last_id, MAX_ROWS, self._known_captures)
        if not self._deliver(self.apply_snapshot, snap):
            return
        worker = get_current_worker()
        # after the first paint: the search index grows in the background
        self.index.update_from(self.db_path, cancelled=lambda: worker.is_cancelled)
        if self._polls % ANALYSIS_EVERY == 1 and not worker.is_cancelled and self.is_running and \
                (self._analyzer is None or self._analyzer.is_finished):  # (an analysis still running is not cancelled)
            self._analyzer = self.analyze()

    @work(thread=True, exclusive=True, group="analysis")
    def analyze(self) -> None:
        result = load_analysis(self.db_path, self.policy, labels=self.labels)
        self._deliver(self.apply_analysis, result)

    def apply_snapshot(self, snap: Snapshot) -> None:
        if not self.screen_stack:  # delivered while the app closes
            return
        self._polls += 1
        changed_dest = [d.id for d in snap.destinations] != [d.id for d in self.snapshot.destinations] or \
            [d.bytes_out for d in snap.destinations] != [d.bytes_out for d in self.snapshot.destinations]
        self.snapshot = snap
        self.last_id = snap.max_finding_id
        self._known_captures = snap.visible_captures
        self._render_summary()
        if snap.reset:
            self.latest = []
            self._base.query_one("#latest", RowTable).clear()
            if self.filters.get("find"):
                self.search(self.filters["find"])
            else:
                self._fill(snap.new_findings)
            self._add_latest(snap.new_findings)
        elif len(snap.new_findings) > MAX_ROWS // 2 and not self.filters.get("find"):
            self._fill((self.page + snap.new_findings)[-MAX_ROWS:])
            self._add_latest(snap.new_findings)
        elif snap.new_findings:
            self._add_finding_rows(snap.new_findings)
        if changed_dest:
            self._render_destinations()

    def apply_analysis(self, result: Analysis) -> None:
        if not self.screen_stack:
            return
        self.analysis = result
        self._render_summary()
        self._render_sparks()
        self._render_matrix()
        if self.labels:
            self._base.query_one("#label-view", LabelView).show(result.label_verdicts)

    @work(thread=True, exclusive=True, group="search")
    def search(self, needle: str) -> None:
        """Fill the findings table with the newest matches of `needle` among all findings (or the newest)."""
        if needle:
            rows = search_findings(self.db_path, needle, self.index, self.snapshot.visible_captures, MAX_ROWS)
        else:
            rows = load_newest(self.db_path, MAX_ROWS)
        self._deliver(self._fill, rows)

    # -- rendering -----------------------------------------------------------------------------------

    def _render_summary(self) -> None:
        s = self.snapshot
        t = Text()
        t.append("captures  ", style="bold")
        for c in s.captures:
            state = "" if c["status"] == "complete" else f", {c['status']}"  # live, or interrupted (writer gone)
            t.append(f"{clean(Path(c['path']).name, 60)} ({c['format']}, {c['packets']} packets, "
                     f"{_when(c['first_ts'])} .. {_when(c['last_ts'])}{state})  ")
        for c in s.captures:  # what was not decoded: an empty view must not look like a clean one
            for w in _warnings(c)[:5]:
                t.append(f"\nwarning: {clean(Path(c['path']).name, 60)}: {clean(w, 200)}", style="bold yellow")
        t.append("\n")
        for k in ("messages", "destinations", "findings"):
            t.append(f"{k}: ", style="bold")
            t.append(f"{s.counts.get(k, 0)}   ")
        if self.total_findings > MAX_ROWS:
            t.append(f"(findings view: newest {MAX_ROWS} of {self.total_findings}; / searches all)  ", style="dim")
        if s.consent_ts:
            t.append(f"consent given at {_when(s.consent_ts)}", style="green")
        counts: dict[str, int] = {}
        for v in self.analysis.verdicts:
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
        if counts:
            t.append("\nverdicts  ", style="bold")
            for name in VERDICT_STYLE:
                if name in counts:
                    t.append(f" {name}: {counts[name]} ", style=VERDICT_STYLE[name])
                    t.append(" ")
        self._base.query_one("#summary", Static).update(t)

    def _render_sparks(self) -> None:
        a = self.analysis
        box = self._base.query_one("#sparks", Vertical)
        box.remove_children()
        for dev, series in sorted(a.activity.items())[:8]:
            ids = a.id_activity.get(dev, [0] * len(series))
            box.mount(Horizontal(Static(Text(clean(f"{dev} requests", 40)), classes="spark-label"),
                                 Sparkline(series, classes="spark"),
                                 Static(Text("identifiers"), classes="spark-label"),
                                 Sparkline(ids, classes="spark ids"), classes="spark-row"))

    def _finding_cells(self, f: Finding) -> list[str]:
        value = f.value if self.reveal else mask(f.value)
        before = self.snapshot.consent_ts is not None and f.first_ts < self.snapshot.consent_ts
        consent = "before" if before else ("after" if self.snapshot.consent_ts else "")
        location = f.location if self.reveal or not f.value else f.location.replace(f.value, value)
        cells = [str(f.id), f.type, value, f.owner or f.sender, f.host or f.ip, f.sdk,
                 location, f.transform, f.confidence, str(f.count), consent]
        return [clean(c, 80) for c in cells]

    def _matches(self, table: str, cells: list[str] | list[Text]) -> bool:
        needle = self.filters.get(table, "").lower()
        return not needle or any(needle in (c.plain if isinstance(c, Text) else c).lower() for c in cells)

    def _add_finding_rows(self, rows: list[Finding]) -> None:
        """New findings from a poll: appended to the table (if they pass the filter) and to the latest list."""
        new = [(f, self._finding_cells(f)) for f in rows]
        new = [(f, cells) for f, cells in new if self._matches("find", cells)]
        self.page.extend(f for f, _ in new)
        find = self._base.query_one("#find", RowTable)
        find.add_rows([(str(f.id), cells) for f, cells in new])
        if len(self.page) > MAX_ROWS:  # keep the newest rows; older ones stay reachable through the search
            drop = len(self.page) - MAX_ROWS
            del self.page[:drop]
            find.remove_first(drop)
        self._add_latest(rows)

    def _fill(self, rows: list[Finding]) -> None:
        """Replace the findings table's rows (a new page, a search result, values revealed)."""
        self.page = list(rows)[-MAX_ROWS:]
        find = self._base.query_one("#find", RowTable)
        find.clear()
        find.add_rows([(str(f.id), self._finding_cells(f)) for f in self.page])

    def _add_latest(self, rows: list[Finding]) -> None:
        latest = self._base.query_one("#latest", RowTable)
        self.latest = (self.latest + rows[-20:])[-20:]
        latest.add_rows([(str(f.id), [clean(c, 60) for c in (
            _when(f.first_ts), f.type, f.value if self.reveal else mask(f.value), f.host or f.ip,
            f.sdk, f.location)]) for f in rows[-20:]])
        latest.remove_first(latest.row_count - 20)

    def _render_destinations(self) -> None:
        dest = self._base.query_one("#dest", DataTable)
        dest.clear()
        for d in self.snapshot.destinations:
            protocol = f"{d.protocol} · pinned" if d.tls_rejected else d.protocol  # content not seen
            cells = [Text(clean(c, 60)) for c in (d.host, d.ip, d.port, protocol, d.sdk, d.organization, d.category,
                                                 d.country, d.bytes_out, d.bytes_in, _when(d.first_ts),
                                                 _when(d.last_ts))]
            if self._matches("dest", cells):
                dest.add_row(*cells, key=str(d.id))

    def _render_matrix(self) -> None:
        table = self._base.query_one("#matrix", DataTable)
        table.clear(columns=True)
        verdicts = self.analysis.verdicts
        if not verdicts:
            self._base.query_one("#why", Static).update(Text("no policy loaded (privmon tui --policy FILE)"
                                                       if self.policy is None else "no verdicts yet"))
            return
        types = sorted({v.type for v in verdicts})
        recipients = sorted({v.recipient for v in verdicts})
        table.add_column("type \\ recipient", key="type")
        for r in recipients:
            table.add_column(clean(r, 24), key=r)
        self._verdict_cells = {}
        for ri, t in enumerate(types):
            row: list[Text] = [Text(t, style="bold")]
            for ci, r in enumerate(recipients, 1):
                v = next((x for x in verdicts if x.type == t and x.recipient == r), None)
                if v is None:
                    row.append(Text(""))
                    continue
                self._verdict_cells[(ri, ci)] = v
                label = v.verdict.replace("_", " ") + (f" ({len(v.findings)})" if v.findings else "")
                row.append(Text(label, style=VERDICT_STYLE.get(v.verdict, "")))
            table.add_row(*row, key=t)

    def _render_policy(self) -> None:
        widget = self._base.query_one("#policy-text", Static)
        if self.policy is None:
            widget.update(Text("no policy loaded (privmon tui --policy FILE)"))
            return
        text = Text(clean(self.policy.text, 2_000_000).replace("\N{REPLACEMENT CHARACTER}", " "))
        colors: dict[str, str] = {}
        for s in self.policy.statements:
            style = colors.setdefault(s.type, TYPE_STYLE[len(colors) % len(TYPE_STYLE)])
            text.stylize(f"underline {style}", s.evidence.start, s.evidence.end)
        legend = Text("statements by type: ")
        for t, style in colors.items():
            legend.append(f" {t} ", style=f"reverse {style}")
        widget.update(legend + Text("\n\n") + text)

    # -- events and actions ----------------------------------------------------------------------------

    @on(DataTable.CellHighlighted, "#matrix")
    def _why(self, event: DataTable.CellHighlighted) -> None:
        if not self.screen_stack:  # a highlight still queued while the app closes
            return
        v = self._verdict_cells.get((event.coordinate.row, event.coordinate.column))
        if v is None:
            self._base.query_one("#why", Static).update(Text("select a cell to see why"))
            return
        self._explain(v)

    @work(thread=True, exclusive=True, group="why")
    def _explain(self, v: Verdict) -> None:
        found = load_findings(self.db_path, list(v.findings)[:10], 10)
        self._deliver(self._show_why, v, found)

    def _show_why(self, v: Verdict, found: list[Finding]) -> None:
        t = Text()
        t.append(f"{v.type} -> {v.recipient}: ", style="bold")
        t.append(v.verdict, style=VERDICT_STYLE.get(v.verdict, ""))
        t.append("\n" + clean(v.reason, 500) + "\n\n")
        for ev in v.policy_evidence[:6]:
            quote = Text("\u201c" + clean(ev.text, 600) + "\u201d\n", style="italic")
            quote.highlight_words([v.type.replace("_", " ")], style="bold yellow", case_sensitive=False)
            t.append(quote)
            t.append(f"   (policy characters {ev.start}-{ev.end})\n", style="dim")
        for f in found:
            value = f.value if self.reveal else mask(f.value)
            t.append(Text(clean(f"  finding {f.id}: {value} -> {f.host or f.ip} {f.location} "
                                f"[{f.transform}] {f.evidence}", 300) + "\n"))
        self._base.query_one("#why", Static).update(t)

    @on(RowTable.RowSelected, "#find")
    @on(RowTable.RowSelected, "#latest")
    def _open_found(self, event: RowTable.RowSelected) -> None:
        self._open_key(event.key)

    def _open_key(self, key: str) -> None:
        f = next((x for x in (*self.page, *self.latest) if str(x.id) == key), None)
        if f is not None:
            self._open(f)

    @work(thread=True, exclusive=True, group="detail")
    def _open(self, f: Finding) -> None:
        message = load_message(self.db_path, f.message_id)
        redactor = None if self.reveal else load_redactor(self.db_path)
        self._deliver(self.push_screen, FindingScreen(f, message, self.reveal, redactor))

    @on(DataTable.HeaderSelected)
    def _sort(self, event: DataTable.HeaderSelected) -> None:
        table = event.data_table
        reverse = getattr(table, "_privmon_sorted", None) == event.column_key
        table.sort(event.column_key, key=lambda cell: _sort_key(cell), reverse=reverse)
        table._privmon_sorted = None if reverse else event.column_key  # type: ignore[attr-defined]

    @on(RowTable.HeaderSelected, "#find")
    def _sort_findings(self, event: RowTable.HeaderSelected) -> None:
        """Sort the shown findings by a column; a second click on it reverses."""
        table = event.table
        reverse = getattr(table, "_privmon_sorted", None) == event.column
        rows = sorted(((str(f.id), self._finding_cells(f)) for f in self.page),
                      key=lambda r: _sort_key(r[1][event.column]), reverse=reverse)
        order = {key: i for i, (key, _) in enumerate(rows)}
        self.page.sort(key=lambda f: order[str(f.id)])
        table.replace_rows(rows)
        table._privmon_sorted = None if reverse else event.column  # type: ignore[attr-defined]

    def action_show(self, tab: str) -> None:
        if tab == "labels" and not self.labels:
            self.notify("no store label loaded (--data-safety, --app-privacy, --privacy-manifest)", markup=False)
            return
        self._base.query_one("#tabs", TabbedContent).active = tab

    def _current_table(self) -> str:
        return {"destinations": "dest", "findings": "find"}.get(self._base.query_one("#tabs", TabbedContent).active, "find")

    def action_filter(self) -> None:
        box = self._base.query_one("#filter", Input)
        box.display = True
        box.value = self.filters.get(self._current_table(), "")
        box.focus()

    @on(Input.Submitted, "#filter")
    def _apply_filter(self, event: Input.Submitted) -> None:
        self.filters[self._current_table()] = event.value.strip()
        event.input.display = False
        self._refresh_tables()
        self._base.query_one(f"#{self._current_table()}").focus()

    @on(TabbedContent.TabActivated)
    def _focus_tab(self, event: TabbedContent.TabActivated) -> None:
        target = {"overview": "#latest", "verdicts": "#matrix", "destinations": "#dest", "findings": "#find"}
        pane = event.pane.id or ""
        if pane in target:
            self._base.query_one(target[pane]).focus()

    def key_escape(self) -> None:
        box = self._base.query_one("#filter", Input)
        if box.display:
            box.display = False
            self.filters.pop(self._current_table(), None)
            self._refresh_tables()

    def _refresh_tables(self) -> None:
        """Apply the current filters: destinations in place, findings searched over the whole database."""
        self.search(self.filters.get("find", ""))
        self._render_destinations()

    def action_reveal(self) -> None:
        self.reveal = not self.reveal
        self._fill(self.page)
        shown, self.latest = self.latest, []
        self._base.query_one("#latest", RowTable).clear()
        self._add_latest(shown)
        self.notify("identifier values shown" if self.reveal else "identifier values masked", markup=False)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_consent(self) -> None:
        self._record_consent(time.time())  # the moment of the key press, written off the UI thread

    @work(thread=True, group="consent")
    def _record_consent(self, ts: float) -> None:
        from monitor.errors import StoreError
        from monitor.store import Store

        try:
            with Store.open(self.db_path) as store:  # a short write connection; the app reads read-only
                store.add_consent(ts, source="tui")
        except StoreError as exc:
            self._deliver(self.notify, f"cannot record consent: {exc}", severity="error", markup=False)
            return
        self._deliver(self.notify, "consent marked now: findings after this moment count as after consent",
                              markup=False)

    def action_export(self) -> None:
        self.notify("writing the report...", markup=False)
        self._export()

    @work(thread=True, exclusive=True, group="export")
    def _export(self) -> None:
        """HTML, JSON and Markdown next to the database (owner-only files: they hold identifiers)."""
        from monitor.report import write_private
        from monitor.report.data import build_report
        from monitor.report.formats import FORMATS, render
        from monitor.store import Store

        written = []
        redact = not self.reveal  # while values are masked on screen, the exported reports mask them too
        with Store.open(self.db_path, readonly=True) as store:
            report = build_report(store, self.policy, redact=redact, labels=self.labels)
            for fmt in sorted(FORMATS):
                out = Path(f"{self.db_path}.report.{fmt}")
                write_private(out, render(report, fmt, store, self.policy, redact))
                written.append(str(out))
        self._deliver(self.notify, "report written" + (" (values masked, r reveals)" if redact else "") + ": "
                      + ", ".join(written), markup=False)


def _sort_key(cell: Any) -> Any:
    s = cell.plain if isinstance(cell, Text) else str(cell)
    return (0, float(s)) if s.replace(".", "", 1).isdigit() else (1, s.lower())


def build_app(db_path: str, policy_path: str | None = None, signatures: Any = None,
              poll_seconds: float = 0.5, labels: list[Any] | None = None) -> PrivmonApp:
    """The app from explicit inputs (tests and snapshots feed their own database and policy)."""
    policy = None
    if policy_path:
        from monitor.policy import read_policy

        policy = read_policy(policy_path, signatures)
    # the first page is read before the app starts (~10 ms for 100k findings with no UI thread to
    # compete with); every later read happens in workers
    return PrivmonApp(db_path, policy, poll_seconds, first=load_snapshot(db_path, 0, MAX_ROWS, None), labels=labels)


def run_tui(db_path: str, policy_path: str | None = None, profile_path: str | None = None,
            signatures: Any = None, labels: list[Any] | None = None) -> None:
    from monitor.store import Store

    Store.open(db_path, readonly=True).close()  # a clear error before the screen takes over
    build_app(db_path, policy_path, signatures, labels=labels).run()
