"""How policies name data types: phrases -> contract type ids; broad terms -> vague statements.

The table is data: monitor/rules/policy_vocab.toml. Specific phrases map to one type id; an
unqualified phrase may expand to several clear types ("location" -> both location types); broad
terms ("device information") become vague statements that list the type ids they could cover;
umbrella words ("personal information") cover nothing. Overlaps: the longest match at a position wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.classify.types import type_ids
from monitor.rules import bundled_toml
from monitor.rules.fields import named

ALL_TYPES = type_ids()
IOS_ONLY = ("idfa", "idfv")
ANDROID_ONLY = ("gaid",)


@dataclass(frozen=True, slots=True)
class Term:
    type: str
    pattern: re.Pattern[str]
    vague: bool = False
    covers: tuple[str, ...] = ()
    expands: tuple[str, ...] = ()  # clear types an unqualified term discloses
    iot_type: str = ""  # the type it means in a connected-product policy
    unless_near: re.Pattern[str] | None = None  # a mention this close to such words is not the term
    narrow: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (expanded type, its qualifiers near the mention)
    iot_only: bool = False  # names its type only in a connected-product policy
    only_near: re.Pattern[str] | None = None  # ... and a mention counts only this close to such words
    near_width: int = 60  # how close: characters either side of the mention


@dataclass(frozen=True, slots=True)
class Vocabulary:
    terms: tuple[Term, ...]
    ios: re.Pattern[str]
    iot: re.Pattern[str]
    android: re.Pattern[str]
    no_words: re.Pattern[str]  # spans that name nothing (web addresses): mentions inside them are not terms
    product_clause: re.Pattern[str]  # a sentence about a connected product the user has (its serial is that product's)
    ios_services: re.Pattern[str]  # Apple's services an app on any platform may use: iOS, not iOS only


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = bundled_toml("policy_vocab.toml")
    terms = []
    for t in data["term"]:
        vague = bool(t.get("vague", False))
        covers = tuple(t.get("covers", ())) if vague else (t["type"],)
        near = re.compile(t["unless_near"], re.IGNORECASE | re.ASCII) if t.get("unless_near") else None
        narrow = named(t.get("narrow", {}), re.IGNORECASE | re.ASCII)
        only = re.compile(t["only_near"], re.IGNORECASE | re.ASCII) if t.get("only_near") else None
        terms.append(Term(t["type"], re.compile(t["pattern"], re.IGNORECASE | re.ASCII), vague, covers,
                          tuple(t.get("expands", ())), t.get("iot_type", ""), near, narrow, bool(t.get("iot_only")),
                          only, int(t.get("near_width", 60))))
    return Vocabulary(tuple(terms), re.compile(data["ios_words"], re.ASCII),
                      re.compile(data["iot_words"], re.IGNORECASE | re.ASCII), re.compile(data["android_words"], re.ASCII),
                      re.compile(data["no_words"], re.IGNORECASE | re.ASCII),
                      re.compile(data["product_clause"], re.IGNORECASE | re.ASCII),
                      re.compile(data["ios_services"], re.ASCII))


@lru_cache(maxsize=1)
def _simplified_table() -> tuple[dict[int, int], dict[str, str], re.Pattern[str]]:
    data = bundled_toml("policy_vocab.toml")
    pairs = data["traditional"]
    words = dict(w.split("=", 1) for w in data["traditional_words"])
    if any(len(a) != len(b) for a, b in words.items()):
        raise ValueError("policy_vocab.toml traditional_words: each word must keep its length")
    alternation = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    chars = {ord(pairs[i]): ord(pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)}
    # ... and the spaces a word processor or a web page puts between words ("telephone\xa0number", session 28: fresh-he's
    # Momwilike, a Word page) read as the space they stand for
    chars.update({sp: 0x20 for sp in (0xA0, 0x2007, 0x2009, 0x202F)})
    return chars, words, alternation


def simplified(text: str) -> str:
    """The text with traditional Chinese characters in their simplified forms and Taiwan's words in the mainland's,
    each of the same length (same offsets), and no-break and thin spaces as spaces."""
    chars, words, alternation = _simplified_table()
    out = text.translate(chars)
    return alternation.sub(lambda m: words[m.group()], out) if out != text else out


def find_terms(text: str) -> list[tuple[Term, int, int]]:
    """Every term mention (term, start, end); overlapping mentions keep the longest."""
    return list(_terms_in(text))


@lru_cache(maxsize=4096)  # the reader asks again for a line that is also a whole sentence
def _terms_in(text: str) -> tuple[tuple[Term, int, int], ...]:
    found: list[tuple[Term, int, int]] = []
    voc = vocabulary()
    spans = [m.span() for m in voc.no_words.finditer(text)]
    for term in voc.terms:
        for m in term.pattern.finditer(text):
            if m.end() > m.start() and not (
                    term.unless_near and term.unless_near.search(text[max(0, m.start() - 40):m.end() + 40])) \
                    and not (term.only_near and not term.only_near.search(
                        text[max(0, m.start() - term.near_width):m.end() + term.near_width])) \
                    and not any(a <= m.start() < b for a, b in spans):
                found.append((term, m.start(), m.end()))
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    out: list[tuple[Term, int, int]] = []
    for t, s, e in found:
        if out and s < out[-1][2]:
            continue
        out.append((t, s, e))
    return tuple(out)


def policy_context(text: str) -> tuple[bool, bool, bool]:
    """(speaks of iOS or names no platform, is about a connected product such as a camera, speaks of Android or names no
    platform) for a whole policy: an iOS-only policy's "advertising identifier" is the IDFA alone, an Android-only one's
    the GAID alone, and one that names neither platform means both (LABELS.md's rule; session 18 measured it over every
    development batch: 13 up, 2 down)."""
    v = vocabulary()
    ios, android = bool(v.ios.search(text)), bool(v.android.search(text))
    # (only Apple's services named: iOS too, but not iOS only)
    services_only = ios and not android and all(v.ios_services.match(text, m.start()) for m in v.ios.finditer(text))
    return ios or not android, len(v.iot.findall(text[:200_000])) >= 3, not ios or android or services_only


def about_product(text: str) -> bool:
    """One sentence speaks of a connected product the user has, not of the phone ("the information they provide
    about that device (e.g., device serial number)", "your device serial number ... of the device-bound APP")."""
    return bool(vocabulary().product_clause.search(text))


def typed(term: Term, ios: bool, iot: bool, near: str = "", android: bool = True) -> list[tuple[str, bool, tuple[str, ...]]]:
    """The statements one mention makes: (type, vague, covers). `near`: the words around the mention, which may
    narrow an unqualified term to one of its types ("location, at country and city level only")."""
    if term.expands:
        types = [t for t in term.expands if (ios or t not in IOS_ONLY) and (android or t not in ANDROID_ONLY)]
        hit = [t for t, rx in term.narrow if rx.search(near)]
        if len(hit) == 1 and hit[0] in types:
            types = hit
        return [(t, False, (t,)) for t in types]
    if term.iot_only and not iot:
        return []
    if iot and term.iot_type:
        return [(term.iot_type, False, (term.iot_type,))]
    return [(term.type, term.vague, term.covers)]


# where a table row's cells and sentences part: " | " between cells, a line break kept as <br>, a sentence's end before a
# capital
_ROW_PIECE = re.compile(r"\s\|\s|<br\s*/?>|(?<=[.!?])\s+(?=[\"“(*]*[A-Z])")


def row_pieces(text: str) -> list[tuple[int, int]]:
    """A table row's cells and the sentences inside them, as (start, end) offsets into the row."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _ROW_PIECE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def row_silenced(text: str, type_id: str, rx: re.Pattern[str]) -> bool:
    """`rx` (a sentence that says nothing of its data) holds for what a sentence says of `type_id`: the whole sentence
    matches, or, in a table row, every piece (cell, sentence) that names the type does (a contact line in a row's purpose
    cell does not silence the data its first cell collects)."""
    if not rx.search(text):
        return False
    if " | " not in text:
        return True
    named = [(a, b) for a, b in row_pieces(text)
             if any(t.type == type_id or type_id in t.expands or type_id in t.covers for t, _s, _e in find_terms(text[a:b]))]
    return not named or all(rx.search(text[a:b]) for a, b in named)
