"""Captured text made safe for every output, and redaction that holds in every output.

Captured values (URLs, headers, bodies, host names) and policy text are hostile input. Before
they reach a terminal, a Markdown file, HTML, XML or CSV they go through one of these:

- `terminal(s)`: control characters (C0 but tab/newline, DEL, C1, bidi overrides, zero-width
  marks) shown as visible escapes (`\\x1b`), so an OSC/CSI sequence in a captured value can
  never retitle or repaint the analyst's terminal.
- `md_code(s)` for captured values in Markdown (a code span: no HTML, no links, no images, no
  autolinks inside it) and `md_text(s)` for prose (every Markdown/HTML-active character escaped).
- `html(s)` for HTML and `json_text(s)` for JSON text (C1 and bidi characters as \\u escapes).

`Redactor` masks every identifier value of a database wherever it appears in an output (also
URL-encoded or hex-encoded), not only in the finding that found it.
"""

from __future__ import annotations

import base64
import html as _html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

if TYPE_CHECKING:
    from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_CONTROL_NL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_MD_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>#+!|~@&])")


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    return f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"


def terminal(value: Any, newlines: bool = True) -> str:
    """Text safe to print: control characters become visible escapes (tab and, if allowed, newline kept)."""
    s = "" if value is None else str(value)
    if s.isprintable() and "\u2028" not in s:  # the common case (isprintable is False for all of the above)
        return s
    return (_CONTROL if newlines else _CONTROL_NL).sub(_visible, s)


def safe_text(value: Any, style: str = "") -> Text:
    """A Rich Text of captured text (never parsed as markup, controls escaped)."""
    from rich.text import Text  # here: `analyze -q` (which prints no table) does not import rich (~15 ms CPU)

    return Text(terminal(value), style=style)


def md_code(value: Any) -> str:
    """A captured value as a Markdown code span, safe inside a GFM table cell."""
    s = terminal(value, newlines=False).replace("|", "\\|")
    if not s:
        return ""
    longest = max((len(r) for r in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or longest else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def md_text(value: Any) -> str:
    """Prose for Markdown (a table cell or a line): every Markdown/HTML-active character escaped."""
    s = terminal(value, newlines=False)
    s = _MD_ACTIVE.sub(r"\\\1", s)
    # GFM's extended autolinks start at "scheme://" and "www."
    return s.replace("://", "\\://").replace("www.", "www\\.")


def html(value: Any) -> str:
    text = "" if value is None else str(value)
    return _html.escape(terminal(text.replace("\r\n", "\n")), quote=True)  # CRLF bodies read as lines


def json_text(text: str) -> str:
    """JSON text (from json.dumps(..., ensure_ascii=False)) with C1/bidi characters as \\u escapes.

    Such characters can only occur inside JSON strings, where the escape means the same character.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- redaction --------------------------------------------------------------------------------------

def mask(value: str) -> str:
    """Redact an identifier: keep a short head and tail (IMEI 3569…3809 style)."""
    if len(value) <= 6:
        return "…" if value else value
    keep = 4 if len(value) >= 12 else 2
    return f"{value[:keep]}…{value[-keep:]}"


# report keys whose values are privmon's own vocabulary or digests, never captured identifiers
KEEP_KEYS = frozenset({"schema", "type", "verdict", "recipient", "sdk", "category", "country", "role", "transform",
                       "confidence", "protocol", "transport", "format", "sha256", "status", "kind", "stance",
                       "organization", "id", "name", "version", "signatures"})
MIN_SECRET = 4


_URLSAFE = str.maketrans("+/", "-_")


def _base64_forms(value: str) -> list[str]:
    """The base64 text a value becomes inside any base64 blob, at each of the three byte alignments.

    Only the characters that depend on the value's bytes alone are kept (the groups shared with the
    neighbouring bytes differ from blob to blob), in the standard and the URL-safe alphabet.
    """
    raw = value.encode()
    out: list[str] = []
    for k in range(3):
        enc = base64.b64encode(b"\0" * k + raw).decode()
        middle = enc[4 if k else 0:4 * ((k + len(raw)) // 3)]
        if len(middle) >= 8:
            out += [middle, middle.translate(_URLSAFE)]
    return out



class Redactor:
    """Masks every known identifier value (and its URL-encoded, hex and base64 forms) in any text.

    Forms are indexed by their first MIN_SECRET characters (lowercased), so a text is scanned
    once whatever the number of identifiers: 25,000 identifiers index in well under a second,
    where one regex alternation of them took minutes to compile.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for s in secrets:
            if not s or len(s) < MIN_SECRET:
                continue
            for f in (s, quote(s, safe=""), quote_plus(s), s.encode().hex(), s.encode().hex(" "), *_base64_forms(s)):
                forms.add(f.lower())
        self.size = len(forms)
        self._by_prefix: dict[str, list[str]] = {}
        for f in sorted(forms, key=len, reverse=True):  # longest first at each place
            self._by_prefix.setdefault(f[:MIN_SECRET], []).append(f)

    @classmethod
    def from_store(cls, store: Any) -> Redactor:
        rows = store.identifier_values()
        return cls({value for value, _ in rows} | {canonical for _, canonical in rows if canonical})

    def text(self, value: str) -> str:
        if not self._by_prefix or len(value) < MIN_SECRET:
            return value
        low = value.lower()
        if len(low) != len(value):  # a few characters change length when lowercased: match case-sensitively
            low = value
        get = self._by_prefix.get
        out: list[str] = []
        last = i = 0
        end = len(low) - MIN_SECRET
        while i <= end:
            forms = get(low[i:i + MIN_SECRET])
            if forms:
                form = next((f for f in forms if low.startswith(f, i)), None)
                if form is not None:
                    out.append(value[last:i])
                    out.append(mask(value[i:i + len(form)]))
                    i = last = i + len(form)
                    continue
            i += 1
        if not out:
            return value
        out.append(value[last:])
        return "".join(out)

    def walk(self, obj: Any, key: str = "") -> Any:
        """A copy of a JSON-like structure with every string masked (values under KEEP_KEYS kept)."""
        if isinstance(obj, str):
            return obj if key in KEEP_KEYS else self.text(obj)
        if isinstance(obj, dict):
            return {k: self.walk(v, k) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return [self.walk(v, key) for v in obj]
        return obj
