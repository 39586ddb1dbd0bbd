"""Sentence structure for the policy reader: sentence spans, negation scope, statement-free sentences.

Rule tables live in monitor/rules/policy_rules.toml. Negation follows the NegEx idea: a trigger
("we do not collect", "will never share") negates the words after it up to a terminator ("but",
";", ", and we"); a passive trigger ("are not stored or used") negates the words before it back to
a terminator. Pseudo-triggers ("do not need to", "please do not send us") negate nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.rules import bundled_toml

MAX_SCOPE = 200  # characters a negation reaches at most when no terminator ends it first


@dataclass(frozen=True, slots=True)
class Rules:
    abbrev: re.Pattern[str]
    pre: re.Pattern[str]
    post: re.Pattern[str]
    pseudo: re.Pattern[str]
    term: re.Pattern[str]
    exception: re.Pattern[str]
    without_consent: re.Pattern[str]
    conditional_denial: re.Pattern[str]
    by_default: re.Pattern[str]
    none: tuple[re.Pattern[str], ...]
    definition: re.Pattern[str]
    heading: re.Pattern[str]
    describing: re.Pattern[str]
    permission_before: re.Pattern[str]
    children: re.Pattern[str]
    subject_after: re.Pattern[str]
    subject_before: re.Pattern[str]
    source_before: re.Pattern[str]
    category_before: re.Pattern[str]
    named_share: re.Pattern[str]
    class_in_first_party: re.Pattern[str]
    collect_verb: re.Pattern[str]
    own_role: re.Pattern[str]
    class_source: re.Pattern[str]
    org_suffix: re.Pattern[str]
    contacts: re.Pattern[str]
    contacts_finding: re.Pattern[str]
    org_names: tuple[tuple[str, re.Pattern[str]], ...]
    source_verb: re.Pattern[str]
    local: re.Pattern[str]
    local_heading: re.Pattern[str]
    collect_heading: re.Pattern[str]
    consent_ahead: re.Pattern[str]
    upload: re.Pattern[str]
    umbrella_denial: re.Pattern[str]
    no_transfer: re.Pattern[str]
    strong_collect: re.Pattern[str]
    umbrella_not: re.Pattern[str]
    umbrella_filler: re.Pattern[str]
    weak_collect: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = bundled_toml("policy_rules.toml")
    i = re.IGNORECASE | re.ASCII
    neg, st, rc = d["negation"], d["statements"], d["recipients"]
    abbrev = "|".join(re.escape(a) for a in sorted(d["sentences"]["abbreviations"], key=len, reverse=True))
    return Rules(
        abbrev=re.compile(rf"(?:^|(?<=[\s(]))(?:{abbrev})$", i),
        pre=re.compile(neg["pre"], i), post=re.compile(neg["post"], i), pseudo=re.compile(neg["pseudo"], i | re.M),
        term=re.compile(neg["terminators"], i), exception=re.compile(neg["exception"], i),
        without_consent=re.compile(neg["without_consent"], i),
        conditional_denial=re.compile(neg["conditional_denial"], i), by_default=re.compile(neg["by_default"], i),
        none=tuple(re.compile(rx, i) for rx in st["none"]), definition=re.compile(st["definition"], i),
        heading=re.compile(st["heading"], re.ASCII),
        describing=re.compile(st["describing_verbs"], i), permission_before=re.compile(st["permission_before"], i),
        children=re.compile(d["scope"]["children"], i),
        subject_after=re.compile(rc["subject_after"], i), subject_before=re.compile(rc["subject_before"], i),
        source_before=re.compile(rc["source_before"], i), category_before=re.compile(rc["category_before"], i),
        named_share=re.compile(rc["named_share"], re.ASCII), class_in_first_party=re.compile(rc["class_in_first_party"], i),
        collect_verb=re.compile(rc["collect_verb"], i), own_role=re.compile(rc["own_role"], i),
        class_source=re.compile(rc["class_source"], i),
        org_suffix=re.compile(d["organisations"]["suffix"], re.ASCII),
        contacts=re.compile(d["contacts"]["sentence"], i), contacts_finding=re.compile(d["contacts"]["finding"], i),
        org_names=tuple((k, re.compile(v, i)) for k, v in d["organisations"]["names"].items()), source_verb=re.compile(rc["source_verb"], i),
        local=re.compile(d["local"]["sentence"], i), local_heading=re.compile(d["local"]["heading"], i),
        collect_heading=re.compile(d["statements"]["collect_heading"], i),
        consent_ahead=re.compile(d["statements"]["consent_ahead"], i),
        upload=re.compile(d["local"]["upload"], i),
        umbrella_denial=re.compile(d["local"]["umbrella_denial"], i), no_transfer=re.compile(d["local"]["no_transfer"], i),
        strong_collect=re.compile(d["local"]["strong_collect"], i),
        umbrella_not=re.compile(d["local"]["umbrella_not"], i), umbrella_filler=re.compile(d["local"]["umbrella_filler"], i), weak_collect=re.compile(d["local"]["weak_collect"], i))


_END = re.compile(r"[.!?。！？]+[\"”’)]*(?=\s|$)|[。！？；;]")


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one line: ends at . ! ? (not after an abbreviation, a single letter or a
    number like "1."), and at ";" only when the part after it has its own verb (a semicolon list
    stays one sentence, so its items keep the verb and negation of the introduction)."""
    r = rules()
    cuts: list[tuple[int, bool]] = []  # (end offset, is a semicolon)
    for m in _END.finditer(line):
        if m.group().startswith((".",)):
            word = re.search(r"[\w.]+$", line[:m.start()])
            w = word.group() if word else ""
            if r.abbrev.search(w) or re.fullmatch(r"[A-Za-z]|\d+(?:\.\d+)*", w):
                continue
        cuts.append((m.end(), m.group() in (";", "；")))
    spans: list[tuple[int, int]] = []
    start = 0
    for end, semi in cuts:
        if semi and spans is not None:
            nxt = next((e for e, _s in cuts if e > end), len(line))
            if not _has_verb(line[end:nxt]):
                continue  # "...: IMEI; MAC address; Android ID." stays one sentence
        spans.append((start, end))
        start = end
    if start < len(line):
        spans.append((start, len(line)))
    return spans


_VERBISH = re.compile(r"\b(?:we|you|it|they|will|may|can|shall|is|are|was|were|collect\w*|use[sd]?|shar\w+|"
                      r"provid\w+|obtain\w*|access\w*|send\w*|sent|stor\w+|disclos\w+|process\w*)\b", re.I)


def _has_verb(s: str) -> bool:
    return bool(_VERBISH.search(s))


@lru_cache(maxsize=4096)
def negation_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Spans of a clause under a negation: (start, end, kind) with kind deny | except | consent."""
    r = rules()
    pseudo = [(m.start(), m.end()) for m in r.pseudo.finditer(text)]
    out: list[tuple[int, int, str]] = []
    terms = [(m.start(), m.end()) for m in r.term.finditer(text)]
    for m in r.pre.finditer(text):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in pseudo):
            continue
        end = min(next((a for a, _b in terms if a >= m.end()), len(text)), m.end() + MAX_SCOPE)
        stop = text[end:end + 30]
        kind = "except" if r.exception.match(stop) else "deny"
        scope = text[m.start():end]
        if r.without_consent.search(scope) or r.without_consent.match(stop):
            kind = "consent"
        out.append((m.start(), end, kind))
    for m in r.post.finditer(text):
        if any(a <= m.start() < b for a, b in pseudo):
            continue
        start = max((b for _a, b in terms if b <= m.start()), default=0)
        start = max(start, m.start() - MAX_SCOPE)
        kind = "consent" if r.without_consent.search(text[m.end():m.end() + 60]) else "deny"
        if r.exception.search(text[m.end():m.end() + 30]):
            kind = "except"
        out.append((start, m.end(), kind))
    return tuple(out)


def states_nothing(text: str) -> bool:
    """A sentence that makes no collection statement: contact lines, rights, definitions, boilerplate."""
    r = rules()
    return any(rx.search(text) for rx in r.none) or bool(r.definition.search(text))


def describes_only(text: str, verb: re.Pattern[str]) -> bool:
    """True when the clause's only verbs are describing ones ("X includes ...", "such as")."""
    r = rules()
    rest = r.describing.sub(" ", text)
    return bool(r.describing.search(text)) and not verb.search(rest)


def local_only(text: str) -> tuple[bool, bool]:
    """(the policy promises nothing is collected and keeps data on the device, and says none of it is passed on)."""
    r = rules()
    local = bool(r.local.search(text)) or bool(r.no_transfer.search(text))
    promise = False
    for m in r.umbrella_denial.finditer(text):
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        end = min(x for x in (text.find(".", m.end()), text.find("\n", m.end()), len(text)) if x >= 0)
        verb = re.search(r"collect\w*", m.group(), re.I)
        filler = re.sub(r"(?:data|information)$", "", m.group()[verb.end():] if verb else "", flags=re.I)
        if r.umbrella_filler.match(filler) and not r.umbrella_not.search(text[start:end]):
            # the whole sentence promises it, not a narrower promise ("do not collect precise location data")
            promise = True
            break
    return promise and local, bool(r.no_transfer.search(text))
