"""Promises about what reaches other parties, read as claims with a reach (CONTRACT.md "Verdicts": contradicted).

Rules in monitor/rules/policy_covering.toml [promise]:
- "only anonymized / de-identified data goes to X", "this data is anonymized and not used to identify you":
  kind no_personal_info, reach `identifiers` (identity types and persistent device identifiers). When the policy
  itself states a device identifier for one of those recipients, the promise is read as one about identity
  information (reach `identity`: e-mail, phone number): a policy that hands X the IMEI cannot mean X gets none;
- a denial of sharing identity information ("information that identifies you") with a class or SDK, and a denial
  of sharing personal information whose only exceptions are what the policy states and the service providers
  working for us ("This does not include vendors who help us"): kind no_third_party_sharing, reach `identity`;
  with a service-provider exception it spares the SDK categories presumed to be service providers;
- a consent exception ("unless you agree") makes a denial to third parties in general no promise (as before), but a
  denial to one kind of partner (advertising, analytics) holds, as "not shared with advertisers" does;
- a sentence about "this data" with no recipient of its own is about the recipients named just before it;
- an existing sharing claim whose sentence also says what *is* shared (", only de-identified ...") or denies only
  identity information reaches identity types only, and so does any other denial of sharing personal information with
  third parties (the umbrella names no type);
- a sharing promise whose sentence names data types ("we will not provide your mobile phone number to advertising
  partners") reaches those types only (reach "named", param `types`);
- no promise overrides a statement of exactly this type for exactly this recipient (compare.py).
Recipients are params: `sdks` (comma list), `categories` (SDK categories), `class` = third_party (anyone but the
first party), `except` = service_providers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from monitor.model import Claim, Evidence, Statement
from monitor.policy.covering import RULES, class_categories, covering_rules, in_class, sale_only
from monitor.policy.vocab import ALL_TYPES, find_terms
from monitor.rules.fields import build, rule, strings

Finder = Callable[[str], list[tuple[str, int, int]]]
MAX_BACK = 8  # clauses a "this data" sentence looks back for its recipients
CONTRACT_TYPES = frozenset(ALL_TYPES)
OTHER = "unknown"  # sdks.toml category of an organization's other services ("Google (other services)")


def _tuples(value: dict[str, list[str]], _flags: int) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in value.items()}


@dataclass(frozen=True, slots=True)
class PromiseRules:
    anonymous: re.Pattern[str] = rule("anonymous")
    restricted: re.Pattern[str] = rule("restricted")
    share_denial: re.Pattern[str] = rule("share_denial")
    sdk_identity_denial: re.Pattern[str] = rule("sdk_identity_denial")
    sdk_ip_only: re.Pattern[str] = rule("sdk_ip_only")
    user_content: re.Pattern[str] = rule("user_content")
    reader_request: re.Pattern[str] = rule("reader_request")
    purpose_scoped: re.Pattern[str] = rule("purpose_scoped")
    identity: re.Pattern[str] = rule("identity")
    personal: re.Pattern[str] = rule("personal")
    data_anaphor: re.Pattern[str] = rule("data_anaphor")
    device_identity: re.Pattern[str] = rule("device_identity")
    policy_exception: re.Pattern[str] = rule("policy_exception")
    sp_exception: re.Pattern[str] = rule("sp_exception")
    next_exception: re.Pattern[str] = rule("next_exception")
    other_exception: re.Pattern[str] = rule("other_exception")
    generic: re.Pattern[str] = rule("generic")
    anaphor: re.Pattern[str] = rule("anaphor")
    own_anonymization: re.Pattern[str] = rule("own_anonymization")
    obtained_after: re.Pattern[str] = rule("obtained_after")
    only_clause: re.Pattern[str] = rule("only_clause")
    purpose_limited: re.Pattern[str] = rule("purpose_limited")
    platform_data: re.Pattern[str] = rule("platform_data")
    cookie_row: re.Pattern[str] = rule("cookie_row")
    deidentified_subject: re.Pattern[str] = rule("deidentified_subject")
    role_limited: re.Pattern[str] = rule("role_limited")
    denied_to_group: re.Pattern[str] = rule("denied_to_group")
    row_start: re.Pattern[str] = rule("row_start")
    row_data: re.Pattern[str] = rule("row_data")
    disclaimer: re.Pattern[str] = rule("disclaimer")
    ad_purpose: re.Pattern[str] = rule("ad_purpose")
    business_partners: re.Pattern[str] = rule("business_partners")
    business_partners_not: re.Pattern[str] = rule("business_partners_not")
    taken_back: re.Pattern[str] = rule("taken_back")
    ends_taken_back: re.Pattern[str] = rule("ends_taken_back")
    inability: re.Pattern[str] = rule("inability")
    ip_anonymization: re.Pattern[str] = rule("ip_anonymization")
    class_anaphor: re.Pattern[str] = rule("class_anaphor")
    deidentified: re.Pattern[str] = rule("deidentified")
    all_data: re.Pattern[str] = rule("all_data")
    list_intro: re.Pattern[str] = rule("list_intro")
    besides_named: re.Pattern[str] = rule("besides_named")
    first_denial: re.Pattern[str] = rule("first_denial")
    umbrella_definition: re.Pattern[str] = rule("umbrella_definition")
    first_denial_not: re.Pattern[str] = rule("first_denial_not")
    first_denial_identity: re.Pattern[str] = rule("first_denial_identity")
    first_denial_direct: re.Pattern[str] = rule("first_denial_direct")
    anonymized_alternative: re.Pattern[str] = rule("anonymized_alternative")
    no_trackers: re.Pattern[str] = rule("no_trackers")
    no_trackers_not: re.Pattern[str] = rule("no_trackers_not")
    tracker_words: re.Pattern[str] = rule("tracker_words")
    ad_words: re.Pattern[str] = rule("ad_words")
    analytics_words: re.Pattern[str] = rule("analytics_words")
    library_words: re.Pattern[str] = rule("library_words")
    library_kind: re.Pattern[str] = rule("library_kind")
    ad_tracking: re.Pattern[str] = rule("ad_tracking")
    no_named_sdks: re.Pattern[str] = rule("no_named_sdks")
    future_policy: re.Pattern[str] = rule("future_policy")
    reach: dict[str, tuple[str, ...]] = rule("reach", _tuples)
    service_providers: tuple[str, ...] = rule("service_providers.categories", strings)


@lru_cache(maxsize=1)
def promise_rules() -> PromiseRules:
    return build(PromiseRules, tomllib.loads(RULES.read_text(encoding="utf-8"))["promise"], re.IGNORECASE | re.ASCII)


def reach_types(reach: str) -> tuple[str, ...]:
    """The types a promise's reach covers; "device" is what identifies the device: the identifiers but those of the person."""
    if reach == "device":
        return tuple(x for x in reach_types("identifiers") if x not in reach_types("identity"))
    return promise_rules().reach.get(reach, ())


def reached(params: dict[str, str]) -> tuple[str, ...]:
    """The types a promise can be broken by: its reach's, or those its sentence names (reach "named")."""
    if params.get("reach") == "named":
        return tuple(t for t in params.get("types", "").split(",") if t)
    return reach_types(params.get("reach", ""))


def named_types(text: str, members: bool = True) -> tuple[str, ...]:
    """The contract types a sentence names (an unqualified term's types, a category term's members unless `members`
    is false); () when it names only umbrella words ("personal information")."""
    out: list[str] = []
    for term, _s, _e in find_terms(text):
        if term.expands:
            types: tuple[str, ...] = term.expands
        elif term.vague:
            types = term.covers if members else ()
        else:
            types = (term.type, *((term.iot_type,) if term.iot_type else ()))
        out += [t for t in types if t in CONTRACT_TYPES]
    return tuple(dict.fromkeys(out))


_NEGATED = re.compile(r"\b(?:not|never|no|nor|without)\b|n't\b|不|未|无", re.I)


def service_provider(category: str) -> bool:
    return category in promise_rules().service_providers


def _recipients(text: str, find: Finder) -> list[tuple[str, str]]:
    """(param, value) pairs naming who a sentence is about: named SDKs, narrowed classes, or third parties."""
    r = promise_rules()
    sdks = list(dict.fromkeys(sdk for sdk, _a, _b in find(text)))
    cats = class_categories(text)
    out: list[tuple[str, str]] = []
    if sdks:
        out.append(("sdks", ",".join(sdks)))
    if cats:
        out.append(("categories", ",".join(cats)))
    elif not sdks and r.generic.search(text):
        out.append(("class", "third_party"))
    return out


_PARTS = re.compile(r"[；;]")
# examples given after a denial ("... or tracking services (e.g., no Google Analytics, Sentry, or similar)")
_EXAMPLES = re.compile(r"[(（]\s*(?:e\.\s?g\.|i\.\s?e\.|such\s+as|like|including|for\s+example)|\b(?:such\s+as|like|including|for\s+example)\b",
                       re.I)
# the information that identifies the user, glossed by examples in brackets right after it
_IDENTITY_GLOSS = re.compile(r"(?:识别(?:你|您)?(?:的)?个人身份的(?:个人)?信息|information\s+that\s+(?:personally\s+)?identifies\s+you"
                             r"(?:\s+personally)?)\s*[（(]([^）)]{1,60})[）)]", re.I)
# the case a denial right after it is limited to (blind grid 33: Polar Club's visitors)
_ONE_CASE = re.compile(r"\bin\s+which\s+case\b|\bas\s+an?\s+(?:visitor|guest|anonymous\s+user)\b|\bguest\s+(?:mode|users?|accounts?)\b|"
                       r"\bwho\s+sign\s+up\s+as\b", re.I)
_MARKETING = re.compile(r"\b(?:marketing|advertising|ads)\b|营销|广告|推广", re.I)
_SP_WORDS = re.compile(r"\b(?:service\s+providers?|vendors?|contractors?|processors?)\b|服务商|服务提供商|供应商", re.I)


def find_promises(texts: Sequence[tuple[int, int, str, str]], find: Finder, claims: list[Claim],
                  statements: Sequence[Statement], categories: dict[str, str],
                  organizations: dict[str, str] | None = None, common: dict[str, str] | None = None,
                  names: dict[str, str] | None = None) -> list[Claim]:
    """The claims with promises added and narrowed. `texts`: the policy's clauses (start, end, text, scope); `common`: the
    SDK names that are also everyday words (name -> SDK id), for the SDKs a policy names; `names`: every SDK name the reader
    knows (name -> SDK id), for the products a named platform's name covers."""
    r = promise_rules()
    following = {start: texts[k + 1][2] if k + 1 < len(texts) else "" for k, (start, _e, _t, _s) in enumerate(texts)}
    kept = []
    for c in claims:
        nxt = following.get(c.start, "")
        kept_types = named_types(nxt) if c.kind in ("no_third_party_sharing", "no_ad_sharing") \
            and r.taken_back.search(nxt) and not _no_promise(c.kind, c.text, "", r) else ()
        if kept_types:  # "We do not share ... with advertisers. Nevertheless, advertisers may collect your advertising ID, IMEI
            # ...": the promise holds but for the types the sentence after it gives them (blind grid 29)
            kept.append(replace(c, params=(*c.params, ("spare_types", ",".join(kept_types)))))
        elif c.kind == "no_third_party_sharing" and r.denied_to_group.search(c.text) and not find(c.text):
            continue  # "... with these third parties": read below, as the ones named before (or none)
        elif not _no_promise(c.kind, c.text, nxt, r):
            kept.append(c)
    claims = kept
    sharing = {c.start for c in claims if c.kind in ("no_third_party_sharing", "no_ad_sharing")}
    out = [_narrowed(c) for c in claims]
    for k, (start, end, t, scope) in enumerate(texts):
        if scope or start in sharing:
            continue
        # (the anonymity and its restriction in one part of the sentence: a security paragraph's "；"-joined measures,
        # "we store it anonymized; only staff and partners who need it may access it", promise nothing together)
        anonymous = any(r.anonymous.search(r.ip_anonymization.sub(" ", part)) and r.restricted.search(part)
                        for part in _PARTS.split(t)) and not r.inability.search(t)
        denial = bool(r.share_denial.search(t))
        denial = denial and not sale_only(t)  # ("We do not sell or rent your personally identifiable information")
        sdk_denial = r.sdk_identity_denial.match(t)
        sdk_promise = sdk_denial or r.sdk_ip_only.match(t)
        if sdk_promise is not None and not anonymous and not denial:
            named = _recipients(sdk_promise.group(1), find)
            if named and all(p == "sdks" for p, _v in named):  # (the subject is the SDK: "AppsFlyer does not collect")
                out.append(Claim("no_personal_info", t, start, end, (*named, ("reach", "identity" if sdk_denial else "all"))))
            continue
        if not anonymous and not denial or _about_other(t, r) or r.platform_data.search(t) or r.cookie_row.match(t):
            continue
        rcps = _recipients(t, find)
        if not rcps and anonymous and r.anaphor.search(t) and not r.own_anonymization.search(t):
            # "this data ...": the recipients named before
            rcps = _named_before(texts, k, find, [])
        if rcps == [("class", "third_party")] and r.class_anaphor.search(t):  # "these partners": the ones named before
            # (none named: a group the paragraph spoke of, "third party service providers ... that you may choose to
            # use. We will not share your personal data with these third parties": no promise about the app's SDKs)
            rcps = _named_before(texts, k, find, [])
        if not rcps and denial and not anonymous and r.device_identity.search(t):
            rcps = [("class", "third_party")]  # ("We do not share information that can be used to personally identify your
            # device": with no one)
        if not rcps:
            continue
        narrowed = any(p == "categories" for p, _v in rcps)
        nxt = texts[k + 1][2] if k + 1 < len(texts) else ""
        if anonymous:
            spare = _named_sdks(texts, find, common) if r.besides_named.search(t) else []
            reach = "identity" if _states_identifier(rcps, statements, categories, set(spare)) else "identifiers"
            if reach == "identifiers" and r.obtained_after.search(nxt) \
                    and set(named_types(nxt)) - set(reach_types("identity")):
                reach = "identity"  # ("... some partners may obtain your IMEI/IDFA, MAC": those are taken back)
            form = (("form", "deidentified"),) if r.deidentified.search(t) else ()
            spared = (("spare", ",".join(spare)),) if spare else ()
            gloss = _IDENTITY_GLOSS.search(t)
            if reach == "identity" and gloss and not set(named_types(gloss.group(1))) & set(reach_types("identity")):
                # "不会共享用于识别你个人身份的信息（姓名、身份证号）": what identifies you is what the brackets list, and
                # neither an e-mail address nor a phone number is in them (grid 92's 青柠檬记账)
                continue
            out.append(Claim("no_personal_info", t, start, end, (*rcps, ("reach", reach), *form, *spared)))
            continue
        sp = bool(r.sp_exception.search(t)) or bool(r.next_exception.search(nxt) and r.sp_exception.search(nxt))
        set_forth = bool(r.policy_exception.search(t))
        if set_forth and not sp and nxt.rstrip(" *").endswith((":", "：")):
            # "... except as described in this Privacy Policy. We may share your information for the following purposes:"
            # over items that give it to "our service providers": the exception the policy describes is theirs
            items = [texts[j][2] for j in range(k + 2, min(k + 6, len(texts))) if _SP_WORDS.search(texts[j][2])]
            sp = bool(items)
            if any(_MARKETING.search(x) for x in items):
                continue  # ... to assist in "marketing" too: the policy describes the ad side's share as well, no promise
        rest = r.policy_exception.sub(" ", t)
        other = bool(r.other_exception.search(r.sp_exception.sub(" ", rest)))
        # (no data at all to the services it names: "Google ML Kit runs on the device and sends no data to Google", "We
        # do not share any data with AdMob": everything the app sends them breaks it; session 38, grid 196's 甜气相机)
        to_named = r.all_data.search(t) is not None and not other and not sp and not set_forth \
            and all(p == "sdks" for p, _v in rcps)
        if to_named:
            pass
        elif r.identity.search(t):
            if other and not narrowed:
                continue  # "not shared with third parties unless you consent": no promise to hold traffic to
        elif r.personal.search(t) and sp and not other:
            # (personal data "not shared except with our service providers": a promise about everyone else; "We do not
            # disclose ... your Personal Information with third parties other than as described in this Policy" alone
            # only says the policy describes its sharing, and promises nothing traffic could contradict: session 24,
            # grid 99's TV Remote and grid 117's HER, 27 false `contradicted` gone, no grid changed otherwise)
            pass
        else:
            continue
        if _no_promise("no_third_party_sharing", t, nxt, r):
            continue
        if rcps == [("class", "third_party")] and r.ad_purpose.search(t):
            # (a denial "for their use in marketing directly to you" is about those who market: grid 108's Jersey Mike's)
            rcps = [("categories", "advertising")]
        if rcps == [("class", "third_party")] and r.business_partners.search(t) and not r.business_partners_not.search(t) \
                and any(class_categories(x[2]) for j, x in enumerate(texts) if j != k):
            continue  # (the business partners of a list that names other kinds of recipient beside them: that kind only)
        reach = "all" if to_named else "device" if r.device_identity.search(t) else "identity"
        params = (*rcps, ("reach", reach), *((("except", "service_providers"),) if sp else ()))
        out.append(Claim("no_third_party_sharing", t, start, end, params))
    every = _all_data_denials(texts, find, statements, r, categories, organizations or {}, common, names or {})
    done = {c.start for c in every}
    return [c for c in out if not (c.start in done and c.kind == "no_third_party_sharing")] + every \
        + _collection_denials(texts, r, find, lambda: _unnamed_sdks_too(texts, find, statements, organizations or {}, common)) \
        + _tracker_denials(texts, find, r, common)


_ITS_DATA = re.compile(r"[’']?s?\s+(?:advertising\s+|ad\s+|user\s+|customer\s+|platform\s+)?(?:data|information|insights)\b", re.I)


def _tracker_denials(texts: Sequence[tuple[int, int, str, str]], find: Finder, r: PromiseRules,
                     common: dict[str, str] | None) -> list[Claim]:
    """Denials of using trackers or third-party SDKs at all: no data reaches an SDK of the kinds named (reach all),
    but for the SDKs the policy names itself."""
    out: list[Claim] = []
    for start, end, t, scope in texts:
        t_open = r.future_policy.sub(" ", t)
        named_m = r.no_named_sdks.search(t_open)
        tail = t_open[named_m.end():] if named_m else ""
        # (not a company's data, "We do not use Facebook advertising data ... to build ... user profiles": Facebook's
        # platform terms, not a promise that the app has no Facebook SDK; session 36, grid 174's Mindvalley)
        hits = find(tail) if tail else []
        named = [] if hits and _ITS_DATA.match(tail, hits[0][2]) else list(dict.fromkeys(sdk for sdk, _a, _b in hits))
        if not scope and named and not r.no_trackers_not.search(t_open):
            kinds = [*(("advertising",) if r.ad_words.search(tail) else ()),
                     *(("analytics",) if r.analytics_words.search(tail) else ())]
            out.append(Claim("no_third_party_sharing", t, start, end,
                             (("sdks", ",".join(named)), *((("categories", ",".join(kinds)),) if kinds else ()),
                              ("reach", "all"), ("about", "trackers"))))
            continue
        m = r.no_trackers.search(t)
        if scope or not m or r.no_trackers_not.search(t):
            continue
        # the SDKs it names only as examples of what it does not use ("We do not use any analytics SDKs, crash reporting
        # tools, or tracking services (e.g., no Google Analytics, Firebase Analytics, Sentry, Amplitude, or similar)":
        # grid 145's HomeCloud) are denied with their kinds; a denial that names any other way is read above or not at all
        found = find(t)
        ex = _EXAMPLES.search(t, m.end()) if found else None
        if found and (ex is None or any(a < ex.start() for _sdk, a, _b in found)):
            continue
        examples = list(dict.fromkeys(sdk for sdk, _a, _b in found))
        if ex is not None:  # (and the names that are everyday words too: "Sentry, Amplitude")
            examples += [x for x in _named_sdks([(0, 0, t[ex.start():], "")], find, common) if x not in examples]
        tail = t[m.start():]
        if r.library_words.search(r.library_kind.sub(" ", tail)):
            about: tuple[tuple[str, str], ...] = (("class", "third_party"),)
        else:
            cats = [*(("analytics", "advertising", "crash_reporting") if r.tracker_words.search(r.ad_tracking.sub(" ", tail))
                      else ()),
                    *(("advertising",) if r.ad_words.search(tail) else ()),
                    *(("analytics",) if r.analytics_words.search(tail) else ())]
            about = (("categories", ",".join(dict.fromkeys(cats))),)
        # (an SDK it names elsewhere is its own exception, as for any such denial; its examples are not)
        spare = _named_sdks([x for x in texts if x[0] != start] if examples else texts, find, common)
        if examples:
            about = (*about, ("sdks", ",".join(examples)))
        out.append(Claim("no_third_party_sharing", t, start, end,
                         (*about, ("reach", "all"), ("about", "trackers"), ("spare", ",".join(spare)))))
    return out


def umbrella_denials(texts: Sequence[tuple[int, int, str, str]], policy_text: str) -> list[Statement]:
    """Typed first-party denials from a denial of the umbrella word and the sentence right after it that defines the
    word by examples ("We do not collect any personal data from you through the App. Personal data is defined as
    information ..., such as name, email address, phone number, or location": fresh-cd's Wort + Schatz). The evidence
    quotes both sentences; a denial with an occasion or an exception (`first_denial_not`) gives none."""
    r = promise_rules()
    out: list[Statement] = []
    spoken: set[str] | None = None
    for k, (start, _end, t, scope) in enumerate(texts):
        if scope or not r.first_denial.search(t) or r.first_denial_not.search(t):
            continue
        # (the definition may take two sentences: "“Personal Information” is information that identifies you ...
        # Personal Information includes your geographic location information, names, email addresses, telephone",
        # fresh-dr's VMate)
        for _s, end, nxt, nxt_scope in texts[k + 1:k + 3]:
            if nxt_scope or not r.umbrella_definition.search(nxt) or end - start > 2000:
                break
            types = named_types(nxt, False)
            if not types:
                continue
            if spoken is None:
                spoken = _spoken(texts, r)
            evidence = Evidence(policy_text[start:end], start, end)
            out += [Statement(x, "first_party", "denies", ("defined",), evidence) for x in types
                    if x not in spoken]  # (a type the policy says elsewhere it collects is its exception)
            break
    return out


def _spoken(texts: Sequence[tuple[int, int, str, str]], r: PromiseRules) -> set[str]:
    """The types the policy names exactly in a sentence that is neither negative nor the umbrella word's definition: it
    speaks of them, whether or not that sentence became a statement ("Optionally you can register your telephone
    number")."""
    return {x for _s, _e, other, _sc in texts if not _NEGATED.search(other) and not r.umbrella_definition.search(other)
            for x in named_types(other, False)}


# a sentence whose subject is a name (the app's, when the policy's opening names it too) and whose verb is negated
_OWN_SUBJECT = re.compile(r"^\W*([A-Z][\w&-]{2,30}(?:\s+[A-Z][\w&-]{2,30})?)\s+(?:does\s+not|doesn[’']t|will\s+not|won[’']t|never)\b")


def _unnamed_sdks_too(texts: Sequence[tuple[int, int, str, str]], find: Finder, statements: Sequence[Statement],
                      organizations: dict[str, str], common: dict[str, str] | None) -> tuple[tuple[str, str], ...]:
    """The params that make a first-party denial of collecting anything a promise about the SDKs inside the app too: none
    when the policy gives any data to a class of recipients; else ("sdks_too", "yes") and the SDKs it spares, those the
    policy names and their organizations' other SDKs ("The app does not send data to external servers" in a policy
    that speaks of no third party: an analytics SDK sending the IMEI breaks it, as seven blind grids' reviewers read it)."""
    if any(s.recipient in ("third_party", "partners", "advertisers") and s.stance != "denies" for s in statements):
        return ()
    named = set(_named_sdks(texts, find, common))
    orgs = {organizations[sdk] for sdk in named if organizations.get(sdk)}
    spare = sorted(named | {sdk for sdk, org in organizations.items() if org in orgs})
    return (("sdks_too", "yes"), ("spare", ",".join(spare)))


# a sentence that says the app or site uses a named service ("We use Crashlytics ...", "This website uses the Google Tag
# Manager.": the sentences after it describe that service; session 35, grid 171's TheCircle)
_USES_SDK = re.compile(r"\s*(?:we|this\s+(?:website|site|app|application|service))\s+uses?\b", re.I)
# ... a service by its capitalised name, known to sdks.toml or not ("the Google Tag Manager")
_USES_NAMED = re.compile(_USES_SDK.pattern + r"\s+(?:the\s+)?"
                         r"(?-i:(?!(?:Your|Personal|Cookies?|Information|Data|Services?|Site|Website|App)\b)[A-Z][\w-]+)", re.I)


# the examples a denial gives of what it denies: "(name, email, etc.)", "such as your name or address"
_EXAMPLES = re.compile(r"\(([^()]{3,120})\)|\b(?:such\s+as|like|e\.g\.,?|including)\s+([^.;:()]{3,120})", re.I)
_PERSON_WORDS = re.compile(r"\b(?:(?:full\s+|real\s+|first\s+|last\s+)?names?|e-?mail(?:\s+address(?:es)?)?|(?:postal\s+|home\s+)?address(?:es)?|"
                           r"phone(?:\s+numbers?)?|birth\s*(?:date|day)|date\s+of\s+birth|age)\b", re.I)


def _collection_denials(texts: Sequence[tuple[int, int, str, str]], r: PromiseRules, find: Finder,
                        sdks_too: Callable[[], tuple[tuple[str, str], ...]] = tuple) -> list[Claim]:
    """First-party denials of collecting the user's data at all ("We do not collect any personal information", "No
    personal data is transmitted to external servers"): kind no_collection, reach all (identity for "personally
    identifiable"); the types the sentence itself names are left to its statements (compare.py holds a statement of
    exactly the type for the first party above the promise). `sdks_too` (_unnamed_sdks_too, asked only once a denial
    is found) makes a denial that does not limit itself to what the app collects directly ("does not directly collect")
    hold for unnamed SDKs too."""
    out: list[Claim] = []
    spoken: set[str] | None = None
    too_params: tuple[tuple[str, str], ...] | None = None
    opening = " ".join(x[2] for x in texts[:3])[:300]
    for k, (start, end, t, scope) in enumerate(texts):
        own = _OWN_SUBJECT.match(t)
        if own and own.group(1) in opening and not find(own.group(1)):
            t = "The app" + t[own.end(1):]  # the app's own name as the subject ("Positional does not directly collect ...")
        if scope or not r.first_denial.search(t) or r.first_denial_not.search(t):
            continue
        if any(_ONE_CASE.search(texts[j][2]) for j in range(max(0, k - 2), k)):
            continue  # "Customers may also sign up as a Visitor, in which case ... No personal information is collected"
        if any(_USES_SDK.match(texts[j][2]) and (find(texts[j][2]) or _USES_NAMED.match(texts[j][2]))
               for j in range(max(0, k - 3), k)):
            # "We use Crashlytics ... certain information about the crash ... is sent to Crashlytics. No personal data is
            # transmitted": what that service gets, not a promise about the app (grid 59's djay)
            continue
        reach = "identity" if r.first_denial_identity.search(t) else "all"
        gloss = _EXAMPLES.search(t)
        examples = (gloss.group(1) or gloss.group(2)) if gloss else ""
        if reach == "all" and examples and set(named_types(examples)) <= set(reach_types("identity")) \
                and _PERSON_WORDS.search(examples):
            # "We do not collect personal information (name, email, etc.)": the examples say what it means, the person's
            # identity (session 38, grid 197's generated game)
            reach = "identity"
        if spoken is None:
            spoken = _spoken(texts, r)
        spare = sorted({*named_types(t), *spoken})
        if too_params is None:
            too_params = sdks_too()
        too = too_params if not r.first_denial_direct.search(t) else ()
        out.append(Claim("no_collection", t, start, end,
                         (("reach", reach), *((("spare_types", ",".join(spare)),) if spare else ()), *too)))
    return out


def _all_data_denials(texts: Sequence[tuple[int, int, str, str]], find: Finder, statements: Sequence[Statement],
                      r: PromiseRules, categories: dict[str, str], organizations: dict[str, str],
                      common: dict[str, str] | None = None, names: dict[str, str] | None = None) -> list[Claim]:
    """Denials of sharing all the user's data with third parties, with no exception (reach all, sparing the SDKs the
    policy names, the products its name covers and their organization's other services: naming Firebase names Firebase
    Cloud Messaging and Google); none when the policy gives a type to any class of recipient (then it meant something
    narrower)."""
    if any(s.stance != "denies" and s.recipient in ("third_party", "partners", "advertisers") and "excepted" not in
           s.qualifiers and not s.scoped for s in statements):
        return []
    out: list[Claim] = []
    for k, (start, end, t, scope) in enumerate(texts):
        if scope or not (r.share_denial.search(t) and r.all_data.search(t)):
            continue
        nxt = texts[k + 1][2] if k + 1 < len(texts) else ""
        listed = bool(r.list_intro.search(t)) and bool(r.generic.search(nxt))
        if not (r.generic.search(t) or listed) or find(t) or class_categories(t) and not r.generic.search(t) \
                or r.denied_to_group.search(t):
            continue  # about named SDKs, one kind of partner or a group named before ("these third parties")
        if r.other_exception.search(t) or r.sp_exception.search(t) or r.policy_exception.search(t) \
                or r.next_exception.search(nxt) or _no_promise("no_third_party_sharing", t, nxt, r) \
                or sale_only(t):
            continue  # (a denial of selling only: SDKs get data without buying it)
        named = _family(set(_named_sdks(texts, find, common)), names or {}, organizations)
        orgs = {organizations[sdk] for sdk in named if organizations.get(sdk)}
        spare = sorted(named | {sdk for sdk, org in organizations.items() if org in orgs and categories.get(sdk) == OTHER})
        about = ("categories", "advertising") if r.ad_purpose.search(t) else ("class", "third_party")
        out.append(Claim("no_third_party_sharing", t, start, end, (about, ("reach", "all"), ("spare", ",".join(spare)))))
    return out


def _family(named: set[str], names: dict[str, str], organizations: dict[str, str]) -> set[str]:
    """The named SDKs and the products their names cover: an SDK one of whose names is a named SDK's name and more
    ("Firebase Cloud Messaging" under "Firebase", expense diary's "We also use google Firebase platform to send you a push
    notification", grid 87); never through an organization's own name ("Google AdMob" is not under "Google")."""
    out = set(named)
    for name, sdk in names.items():
        head = name.split(" ", 1)[0]
        owner = names.get(head)
        org = organizations.get(owner or "", "").lower().split()
        if owner in named and sdk != owner and " " in name and head not in org[:1]:
            out.add(sdk)
    return out


def _named_before(texts: Sequence[tuple[int, int, str, str]], k: int, find: Finder,
                  other_than: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The recipients the nearest of the MAX_BACK clauses before clause k names, other than `other_than` ([]: none)."""
    for j in range(k - 1, max(-1, k - 1 - MAX_BACK), -1):
        back = _recipients(texts[j][2], find)
        if back and back != other_than:
            return back
    return []


def _no_promise(kind: str, text: str, following: str, r: PromiseRules) -> bool:
    """A sharing denial limited to the third parties' own marketing, taken back by the sentence after it, offering anonymized
    data as its alternative, or a disclaimer (the policy's own reach, no responsibility for third parties' services) that
    only sounds like one."""
    if kind not in ("no_third_party_sharing", "no_ad_sharing"):
        return False
    return bool(r.purpose_limited.search(text) or r.platform_data.search(text) or r.deidentified_subject.search(text)
                or r.ends_taken_back.search(text)
                or r.anonymized_alternative.search(text)
                or r.taken_back.search(following)
                or r.disclaimer.search(text) or _about_other(text, r)
                or r.user_content.search(text)  # (what the user keeps in the app, not what its SDKs send)
                or r.reader_request.search(text)  # (what the reader may ask of the company: a right)
                or r.purpose_scoped.search(text))  # (the data of one purpose, or a balancing test's premise)


def _about_other(text: str, r: PromiseRules) -> bool:
    """A promise about one party in one role ("... with that party"), or one in a table row about a kind of data that
    names no data type ("| Sensitive Personal Information | ... |")."""
    if r.role_limited.search(text):
        return True
    row = r.row_start.match(text)
    cell = row.group(1) if row else ""
    umbrella = covering_rules().umbrella
    return bool(r.row_data.search(cell)) and all(t.type in umbrella for t, _a, _b in find_terms(cell))


def _narrowed(c: Claim) -> Claim:
    """A sharing claim that denies only identity information, or also says what is shared, reaches identity types;
    so does a denial of sharing personal information with third parties: the umbrella names no type, and the types
    every policy treats as personal are the identity ones (a device identifier sent to an SDK is `undisclosed` unless
    the policy names it, never `contradicted` by boilerplate)."""
    r = promise_rules()
    if c.kind not in ("no_third_party_sharing", "no_ad_sharing") or dict(c.params).get("reach"):
        return c
    named = named_types(c.text)
    if named:  # "we will not provide your mobile phone number to advertising partners": that type only
        about = () if c.kind == "no_ad_sharing" or any(k in ("sdks", "categories", "class") for k, _v in c.params) \
            else (("class", "third_party"),)
        return replace(c, params=(*c.params, *about, ("reach", "named"), ("types", ",".join(named))))
    if r.only_clause.search(c.text) or (r.identity.search(c.text) and not r.personal.search(c.text)):
        return replace(c, params=(*c.params, ("reach", "identity")))
    if c.kind == "no_ad_sharing" and r.data_anaphor.search(c.text) and not r.all_data.search(c.text):
        # "We do not use this information to target any advertising ..., nor is it ever willingly distributed to any third
        # party, such as an advertiser" (session 34, grid 164's WeatherBug: the data the sentences before defined, its
        # "Personally Identifiable Information"): identity types; "your information" or data as such ("We will not share
        # your information with advertisers", CONTRACT.md's "not shared with advertisers") reaches every type, as before
        return replace(c, params=(*c.params, ("reach", "identity")))
    if c.kind == "no_third_party_sharing":
        about = ()
        if not any(k in ("sdks", "categories", "class") for k, _v in c.params):
            cats = class_categories(c.text)  # ("the third parties that conduct interest-based advertising"): those only
            if not cats and r.ad_purpose.search(c.text):  # ("... with third parties for the purposes of marketing or
                cats = ("advertising",)  # promotional communications": a promise about advertising recipients, grid 85)
            about = (("categories", ",".join(cats)),) if cats else (("class", "third_party"),)
        return replace(c, params=(*c.params, *about, ("reach", "identity")))
    return c


def _named_sdks(texts: Sequence[tuple[int, int, str, str]], find: Finder, common: dict[str, str] | None = None) -> list[str]:
    """The SDKs the policy names: what the reader finds, and (for sparing, where naming more is the safe side) a name that
    is also an everyday word written capitalized ("operated by Braze", "Amplitude uses ...")."""
    named = {sdk for _s, _e, x, _sc in texts for sdk, _a, _b in find(x)}
    if common:
        whole = "\n".join(x for _s, _e, x, _sc in texts)
        named |= {sdk for name, sdk in common.items()
                  if re.search(r"(?<![\w-])" + re.escape(name[:1].upper() + name[1:]) + r"(?![\w-])", whole)}
    return sorted(named)


def _states_identifier(rcps: list[tuple[str, str]], statements: Sequence[Statement], categories: dict[str, str],
                       spared: set[str] | None = None) -> bool:
    """The policy states a device identifier (exactly) for a recipient the promise is about (not one it spares)."""
    ids = set(reach_types("device"))
    sdks = {s for p, v in rcps if p == "sdks" for s in v.split(",")}
    cats = {s for p, v in rcps if p == "categories" for s in v.split(",")}
    anyone = any(p == "class" for p, _v in rcps)
    for s in statements:
        if s.vague or s.stance == "denies" or s.type not in ids or s.recipient == "first_party" \
                or s.recipient in (spared or ()):
            continue
        if s.recipient in sdks or in_class(tuple(cats), categories.get(s.recipient, ""), s.recipient) or anyone:
            return True
    return False
