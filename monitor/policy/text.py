"""Policy files (plain text, HTML, PDF; UTF-8, UTF-16 or GB18030) -> the text privmon shows.

Offsets of every statement point into the string returned here. HTML keeps headings, list items
and table rows as lines (cells joined by " | ") and drops scripts, styles and navigation.
"""

from __future__ import annotations

import html
import io
import logging
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

from monitor.errors import BadInput
from monitor.files import read_bounded

MAX_POLICY_BYTES = 20 * 1024 * 1024
# the text read, after HTML or PDF is converted: ten times the longest real policy seen (~100,000 characters);
# reading costs ~2 s per 100,000 characters, so this bounds a policy's reading to about 20 s
MAX_POLICY_CHARS = 1_000_000
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul",
          "ol", "dt", "dd", "blockquote", "pre", "hr"}
_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "svg", "template", "head", "button", "form"}


_MAX_FRAMES = 2  # nested srcdoc pages read (each is inside the bounded file: no more text than the file holds)
_AUTHOR_BREAK = re.compile(r"\n[ \t\r\f\v\n]*(?=[·•●◆▪■])")


class _HtmlText(HTMLParser):
    def __init__(self, skipped: frozenset[str] | set[str] = _SKIP, depth: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped = skipped
        self.depth = depth  # how many iframes' srcdoc this page is inside
        self.parts: list[str] = []
        self.skip = 0
        # forms are skipped, but their text is kept aside (marked with a leading NUL): an ASP.NET page wraps its whole
        # body in one <form> (fresh-dc's HEOS), and text() reads them when skipping them lost most of the page
        self.skip_but_forms = 0  # open skipped tags other than <form>: their text is dropped outright
        self.cell = 0  # open table cells: a line break or paragraph inside one keeps the row on one line
        self.pre = 0  # open <pre> elements: their line breaks are the page's (a markdown policy served in one, grid 128)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.pre += 1
        if tag == "iframe" and not self.skip_but_forms and self.depth < _MAX_FRAMES:
            # a page builder's embedded HTML: the browser shows an iframe's srcdoc as its own page (fresh-id's Agromart,
            # whose whole policy is one)
            doc = next((v for k, v in attrs if k == "srcdoc" and v), "")
            if doc:
                inner = _HtmlText(self.skipped, self.depth + 1)
                inner.feed(doc)
                inner.close()
                self.parts.append("\n" + inner.text() + "\n")
        if tag in self.skipped:
            self.skip += 1
            self.skip_but_forms += tag != "form"
        elif tag in ("tr", "table"):
            self.cell = 0
            self.parts.append("\n")
        elif tag == "li" and not self.cell:  # a list item reads as one, a bullet ("<li>The Bluetooth address ...</li>")
            self.parts.append("\n- ")
        elif tag in _BLOCK:
            self.parts.append(" " if self.cell else "\n")
        elif tag in ("td", "th"):
            self.cell += 1
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in self.skipped:
            self.skip = max(0, self.skip - 1)
            if tag != "form":
                self.skip_but_forms = max(0, self.skip_but_forms - 1)
        elif tag in ("td", "th"):
            self.cell = max(0, self.cell - 1)
        elif tag in ("tr", "table"):
            self.cell = 0
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append(" " if self.cell else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_but_forms:  # in HTML a line break inside text is just a space, but before a line that opens
            # with a bullet ("<div>我们可能收集如下信息：\n\n·日志信息 ...\n·位置信息 ...", fresh-hv's 禁止玩游戏: its items read as
            # one sentence, and one item's condition took them all; a blank line alone is no break: "includes:\n\nname;\n
            # email address;" goes on one list, fresh-gl's Lazada)
            text = data.replace("\0", " ")
            text = text.replace("\r", "") if self.pre and not self.cell else \
                _AUTHOR_BREAK.sub("\0", text).replace("\r", " ").replace("\n", " ").replace("\0", "\n")
            self.parts.append(text if not self.skip else "\0" + text)

    def text(self) -> str:
        """The page's text, without its forms unless skipping them lost most of the page's words."""
        kept = "".join(x for x in self.parts if not x.startswith("\0"))
        whole = "".join(x.lstrip("\0") for x in self.parts)
        return whole if 2 * len(kept.split()) < len(whole.split()) else kept


_MAGIC = {b"PK\x03\x04": "a ZIP archive (an Office document?)", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"GIF8": "a GIF image", b"\x7fELF": "an executable", b"\x1f\x8b": "gzip data", b"SQLite format 3": "a database",
          b"\xd0\xcf\x11\xe0": "an old Office document"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _binary_kind(raw: bytes) -> str:
    """What a file that is not text is ("" when it reads as text)."""
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            return kind
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ""  # UTF-16 with a byte-order mark: NULs are expected
    sample = raw[:65536]
    if len(raw) > len(sample):  # the cut may split a UTF-8 character: end the sample where the last one starts
        cut = len(sample)
        while cut > len(sample) - 4 and cut > 0 and sample[cut - 1] & 0xC0 == 0x80:
            cut -= 1
        if cut > 0 and sample[cut - 1] >= 0xC0:
            cut -= 1
        sample = sample[:cut] if cut > len(sample) - 4 else sample
    if b"\0" in sample:
        return "binary data (NUL bytes)"
    text = decode_bytes(sample)
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        return "binary data (control characters)"
    return ""


def decode_bytes(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")
    # a Western text in Windows-1252 also decodes as GB18030, each curly quote and its next letter read as one Chinese
    # character ("We’ve" as "We抳e": fresh-ce's Vivitar); Chinese is written in runs of characters, so mostly lone
    # Chinese characters between Latin letters say the bytes are Windows-1252
    wide = [m.start() for m in _WIDE.finditer(text)]
    if wide:
        lone = sum(1 for k, at in enumerate(wide) if not (k and wide[k - 1] == at - 1)
                   and not (k + 1 < len(wide) and wide[k + 1] == at + 1))
        if 2 * lone > len(wide):
            return raw.decode("cp1252", "replace")
    return text


_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


_VUE_COMPONENT = re.compile(r"\s*(?:<!--.*?-->\s*)*<template[\s>]", re.S | re.I)


def html_to_text(html: str) -> str:
    # a Vue single-file component (fresh-hk's Ancient Language Theater, whose SDK table is one) holds its page in
    # <template> elements, which a page's own templates are not: read them
    p = _HtmlText(_SKIP - {"template"} if _VUE_COMPONENT.match(html[:4096]) else _SKIP)
    p.feed(html)
    p.close()
    text = p.text()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip(" ") for ln in text.split("\n")]
    out: list[str] = []
    blank = False
    for ln in lines:
        ln = ln.strip(" |") if ln.strip(" |") == "" else ln
        ln = "" if ln == "-" else ln  # (an empty list item)
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
    from pypdf.errors import PyPdfError

    quiet = logging.getLogger("pypdf")
    level, propagate = quiet.level, quiet.propagate
    quiet.setLevel(logging.CRITICAL + 1)  # pypdf logs every oddity of a PDF as a warning on stderr
    quiet.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            pages = [page.extract_text() or "" for page in reader.pages[:500]]
    except (PdfReadError, PyPdfError) as exc:
        what = "it exceeds pypdf's safety limits" if type(exc).__name__ == "LimitReachedError" else str(exc)
        raise BadInput(path, f"unreadable PDF: {' '.join(what.split())[:200]}") from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OverflowError,
            ZeroDivisionError, AssertionError) as exc:  # pypdf on a damaged file
        raise BadInput(path, f"unreadable PDF ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})") from exc
    finally:
        quiet.setLevel(level)
        quiet.propagate = propagate
    text = "\n".join(pages)
    if not text.strip():
        raise BadInput(path, "PDF has no text layer (scanned images are not read)")
    return text


# an emphasised run inside a line's text: "**", "__" or "*" around it, after a letter or digit on the same line (a bold
# title or a bold label that opens a line, "**d. Location Data**", "- **Location Data**:", stays as written)
_EMPHASIS = re.compile(r"(?m)(?<=\w)([^\n*_]*?)(\*\*|__|\*)(?=\S)([^*_\n]{1,80}?)(?<=\S)\2(?![\w*])")


def plain_emphasis(text: str) -> str:
    """The text without markdown's emphasis marks inside its sentences ("We **do not** collect", "We do *not* share"),
    each mark replaced by as many spaces, so that every offset and line stays where it was."""
    if "*" not in text and "__" not in text:
        return text
    return _EMPHASIS.sub(lambda m: f"{m.group(1)}{' ' * len(m.group(2))}{m.group(3)}{' ' * len(m.group(2))}", text)


# a field label alone on its line, its one-line value after a blank line ("第三方SDK名称：\n\n优量汇广告SDK\n\n应用场景：...":
# an SDK entry laid out one field per paragraph, fresh-ek's 紫晶 games)
_LONE_FIELD = re.compile(r"(?m)^([^\S\n]*(?:第三方(?:SDK)?名称|SDK名称|应用场景|使用场景|使用目的|(?:可能)?收集(?:的)?(?:个人)?信息(?:的)?类型|"
                         r"个人信息(?:类型|字段)|(?:第三方)?(?:SDK)?提供方|运营方|隐私(?:协议|政策)链接)[^\S\n]*[：:])"
                         r"((?:[^\S\n]*\n)+)(?=[^\S\n]*[^\s\-*•·\d（(][^\n]*\n[^\S\n]*\n)")


def joined_fields(text: str) -> str:
    """The text with each lone field label joined to its value on one line, the line breaks between them made spaces,
    so that every offset stays where it was."""
    if "：" not in text and ":" not in text:
        return text
    return _LONE_FIELD.sub(lambda m: m.group(1) + m.group(2).replace("\n", " "), text)


def read_policy_text(path: str | Path) -> str:
    p = Path(path)
    raw = read_bounded(p, MAX_POLICY_BYTES, "policy", too_big="policy file larger than 20 MB")
    if not raw.strip():
        raise BadInput(str(p), "empty policy file")
    if raw.startswith(b"%PDF"):
        return _bounded(pdf_to_text(raw, str(p)), str(p))
    padded = raw.strip(b"\0")
    if len(padded) < len(raw) and padded.strip() and b"\0" not in padded[:65536]:
        raw = padded  # text padded with NUL bytes before or after it (a crawler's file, fresh-bz's Whirlpool): the text
    binary = _binary_kind(raw)
    if binary:
        raise BadInput(str(p), f"not a policy: {binary} (give the policy as text, HTML or PDF)")
    text = decode_bytes(raw)
    head = text[:2000].lower()
    page = "<html" in head or "<!doctype html" in head or "<body" in head
    if page or re.search(r"<(p|div|h1|h2)\b", head) and len(_MD_HEADING.findall(text, 0, 20000)) < 2:
        text = html_to_text(text)
    else:
        # plain text or markdown, which may hold HTML of its own: tables (read as rows) and tags ('<div
        # align="center">' over a README's badges, grid 96's SmartRemind), which are dropped where they stand so that
        # its lines stay lines
        if _TABLE_OPEN.search(text):
            text = _with_tables_read(text)
        if "&" in text:  # markdown shows its entities as characters ("&ldquo;Personal Information&rdquo; is ...", a
            # definition that reads as one only with its quotes: session 32, fresh-id's Rainier Games)
            text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if "<" in text:  # (a block's tag ends its line, as in a page: "personal information<p>Personal information
            # means ...</p>", grid 74's National Geographic, whose definitions sit in tooltips; an inline one goes; in a
            # markdown table's row every tag is a space, the row one line: "| Y <br> Data encrypted in transit | Y |",
            # fresh-u's Vpon SDK)
            text = "\n".join(_INLINE_TAG.sub(" ", line) if line.lstrip().startswith("|") else
                              _INLINE_TAG.sub(lambda m: "\n" if _BLOCK_TAG.match(m.group(0)) else "", line)
                              for line in text.split("\n"))
        text = _blank_code(text)
    return _bounded(text.replace("\r\n", "\n").replace("\r", "\n"), str(p))


def _blank_code(text: str) -> str:
    """A crawled page saved as text or markdown keeps its scripts and page data as lines ("if (window.location.pathname
    ...) { !function(e,l,v,i,o,n){...", '{"title":"Trustroots", ...}'): such a line reads as spaces (offsets and line
    numbers stay), so that "window.location" is no location and a JSON blob no identifier (session 37, fresh-jq)."""
    if "{" not in text and ";" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) >= 40:
            marks = line.count("{") + line.count("}") + line.count(";") + line.count("=")
            if (marks >= 8 and marks >= 0.04 * len(line) or line.count('":') >= 6) and not _PROSE_RUN.search(line):
                lines[i] = " " * len(line)
    return "\n".join(lines)


# (but not a page's data that carries the policy itself, a JSON string of sentences: fresh-iq's DroneDeploy, whose
# archived page holds the whole policy in one '{"__v":6, ..., "body":"..."}' line)
_PROSE_RUN = re.compile(r"(?:[A-Za-z][a-z]+[,.]?\s+){20}")


_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
# the entities a markdown or text policy writes for punctuation and spaces (not "&lt;", which would make tags of text)
_ENTITY = re.compile(r"&(?:[lr][sd]quo|quot|amp|nbsp|[mn]dash|hellip|apos|#(?:39|8216|8217|8220|8221|160|8211|8212));")
_MD_HEADING = re.compile(r"(?m)^#{1,6} \S")  # a markdown heading: a file with two of them is markdown, whatever its tags
_INLINE_TAG = re.compile(r"</?(?:p|div|span|br|hr|img|a|b|i|u|em|strong|sub|sup|small|center|font|h[1-6]|picture|source|"
                         r"details|summary|kbd|code|pre|ul|ol|li|blockquote|section|article|header|footer|nav)\b[^<>]{0,500}>",
                         re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|hr|h[1-6]|ul|ol|li|blockquote|section|article|header|footer|nav|details|summary|pre|center)\b",
                        re.I)
_TABLE_OPEN = re.compile("<table", re.I)  # (searched in place: no lower-case copy of a policy of up to 20 MB)


def _with_tables_read(text: str) -> str:
    """A plain-text or markdown policy with HTML tables in it (a docs page: "<tr>", "<td>IMEI、位置信息</td>" each on a
    line of its own): each table as the HTML reader gives it, one line per row with " | " between the cells, so that a
    row's data and the SDK named in its first cell are read together."""
    return _TABLE.sub(lambda m: "\n" + html_to_text(m.group(0)).strip("\n") + "\n", text)


def _bounded(text: str, path: str) -> str:
    if len(text) > MAX_POLICY_CHARS:
        raise BadInput(path, f"policy text is {len(text):,} characters; privmon reads at most {MAX_POLICY_CHARS:,} "
                             "(give the privacy policy itself, not a site dump)")
    return text
