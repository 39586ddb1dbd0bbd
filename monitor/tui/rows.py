"""A table for many rows of captured text: only the visible lines are drawn.

Textual's DataTable measures every cell when rows are added and renders each visible cell through
Rich padding; with a thousand findings that is most of a second on a small machine. Here a row
is a tuple of plain strings (already cleaned by the caller), column widths are kept as cell
lengths while rows arrive, and a line is drawn as a handful of segments, cached per row. Cell
text is never parsed as markup: it goes to the terminal as a plain segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2  # spaces between columns


class RowTable(ScrollView, can_focus=True):
    """Rows of plain strings with a fixed header line, a row cursor, and sorting by header click."""

    DEFAULT_CSS = """
    RowTable { height: 1fr; }
    RowTable > .rowtable--header { text-style: bold; color: $primary; }
    RowTable > .rowtable--odd { background: $surface-lighten-1 10%; }
    RowTable > .rowtable--cursor { background: $accent 40%; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"rowtable--header", "rowtable--odd", "rowtable--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False), Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False), Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", show=False),
    ]
    cursor_row: reactive[int] = reactive(0)

    class RowSelected(Message):
        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    class HeaderSelected(Message):
        def __init__(self, table: RowTable, column: int) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, columns: Sequence[str], max_width: int = 80, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.labels = list(columns)
        self.max_width = max_width
        self.widths = [cell_len(c) for c in self.labels]
        self.keys: list[str] = []
        self.cells: list[tuple[str, ...]] = []
        self._lines: dict[int, list[Segment]] = {}  # row index -> uncropped segments, without row style

    # -- data ------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.cells)

    def get_row_at(self, index: int) -> tuple[str, ...]:
        return self.cells[index]

    def clear(self) -> None:
        self.keys, self.cells, self._lines = [], [], {}
        self.widths = [cell_len(c) for c in self.labels]
        self.cursor_row = 0
        self.scroll_to(0, 0, animate=False)
        self._resize()

    def add_rows(self, rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Append (key, cells) rows; cells longer than max_width are cut."""
        widths = self.widths
        grew = False
        for key, cells in rows:
            row = tuple(_one_line(c, self.max_width) for c in cells)
            for i, c in enumerate(row[: len(widths)]):
                n = cell_len(c)
                if n > widths[i]:
                    widths[i] = n
                    grew = True
            self.keys.append(key)
            self.cells.append(row)
        if grew:
            self._lines.clear()
        self._resize()

    def remove_first(self, count: int) -> None:
        """Drop the oldest `count` rows (the table keeps a bounded window)."""
        if count <= 0:
            return
        del self.keys[:count], self.cells[:count]
        self._lines.clear()
        self.cursor_row = max(0, self.cursor_row - count)
        self._resize()

    def replace_rows(self, rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        """All rows at once (after sorting or re-rendering), keeping the cursor position."""
        cursor = self.cursor_row
        self.keys, self.cells, self._lines = [], [], {}
        self.add_rows(rows)
        self.cursor_row = min(cursor, max(0, len(self.cells) - 1))

    def _resize(self) -> None:
        width = sum(self.widths) + GAP * len(self.widths)
        self.virtual_size = Size(width, len(self.cells) + 1)
        self.refresh()

    # -- drawing ---------------------------------------------------------------------------------

    def _segments(self, cells: Sequence[str], style: Style | None = None) -> list[Segment]:
        out = []
        for c, w in zip(cells, self.widths, strict=False):
            out.append(Segment(c + " " * (w - cell_len(c) + GAP), style))
        return out

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("rowtable--header")
            segs = self._segments(self.labels, header)
            return Strip(segs).crop_extend(scroll_x, scroll_x + width, base + header)
        index = scroll_y + y - 1
        if index >= len(self.cells):
            return Strip.blank(width, base)
        cached = self._lines.get(index)
        if cached is None:
            cached = self._lines[index] = self._segments(self.cells[index])
        segs = cached
        style = base
        if index == self.cursor_row and self.has_focus:
            style = base + self.get_component_rich_style("rowtable--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("rowtable--odd")
        return Strip(Segment.apply_style(segs, style)).crop_extend(scroll_x, scroll_x + width, style)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- keys and mouse --------------------------------------------------------------------------

    def _show_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    def action_move(self, delta: int) -> None:
        if self.cells:
            self.cursor_row = max(0, min(len(self.cells) - 1, self.cursor_row + delta))
            self._show_cursor()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 2))

    def action_jump(self, where: int) -> None:
        if self.cells:
            self.cursor_row = where if where >= 0 else len(self.cells) - 1
            self._show_cursor()

    def action_select(self) -> None:
        if 0 <= self.cursor_row < len(self.keys):
            self.post_message(self.RowSelected(self, self.keys[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = offset.x + self.scroll_offset.x
            edge = 0
            for i, w in enumerate(self.widths):
                edge += w + GAP
                if x < edge:
                    self.post_message(self.HeaderSelected(self, i))
                    break
            return
        index = self.scroll_offset.y + offset.y - 1
        if 0 <= index < len(self.cells):
            if index == self.cursor_row and event.chain > 1:
                self.action_select()
            self.cursor_row = index


def _one_line(text: str, width: int) -> str:
    """A cell as one terminal line: anything non-printable (tabs, newlines, controls, format characters)
    becomes U+FFFD, whatever the caller cleaned already; cut to `width` cells."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "\N{HORIZONTAL ELLIPSIS}"
