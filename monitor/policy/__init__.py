"""Reading privacy policies: what each says it collects, for whom, and what it promises not to do."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.model import Policy, Statement
from monitor.policy.covering import (
    apply_claim_rules,
    apply_covering,
    connected_product,
    defined_terms,
    kept_on_device,
    named_after_class,
    only_named,
    own_products,
)
from monitor.policy.promises import OTHER, find_promises, promise_rules, umbrella_denials
from monitor.policy.statements import (
    AliasMatcher,
    clauses,
    extract_claims,
    extract_statements,
    unwrapped,
    vendor_sdk,
)
from monitor.policy.text import joined_fields, plain_emphasis, read_policy_text
from monitor.policy.vocab import find_terms, policy_context, simplified, typed
from monitor.rules import bundled_toml


def parse_policy(text: str, source: str = "<text>", signatures: Any = None) -> Policy:
    if signatures is None:
        from monitor.rules.load import load_rules

        signatures = load_rules()
    aliases = AliasMatcher(signatures.sdk_aliases(), signatures.common_aliases)
    shown, plain = text, joined_fields(plain_emphasis(text))  # read without markdown's bold marks and with lone field
    # labels joined to their values, at the same offsets
    text = simplified(plain)  # ... and traditional Chinese in simplified characters, at the same offsets
    paragraphs = unwrapped(text)  # (a paragraph is a line)
    statements = apply_covering(extract_statements(text, aliases), connected_product(text, policy_context(text)[1]),
                                aliases.find, paragraphs, aliases.aliases)
    statements = _policy_excepted(kept_on_device(_precise_asked(_precise_denied(statements)), paragraphs))
    statements += only_named(statements)
    texts = [(c.start, c.end, c.text, c.scope) for c in clauses(text, aliases)]
    statements += defined_terms(statements, text, texts)
    denied = umbrella_denials(texts, text)
    # (the definition the denial rests on names what is not collected: its sentence collects none of it)
    statements = [s for s in statements if not any(
        d.type == s.type and s.recipient == "first_party" and s.stance != "denies"
        and d.evidence.start < s.evidence.start < d.evidence.end for d in denied)] + denied
    named = list(dict.fromkeys(sdk for sdk, _s, _e in aliases.find(text)))
    vendor = vendor_sdk(text, aliases) or _titled(text, aliases) or _called_we(text, aliases)
    siblings: tuple[str, ...] = ()
    if vendor:  # an SDK vendor's own policy: the vendor is the first party
        statements = [replace(s, recipient="first_party") if s.recipient == vendor else s for s in statements]
        # ... and so are its other SDKs (same organization): the policy's "we" covers them
        org = {s.id: s.organization for s in getattr(signatures, "sdks", ())}
        siblings = tuple(sid for sid, o in org.items() if sid != vendor and o and o == org.get(vendor))
    # an SDK the policy calls its own hardware ("our Arlo and VueZone products") is a product line of the owner: its "we"
    siblings += tuple(sdk for sdk in own_products(text, aliases.find, aliases.aliases) if sdk != vendor and sdk not in siblings)
    categories = {s.id: s.category for s in getattr(signatures, "sdks", ())}
    organizations = {s.id: s.organization for s in getattr(signatures, "sdks", ())}
    statements += named_after_class(statements, paragraphs, aliases.find, categories)
    statements += _through_organization(statements, categories, organizations, vendor, siblings)
    claims = find_promises(texts, aliases.find, apply_claim_rules(extract_claims(text, aliases), texts), statements,
                           categories, organizations,
                           {name: aliases.aliases[name] for name in signatures.common_aliases if name in aliases.aliases},
                           aliases.aliases)
    # an SDK the sentence only mentions (the account logged in with, a source) is no recipient in what the policy says:
    # the statement is the first party's, and says which name it mentions (a sign-in SDK's own name, "Sign in with
    # Apple: Apple receives your email address", stays: the sign-in service gets the data)
    statements = [replace(s, recipient="first_party", qualifiers=(*s.qualifiers, f"named:{s.recipient}"))
                  if "mentioned" in s.qualifiers and s.recipient != "first_party"
                  and not s.recipient.endswith(("_signin", "_login")) else s for s in statements]
    if text != plain:  # (the evidence quotes the policy's own characters)
        statements = [replace(s, evidence=replace(s.evidence, text=_own_chars(s.evidence.text, plain, s.evidence.start)))
                      for s in statements]
        claims = [replace(c, text=_own_chars(c.text, plain, c.start)) for c in claims]
    return Policy(source=source, text=shown, statements=tuple(statements), claims=tuple(claims),
                  sdks_named=tuple(named), first_party_sdk=vendor, vendor_sdks=siblings)


def _own_chars(quote: str, plain: str, start: int) -> str:
    """A quote read from the simplified text at `start`, in the policy's own (traditional) characters where they differ."""
    own = plain[start:start + len(quote)]
    if len(own) != len(quote):
        return quote
    read = simplified(own)
    return "".join(o if q == r else q for q, o, r in zip(quote, own, read, strict=True))


def _precise_named(s: Statement) -> bool:
    """The statement's own sentence names the precise location in so many words (not only an unqualified "location"):
    a precise term, or an unqualified one its words narrow to the precise kind ("does not gather precise information
    about the location of your mobile device", fresh-eg's AKILIMO)."""
    text = s.evidence.text
    return any([x for x, _v, _c in typed(t, True, False, text)] == ["location_precise"] for t, _a, _b in find_terms(text))


def _precise_denied(statements: list[Statement]) -> list[Statement]:
    """A policy that denies precise location in so many words ("We do not use or collect your precise geographic
    location") means the coarse one by its unqualified "location information" elsewhere: a precise location read only
    from such a mention is dropped (for the recipient the denial names)."""
    denied = {s.recipient for s in statements if s.type == "location_precise" and s.stance == "denies" and not s.vague
              and all(q.startswith("purpose:") for q in s.qualifiers) and _precise_named(s)}  # (not "without your consent")
    if not denied:
        return statements
    # (a sentence that names the precise kind only to deny it: "Geolocation data, such as approximate location data (we
    # don't collect precise geolocation, but can infer general location from your IP address)")
    same = {(s.recipient, s.evidence.start) for s in statements if s.type == "location_precise" and s.stance == "denies"}
    return [s for s in statements if not (s.type == "location_precise" and s.stance != "denies" and not s.vague
                                          and (s.recipient in denied or "first_party" in denied)
                                          and (not _precise_named(s) or (s.recipient, s.evidence.start) in same))]


def _precise_asked(statements: list[Statement]) -> list[Statement]:
    """A policy that asks before taking the precise location, in so many words ("We will ask your permission before
    collecting your precise GPS location information"), means the coarse one by its unqualified "location" elsewhere: a
    precise location collected only by such a mention is dropped for the recipient asked for (the conditional stays;
    blind batches: Wish, LinkedIn, MuseScore read so by their labellers)."""
    asked = {s.recipient for s in statements if s.type == "location_precise" and s.stance == "conditional" and not s.vague
             and not s.scoped and _precise_named(s)}
    if not asked:
        return statements
    return [s for s in statements if not (s.type == "location_precise" and s.stance == "collects" and not s.vague
                                          and s.recipient in asked and not _precise_named(s))]


def _policy_excepted(statements: list[Statement]) -> list[Statement]:
    """A denial that keeps the policy's own statements as its exception ("除本政策另有明确约定外，我们不会将你的设备信息
    提供给任何第三方", "except as described in this policy, we do not share ...") denies nothing for a type the policy
    itself gives to a recipient other than the first party (blind batch fresh-cn, the push SDK getting the Android ID)."""
    excepted = promise_rules().policy_exception
    given = {s.type for s in statements if s.stance != "denies" and s.recipient != "first_party" and not s.scoped}
    return [s for s in statements if not (s.stance == "denies" and s.type in given and s.recipient != "first_party"
                                           and excepted.search(s.evidence.text))]


def _through_organization(statements: list[Statement], categories: dict[str, str], organizations: dict[str, str],
                          vendor: str, siblings: tuple[str, ...]) -> list[Statement]:
    """Data the policy gives an organization by name ("We share your Android ID with Google", "Tencent may collect
    ..."): each of that organization's SDKs has it too, vaguely (the organization is named, the SDK is not). Only the
    organizations' catch-all entries (category `unknown`: Google, Tencent, ByteDance ...) carry their members; a denial
    stays with the name it gives, and so does an SDK entry's operator ("腾讯加固 ... 第三方机构名称：腾讯": that product's data)."""
    members: dict[str, tuple[str, ...]] = {}
    out: list[Statement] = []
    for s in statements:
        if s.stance == "denies" or categories.get(s.recipient) != OTHER or not organizations.get(s.recipient) \
                or "operator" in s.qualifiers:  # (the company runs a product the entry names: not its other SDKs)
            continue
        if s.recipient not in members:
            org = organizations[s.recipient]
            members[s.recipient] = tuple(sid for sid, o in organizations.items()
                                         if o == org and sid != s.recipient and sid != vendor and sid not in siblings)
        for sdk in members[s.recipient]:
            out.append(replace(s, recipient=sdk, vague=True, covers=s.covers if s.vague else (s.type,),
                               qualifiers=(*s.qualifiers, f"via:{s.recipient}")))
    return out


def _titled(text: str, aliases: AliasMatcher) -> str:
    """The one SDK (a vendor's own cloud, "Privacy Policy | Ring") the policy's title line names: the policy's owner."""
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")[:200]
    if not re.search(r"privacy|隐私", title, re.I):
        return ""
    named = {sdk for sdk, _s, _e in aliases.find(title)}
    # a segment of the title that is exactly an SDK's name, everyday words too ("Legal | Privacy Policy | Ring")
    named |= {aliases.aliases[seg] for seg in (x.strip().lower() for x in re.split(r"\s[|:\-–—]\s|[|:：]", title))
              if seg in aliases.aliases}
    return named.pop() if len(named) == 1 else ""


# a company the policy's opening calls "we" ('上海声网科技有限公司（以下简称“我们”）', 'Acme Inc. ("Acme", "we", "us")')
_CALLED_WE = re.compile(r"([^，。；;,.\n（(]{2,60}?)\s*[（(]\s*(?:以下(?:简)?称|下称|hereinafter(?:\s+referred\s+to\s+as)?)?\s*"
                        r"[“\"'‘]?(?:[^）)]{0,40}?[“\"'‘])?(?:我们|we|us)[”\"'’]", re.I)


def _called_we(text: str, aliases: AliasMatcher) -> str:
    """The one SDK whose company the policy's first 3,000 characters call "we": an SDK vendor's own policy (fresh-em's
    声网 IM SDK compliance note, whose name appears eleven times)."""
    m = _CALLED_WE.search(text[:3000])
    if not m:
        return ""
    named = {sdk for sdk, _s, _e in aliases.find(m.group(1))}
    return named.pop() if len(named) == 1 else ""


def read_policy(path: str | Path, signatures: Any = None) -> Policy:
    """Read a policy file (txt, HTML or PDF); raises BadInput with one clear line when unreadable."""
    return parse_policy(read_policy_text(path), str(path), signatures)


def reading_warnings(policy: Policy) -> list[str]:
    """What a reader of the report must know about how the policy was read: a policy that gave no statement and no
    claim at all is more likely text privmon could not read (a page whose words sit in markup it skips, a scan, the
    wrong file) than a policy that says nothing, and every verdict on it would read `undisclosed` (CONTRACT.md: an input
    privmon cannot decode yields a warning, never an empty report that looks clean)."""
    language = unread_language(policy.text)
    warned = [f"the policy appears to be written in {language}: privmon's reader knows English and Chinese, so it reads "
              "few of this policy's statements (verdicts may read undisclosed where the policy does speak)"] if language else []
    if policy.statements or policy.claims:
        return warned
    words = len(policy.text.split())
    return [f"no statement about any data type was read from the policy's {words:,} words of text: check that the file "
            "is the privacy policy itself (the verdicts treat it as saying nothing)", *warned]


_WORD = re.compile(r"[^\W\d_]{1,20}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def unread_language(text: str) -> str:
    """The language a policy is mostly written in when the reader has no vocabulary for it ("" for English, Chinese, or
    too little text to tell): the language whose commonest words the text uses most, if that is not English and its
    words are at least twice as frequent as English's."""
    sample = text[:200_000]
    words = _WORD.findall(sample.lower())
    if len(words) < 150 or len(_HAN.findall(sample)) > len(words):
        return ""
    read, stopwords = _languages()
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in stopwords.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if best not in read and counts[best] >= max(2 * counts[read[0]], len(words) // 20) else ""


@lru_cache(maxsize=1)
def _languages() -> tuple[tuple[str, ...], dict[str, frozenset[str]]]:
    """(the languages the reader reads, each language's commonest words) from policy_languages.toml."""
    table = bundled_toml("policy_languages.toml")
    return tuple(table["read"]), {lang: frozenset(words.split()) for lang, words in table["stopwords"].items()}
