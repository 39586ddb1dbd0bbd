"""Which recipients and data types the reader's statements cover (CONTRACT.md "What counts as covering").

Applied after the sentence analysis, statement by statement, with the rules in
monitor/rules/policy_covering.toml:
- a recipient class narrowed to one kind of SDK ("third-party push SDKs", "advertising partners") gets a
  `class:<category>` qualifier: it covers only SDKs of that category (compare.py reads it);
- a class tied to identity verification ("我们委托的第三方服务机构，用于验证您所提供的认证信息") is a kind of company no SDK is: it
  covers no SDK (class:verification);
- "the (designated) partner providing this service" (提供该服务的指定合作伙伴) is the provider its line's label names: an SDK
  named there gets the data, a provider of a kind no SDK is ("话费虚拟商品服务商：") makes the class cover no SDK;
- a class that *obtained* the data the first party uses ("information our partners have obtained", "obtained
  from the third party") is a source, not a recipient: the statement is the first party's;
- a denial of sharing with an open exception ("not provided to third parties unless you consent") is a
  denial marked `excepted`: it gives the class no coverage, and compare.py never reads it as a promise; but when its only
  exception is the user's consent ("we do not give your e-mail address to a third party without your consent"), it is
  also marked `consent_only` and holds for the types it names (consent cannot be seen in traffic);
- a named SDK the sentence only mentions (an account, a data source, what the app checks for) is not a recipient:
  its statements get a `mentioned` qualifier and compare.py judges them as the first party's;
- a denial limited to one feature, page or occasion ("When you use the payment function, we do not collect ...")
  gets a `within:feature` qualifier: compare.py treats it as scoped, so it contradicts nothing;
- an SDK named as an example of a class ("advertising partners, such as AdMob, may collect ...") shares what the
  sentence gives it with the class: a vague statement for `partners`, narrowed as the class is;
- a denial that an SDK's list entry gives the SDK, whose sentence names a class and not the SDK ("We will not provide
  your phone number to advertising partners"), is about others: qualifier `to_others`, it denies nothing to the SDK;
- an entry field promising encrypted transmission ("处理方式：...加密传输...") on one of the two lines before a line of the
  entry's data gives that line's SDK statements the qualifier `encrypted` (compare.py: clear text breaks it);
- a row of a permissions table gives vague coverage at most (it says what a permission is for);
- a class word in the possessive ("a third party's Personal Information (such as name, email ...)") names whose data
  it is, not a recipient: a class statement whose sentence names the class only so is the first party's;
- a password named only as a security measure or as advice to the reader ("change your passwords often", "This includes
  not sharing your passwords") states no collection of credentials;
- an instruction for exercising a choice by writing to us ("opt out by sending an email ... include your name and email
  address") states no collection of the contact data it mentions;
- broad device terms reach `device_uid` only in a policy about a connected product;
- a connected product's serial number, stated as device_uid, names `serial` too (names_type, read by compare.py);
- an unqualified "advertising ID", stated as the GAID (or an iOS-only policy's IDFA), names the other platform's ID too;
- a list of the Wi-Fi networks around the phone (stated as `ssid`) also gives their BSSIDs vague coverage;
- a bank or card account ("bank account information") is no account information (the login account's e-mail, phone
  number and credentials);
- a location the sentence derives from the IP address ("your location (based on your IP address)") is no precise location;
- a storage sentence that only permits a place ("may be stored in the United States") or leaves the list of places open
  ("in the United States and other countries") is no storage promise;
- a collection sentence whose subject is the owner beside its class ("AccuWeather and its partners ... may collect precise
  location data") is the first party's too;
- a collection sentence whose subject is a class ("third-party libraries in the app may use device identifiers", "I and
  my service providers collect ...") gives that class vague coverage too (narrowed as the class is);
- a sharing promise that denies only selling ("we do not sell your personal information") is dropped;
- a storage promise naming a region (EU) holds for its member countries (in_place, read by compare.py);
- an English sentence placing our servers in one country ("Our servers are located in the United States") is a storage
  claim for that country;
- a promise that every connection is encrypted ("HTTPS/TLS encryption for all connections") is a transport claim (kind
  other, about transport): a finding the first party receives in clear text breaks it (compare.py);
- a promise that the user's data reaches our servers only after being encrypted on the user's device ("never sent ...
  without first being encrypted on your local device") is a claim (kind other, about client_encryption): any value the
  first party receives that privmon can read breaks it, hashed or encoded too (compare.py);
- Chinese storage promises ("存储于中国境内") are storage claims (country CN), and Chinese sentences that send data
  abroad as a matter of course (not "如需跨境传输 ...") are cross-border claims that allow it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

from monitor.model import Claim, Evidence, Statement
from monitor.policy.clause import rules as clause_rules
from monitor.policy.vocab import find_terms, row_silenced
from monitor.rules.fields import build, each, named, rule, strings, words

RULES = Path(__file__).resolve().parent.parent / "rules" / "policy_covering.toml"
Finder = Callable[[str], list[tuple[str, int, int]]]  # the SDK names in a text: (sdk id, start, end)
CLASSES = ("third_party", "partners", "advertisers")
MAX_TRANSPORT = 300  # a transport promise is one short sentence; a long one is about something else too
MAX_DEFINED_TEXT = 400_000  # defined terms are looked for in the first 400k characters
GROUP = "corporate_group"
PROVIDER = "named_provider"  # a provider of a kind no SDK is (a phone-credit vendor): the class covers no SDK  # the policy owner's affiliates: no SDK is of this category, so the class covers none


Role = tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]  # before, name, after


def _narrowed(value: dict[str, str], flags: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return named({k: v for k, v in value.items() if k not in ("generic", "anaphor")}, flags)


def _roles(value: list[dict[str, str]], flags: int) -> tuple[Role, ...]:
    """The [[mention.role]] entries of the rules: (before, name, after), each absent part None."""
    def part(role: dict[str, str], key: str) -> re.Pattern[str] | None:
        return re.compile(role[key], flags) if key in role else None
    return tuple((part(r, "before"), part(r, "name"), part(r, "after")) for r in value)


def _sets(value: dict[str, list[str]], _flags: int) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in value.items()}


@dataclass(frozen=True, slots=True)
class CoveringRules:
    narrowed: tuple[tuple[str, re.Pattern[str]], ...] = rule("class", _narrowed)
    generic: re.Pattern[str] = rule("class.generic")
    class_back: re.Pattern[str] = rule("class.anaphor")
    group_others: re.Pattern[str] = rule("group.others")
    source: tuple[re.Pattern[str], ...] = rule("source", each)
    excepted_sharing: re.Pattern[str] = rule("denial.excepted_sharing")
    sdk_integrate_zh: re.Pattern[str] = rule("subject.sdk_integrate_zh")
    collected_shared: re.Pattern[str] = rule("carry.collected_shared")
    collected_shared_not: re.Pattern[str] = rule("carry.collected_shared_not")
    collected_auto: re.Pattern[str] = rule("carry.collected_auto")
    collected_auto_not: tuple[str, ...] = rule("carry.collected_auto_not", strings)
    collected_given: re.Pattern[str] = rule("carry.collected_given")
    collected_advertisers: re.Pattern[str] = rule("carry.collected_advertisers")
    collected_partners: re.Pattern[str] = rule("carry.collected_partners")
    collected_third: re.Pattern[str] = rule("carry.collected_third")
    excepted_sharing_zh: re.Pattern[str] = rule("denial.excepted_sharing_zh")
    affirmed_sharing: re.Pattern[str] = rule("denial.affirmed_sharing")
    permission_row: re.Pattern[str] = rule("rows.permission_row")
    iot_only: tuple[str, ...] = rule("types.iot_only", strings)
    connected_product: re.Pattern[str] = rule("types.connected_product")
    permissive_storage: re.Pattern[str] = rule("claims.permissive_storage")
    exclusive_storage: re.Pattern[str] = rule("claims.exclusive_storage")
    mention_roles: tuple[Role, ...] = rule("mention.role", _roles)
    mention_skip: re.Pattern[str] = rule("mention.skip.text")
    wifi_list: re.Pattern[str] = rule("types.wifi_list")
    wifi_list_covers: tuple[str, ...] = rule("types.wifi_list_covers", strings)
    storage_cn: re.Pattern[str] = rule("claims.storage_cn")
    abroad_cn: re.Pattern[str] = rule("claims.abroad_cn")
    abroad_cn_not: re.Pattern[str] = rule("claims.abroad_cn_not")
    abroad_cn_denied: re.Pattern[str] = rule("claims.abroad_cn_denied")
    mode_before: re.Pattern[str] = rule("scope.mode_before")
    hosted_words: re.Pattern[str] = rule("carry.hosted_words")
    hosted_before: re.Pattern[str] = rule("carry.hosted_before")
    hosted_after: re.Pattern[str] = rule("carry.hosted_after")
    hosted_not: re.Pattern[str] = rule("carry.hosted_not")
    feature_denial: re.Pattern[str] = rule("scope.feature_denial")
    third_party_sign_in: re.Pattern[str] = rule("scope.third_party_sign_in")
    only_named: re.Pattern[str] = rule("scope.only_named")
    sale_only: re.Pattern[str] = rule("claims.sale_only")
    share_verbs: re.Pattern[str] = rule("claims.share_verbs")
    given_by_user: re.Pattern[str] = rule("claims.given_by_user")
    sold_transfer: re.Pattern[str] = rule("claims.sold_transfer")
    class_examples: re.Pattern[str] = rule("examples.class_before")
    product_serial: re.Pattern[str] = rule("types.product_serial")
    generic_ad_id: re.Pattern[str] = rule("types.generic_ad_id")
    ad_ids: tuple[str, ...] = rule("types.ad_ids", strings)
    regions: dict[str, frozenset[str]] = rule("claims.regions", _sets)
    class_subject: re.Pattern[str] = rule("subject.class_subject")
    open_storage: re.Pattern[str] = rule("claims.open_storage")
    worldwide_storage: re.Pattern[str] = rule("claims.worldwide_storage")
    other_storer: re.Pattern[str] = rule("claims.other_storer")
    regional_storage: re.Pattern[str] = rule("claims.regional_storage")
    instruction: re.Pattern[str] = rule("instruction.text")
    instruction_types: tuple[str, ...] = rule("instruction.types", strings)
    plain_form: re.Pattern[str] = rule("denial.plain_form")
    unrelated_class: re.Pattern[str] = rule("denial.unrelated_class")
    carved_out: re.Pattern[str] = rule("denial.carved_out")
    exception: re.Pattern[str] = rule("denial.exception")
    consent_exception: re.Pattern[str] = rule("denial.consent_exception")
    legal_tail: re.Pattern[str] = rule("denial.legal_tail")
    consent_only_not: re.Pattern[str] = rule("denial.consent_only_not")
    transport_all: re.Pattern[str] = rule("claims.transport_all")
    transport_protect: re.Pattern[str] = rule("claims.transport_protect")
    transport_not: re.Pattern[str] = rule("claims.transport_not")
    transport_abroad: re.Pattern[str] = rule("claims.transport_abroad")
    transport_abroad_reach: int = rule("claims.transport_abroad_reach", lambda v, _f: int(v))
    client_encryption: re.Pattern[str] = rule("claims.client_encryption")
    server_location: re.Pattern[str] = rule("claims.server_location")
    countries: tuple[tuple[str, re.Pattern[str]], ...] = rule("claims.countries", named)
    designated: re.Pattern[str] = rule("provider.designated")
    label: re.Pattern[str] = rule("provider.label")
    class_words: re.Pattern[str] = rule("provider.class_words")
    entry_label: re.Pattern[str] = rule("provider.entry_label", flags=re.M)
    entry_advertisers: re.Pattern[str] = rule("provider.entry_advertisers")
    entry_company: re.Pattern[str] = rule("provider.entry_company")
    transit_field: re.Pattern[str] = rule("transit.field")
    transit_not: re.Pattern[str] = rule("transit.field_not")
    members: dict[str, frozenset[str]] = rule("class_members", _sets)
    umbrella: frozenset[str] = rule("types.umbrella", words)
    sdk_subject_before: re.Pattern[str] = rule("subject.sdk_subject_before")
    sdk_subject_after: re.Pattern[str] = rule("subject.sdk_subject_after")
    defined_term: re.Pattern[str] = rule("defined.term", flags=re.ASCII)
    considered: str = rule("defined.considered", lambda v, _f: v)
    label_term: re.Pattern[str] = rule("defined.label_term", flags=re.ASCII)
    collect_denial: re.Pattern[str] = rule("denial.collect_denial")
    enumeration: re.Pattern[str] = rule("carry.enumeration")
    class_given: re.Pattern[str] = rule("carry.class_given")
    listed_below: re.Pattern[str] = rule("carry.listed_below")
    class_list_intro: re.Pattern[str] = rule("carry.class_list_intro")
    class_list_advertisers: re.Pattern[str] = rule("carry.class_list_advertisers")
    ad_member: dict[str, str] = rule("carry.ad_member", lambda v, _f: dict(v))
    class_list_partners: re.Pattern[str] = rule("carry.class_list_partners")
    class_list_third: re.Pattern[str] = rule("carry.class_list_third")
    class_list_not: re.Pattern[str] = rule("carry.class_list_not")
    more_info_intro: re.Pattern[str] = rule("carry.more_info_intro")
    class_anaphor: re.Pattern[str] = rule("carry.class_anaphor")
    others_given: re.Pattern[str] = rule("carry.others_given")
    exchange: re.Pattern[str] = rule("carry.exchange")
    owner_and_class: re.Pattern[str] = rule("subject.owner_and_class")
    sdk_class_zh: re.Pattern[str] = rule("subject.sdk_class_zh")
    ip_location: re.Pattern[str] = rule("types.ip_location")
    coarse_label: re.Pattern[str] = rule("types.coarse_label")
    never_sent: re.Pattern[str] = rule("types.never_sent")
    never_sent_anywhere: re.Pattern[str] = rule("types.never_sent_anywhere")
    class_named_after: re.Pattern[str] = rule("types.class_named_after")
    payment_account: re.Pattern[str] = rule("types.payment_account")
    payment_account_types: tuple[str, ...] = rule("types.payment_account_types", strings)
    precise_location: re.Pattern[str] = rule("types.precise_location")
    own_product: str = rule("own.product", lambda v, _f: v)
    password_advice: re.Pattern[str] = rule("advice.password")
    store_only: re.Pattern[str] = rule("advice.store_only")
    store_only_not: re.Pattern[str] = rule("advice.store_only_not")
    possessive_class: re.Pattern[str] = rule("possessive.class")
    advice_collect: re.Pattern[str] = rule("advice.collect")


@lru_cache(maxsize=1)
def covering_rules() -> CoveringRules:
    return build(CoveringRules, tomllib.loads(RULES.read_text(encoding="utf-8")), re.IGNORECASE | re.ASCII)


@lru_cache(maxsize=4096)
def class_categories(text: str) -> tuple[str, ...]:
    """The SDK categories a sentence narrows its recipient class to; () when it names a class in general."""
    r = covering_rules()
    cats: list[str] = []
    rest = text
    for cat, rx in r.narrowed:
        if rx.search(rest):
            cats.append(cat)
            rest = rx.sub(" ", rest)
    if not cats or r.generic.search(r.class_back.sub(" ", rest)):
        return ()
    if GROUP in cats and r.group_others.search(rest):
        return ()  # the group beside advertisers or other companies: a class in general
    return tuple(cats)


def in_class(classes: Sequence[str], category: str, sdk: str) -> bool:
    """An SDK (its id, its sdks.toml category) belongs to one of the narrowed classes: a category, or a class no category
    matches whose members [class_members] lists ("ad measurement partners": the attribution SDKs)."""
    members = covering_rules().members
    return category in classes or any(sdk in members.get(c, ()) for c in classes)


def connected_product(text: str, product_words: bool) -> bool:
    """A policy about a connected product (camera, smart device): the reader's product words, or a product function."""
    return product_words or bool(covering_rules().connected_product.search(text[:200_000]))


def only_mentioned(text: str, sdk: str, find: Finder) -> bool:
    """Every mention of `sdk` in the sentence names an account, a data source, what the app checks for or a tool the
    user shares with (CONTRACT.md, "Mentioned is not a recipient"); False when it is not named in the sentence."""
    r = covering_rules()
    if r.mention_skip.search(text):
        return False
    hits = [(a, b) for s, a, b in find(text) if s == sdk]
    return bool(hits) and all(_mention_role(text, a, b, r) for a, b in hits)


def _names_a_class(text: str, r: CoveringRules) -> bool:
    return bool(r.generic.search(text) or class_categories(text) or r.group_others.search(text))


def _named_as_example(text: str, sdk: str, find: Finder, r: CoveringRules) -> bool:
    """The SDK is named as an example of a class ("advertising partners, such as AdMob")."""
    return any(r.class_examples.search(text[max(0, a - 240):a]) for s, a, _b in find(text) if s == sdk)


def _mention_role(text: str, a: int, b: int, r: CoveringRules) -> bool:
    pre, name, post = text[max(0, a - 200):a], text[a:b], text[b:b + 200]
    return any((before is None or before.search(pre)) and (nm is None or nm.search(name))
               and (after is None or after.search(post)) for before, nm, after in r.mention_roles)


def names_type(s: Statement, type_id: str) -> bool:
    """A clear statement names `type_id`: its own type, or (a connected product's serial number, stated as device_uid)
    the `serial` that traffic shows for a serial-number field, or (an unqualified "advertising ID" stated as one
    platform's) the other platform's advertising ID."""
    if s.vague:
        return False
    if s.type == type_id:
        return True
    r = covering_rules()
    if type_id in r.ad_ids and s.type in r.ad_ids:  # "advertising ID": the platform's, whichever the traffic shows
        return bool(r.generic_ad_id.search(s.evidence.text))
    return type_id == "serial" and s.type == "device_uid" and bool(r.product_serial.search(s.evidence.text))


def denies_category(s: Statement) -> bool:
    """A denial in a category term ("device identifiers", "account data"), not an umbrella word ("personal
    information"): it denies each member of the category (compare.py reads it where nothing else covers the member)."""
    return s.stance == "denies" and s.vague and bool(s.covers) and s.type not in covering_rules().umbrella


def denies_collecting(s: Statement) -> bool:
    """A denial whose own sentence says the app or we do not collect ("We do not collect names, emails ...", "The App
    does not collect location data"), not a row that inherits its negation from a heading above it."""
    return s.stance == "denies" and bool(covering_rules().collect_denial.search(s.evidence.text))


def denies_plain_form(s: Statement) -> bool:
    """A denial of the type's plain form only ("passwords in plain text"): a hashed value does not break it."""
    return s.stance == "denies" and bool(covering_rules().plain_form.search(s.evidence.text))


_BRACKETED = re.compile(r"\s*[（(]([^()（）]{1,160})[)）]")
_OPEN_LIST = re.compile(r"如|例如|比如|诸如|等|包括|包含|含|\b(?:such\s+as|e\.\s?g|including|includes|for\s+example|"
                        r"for\s+instance|etc|among|other|like)\b|\.\.\.|…", re.I)


def _closed_list(text: str, type_id: str) -> bool:
    """Every mention of this broad term in the sentence is followed by a bracketed list that names contract types and
    leaves nothing open ("设备信息（IMEI/MAC/Android ID）", "device identifiers (IDFA, IDFV)"; not "(如OAID、Android ID)",
    "(such as ...)", "(... etc.)"): the broad term covers nothing beyond the types the list states."""
    mentions = [e for term, _s, e in find_terms(text) if term.vague and term.type == type_id]
    if not mentions:
        return False
    for e in mentions:
        m = _BRACKETED.match(text, e)
        if m is None or _OPEN_LIST.search(m.group(1)) or not any(not t.vague for t, _a, _b in find_terms(m.group(1))):
            return False
    return True


def denies_unrelated(s: Statement) -> bool:
    """A class denial to third parties unrelated to the service ("不会向任何无关第三方提供", "to unrelated third parties"):
    it does not reach an SDK the policy itself names as receiving the type."""
    return s.stance == "denies" and bool(covering_rules().unrelated_class.search(s.evidence.text))


def carved_out(s: Statement) -> bool:
    """A denial that is a type carved out of a sharing its own sentence states ("we provide information, excluding
    precise coordinates, to platforms that ..."): it limits that sharing and promises nothing beyond it."""
    return s.stance == "denies" and bool(covering_rules().carved_out.search(s.evidence.text))


def _coarse_kept(statements: list[Statement]) -> list[Statement]:
    """A sentence that denies the location and collects the coarse one ("We do not collect information about your location
    from your mobile device, but we do log your IP address, which can be used to approximate location": session 34,
    fresh-iw's Osmo) denies the precise location only."""
    kept = {(s.recipient, s.evidence.start) for s in statements if s.type == "location_coarse" and s.stance == "collects"}
    return [s for s in statements if not (s.type == "location_coarse" and s.stance == "denies"
                                          and (s.recipient, s.evidence.start) in kept)]


def apply_covering(statements: list[Statement], iot: bool, find: Finder | None = None,
                   policy_text: str = "", aliases: dict[str, str] | None = None) -> list[Statement]:
    r = covering_rules()
    out: list[Statement] = []
    seen: set[tuple[str, str, str, int, bool]] = set()
    for s in statements:
        text = s.evidence.text
        if s.recipient == "first_party" and s.stance != "denies" and find is not None:
            subject = _sdk_subject(text, find, r, aliases)
            if subject:  # "Amplitude uses device identifiers": the SDK's, not ours
                s = replace(s, recipient=subject)
        if s.recipient == "first_party" and s.stance != "denies" and r.sdk_class_zh.search(text):
            s = replace(s, recipient="third_party", qualifiers=(*s.qualifiers, "sdk_class"))  # "第三方SDK会收集…"
        if s.recipient in CLASSES and s.stance != "denies" and policy_text and r.designated.search(text):
            s = _designated(s, _line(policy_text, s.evidence.start), r, find)
        entry_class = _entry_class(policy_text, s, find, r) if find is not None and policy_text \
            and s.recipient not in (*CLASSES, "first_party") and s.stance != "denies" else None
        if entry_class is not None:  # the data lines of an entry whose recipient field names only a class
            for extra_class in entry_class[1:]:
                out.append(replace(s, recipient=extra_class[0], qualifiers=(*s.qualifiers, *extra_class[1:])))
            s = replace(s, recipient=entry_class[0][0], qualifiers=(*s.qualifiers, *entry_class[0][1:]))
        if s.recipient not in (*CLASSES, "first_party") and s.stance != "denies" and "encrypted" not in s.qualifiers \
                and policy_text:
            field = transit_field(policy_text, s.evidence.start,
                                  None if find is None else partial(_names_an_sdk, find=find))
            if field:  # the field's place rides along, for the evidence (compare.py)
                s = replace(s, qualifiers=(*s.qualifiers, "encrypted", f"transit:{field[0]}:{field[1]}"))
        if s.vague and not iot and any(t in s.covers for t in r.iot_only):
            s = replace(s, covers=tuple(t for t in s.covers if t not in r.iot_only))
        if not s.vague and s.stance != "denies" and r.permission_row.search(text):
            s = replace(s, vague=True, covers=(s.type,))
        if find is not None and s.recipient not in (*CLASSES, "first_party") and "mentioned" not in s.qualifiers \
                and only_mentioned(text, s.recipient, find):
            s = replace(s, qualifiers=(*s.qualifiers, "mentioned"))
        if s.stance == "denies" and find is not None and s.recipient not in (*CLASSES, "first_party") \
                and s.recipient not in {sdk for sdk, _a, _b in find(text)} and _names_a_class(text, r):
            # the SDK came from the context (its list entry); the sentence denies giving data to others, not to it
            s = replace(s, qualifiers=(*s.qualifiers, "to_others"))
        if s.stance == "denies" and not s.scoped:
            before = _sentence_before(policy_text, s.evidence.start) if policy_text else ""
            if r.feature_denial.search(text) or (_EXAMPLE_OPEN.match(text) and r.feature_denial.search(before)) \
                    or r.mode_before.match(before):
                # (also its example, the next sentence: "If you decide that you do not want a personalized advertising
                # experience, we will not process your personal data for this purpose. For example, we will not collect
                # ... your Android Advertising Identifier", grid 85's MoPub)
                s = replace(s, qualifiers=(*s.qualifiers, "within:feature"))
            elif s.recipient in CLASSES and sale_only(text):
                # "We do not sell, rent, or lease your phone number ... to third parties": SDKs get data without buying
                # it (as for the claims: a promise about selling only, grid 58's Parler)
                s = replace(s, qualifiers=(*s.qualifiers, "within:sale"))
            elif s.type == "credentials" and policy_text \
                    and r.third_party_sign_in.search(policy_text[slice(*_line_span(policy_text, s.evidence.start))]):
                # "If you choose to sign in using a third-party identity provider such as Apple or Google, we receive
                # ... We do not receive your password.": that provider's password, not the app's own login (grid 58)
                s = replace(s, qualifiers=(*s.qualifiers, "within:feature"))
        if s.vague and s.stance != "denies" and _closed_list(text, s.type):
            continue  # "设备标识信息（OAID、Android ID）": the list in brackets says all the broad term holds
        if s.vague and s.type in r.payment_account_types and r.payment_account.search(text) \
                and not any(t.type == s.type for t, _a, _b in find_terms(r.payment_account.sub(" ", text))):
            continue  # "bank account information" is payment data, not the user's account
        if s.type == "location_precise" and not s.vague and (r.ip_location.search(text) and not r.precise_location.search(text)
                                                              or r.coarse_label.search(text)):
            continue  # "your location (based on your IP address)": the coarse location only (CONTRACT.md "Location")
        if s.type == "credentials" and s.stance == "denies" and r.store_only.search(text) \
                and not r.store_only_not.search(text):
            # "we do not store your login credentials": kept nowhere, but sent at login: a denial traffic cannot break
            s = replace(s, qualifiers=(*s.qualifiers, "excepted", "not_stored"))
        if s.type == "credentials" and s.stance != "denies" and row_silenced(text, s.type, r.password_advice) \
                and not r.advice_collect.search(text):
            continue  # "change your passwords often": advice to the reader, no password collected
        if s.type in r.instruction_types and row_silenced(text, s.type, r.instruction):
            continue  # how to reach us to opt out: the user's e-mail is the channel, not data collected or shared
        if s.recipient == "first_party" and s.stance == "denies" and r.excepted_sharing.search(text) \
                and _names_a_class(text, r):
            # "we do not intend to give your e-mail address to a third party without your consent": a sharing denial
            # with an open exception (read with the first party as its subject), not a denial of collection
            s = replace(s, qualifiers=(*s.qualifiers, "excepted"))
        if s.recipient in CLASSES and s.stance != "denies" and r.possessive_class.search(text) \
                and not _names_a_class(r.possessive_class.sub(" ", text), r):
            s = replace(s, recipient="first_party")  # "a third party's personal information": whose data, not who gets it
        if s.recipient in CLASSES:
            if r.excepted_sharing.search(text) and not r.affirmed_sharing.search(r.excepted_sharing.sub(" ", text)):
                s = replace(s, stance="denies", qualifiers=(*s.qualifiers, "excepted", *_consent_only(text, r)))
            elif r.excepted_sharing_zh.search(text) and not r.affirmed_sharing.search(r.excepted_sharing_zh.sub(" ", text)):
                # the stance stays as the reader read it
                s = replace(s, qualifiers=(*s.qualifiers, "excepted", *(_consent_only(text, r) if s.stance == "denies" else ())))
            if any(rx.search(text) for rx in r.source) and not _names_class_elsewhere(text, r):
                s = replace(s, recipient="first_party")
            else:
                cats = class_categories(text)
                if cats and not (s.recipient == "advertisers" and cats == ("advertising",)):  # already says so
                    s = replace(s, qualifiers=(*s.qualifiers, *(f"class:{c}" for c in cats)))
        extra = [s]
        if find is not None and s.stance != "denies" and s.recipient not in (*CLASSES, "first_party") \
                and "mentioned" not in s.qualifiers and _named_as_example(text, s.recipient, find, r):
            # the class the SDK is an example of gets the same data, vaguely, narrowed as the class is
            cats = tuple(f"class:{c}" for c in class_categories(text))
            extra.append(replace(s, recipient="partners", vague=True, covers=s.covers if s.vague else (s.type,),
                                 qualifiers=(*s.qualifiers, *cats)))
        if s.recipient == "first_party" and s.stance != "denies" and r.class_subject.search(text):
            # a class is the subject (alone or beside us): the class gets the data too, vaguely, narrowed as it is
            cats = tuple(f"class:{c}" for c in class_categories(text))
            extra.append(replace(s, recipient="third_party", vague=True, covers=s.covers if s.vague else (s.type,),
                                 qualifiers=(*s.qualifiers, *cats)))
        if s.recipient == "first_party" and s.stance != "denies" and r.sdk_integrate_zh.search(text):
            # "本软件可能会集成第三方SDK并收集您的部分设备信息": the SDKs may have it too, vaguely
            extra.append(replace(s, recipient="third_party", vague=True, covers=s.covers if s.vague else (s.type,),
                                 qualifiers=(*s.qualifiers, "sdk_class")))
        if s.recipient in CLASSES and s.stance != "denies" and _owner_beside_class(text, r, find):
            # "AccuWeather and its partners ... may collect precise location data": the owner collects it too
            extra.append(replace(s, recipient="first_party"))
        if s.type == "ssid" and s.stance != "denies" and r.wifi_list.search(text):
            # a list of the Wi-Fi networks around: its entries' BSSIDs too, vaguely
            extra.append(replace(s, type="wifi_list", vague=True, covers=r.wifi_list_covers))
        for x in extra:
            key = (x.type, x.recipient, x.stance, x.evidence.start, x.vague)
            if key in seen:
                continue
            seen.add(key)
            out.append(x)
    out = _coarse_kept(out)
    if policy_text:
        out = _enumerated(out, policy_text, r, find)
        out = _exchanged(out, policy_text, r)
        out = _collected_shared(out, policy_text, r)
        if find is not None:
            out = _listed_below(out, policy_text, find, r, aliases or {})
            out = _paragraph_members(out, policy_text, find, r)
            out = _class_lists(out, policy_text, find, r, aliases or {})
            out = _hosted_with(out, policy_text, find, r)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
MAX_LIST_GAP = 120  # lines between a "listed below" sentence and its list
MIN_LIST = 3  # lines that open with an SDK name make a list


def _sentence_before(policy_text: str, at: int) -> str:
    """The sentence before the one starting at `at`, in the same paragraph (line), or ""."""
    lo = policy_text.rfind("\n", 0, at) + 1
    parts = [p for p in _SENTENCE_END.split(policy_text[lo:at].strip()) if p.strip()]
    return parts[-1] if parts else ""


def _enumerated(statements: list[Statement], policy_text: str, r: CoveringRules,
                find: Finder | None = None) -> list[Statement]:
    """A sentence that only enumerates what the sentence before gives a recipient class ("We allow third party operators
    this collected data ... This could include persistent advertising identifiers"): the class's, not the first party's;
    and the SDKs that sentence names as examples of the class ("partners, such as Google Analytics") are named with it."""
    out: list[Statement] = []
    for s in statements:
        if s.recipient == "first_party" and s.stance != "denies" and "mentioned" not in s.qualifiers \
                and (r.enumeration.search(s.evidence.text) or r.class_anaphor.search(s.evidence.text)):
            # (an enumeration, or a sentence whose subject points back at the class: "These entities may use ...")
            before = _sentence_before(policy_text, s.evidence.start)
            if before and (r.generic.search(before) or r.others_given.search(before)) and r.class_given.search(before) \
                    and not any(rx.search(before) for rx in r.source):
                cats = tuple(f"class:{c}" for c in class_categories(before))
                s = replace(s, recipient="third_party", qualifiers=(*s.qualifiers, *cats, "carried"))
                named = [] if find is None else [sdk for sdk in dict.fromkeys(x for x, _a, _b in find(before))
                                                 if _named_as_example(before, sdk, find, r)]
                out += [replace(s, recipient=sdk) for sdk in named]
        out.append(s)
    return out


def _exchanged(statements: list[Statement], policy_text: str, r: CoveringRules) -> list[Statement]:
    """A first-party statement of data a class supplies ("Information that we may receive from these third-parties may
    include advertising identifiers") in a paragraph that exchanges data both ways with the class ("We may share or
    receive information about you with/from third parties"): the class has it too, vaguely."""
    out = list(statements)
    for s in statements:
        text = s.evidence.text
        if s.recipient != "first_party" or s.stance == "denies" or not any(rx.search(text) for rx in r.source):
            continue
        lo = policy_text.rfind("\n", 0, s.evidence.start) + 1
        both = next((x for x in _SENTENCE_END.split(policy_text[lo:s.evidence.end]) if r.exchange.search(x)), "")
        if both:  # narrowed as the sentence that exchanges the data narrows the class
            cats = tuple(f"class:{c}" for c in class_categories(both))
            out.append(replace(s, recipient="third_party", vague=True, covers=s.covers if s.vague else (s.type,),
                               qualifiers=(*s.qualifiers, *cats, "exchanged")))
    return out


def _collected_shared(statements: list[Statement], policy_text: str, r: CoveringRules) -> list[Statement]:
    """A sentence giving a class "the information we collect": the class has each type the first party collects
    (stated exactly, unscoped), vaguely (one broad statement, `collected_info`, covering them)."""
    collected = tuple(dict.fromkeys(
        s.type for s in statements if s.recipient == "first_party" and s.stance in ("collects", "conditional")
        and not s.vague and not s.scoped))
    if not collected:
        return statements
    out = list(statements)
    at = 0
    for line in policy_text.splitlines(keepends=True):
        if r.collected_shared.search(line):
            for sent in _SENTENCE_END.split(line):
                if not r.collected_shared.search(sent) or r.collected_shared_not.search(sent):
                    continue
                rcp = next((c for c, rx in (("advertisers", r.collected_advertisers), ("partners", r.collected_partners),
                                            ("third_party", r.collected_third)) if rx.search(sent)), "")
                covers = tuple(t for t in collected if t not in r.collected_auto_not) \
                    if r.collected_auto.search(sent) else collected  # (what automated means collect: nothing typed in)
                if r.collected_given.search(sent):  # (what the user gives: only what is typed in)
                    covers = tuple(t for t in covers if t in r.collected_auto_not)
                if rcp and covers:
                    start = at + line.find(sent)
                    cats = tuple(f"class:{c}" for c in class_categories(sent))
                    out.append(Statement(type="collected_info", recipient=rcp, stance="collects",
                                         qualifiers=(*cats, "collected_shared"),
                                         evidence=Evidence(sent, start, start + len(sent)), vague=True, covers=covers))
        at += len(line)
    return out


def _hosted_with(statements: list[Statement], policy_text: str, find: Finder, r: CoveringRules) -> list[Statement]:
    """A sentence naming the company that stores or hosts the app's data ("Data storage for Secure360 products is powered
    by Amazon Web Services", "Android users' data is stored in Google Firebase"): that company holds what the first party
    collects, unscoped and not denied: vaguely (the labellers of the development sets wrote no such recipient; the
    reviewers of grids 138 and 142 read each type as covered at the host, session 30)."""
    own = [x for x in statements if x.recipient == "first_party" and x.stance in ("collects", "conditional")
           and not x.scoped and not any(q.startswith("within:") for q in x.qualifiers)]
    if not own:
        return statements
    hosts: dict[str, None] = {}
    for line in policy_text.splitlines():
        if len(line) <= 4000 and r.hosted_words.search(line):
            for sent in _SENTENCE_END.split(line):
                if r.hosted_not.search(sent):
                    continue
                for sdk, a, b in find(sent):
                    if sdk not in hosts and (r.hosted_before.search(sent[max(0, a - 100):a])
                                             or r.hosted_after.match(sent[b:b + 80])):
                        hosts[sdk] = None
    if not hosts:
        return statements
    out = list(statements)
    seen = {(x.type, x.recipient, x.stance) for x in statements}
    for sdk in hosts:
        for x in own:
            if (x.type, sdk, x.stance) not in seen:
                seen.add((x.type, sdk, x.stance))
                out.append(replace(x, recipient=sdk, vague=True, covers=x.covers if x.vague else (x.type,),
                                   qualifiers=(*x.qualifiers, "hosted")))
    return out


def _listed_below(statements: list[Statement], policy_text: str, find: Finder, r: CoveringRules,
                  aliases: dict[str, str]) -> list[Statement]:
    """A class statement in a paragraph that sends the reader to the operators "listed below": each SDK that opens a line
    of that list is named as one of the class (the statement is copied for it)."""
    out = list(statements)
    lists: dict[int, tuple[str, ...]] = {}
    for s in statements:
        if s.recipient not in CLASSES or s.stance == "denies" or any(q.startswith("class:") for q in s.qualifiers):
            continue
        lo, hi = _line_span(policy_text, s.evidence.start)
        if not r.listed_below.search(policy_text[lo:hi]):
            continue
        if hi not in lists:
            lists[hi] = _list_below(policy_text, hi, find, aliases)
        out += [replace(s, recipient=sdk, qualifiers=(*s.qualifiers, "listed")) for sdk in lists[hi]]
    return out


def _class_lists(statements: list[Statement], policy_text: str, find: Finder, r: CoveringRules,
                 aliases: dict[str, str]) -> list[Statement]:
    """A list the policy introduces as a class ("We work with the following third party advertising networks:", "A list of
    the third-party advertising and technology companies that we work with is set forth below:") names members of that
    class: each exact type the policy gives the class, not denied, not scoped, not narrowed to some kind of partner, goes to
    each SDK the list names too ("listed"). An advertising list takes what a third-party sentence gives advertising
    companies ("with third party advertising and technology companies") as well."""
    given = [s for s in statements if s.recipient in CLASSES and s.stance != "denies" and not s.vague
             and not any(q.startswith(("scope:", "class:")) for q in s.qualifiers)]
    if not given:
        return statements
    members: dict[str, list[str]] = {}
    at = 0
    before = ""  # the last line with text before this one
    for line in policy_text.split("\n"):
        lo, at = at, at + len(line) + 1
        parts = [x for x in _SENTENCE_END.split(line.strip()) if x.strip()] if len(line) <= 3000 else []
        intro = parts[-1] if parts else ""
        more = bool(intro) and bool(r.more_info_intro.search(intro))
        if more:  # "For more information, please visit:" right after "advertisers may ... collect ...": that sentence's
            earlier = parts[:-1] or [x for x in _SENTENCE_END.split(before) if x.strip()]
            intro = earlier[-1] if earlier and len(before) <= 3000 else ""
        before = line.strip() or before
        if not intro or not (more or r.class_list_intro.search(intro)) or r.class_list_not.search(intro):
            continue
        cls = "advertisers" if r.class_list_advertisers.search(intro) else "partners" \
            if r.class_list_partners.search(intro) else "third_party" if r.class_list_third.search(intro) else ""
        if not cls or not _list_starts(policy_text, at, find, aliases):
            continue
        # (links for more information are a list from two names on: the sentence before said who they are)
        below = _list_below(policy_text, lo + len(line), find, aliases, 2 if more else MIN_LIST)
        members.setdefault(cls, []).extend(r.ad_member.get(sdk, sdk) if cls == "advertisers" else sdk for sdk in below)
    if not members:
        return statements
    out = list(statements)
    seen = {(s.type, s.recipient, s.stance) for s in statements if not s.vague}
    for s in given:
        cls = s.recipient
        if cls == "third_party" and r.class_list_advertisers.search(s.evidence.text):
            cls = "advertisers"
        for sdk in dict.fromkeys(members.get(cls, ())):
            if (s.type, sdk, s.stance) not in seen:
                seen.add((s.type, sdk, s.stance))
                out.append(replace(s, recipient=sdk, qualifiers=(*s.qualifiers, "listed")))
    return out


def _list_starts(policy_text: str, at: int, find: Finder, aliases: dict[str, str]) -> bool:
    """Whether one of the next three lines that hold text (from offset `at`) opens with an SDK's name: a list right below."""
    lines = [_item_text(x) for x in policy_text[at:at + 3000].split("\n")]
    return any(_opening(text[:300], find, aliases)[1] for text in [x for x in lines if x][:3])


_FIRST_CELL = re.compile(r"\s+[—–-]\s+|\s*[(|:,]")


def _item_text(line: str) -> str:
    """A list line without its bullet or number."""
    return line.strip().lstrip("-*•·0123456789.) ")


def _opening(text: str, find: Finder, aliases: dict[str, str]) -> tuple[list[str], bool]:
    """The SDKs a list line names (the one its whole first cell is, first) and whether the line opens with one. A name
    that is also an everyday word ("Adjust", "Apple") counts when it is the whole first cell ("Adjust — Berlin — ...")."""
    found = find(text)
    cell = aliases.get(_FIRST_CELL.split(text, maxsplit=1)[0].strip().lower(), "")
    return [*([cell] if cell else []), *(sdk for sdk, _a, _b in found)], bool(cell) or any(a == 0 for _sdk, a, _b in found)


def _paragraph_members(statements: list[Statement], policy_text: str, find: Finder, r: CoveringRules) -> list[Statement]:
    """A class statement whose sentence points back at the class ("The third parties may have access to ... IMEI") in a
    paragraph that names SDKs ("... examples of which include Google Analytics, Flurry"): each SDK named elsewhere in the
    paragraph, and not only mentioned there (an account, a source), is named as one of the class. A Chinese clause whose
    subject is "第三方SDK" (sdk_class) means the SDKs its paragraph names, when it names any: the class statement goes."""
    out = list(statements)
    seen = {(s.type, s.recipient, s.stance, s.evidence.start) for s in statements}
    replaced: set[int] = set()  # (ids of "第三方SDK会收集…" statements whose paragraph names the SDKs: theirs only)
    for s in statements:
        if s.recipient not in CLASSES or s.stance == "denies" or not (r.class_anaphor.search(s.evidence.text)
                                                                      or "sdk_class" in s.qualifiers):
            continue
        lo, hi = _line_span(policy_text, s.evidence.start)
        rest = policy_text[lo:s.evidence.start] + " " + policy_text[s.evidence.end:hi]
        if not policy_text[lo:s.evidence.start].strip():
            # the paragraph's first sentence points back: at the paragraph before ("These services currently include
            # Google's Admob ... and FaceBook advertising platforms." / "On mobile devices, these advertising companies
            # sometimes collect ... AAID and/or IDFA", fresh-dh's Zylom)
            rest = _paragraph_before(policy_text, lo) + " " + rest
        for sdk in dict.fromkeys(sdk for sdk, _a, _b in find(rest)):
            if only_mentioned(rest, sdk, find):
                continue
            if "sdk_class" in s.qualifiers:
                replaced.add(id(s))
            if (s.type, sdk, s.stance, s.evidence.start) in seen:
                continue
            seen.add((s.type, sdk, s.stance, s.evidence.start))
            out.append(replace(s, recipient=sdk, qualifiers=(*s.qualifiers, "member")))
    return [s for s in out if id(s) not in replaced]


def _list_below(policy_text: str, at: int, find: Finder, aliases: dict[str, str],
                least: int = MIN_LIST) -> tuple[str, ...]:
    """The SDKs of the first list after offset `at`: a run of lines, each short, at least `least` of which open with an SDK
    name (a line naming no SDK between two that do stays in the run), within MAX_LIST_GAP lines. A name that is also an
    everyday word ("Adjust", "Apple") counts when it is the whole first cell of the line ("Adjust — Berlin — ...")."""
    lines = policy_text[at:].split("\n")[1:MAX_LIST_GAP + 1]
    run: list[list[str]] = []
    misses = 0
    for line in lines:
        text = _item_text(line)
        hits, opens = _opening(text, find, aliases) if text and len(text) <= 300 else ([], False)
        if opens:
            run.append(hits)
            misses = 0
        elif run:
            misses += 1
            if misses > 1:
                if len(run) >= least:
                    break
                run, misses = [], 0
    if len(run) < least:
        return ()
    return tuple(dict.fromkeys(sdk for hits in run for sdk in hits))


_OPENING_NAME = re.compile(r"^\W{0,3}(?:[Tt]he\s+)?((?:[A-Z][\w.&-]*\s+){0,3}?[A-Z][\w.&-]*)(?=\s)")


_NON = re.compile(r"non[- ]", re.I)


def only_named(statements: list[Statement]) -> list[Statement]:
    """The denial to everyone else that a share "with no company other than Amazon and Chartboost" makes: for each type
    that sentence gives its named companies, a third-party denial (qualifier `only_named`) beside their statements."""
    r = covering_rules()
    out: list[Statement] = []
    seen: set[tuple[str, int]] = set()
    for s in statements:
        if s.stance == "denies" or s.recipient in (*CLASSES, "first_party") or (s.type, s.evidence.start) in seen \
                or not r.only_named.search(s.evidence.text):
            continue
        seen.add((s.type, s.evidence.start))
        out.append(replace(s, recipient="third_party", stance="denies", qualifiers=(*s.qualifiers, "only_named")))
    return out


def defined_terms(statements: list[Statement], policy_text: str,
                  texts: Sequence[tuple[int, int, str, str]] = ()) -> list[Statement]:
    """Statements for a data term the policy defines in quotes ("Usage Data"): each later sentence naming the term states,
    vaguely and for its own recipient and stance, the types the defining line states (and the lines that file data under
    the term: "... shall be considered User Data"); a sentence of `texts` (start, end, text, scope) that states nothing and
    shares the term with a class ("sharing User Data with third parties") gives the class those types."""
    r = covering_rules()
    out: list[Statement] = []
    head = policy_text[:MAX_DEFINED_TEXT]
    quoted = [(m, False) for m in r.defined_term.finditer(head)]
    for m, labelled in quoted + [(m, True) for m in r.label_term.finditer(head)]:
        term = m.group(1)
        if not _NON.match(term) and any(t.type in r.umbrella for t, _a, _b in find_terms(term)):
            continue  # "Personally Identifiable Information" defined is still an umbrella word (CONTRACT.md); what is
            # "Non-Personal Information" is the list that defines it
        lo = policy_text.rfind("\n", 0, m.start()) + 1
        hi = policy_text.find("\n", m.end())
        hi = len(policy_text) if hi < 0 else hi
        filed = re.compile(r.considered.replace("{term}", re.escape(term)), re.IGNORECASE)
        lines = [(lo, hi)] + [_line_span(policy_text, f.start()) for f in filed.finditer(policy_text[:MAX_DEFINED_TEXT])]
        kinds = {(s.type, s.covers if s.vague else (s.type,)) for s in statements
                 if any(a <= s.evidence.start < b for a, b in lines) and s.stance != "denies" and (s.covers or not s.vague)}
        if not kinds:
            continue
        # (a term a paragraph's label defines is written in any case later: "non-personal information")
        word = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", re.I if labelled else 0)
        out += _shared_term(word, kinds, statements, texts, [x for x in lines[1:]], r)
        seen: set[tuple[str, str, str, int]] = set()
        for s in statements:
            if lo <= s.evidence.start < hi or not word.search(s.evidence.text):
                continue
            for t, covers in sorted(kinds):
                key = (t, s.recipient, s.stance, s.evidence.start)
                if key not in seen:
                    seen.add(key)
                    out.append(replace(s, type=t, vague=True, covers=covers, qualifiers=(*s.qualifiers, "defined")))
    return out


def _owner_beside_class(text: str, r: CoveringRules, find: Finder | None) -> bool:
    """The sentence's subject is the policy's owner (we, or a name that is no SDK's) beside its own class ("AccuWeather and its
    partners and licensees utilize ...")."""
    m = r.owner_and_class.search(text)
    return m is not None and (m.group(1).lower() == "we" or find is None or not find(m.group(1)))


def _paragraph_before(text: str, lo: int) -> str:
    """The prose paragraph (a line, in unwrapped text) before the one starting at `lo`, past blank lines: "" when that
    line is a heading or a list item (too short to be prose, or not ending as a sentence does)."""
    before = text[:lo].rstrip()
    line = before[before.rfind("\n") + 1:].strip()
    return line if len(line) > 80 and line.endswith((".", "。", ":", "：")) else ""


def _line_span(text: str, at: int) -> tuple[int, int]:
    """Where the line of the policy text holding offset `at` starts and ends."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)


def _shared_term(word: re.Pattern[str], kinds: set[tuple[str, tuple[str, ...]]], statements: list[Statement],
                 texts: Sequence[tuple[int, int, str, str]], filed: list[tuple[int, int]],
                 r: CoveringRules) -> list[Statement]:
    """The class statements of sentences that share a defined term (`word`: the term as a whole word) with a class and
    state nothing of their own."""
    stated = {s.evidence.start for s in statements}
    out: list[Statement] = []
    for start, end, text, scope in texts:
        if start in stated or scope or any(a <= start < b for a, b in filed) or not word.search(text):
            continue
        if not (r.generic.search(text) and r.class_given.search(text)) or any(rx.search(text) for rx in r.source):
            continue
        cats = tuple(f"class:{c}" for c in class_categories(text))
        out += [Statement(t, "third_party", "collects", ("defined", *cats), Evidence(text, start, end), True, covers)
                for t, covers in sorted(kinds)]
    return out


def _sdk_subject(text: str, find: Finder, r: CoveringRules, aliases: dict[str, str] | None) -> str:
    """The named SDK that opens the sentence as the subject of a verb of collecting or using ("Amplitude uses ..."), or
    "". A name that is also an everyday word ("Adjust") counts here, capitalized at the start of the sentence, when a
    verb of collecting follows it."""
    for sdk, a, b in find(text[:120]):
        if r.sdk_subject_before.search(text[:a]) and r.sdk_subject_after.search(text[b:b + 80]):
            return sdk
    m = _OPENING_NAME.match(text)
    if m and aliases and m.group(1).lower() in aliases and r.sdk_subject_after.search(text[m.end():m.end() + 80]):
        return aliases[m.group(1).lower()]
    return ""


_EXAMPLE_OPEN = re.compile(r"\W*(?:for\s+(?:example|instance)|e\.\s?g\.|in\s+particular|specifically)\b", re.I)


def _line(text: str, at: int) -> str:
    """The line of the policy text holding offset `at`."""
    lo, hi = _line_span(text, at)
    return text[lo:hi]


def _names_an_sdk(line: str, find: Finder) -> bool:
    return bool(find(line))


def transit_field(text: str, at: int, other_entry: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
    """(start, end) of the entry field promising encrypted transmission on one of the two lines before the line holding
    offset `at` ("处理方式：通过去标识化、加密传输和处理的安全处理方式"), or None; the look-back stops at a line `other_entry` says
    starts an entry (it names an SDK: a field above it belongs to the entry before)."""
    r = covering_rules()
    start = text.rfind("\n", 0, at) + 1
    for _ in range(2):
        if start <= 0:
            return None
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev:start - 1]
        if r.transit_field.search(line):
            return None if r.transit_not.search(line) else (prev, start - 1)
        if other_entry is not None and other_entry(line):
            return None
        start = prev
    return None


def _designated(s: Statement, line: str, r: CoveringRules, find: Finder | None) -> Statement:
    """A class statement about "the partner providing this service": the provider its line's label names."""
    m = r.label.match(line)
    if not m:
        return s
    label = m.group(1)
    sdks = list(dict.fromkeys(sdk for sdk, _a, _b in find(label))) if find is not None else []
    if len(sdks) == 1:
        return replace(s, recipient=sdks[0])
    if sdks or class_categories(label) or not r.class_words.sub("", label):
        # several SDKs, a kind of provider some SDKs are ("数据服务供应商": analytics; narrowing to it was tried and cost
        # grid 3 eight cells the reader does not yet give from the SDKs' own entries), or only class words
        # ("第三方服务商"): the class as the sentence names it
        return s
    return replace(s, qualifiers=(*s.qualifiers, f"class:{PROVIDER}"))  # a provider of another kind: no SDK


_LEAD_LABEL = re.compile(r"^\W*[A-Z][\w ]{0,30}:\s+")


def sale_only(text: str) -> bool:
    """A sharing denial that denies only selling ("we do not sell or rent your personal information"): no sharing
    promise, since SDKs receive data without buying it (a reviewer's reading; "sell, trade or otherwise transfer" does
    share)."""
    r = covering_rules()
    text = _LEAD_LABEL.sub("", text)  # (a label, "Data Sharing: We do not sell ...", is no verb of the sentence)
    return bool(r.sale_only.search(text)) \
        and not r.share_verbs.search(r.sold_transfer.sub(" ", r.given_by_user.sub(" ", text)))


# a legal duty followed by another exception that is not the user's consent
_LEGAL_OR_MORE = re.compile(r"\b(?:law|laws|legally\s+\w+|subpoenaed|subpoenas?|legal\s+process|court\s+orders?)(?:\s+to\s+do\s+so|\s+to)?"
                            r"\s*,?\s*(?:or|and)\s+(?!(?:with\s+|upon\s+)?(?:your|you)\s+(?:prior\s+|express\s+|explicit\s+)?"
                            r"(?:consent|permission|authori[sz]ation|agree|authori[sz]e)"
                            # (more of the same duty: "required by the law or a court order", grid 168's Findmykids)
                            r"|(?:by\s+)?(?:a\s+|an\s+|any\s+)?(?:court\s+orders?|subpoenas?|legal\s+process)\b)", re.I)


def _without_legal_duty(text: str, r: CoveringRules) -> tuple[str, bool]:
    """The sentence with its legal-duty exceptions blanked out ("except when legally required to do so", "or are required
    by law to do so"), and whether another exception that is not the user's consent follows one of them ("... or as
    described in this policy")."""
    bare = r.legal_tail.sub(" ", clause_rules().legal_duty.sub(" ", text))
    return bare, bare != text and bool(_LEGAL_OR_MORE.search(text))


def law_only(text: str) -> bool:
    """The only exception of a sharing denial is a legal duty ("We do not disclose ... to anyone except when legally
    required to do so"): a promise all the same (an exception for the user's consent is none: promises.py)."""
    r = covering_rules()
    bare, more = _without_legal_duty(text, r)
    return bare != text and not more and not r.exception.search(bare)


def _consent_only(text: str, r: CoveringRules) -> tuple[str, ...]:
    """("consent_only",) when every exception of a sharing denial is the user's own consent ("without your consent")."""
    if sale_only(text):
        return ()  # (a denial of selling only: SDKs get data without buying it)
    # a legal duty ("except when legally required to do so", "unless required by law") is no exception traffic to an SDK
    # can fall under: the denial holds as one with no exception does (session 34, fresh-is's Kano)
    bare, more = _without_legal_duty(text, r)
    if more:
        return ()  # ("except when legally required or as described in this policy": an open exception beside it)
    if r.consent_only_not.search(bare):
        return ()
    found = [m.group(0).strip() for m in r.exception.finditer(bare)]
    if not found:
        return ("consent_only",) if bare != text else ()
    return ("consent_only",) if all(r.consent_exception.search(x) for x in found) else ()


def in_place(got: str, want: str) -> bool:
    """A destination country (ISO code) is the place a storage promise names: that country, or a member of its region."""
    return got == want or got in covering_rules().regions.get(want, ())


def apply_claim_rules(claims: list[Claim], texts: Sequence[tuple[int, int, str, str]] = ()) -> list[Claim]:
    """Claims as promises: a storage sentence that only permits a place is marked ("permissive", "yes"); Chinese
    storage promises and transfers abroad are read from the policy's clauses `texts` (start, end, text, scope)."""
    r = covering_rules()
    out = []
    worldwide = any(r.worldwide_storage.search(t) for _s, _e, t, _sc in texts)
    # (the sentence right after a storage sentence may open it: "Your information is stored on the servers in China. For
    # security and backup purposes, we may store your information and data on the servers of other affiliated
    # companies", grid 98's Tuya Smart)
    after = {end: texts[k + 1][2] for k, (_s, end, _t, _sc) in enumerate(texts[:-1])}
    for c in claims:
        if c.kind == "storage_location" and r.other_storer.search(c.text):
            continue  # another company's servers: where it keeps its data, not where the first party keeps ours
        if c.kind == "storage_location" and not dict(c.params).get("scope") and r.regional_storage.search(c.text):
            c = replace(c, params=(*c.params, ("scope", "region")))  # one region's users' data: no place for all of it
        opened = r.open_storage.search(c.text) or worldwide or r.permissive_storage.search(after.get(c.end, ""))
        if c.kind == "storage_location" and (opened or r.permissive_storage.search(c.text)) \
                and not r.exclusive_storage.search(c.text):
            # (open: the places are left open, "and other countries"; a sentence that only permits one, "may be stored
            # in the United States", excludes no other place but opens none either)
            c = replace(c, params=(*c.params, ("permissive", "yes"), *((("open", "yes"),) if opened else ())))
        if c.kind == "no_ad_sharing" and class_categories(c.text) == ("promotion_clients",):
            continue  # a promise to the businesses that buy ads from us ("our advertisers ... aggregate information")
        if c.kind in ("no_ad_sharing", "no_third_party_sharing") and sale_only(c.text):
            continue  # "we do not sell your personal information": SDKs get data without buying it
        out.append(c)
    have = {(c.kind, c.start) for c in out}
    abroad_end = -1 - r.transport_abroad_reach  # where the last mention of a transfer abroad ended
    for start, end, t, scope in texts:
        if r.transport_abroad.search(t):
            abroad_end = end
        scoped = (("scope", scope),) if scope else ()
        if r.storage_cn.search(t) and ("storage_location", start) not in have:
            out.append(Claim("storage_location", t, start, end, (("country", "CN"), *scoped)))
        country = _server_country(t, r)
        if country and ("storage_location", start) not in have and not r.other_storer.search(t):
            # (one region's users' data: the place holds for them only; the sentence's other promises keep their scope)
            place_scope = scoped or ((("scope", "region"),) if r.regional_storage.search(t) else ())
            out.append(Claim("storage_location", t, start, end, (("country", country), *place_scope)))
        if r.transport_all.search(t) and not r.transport_not.search(t) and len(t) <= MAX_TRANSPORT:
            out.append(Claim("other", t, start, end, (("about", "transport"), *scoped)))
        elif r.transport_protect.search(t) and not r.transport_not.search(t) and len(t) <= MAX_TRANSPORT \
                and start - abroad_end > r.transport_abroad_reach:  # (protected while it goes abroad: that transfer's)
            # the data protected in transit is the data the policy says it collects: a promise about those types only
            out.append(Claim("other", t, start, end, (("about", "transport"), ("types", "stated"), *scoped)))
        if r.client_encryption.search(t):
            out.append(Claim("other", t, start, end, (("about", "client_encryption"), *scoped)))
        if r.abroad_cn.search(t) and ("cross_border", start) not in have:
            denied = bool(r.abroad_cn_denied.search(t))
            allowed = not denied and not r.abroad_cn_not.search(t)
            out.append(Claim("cross_border", t, start, end, (("denied", "yes" if denied else "no"),
                                                              *((("allowed", "yes"),) if allowed else ()), *scoped)))
    return out


def _server_country(text: str, r: CoveringRules) -> str:
    """The one country an English sentence places our servers in ("Our servers are located in the United States"), or ""
    (no such sentence, a permissive or open list of places, or several countries)."""
    m = r.server_location.search(text)
    if not m or ((r.permissive_storage.search(text) or r.open_storage.search(text))
                 and not r.exclusive_storage.search(text)):
        return ""
    place = text[m.end():m.end() + 80]
    named = [code for code, rx in r.countries if rx.search(place)]
    return named[0] if len(named) == 1 else ""


def _names_class_elsewhere(text: str, r: CoveringRules) -> bool:
    """The class also appears outside the phrases naming it as a source (it may receive data too)."""
    for rx in r.source:
        text = rx.sub(" ", text)
    return bool(r.generic.search(text))


def own_products(text: str, find: Finder, aliases: dict[str, str]) -> tuple[str, ...]:
    """The SDKs the policy calls its own hardware ("our Arlo and VueZone products"): a product line of the policy's owner."""
    names = sorted({text[a:b] for _sdk, a, b in find(text) if b - a >= 3}, key=len, reverse=True)
    if not names:
        return ()
    rx = re.compile(covering_rules().own_product.replace("{names}", "|".join(re.escape(n) for n in names[:200])))
    out: list[str] = []
    for m in rx.finditer(text):
        out += [sdk for sdk, _a, _b in find(m.group(1))]
        out += [aliases[w.lower()] for w in re.split(r"\s*(?:,|and|&)\s*", m.group(1)) if w.lower() in aliases]
    return tuple(dict.fromkeys(out))


MAX_ENTRY_LINES = 6  # lines an SDK-list entry's data line looks back for the entry's recipient field


def _entry_class(policy_text: str, s: Statement, find: Finder, r: CoveringRules) -> list[tuple[str, ...]] | None:
    """The class recipients (recipient, qualifiers...) of the SDK-list entry a statement's line belongs to, when the entry's
    recipient field ("第三方名称：广告主和/或其委托的代理商、第三方广告监测服务商") names only a class and the SDK the reader gave the
    statement is named neither in its sentence nor between the field and the statement (it came from the entry above)."""
    if any(sdk == s.recipient for sdk, _a, _b in find(s.evidence.text)):
        return None
    lo, _hi = _line_span(policy_text, s.evidence.start)
    for _ in range(MAX_ENTRY_LINES):
        if lo <= 0:
            return None
        lo, hi = _line_span(policy_text, lo - 1)
        line = policy_text[lo:hi]
        m = r.entry_label.match(line)
        if m is None:
            if any(sdk == s.recipient for sdk, _a, _b in find(line)):
                return None  # the entry's own header names the SDK
            continue
        value = m.group(1)
        if find(value) or r.entry_company.search(value) or not _names_a_class(value, r) \
                and not r.entry_advertisers.search(value):
            return None  # the field names an SDK, or a company (the entry's operator)
        out: list[tuple[str, ...]] = []
        if r.entry_advertisers.search(value):
            out.append(("advertisers",))
        cats = tuple(f"class:{c}" for c in class_categories(r.entry_advertisers.sub(" ", value)))
        if cats or not out:
            out.append(("third_party", *cats))
        return out
    return None


def kept_on_device(statements: list[Statement], paragraphs: str) -> list[Statement]:
    """A type the same paragraph says never leaves the device (`never_sent`, a first-party denial of that exact type): the
    paragraph's own first-party collecting of it is the app reading it on the device, a denial too (as a list kept
    "locally" is). `paragraphs`: the policy's text with hard-wrapped lines joined (a paragraph is a line)."""
    r = covering_rules()
    never = [s for s in statements if s.stance == "denies" and s.recipient == "first_party" and not s.vague
             and not s.scoped and not s.qualifiers and r.never_sent.search(s.evidence.text)]
    kept = {(s.type, _line_span(paragraphs, s.evidence.start)) for s in never}
    everywhere = {s.type for s in never if r.never_sent_anywhere.search(s.evidence.text)}
    if not kept:
        return statements
    return [replace(s, stance="denies", qualifiers=(*s.qualifiers, "local"))
            if s.stance == "collects" and s.recipient == "first_party" and not s.vague
            and ((s.type, _line_span(paragraphs, s.evidence.start)) in kept or s.type in everywhere) else s
            for s in statements]


def named_after_class(statements: list[Statement], paragraphs: str, find: Finder,
                      categories: dict[str, str]) -> list[Statement]:
    """The companies the paragraph after a class's statement names while pointing back at that class (`class_named_after`:
    "these third party advertisers ... Chartboost, Google AdMob, Facebook"): each gets the class's statement (an advertising
    class only its advertising SDKs). `paragraphs`: the policy's text with hard-wrapped lines joined."""
    r = covering_rules()
    out: list[Statement] = []
    seen: set[tuple[str, str, str]] = set()
    for s in statements:
        if s.recipient not in CLASSES or s.stance == "denies" or s.scoped:
            continue
        start, end = _line_span(paragraphs, s.evidence.start)
        nxt = paragraphs.find("\n", end + 1)
        window = paragraphs[end:nxt if nxt > 0 else len(paragraphs)][:2000]
        if not window.strip() or window.lstrip().startswith("#"):  # (a new section names other companies)
            nxt2 = paragraphs.find("\n", nxt + 1) if nxt > 0 else -1
            window = paragraphs[nxt:nxt2 if nxt2 > 0 else len(paragraphs)][:2000] if nxt > 0 else ""
        if not r.class_named_after.search(window) or window.lstrip().startswith("#"):
            continue
        for sdk, _a, _b in find(window):
            if s.recipient == "advertisers" and categories.get(sdk) != "advertising":
                continue
            key = (s.type, sdk, s.stance)
            if key not in seen:
                seen.add(key)
                out.append(replace(s, recipient=sdk, qualifiers=(*s.qualifiers, "listed")))
    return out

