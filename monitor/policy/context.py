"""Context for the policy reader: what a sentence's shape, its neighbours or its segment of a flattened row says.

Rule tables live in monitor/rules/policy_context.toml. Each function answers one question about plain
text; monitor/policy/statements.py asks them while it reads clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.policy.vocab import find_terms
from monitor.rules import bundled_toml
from monitor.rules.fields import build, rule, words


@dataclass(frozen=True, slots=True)
class ContextRules:
    condition: re.Pattern[str] = rule("conditions.sentence")
    only_if_back: re.Pattern[str] = rule("conditions.only_if_back")
    list_back: re.Pattern[str] = rule("conditions.list_back")
    kept_back: re.Pattern[str] = rule("conditions.kept_back")
    marker: re.Pattern[str] = rule("segments.marker")
    optional: re.Pattern[str] = rule("segments.optional")
    required: re.Pattern[str] = rule("segments.required")
    permission: re.Pattern[str] = rule("segments.permission")
    installed_subject: re.Pattern[str] = rule("recipients.installed_subject")
    class_examples: re.Pattern[str] = rule("recipients.class_examples")
    send_to: re.Pattern[str] = rule("recipients.send_to")
    passive_by: re.Pattern[str] = rule("recipients.passive_by")
    sent_back: re.Pattern[str] = rule("recipients.sent_back")
    class_back: re.Pattern[str] = rule("recipients.class_back")
    field_words: frozenset[str] = rule("entries.field_words", words)
    none: re.Pattern[str] = rule("statements.none")
    advice: re.Pattern[str] = rule("statements.advice")
    paragraph: re.Pattern[str] = rule("conditions.paragraph")
    tool_before: re.Pattern[str] = rule("recipients.tool_before")
    tool_after: re.Pattern[str] = rule("recipients.tool_after")
    class_collects: re.Pattern[str] = rule("recipients.class_collects")
    purpose_before: re.Pattern[str] = rule("recipients.purpose_before")
    definition: re.Pattern[str] = rule("definitions.name")
    we_or_class: re.Pattern[str] = rule("recipients.we_or_class")
    data_name: re.Pattern[str] = rule("definitions.data_name")


@lru_cache(maxsize=1)
def context_rules() -> ContextRules:
    return build(ContextRules, bundled_toml("policy_context.toml"), re.IGNORECASE)


def conditional(text: str) -> bool:
    """The sentence makes its collection the user's decision or gates it by a setting or an opt-in."""
    return bool(context_rules().condition.search(text))


def nothing_more_spans(text: str) -> list[tuple[int, int]]:
    """Where the rules of `states_nothing_more` match: (start, end) of each match."""
    r = context_rules()
    return [m.span() for rx in (r.none, r.advice) for m in rx.finditer(text)]


def states_nothing_more(text: str) -> bool:
    """A sentence about the reader's legal rights ("you can exercise the rights ..."), or security advice to the reader
    ("We urge you to ... keep your personal data safe (including your password)"): it states no collection."""
    r = context_rules()
    return bool(r.none.search(text) or r.advice.search(text))


def lists_back(text: str) -> bool:
    """The sentence lists what the one before it gathered ("This information may include ...")."""
    return bool(context_rules().list_back.search(text))


def only_if_back(text: str) -> bool:
    """The sentence restricts the one before it to a condition ("This will only happen if you have granted ...")."""
    return bool(context_rules().only_if_back.search(text))


def kept_back(text: str) -> bool:
    """The sentence keeps what the one before it asked for on the device ("The information that I request will be retained
    on your device and is not collected by me in any way.")."""
    return bool(context_rules().kept_back.search(text))


def marked_segment(text: str, pos: int) -> tuple[str, int, int]:
    """(kind, start, end) of the part of a row split by required / optional / permission markers that holds the
    mention at `pos`.

    kind is "optional" or "permission" (the nearest meaningful marker before the mention says so), "required",
    or "" (none before it); start:end is the text between the markers around the mention, or the whole text when
    the clause has fewer than two markers (an ordinary sentence)."""
    r = context_rules()
    marks = list(r.marker.finditer(text))
    if len(marks) < 2 or not any(r.optional.search(m.group()) or r.required.search(m.group()) for m in marks):
        return "", 0, len(text)
    before = [m for m in marks if m.end() <= pos]
    after = next((m.start() for m in marks if m.start() >= pos), len(text))
    kind = ""
    for m in reversed(before):
        g = m.group()
        if r.optional.search(g):
            kind = "optional"
        elif r.required.search(g):
            kind = "required"
        elif r.permission.search(g):
            kind = "permission"
        if kind:
            break
    return kind, (before[-1].end() if before else 0), after


def installed_subject(text: str, start: int, end: int) -> bool:
    """The name at start:end is one of the apps a sentence says it checks for ("whether the Facebook, WeChat,
    and Line applications are installed"): subject matter, not a recipient."""
    return any(m.start() <= start and end <= m.end() for m in context_rules().installed_subject.finditer(text))


def used_as_tool(text: str, start: int, end: int) -> bool:
    """The name at start:end is an app the user uses to do something ("use WeChat to share"): no recipient."""
    r = context_rules()
    return bool(r.tool_before.search(text[max(0, start - 30):start]) and r.tool_after.match(text[end:end + 40]))


def paragraph_conditions(text: str) -> list[tuple[int, int, str]]:
    """(paragraph start, paragraph end, the data words) of each sentence gating one kind of data on consent
    ("Collecting location data requires your opt-in")."""
    out = []
    for m in context_rules().paragraph.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        out.append((start, len(text) if end < 0 else end, m.group("what")))
    return out


def class_example_names(text: str) -> list[str]:
    """Capitalised names given as examples of a recipient class ("advertising partners, including Google")."""
    out: list[str] = []
    for m in context_rules().class_examples.finditer(text):
        for name in re.split(r"\s*(?:,|\band\b|\bor\b|&)\s*", m.group(1)):
            name = re.sub(r"\s*\([^)]*\)?$", "", name).strip(" .,'")
            if len(name) >= 3 and not re.match(r"(?i:the|our|other|such|these|those|all|any|some)\b", name):
                out.append(name)
    return out


def sends_to_class(text: str) -> int:
    """Where the class starts after a sending verb whose object comes before "to <class>" ("send your location
    data to a third party"), or -1."""
    m = context_rules().send_to.search(text)
    return m.end() if m else -1


def passive_agent(text: str) -> int:
    """Where the class starts that is the agent of a passive collection ("may be inferred by ad providers"), or -1."""
    m = context_rules().passive_by.search(text)
    return m.end() if m else -1


def collecting_class(text: str) -> str:
    """The class a sentence says we work with and that collects ("work with partners who ... collect"), or that acts
    beside us as the subject ("We, or ad and data platforms we work with, may ..."), or ""."""
    r = context_rules()
    m = r.class_collects.search(text) or r.we_or_class.search(text)
    return m.group("cls") if m else ""


def in_purpose(text: str, start: int) -> bool:
    """The words before `start` make what follows the purpose of a sharing ("... to help advertisers identify")."""
    return bool(context_rules().purpose_before.search(text[max(0, start - 30):start]))


def points_back(text: str) -> bool:
    """The sentence sends the data of the sentence before somewhere ("The data is sent to Google.")."""
    return bool(context_rules().sent_back.search(text))


def class_back(text: str) -> str:
    """The class words of a sentence that hands the work of the sentence before to a class ("We use service providers to
    perform some of these functions"), or ""."""
    m = context_rules().class_back.search(text)
    return m.group("cls") if m else ""


def name_label(line: str) -> str:
    """The company a "Name: ..." line names in its label ("Skillz: You can adjust ...", "Mobile App Tracking (MAT):
    <link>"), as a slug; "" when the label is a field of an entry ("Purpose: ...") or no name."""
    m = re.match(r"^\W*([^:：]{2,40}?)\s*(?:\([^)]{0,20}\))?\s*[:：]", line)
    if not m:
        return ""
    words = m.group(1).split()
    if not 1 <= len(words) <= 4 or not all(re.match(r"[A-Z0-9]", w) for w in words):
        return ""
    if any(w.lower().strip(".,'()") in context_rules().field_words for w in words):
        return ""
    return org_slug(m.group(1))


_LEGAL_FORMS = frozenset(("inc", "ltd", "llc", "llp", "corp", "co", "gmbh", "ag", "sa", "sas", "bv", "plc", "limited",
                          "corporation", "incorporated"))


def org_slug(name: str, most: int = 0) -> str:
    """The id of an organisation sdks.toml does not know: its words, lowercase, joined by "_" (the first `most` of them
    when given), without its legal form and without a word said twice ("LiveRamp Inc. LiveRamp returns ...": liveramp,
    fresh-em's RevContent)."""
    words = list(dict.fromkeys(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _LEGAL_FORMS))
    return "_".join(words[:most] if most else words)


def bracket_names(text: str) -> list[tuple[str, str]]:
    """(name, the words before it) for each name the policy gives in brackets to the data it has just listed
    ("... iOS IDFAs and Android Advertising IDs (“Mobile IDs”)") when the name says it is data and names no type
    itself ("IDFA" is a type, "Account" no data)."""
    out: list[tuple[str, str]] = []
    for m in context_rules().definition.finditer(text):
        name = m.group("name").strip()
        if find_terms(name) or not context_rules().data_name.search(name):
            continue
        start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()), m.start() - 300) + 1
        out.append((name, text[start:m.start()]))
    return out
