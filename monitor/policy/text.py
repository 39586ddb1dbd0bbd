"""Policy files (plain text, HTML, PDF; UTF-8, UTF-16 or GB18030) -> the text privmon shows.

Offsets of every statement point into the string returned here. HTML keeps headings, list items
and table rows as lines (cells joined by " | ") and drops scripts, styles and navigation.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

from monitor.errors import BadInput

MAX_POLICY_BYTES = 20 * 1024 * 1024
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul",
          "ol", "dt", "dd", "blockquote", "pre", "hr"}
_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "svg", "template", "head", "button", "form"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:  # in HTML a line break inside text is just a space
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def decode_bytes(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp1252", "replace")


def html_to_text(html: str) -> str:
    p = _HtmlText()
    p.feed(html)
    p.close()
    text = "".join(p.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip(" ") for ln in text.split("\n")]
    out: list[str] = []
    blank = False
    for ln in lines:
        ln = ln.strip(" |") if ln.strip(" |") == "" else ln
        if not ln:
            if not blank and out:
                out.append("")
            blank = True
            continue
        out.append(ln)
        blank = False
    return "\n".join(out).strip() + "\n"


def pdf_to_text(raw: bytes, path: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise BadInput(path, "reading PDF needs pypdf") from exc
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages[:500]]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise BadInput(path, f"unreadable PDF: {exc}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise BadInput(path, "PDF has no text layer (scanned images are not read)")
    return text


def read_policy_text(path: str | Path) -> str:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except IsADirectoryError as exc:
        raise BadInput(str(p), "is a directory") from exc
    except OSError as exc:
        raise BadInput(str(p), f"cannot read policy: {exc.strerror}") from exc
    if len(raw) > MAX_POLICY_BYTES:
        raise BadInput(str(p), "policy file larger than 20 MB")
    if not raw.strip():
        raise BadInput(str(p), "empty policy file")
    if raw.startswith(b"%PDF"):
        return pdf_to_text(raw, str(p))
    text = decode_bytes(raw)
    head = text[:2000].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head or re.search(r"<(p|div|h1|h2)\b", head):
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
