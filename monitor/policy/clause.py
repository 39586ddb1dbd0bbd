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
from monitor.rules.fields import build, each, named, rule

FLAGS = re.IGNORECASE | re.ASCII  # the rules' default flags
MAX_SENTENCE = 1_500  # characters of one sentence at most (see _bounded)
MAX_SCOPE = 200  # characters a negation reaches at most when no terminator ends it first


def _abbreviations(value: list[str], flags: int) -> re.Pattern[str]:
    alt = "|".join(re.escape(a) for a in sorted(value, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s(]))(?:{alt})$", flags)


@dataclass(frozen=True, slots=True)
class Rules:
    abbrev: re.Pattern[str] = rule("sentences.abbreviations", _abbreviations)
    final_abbrev: re.Pattern[str] = rule("sentences.final_abbreviations")
    new_sentence_after: re.Pattern[str] = rule("sentences.new_sentence_after")
    pre: re.Pattern[str] = rule("negation.pre")
    coordinated: re.Pattern[str] = rule("negation.coordinated")
    post: re.Pattern[str] = rule("negation.post")
    pseudo: re.Pattern[str] = rule("negation.pseudo", flags=FLAGS | re.M)
    term: re.Pattern[str] = rule("negation.terminators")
    relative: re.Pattern[str] = rule("negation.relative_clause")
    relative_verb: re.Pattern[str] = rule("negation.relative_verb")
    interrupting: re.Pattern[str] = rule("negation.interrupting")
    exception: re.Pattern[str] = rule("negation.exception")
    legal_duty: re.Pattern[str] = rule("negation.legal_duty")
    without_consent: re.Pattern[str] = rule("negation.without_consent")
    conditional_denial: re.Pattern[str] = rule("negation.conditional_denial")
    by_default: re.Pattern[str] = rule("negation.by_default")
    settings_off: re.Pattern[str] = rule("negation.settings_off")
    user_provides: re.Pattern[str] = rule("negation.user_provides")
    none: tuple[re.Pattern[str], ...] = rule("statements.none", each)
    definition: re.Pattern[str] = rule("statements.definition")
    heading: re.Pattern[str] = rule("statements.heading", flags=re.ASCII)
    describing: re.Pattern[str] = rule("statements.describing_verbs")
    permission_before: re.Pattern[str] = rule("statements.permission_before")
    supplied_before: re.Pattern[str] = rule("statements.supplied_before")
    measured_before: re.Pattern[str] = rule("statements.measured_before")
    correction: re.Pattern[str] = rule("statements.correction")
    limited: re.Pattern[str] = rule("statements.limited")
    location_permission: re.Pattern[str] = rule("statements.location_permission")
    supplied_after_cjk: re.Pattern[str] = rule("statements.supplied_after_cjk")
    turn: re.Pattern[str] = rule("statements.turn", flags=re.IGNORECASE)
    tail_everyone: re.Pattern[str] = rule("statements.tail_everyone", flags=re.IGNORECASE)
    purpose_only: re.Pattern[str] = rule("statements.purpose_only", flags=re.IGNORECASE)
    no_list: re.Pattern[str] = rule("statements.no_list", flags=re.IGNORECASE)
    points_back: re.Pattern[str] = rule("statements.points_back", flags=re.IGNORECASE)
    other_users: re.Pattern[str] = rule("statements.other_users", flags=re.IGNORECASE)
    other_users_not: re.Pattern[str] = rule("statements.other_users_not", flags=re.IGNORECASE)
    background_only: re.Pattern[str] = rule("statements.background_only", flags=re.IGNORECASE)
    above_data: re.Pattern[str] = rule("statements.above_data", flags=re.IGNORECASE)
    hashed_before: re.Pattern[str] = rule("statements.hashed_before", flags=re.IGNORECASE)
    names_header: re.Pattern[str] = rule("statements.names_header", flags=re.IGNORECASE)
    kind_of_recipient: re.Pattern[str] = rule("statements.kind_of_recipient", flags=re.IGNORECASE)
    precise_examples: re.Pattern[str] = rule("statements.precise_examples", flags=re.IGNORECASE)
    children: re.Pattern[str] = rule("scope.children")
    region: re.Pattern[str] = rule("scope.region")
    feature: re.Pattern[str] = rule("scope.feature")
    subject_after: re.Pattern[str] = rule("recipients.subject_after")
    subject_before: re.Pattern[str] = rule("recipients.subject_before")
    source_before: re.Pattern[str] = rule("recipients.source_before")
    category_before: re.Pattern[str] = rule("recipients.category_before")
    named_share: re.Pattern[str] = rule("recipients.named_share", flags=re.ASCII)
    class_in_first_party: re.Pattern[str] = rule("recipients.class_in_first_party")
    collect_verb: re.Pattern[str] = rule("recipients.collect_verb")
    examples_of: re.Pattern[str] = rule("statements.examples_of")
    own_role: re.Pattern[str] = rule("recipients.own_role")
    class_source: re.Pattern[str] = rule("recipients.class_source")
    class_subject: re.Pattern[str] = rule("recipients.class_subject", flags=re.IGNORECASE)
    allowed_to_collect: re.Pattern[str] = rule("recipients.allowed_to_collect", flags=re.IGNORECASE)
    org_suffix: re.Pattern[str] = rule("organisations.suffix", flags=re.ASCII)
    contacts: re.Pattern[str] = rule("contacts.sentence")
    contacts_finding: re.Pattern[str] = rule("contacts.finding")
    org_names: tuple[tuple[str, re.Pattern[str]], ...] = rule("organisations.names", named)
    operator_field: re.Pattern[str] = rule("organisations.operator_field")
    source_verb: re.Pattern[str] = rule("recipients.source_verb")
    we_and_class: re.Pattern[str] = rule("recipients.we_and_class")
    these_listed: re.Pattern[str] = rule("recipients.these_listed")
    sign_in_source: re.Pattern[str] = rule("recipients.sign_in_source")
    outward_share: re.Pattern[str] = rule("recipients.outward_share")
    sign_in_collector: re.Pattern[str] = rule("recipients.sign_in_collector")
    local: re.Pattern[str] = rule("local.sentence")
    local_heading: re.Pattern[str] = rule("local.heading")
    collect_heading: re.Pattern[str] = rule("statements.collect_heading")
    glossary_heading: re.Pattern[str] = rule("statements.glossary_heading")
    consent_ahead: re.Pattern[str] = rule("statements.consent_ahead")
    upload: re.Pattern[str] = rule("local.upload")
    umbrella_denial: re.Pattern[str] = rule("local.umbrella_denial")
    no_transfer: re.Pattern[str] = rule("local.no_transfer")
    strong_collect: re.Pattern[str] = rule("local.strong_collect")
    umbrella_not: re.Pattern[str] = rule("local.umbrella_not")
    umbrella_filler: re.Pattern[str] = rule("local.umbrella_filler")
    weak_collect: re.Pattern[str] = rule("local.weak_collect")


@lru_cache(maxsize=1)
def rules() -> Rules:
    return build(Rules, bundled_toml("policy_rules.toml"), FLAGS)


_END = re.compile(r"[.!?。！？]+[\"”’)]*(?=\s|$)|[。！？；;]")


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one line: ends at . ! ? (not after an abbreviation, a single letter or a
    number like "1."), and at ";" only when the part after it has its own verb (a semicolon list
    stays one sentence, so its items keep the verb and negation of the introduction); at "；" only
    before the next SDK entry's name label or a clause with its own actor and verb (_own_clause_zh)."""
    r = rules()
    cuts: list[tuple[int, bool]] = []  # (end offset, is a semicolon)
    for m in _END.finditer(line):
        if m.group().startswith((".",)):
            word = re.search(r"[\w.]+$", line[max(0, m.start() - 64):m.start()])  # a bounded look-back
            w = word.group() if word else ""
            if (r.abbrev.search(w) and not (r.final_abbrev.search(w.split(".")[-1] or w)
                                            and r.new_sentence_after.match(line[m.end():m.end() + 3]))) \
                    or re.fullmatch(r"[A-Za-z]|\d+(?:\.\d+)*", w):
                continue
        cuts.append((m.end(), m.group() in (";", "；")))
    spans: list[tuple[int, int]] = []
    start = 0
    for k, (end, semi) in enumerate(cuts):
        if semi and line[end - 1] == "；":  # (the part runs to the next "；" or the end of the sentence)
            j = k + 1  # (an index walk, not a slice per cut: a line of 100,000 "；" stays linear)
            while j < len(cuts) and cuts[j][1] and line[cuts[j][0] - 1] != "；":
                j += 1
            nxt = cuts[j][0] if j < len(cuts) else len(line)
            if not _own_clause_zh(line[end:nxt]):
                continue  # "收集的信息：IMEI；OAID；使用目的：推送" stays one sentence: fields of one entry
        elif semi or _EXAMPLES_NEXT.match(line, end):
            # "...: IMEI; MAC address; Android ID." and "... information about your device. For example, IMEI number, IMSI
            # number." stay one sentence: the part after the cut has no verb of its own
            nxt = cuts[k + 1][0] if k + 1 < len(cuts) else len(line)
            part = _RELATIVE_YOU.sub(" ", line[end:nxt]) if _FRAGMENT_START.match(line, end) else line[end:nxt]
            if not _has_verb(part) and (semi or line[end:end + 8].lstrip()[:1] not in "例比譬" or _has_verb(line[start:end])):
                continue  # (not after a Chinese label with no verb, "2.6后台状态信息。例如：…": the label's examples, read as such)
        spans.extend(_bounded(line, start, end))
        start = end
    if start < len(line):
        spans.extend(_bounded(line, start, len(line)))
    return spans


# a sentence of examples only ("For example, IMEI number, IMSI number, the version of your operating system.") goes on with
# the one before it, whose verb it has (fresh-cx's Gynoid Home)
# ... and one that starts "Such as" or "Including" is no sentence of its own even when a relative clause in it has the
# reader as subject ("The application does NOT collect any user-generated content. Such as your name, surname, email,
# photos, or anything you type within the app.": fresh-eb's Memoir)
_FRAGMENT_START = re.compile(r"\s*(?:such\s+as|including)\b", re.I)
_RELATIVE_YOU = re.compile(r"\b(?:that\s+|which\s+)?you\s+(?:\w+\s+)?\w+", re.I)
_EXAMPLES_NEXT = re.compile(r"\s*(?:(?:for\s+(?:example|instance)|e\.\s?g\.|such\s+as|including)\b|(?:例如|比如|譬如)\s*[：:，,])",
                            re.I)  # (and "我们可能会接收并记录您所使用的设备相关信息。例如：设备机型、设备标识符（IMEI/…）": fresh-do's JsHD)


def _bounded(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence no longer than MAX_SENTENCE: a longer run (a flattened table or list, text with no full stops)
    is cut after the last comma or space before each limit. Reading a sentence costs its length times its data
    mentions, so an unbounded one made a 60,000-character line without a full stop take minutes; the longest
    sentence of the 166 real policies read so far is 1,389 characters."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(line.rfind(", ", limit - 300, limit), line.rfind(" ", limit - 300, limit))
        cut = cut + 1 if cut > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


_VERBISH_ZH = re.compile(r"我们|您|收集|采集|获取|读取|调用|访问|共享|上传|传输|发送|存储|保存|接收|使用|提供|披露|会|将|可能")
_VERBISH = re.compile(r"\b(?:we|you|it|they|will|may|can|shall|is|are|was|were|collect\w*|use[sd]?|shar\w+|"
                      r"provid\w+|obtain\w*|access\w*|send\w*|sent|stor\w+|disclos\w+|process\w*)\b", re.I)


def _has_verb(s: str) -> bool:
    return bool(_VERBISH.search(s) or _VERBISH_ZH.search(s))


# a "；" ends a Chinese sentence before a part that starts the next SDK entry (its name label) or is a clause with its own
# actor and verb ("；如您使用地图服务，高德需要收集…", "；友盟SDK会收集…"); a part that is a field of the same entry ("；收集的信息：
# IMEI"), an item ("；OAID") or goes on with the same actor ("；并会提供给…", "；用于…") does not end it
_ENTRY_LABEL_ZH = re.compile(r"^\s*(?:\d+[.、)）]\s*)?(?:第三方SDK名称|SDK名称|第三方名称|第三方|合作方名称|合作方主体|合作方|"
                             r"SDK提供方|提供方|运营方|运营公司|公司名称|插件名称|名称)\s*[：:]")
_FIELD_ZH = re.compile(r"^\s*[^，,：:；。]{1,12}[：:]")
_GOES_ON_ZH = re.compile(r"^\s*(?:并|且|以及|及|或|从而|进而|用于|以便|以免|便于|包括|例如|如[：:]|等)")
_OWN_VERB_ZH = re.compile(r"(?:会|将|需要?|可能|可以|均|也|还|才|仅)\s*(?:[^，,；。]{0,24}?)(?:收集|采集|获取|读取|调用|访问|共享|上传|"
                          r"传输|发送|存储|保存|接收|使用您的|提供给)")


def _own_clause_zh(part: str) -> bool:
    if _ENTRY_LABEL_ZH.match(part):
        return True
    if _FIELD_ZH.match(part) or _GOES_ON_ZH.match(part):
        return False
    return bool(_OWN_VERB_ZH.search(part))


def pseudo_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of a clause's pseudo-negations ("not only", the reader's request "requesting that ... not be used", advice
    to the reader): a denial's trigger inside one denies nothing."""
    return tuple((m.start(), m.end()) for m in rules().pseudo.finditer(text))


@lru_cache(maxsize=4096)
def negation_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Spans of a clause under a negation: (start, end, kind) with kind deny | except | consent."""
    r = rules()
    pseudo = pseudo_spans(text)
    out: list[tuple[int, int, str]] = []
    terms = [(m.start(), m.end()) for m in r.term.finditer(text)]
    # (a data verb joined by "or" to a pseudo-negation's verb is negated from where it starts)
    triggers = [m for m in r.pre.finditer(text) if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in pseudo)]
    triggers += list(r.coordinated.finditer(text))
    for m in sorted(triggers, key=lambda x: x.start()):
        end = min(next((a for a, _b in terms if a >= m.end()), len(text)), m.end() + MAX_SCOPE)
        if text[end:end + 1] == ":" and _BARE_VERBS.fullmatch(text[m.end():end]):
            # a colon right after the negated verb opens its objects ("We explicitly do NOT log: spot labels, GPS
            # coordinates, ...", grid 94's SKUFD): the scope runs on through them
            end = min(next((a for a, _b in terms if a > end), len(text)), end + MAX_SCOPE)
        end = min(end, _bracket_end(text, m.start()))  # ("(e.g. a dating profile excluding sensitive data)")
        if r.interrupting.search(text, max(0, m.start() - 12), m.start()):  # (", but never log or store, your IP")
            comma = text.find(",", m.end(), m.end() + 40)
            end = min(end, comma) if comma >= 0 else end
        if r.relative.search(text, max(0, m.start() - 8), m.start()) and r.relative_verb.search(m.group()):  # ("files that do not contain X, geo-location")
            comma = text.find(",", m.end())
            end = min(end, comma) if comma >= 0 else end
        stop = text[end:end + 30]
        kind = "except" if r.exception.match(stop) and not r.legal_duty.match(stop) else "deny"
        scope = text[m.start():end]
        # (the consent may come after a long object: "We do not share information that personally identifies you (...
        # 160 characters ...) with advertising partners unless you give us permission", fresh-cz's Belka Games)
        if r.without_consent.search(scope) or r.without_consent.match(stop) \
                or (end == m.end() + MAX_SCOPE and r.without_consent.search(text[end:end + MAX_SCOPE])):
            kind = "consent"
        out.append((m.start(), end, kind))
    for m in r.post.finditer(text):
        if any(a <= m.start() < b for a, b in pseudo):
            continue
        start = max((b for _a, b in terms if b <= m.start()), default=0)
        start = max(start, m.start() - MAX_SCOPE)
        # a passive denial inside a bracket, with its own words before it, starts there ("your email address, password
        # (for clarity it is not stored on our server in plaintext; ...)": not the e-mail address; session 25, fresh-gh's
        # SensorPush); a bracket that is only the denial ("IDFV (not collected)") speaks of what comes before it
        opened = _bracket_start(text, m.start())
        if opened and re.search(r"[^\W\d_]", text[opened + 1:m.start()]):
            start = max(start, opened)
        kind = "consent" if r.without_consent.search(text[m.end():m.end() + 60]) else "deny"
        after = text[m.end():m.end() + 30]
        if r.exception.search(after) and not r.legal_duty.search(after):
            kind = "except"
        out.append((start, m.end(), kind))
    return tuple(out)


# the verbs alone between a negation and a colon ("do NOT log:", "do not collect or store:"), with no object of their own
_BARE_VERBS = re.compile(r"(?:\s*(?:collect|gather|log|store|record|track|share|sell|send|transmit|upload|access|use|keep|"
                         r"save|retain|process|request|ask\s+for|or|and|,)\s*)*", re.I)


def _bracket_start(text: str, at: int) -> int:
    """Where the bracket (ASCII or full-width) that `at` is inside opens (0 when it is inside none): the start-side twin of
    _bracket_end, for a passive denial that reaches back no further than its bracket."""
    opened = max(text.rfind("(", 0, at), text.rfind("（", 0, at))
    closed = max(text.rfind(")", 0, at), text.rfind("）", 0, at))
    return opened if opened > closed else 0


def _bracket_end(text: str, at: int) -> int:
    """Where the parenthesis that `at` is inside closes (len(text) when it is inside none): a negation in brackets
    reaches no further."""
    opened = text.rfind("(", 0, at)
    if opened < 0 or text.rfind(")", opened, at) >= 0:
        return len(text)
    close = text.find(")", at)
    return close if close >= 0 else len(text)


def states_nothing(text: str) -> bool:
    """A sentence that makes no collection statement: contact lines, rights, definitions, boilerplate."""
    r = rules()
    return any(rx.search(text) for rx in r.none) or bool(r.definition.search(text))


def nothing_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentence rules of `states_nothing` match: (start, end) of each match."""
    r = rules()
    return [m.span() for rx in (*r.none, r.definition) for m in rx.finditer(text)]


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
