"""Policy statements x observed findings -> verdicts per (data type, recipient), with evidence.

The rules are the contract's: the recipient of a finding is its SDK id, `first_party`, or
`unknown` (judged as first party). A statement names the data exactly (clear) or through a broad
term that covers it (vague), and the recipient exactly (first party, or the SDK by name: clear) or
through a class ("third parties", "partners": any third party; "advertisers": advertising SDKs:
vague; a class the policy narrows to one kind of SDK, "third-party push SDKs", covers only SDKs of
that category). The strongest applicable verdict wins: contradicted, disclosed, vague, undisclosed.
Contradictions come from denials, from qualifiers (the policy says hashed, the traffic has the
value in plain), and from claims (no sharing with advertisers, no sharing with third parties,
storage in one country). A denial or claim limited to a scope (children) contradicts nothing; a
denial the same sentence takes back (it also states the type for that recipient) contradicts
nothing; a storage claim contradicts nothing when the policy also lets data be moved abroad.
"""

from __future__ import annotations

import re
from collections import defaultdict

from monitor.model import Claim, Evidence, Policy, Statement
from monitor.policy.clause import rules as policy_rules
from monitor.policy.covering import (
    carved_out,
    denies_category,
    denies_collecting,
    denies_plain_form,
    denies_unrelated,
    in_class,
    in_place,
    names_type,
)
from monitor.policy.promises import reach_types, reached, service_provider
from monitor.records import Destination, Finding, Verdict

ORDER = {"contradicted": 0, "undisclosed": 1, "vague": 2, "disclosed": 3, "not_observed": 4}
HASH_QUALIFIERS = {"hashed", "md5", "sha256", "encrypted"}
# a sentence about the form a value is sent in (not the one it is kept in)
_SENT_FORM = re.compile(r"\b(?:sen[dt]s?|sending|transmi\w+|upload\w*|transfer\w*|submit\w*|in\s+transit)\b|传输|上传|发送|提交",
                        re.I)
# a password marked as kept encrypted in a list of account data ("username, password (encrypted), profile photo"): how the
# server stores it, no promise about sending it (session 28, grid 135's BeautyCita)
_STORED_FORM_MARK = re.compile(r"\bpass(?:words?|codes?)\s*[(（]\s*(?:encrypted|hashed|salted(?:\s+and\s+hashed)?)\s*[)）]", re.I)
# "encrypted" promises protection on the way, not a changed value: only a value sent outside TLS breaks it
VALUE_QUALIFIERS = HASH_QUALIFIERS - {"encrypted"}
MAX_EVIDENCE = 5


def _judged(recipient: str, policy: Policy) -> str:
    """The party a recipient is judged as: first_party (incl. unknown and a vendor policy's own SDKs) or itself."""
    if recipient in ("first_party", "unknown", "") or (policy.first_party_sdk and recipient == policy.first_party_sdk) \
            or recipient in policy.vendor_sdks:
        return "first_party"
    return recipient


def _type_level(s: Statement, type_id: str) -> str:
    if names_type(s, type_id):
        return "clear"
    if s.vague and type_id in s.covers:
        return "vague"
    return ""


def _recipient(s: Statement) -> str:
    """Who a statement gives the data to: an SDK the sentence only mentions (an account, a source) is not it, and a
    denial its list entry gives an SDK while the sentence speaks of a class is about nobody (covering.py)."""
    if "to_others" in s.qualifiers:
        return ""
    return "first_party" if "mentioned" in s.qualifiers else s.recipient


def _recipient_level(s: Statement, judged: str, category: str, recipient: str = "") -> str:
    """clear: the statement names this recipient (or the party it is judged as); vague: a class that covers it."""
    if _recipient(s) == judged or (recipient and _recipient(s) == recipient):
        return "clear"
    if judged == "first_party":
        return ""
    narrowed = [q.split(":", 1)[1] for q in s.qualifiers if q.startswith("class:")]
    if narrowed and not in_class(narrowed, category, judged):
        return ""  # "third-party push SDKs" cover push SDKs only, "ad measurement partners" the attribution SDKs
    if s.recipient in ("third_party", "partners"):
        return "vague"
    if s.recipient == "advertisers" and category == "advertising":
        return "vague"
    return ""


def _holds(s: Statement) -> bool:
    """A denial a finding can break: no open exception ("unless required by law", "except as described"); a sharing
    denial whose only exception is the user's consent holds (consent cannot be seen in traffic: covering.py)."""
    return "excepted" not in s.qualifiers or "consent_only" in s.qualifiers


def _firm_app_denial(s: Statement) -> bool:
    """A first-party denial with no exception and no plain-form limit ("no passwords in plain text")."""
    return s.stance == "denies" and s.recipient == "first_party" and "excepted" not in s.qualifiers \
        and not denies_plain_form(s)


def _app_denial(s: Statement) -> bool:
    """A firm first-party denial, not scoped, whose own sentence denies collecting (not a list row under a "We do NOT
    collect" heading)."""
    return _firm_app_denial(s) and not s.scoped and denies_collecting(s)


def _given_to_anyone(policy: Policy, type_id: str) -> bool:
    """The policy states the type (clearly or broadly) for some recipient other than the first party."""
    return any(s.stance != "denies" and _type_level(s, type_id) and _recipient(s) not in ("first_party", "")
               for s in policy.statements)


def _specificity(s: Statement, type_id: str, judged: str, category: str,
                 recipient: str = "") -> tuple[bool, bool, bool, int, int]:
    """Sort key, most specific evidence first: named recipient, exact type, general scope, narrowest term; then the order
    of the policy (its own statement of what it collects comes before later mentions: notices, opt-outs, table rows;
    the shortest sentence first, as before, cited table cells and notices ahead of the collection sentence)."""
    return (_recipient_level(s, judged, category, recipient) != "clear", _type_level(s, type_id) != "clear", s.scoped,
            len(s.covers) if s.vague else 0, s.evidence.start)


def _ev(e: Evidence) -> Evidence:
    return e


def _claim_ev(c: Claim) -> Evidence:
    return Evidence(c.text, c.start, c.end)


def _is_plain(transform: str) -> bool:
    steps = [t.strip() for t in transform.split(">")]
    return not any(t.startswith(("md5", "sha", "base64(md5", "base64(sha")) for t in steps)


def compute_verdicts(policy: Policy, findings: list[Finding], destinations: list[Destination],
                     consent_ts: float | None) -> list[Verdict]:
    country_of = {(d.host, d.ip): d.country for d in destinations}
    country_of.update({("", d.ip): d.country for d in destinations if d.ip})
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        recipient = f.sdk or "unknown"
        groups[(f.type, recipient)].append(f)
    verdicts = [_verdict(policy, t, r, fs, country_of, consent_ts) for (t, r), fs in groups.items()]
    verdicts += _not_observed(policy, {(t, _judged(r, policy)) for t, r in groups} | set(groups))
    verdicts.sort(key=lambda v: (not v.before_consent, ORDER[v.verdict], v.type, v.recipient))
    return verdicts


def _stating_sentences(policy: Policy, type_id: str, judged: str, category: str, recipient: str) -> set[tuple[int, int]]:
    """The sentences (start, end) with an unscoped statement, not a denial, of exactly this type for this recipient."""
    return {(s.evidence.start, s.evidence.end) for s in policy.statements
            if s.stance != "denies" and not s.scoped and _type_level(s, type_id) == "clear"
            and _recipient_level(s, judged, category, recipient) == "clear"}


def _verdict(policy: Policy, type_id: str, recipient: str, fs: list[Finding],
             country_of: dict[tuple[str, str], str], consent_ts: float | None) -> Verdict:
    judged = _judged(recipient, policy)
    category = next((f.category for f in fs if f.category), "")
    ids = tuple(sorted(f.id for f in fs))
    before = consent_ts is not None and any(f.first_ts < consent_ts for f in fs)
    clear, vague, denials, hashed, broad_denials, app_denials = [], [], [], [], [], []
    stated = _stating_sentences(policy, type_id, judged, category, recipient)
    for s in policy.statements:
        tl = _type_level(s, type_id)
        rl = _recipient_level(s, judged, category, recipient) if tl else ""
        if tl and not rl and judged != "first_party" and _app_denial(s) and (tl == "clear" or denies_category(s)):
            # "We do not collect your e-mail", "... account data": what the app sends to its SDKs, it collects too
            app_denials.append(s)
        if not tl or not rl or ("excepted" in s.qualifiers and s.stance != "denies"):
            continue  # (a sharing sentence with an open exception, which the reader read as sharing: covering.py)
        if s.scoped or carved_out(s):
            # limited to a user group or feature (children), or to one sharing the sentence states (a type carved out
            # of it): traffic cannot be tied to it, so it never
            # contradicts and gives at most vague coverage (CONTRACT.md, "Scope")
            if s.stance != "denies":
                vague.append(s)
            continue
        if s.stance == "denies":
            # a denial in broad terms ("no sensitive personal information") is too loose to contradict, and so is
            # one with an open exception ("not shared with third parties unless you consent"), and one the same
            # sentence takes back (it also states the type for this recipient: a list where "(not collected)" is
            # read as reaching back over an item the list collects)
            if tl == "clear" and _holds(s) and (s.evidence.start, s.evidence.end) not in stated:
                if not denies_plain_form(s) or any(_is_plain(f.transform) for f in fs):
                    denials.append(s)  # (a "no passwords in plain text" denial: the plain value is sent)
                elif rl == "clear":
                    clear.append(s)  # only hashed values: the form the policy keeps
            elif tl == "vague" and denies_category(s) and _firm_app_denial(s):
                # "The App does not collect device identifiers": a first-party denial of a category, not an umbrella word,
                # with no exception at all ("not without your consent" of a category is left as before)
                broad_denials.append(s)
            continue
        if tl == "clear" and rl == "clear":
            clear.append(s)
            if HASH_QUALIFIERS & set(s.qualifiers):
                hashed.append(s)
        else:
            vague.append(s)

    def out(verdict: str, reason: str, evidence: list[Evidence]) -> Verdict:
        unique: list[Evidence] = []  # one entry per sentence, in order
        for e in evidence:
            if not any(u.start == e.start and u.end == e.end for u in unique):
                unique.append(e)
        return Verdict(type_id, recipient, verdict, ids, tuple(unique[:MAX_EVIDENCE]), reason, before, judged)

    def specific(xs: list[Statement]) -> list[Statement]:  # most specific first (issue 14, item 7)
        return sorted(xs, key=lambda x: _specificity(x, type_id, judged, category))

    shown = recipient if recipient != "unknown" else "an unknown destination (judged as first party)"
    if clear or any(_type_level(v, type_id) == "clear" for v in vague):
        # a denial excepting the user's consent yields to a statement giving this type to this recipient (or a class
        # covering it): the policy says when it does share it, so consent was asked for
        denials = [d for d in denials if "consent_only" not in d.qualifiers]
    if judged == "first_party" and any(s.stance == "collects" and s.recipient == "first_party" for s in clear):
        # a first-party denial of a type another sentence plainly says the first party collects ("We do not process
        # data that identifies you, such as your email" beside "We need your email address to create your account")
        # is limited to something the reader does not see (a section, a purpose): the stated collection holds
        # (not a denial of one form, "no passwords in plain text": the stated collection does not say which form)
        denials = [d for d in denials if d.recipient != "first_party" or denies_plain_form(d)]
    if judged != "first_party" and any(s.stance != "denies" and _recipient(s) in (judged, recipient) for s in clear):
        # a denial to "unrelated third parties" does not reach an SDK the policy names as receiving this very type, nor
        # does data "stored only on your device" beside "City name and country code are sent to Firebase Analytics"
        # (the named sharing is the exception the policy itself states: grid 157's Quran by Helal)
        denials = [d for d in denials if d.recipient == judged
                   or not (denies_unrelated(d) or policy_rules().local.search(d.evidence.text))]
    if not denials and not clear and not vague and not _given_to_anyone(policy, type_id):
        # a first-party denial, in its own sentence, of collecting a type the policy gives no one ("We do not collect
        # names, emails, physical location"): the app sends none of it to its SDKs either
        denials = app_denials
    if not denials and not clear and not vague:
        # a denial of a category ("The App does not collect device identifiers", "account data") denies each of its
        # members, as a reviewer reads it, where the policy says nothing else of the type for this recipient (a policy
        # that names the member elsewhere meant the denial more narrowly)
        denials = broad_denials
    denials, hashed = specific(denials), specific(hashed)
    if denials:
        return out("contradicted", f"the policy says {type_id} is not collected/shared for {denials[0].recipient}, "
                                   f"but {len(fs)} finding(s) show it sent to {shown}", [_ev(s.evidence) for s in denials])
    plain = [f for f in fs if _is_plain(f.transform)]
    if not any(f.cleartext for f in plain):  # read through TLS: an "encrypted" promise was kept
        hashed = [s for s in hashed if VALUE_QUALIFIERS & set(s.qualifiers)]
    if type_id == "credentials":
        # a password kept as a hash ("we process your email address, password-hash", grid 92's Homey) is how the server
        # stores it; the login still sends the password (through TLS): only a sentence about sending it promises a form
        # (not "the protection of passwords using industry standard encryption", grid 73's FlyBird, which its reviewer
        # holds to a password sent in clear text)
        hashed = [s for s in hashed if ("encrypted" in s.qualifiers and not _STORED_FORM_MARK.search(s.evidence.text))
                  or _SENT_FORM.search(s.evidence.text)]
    if hashed and plain and len(hashed) == len(clear):
        quals = sorted(HASH_QUALIFIERS & set(hashed[0].qualifiers))
        return out("contradicted", f"the policy says {type_id} is sent {'/'.join(quals)}, but the traffic has it "
                                   f"unhashed ({plain[0].location})", [_ev(s.evidence) for s in hashed])
    named = [s for s in vague if not s.scoped and _recipient_level(s, judged, category, recipient) == "clear"]
    sent_clear = [f for f in plain if f.cleartext]
    if not clear and named and sent_clear and all("encrypted" in s.qualifiers for s in named):
        # the entry naming this recipient promises encrypted transmission of what it lists (only broadly named here)
        ordered = specific(named)
        fields = [q.split(":")[1:] for s in ordered for q in s.qualifiers if q.startswith("transit:")]
        promise = [Evidence(policy.text[int(a):int(b)], int(a), int(b)) for a, b in fields if policy.text]
        return out("contradicted", f"the policy says {type_id} goes to {judged} by encrypted transmission, but the traffic "
                                   f"has it in clear text ({sent_clear[0].location})",
                   [*promise[:1], *(_ev(s.evidence) for s in ordered)])
    claim = _claim_contradiction(policy, judged, category, fs, country_of, recipient, stated=bool(clear))
    if claim is not None:
        c, why = claim
        return out("contradicted", why, [_claim_ev(c)])
    if clear:
        clear.sort(key=lambda x: _specificity(x, type_id, judged, category, recipient))
        return out("disclosed", f"the policy states {type_id} for {clear[0].recipient}",
                   [_ev(s.evidence) for s in clear])
    if vague:  # cite the closest statements first: a named recipient, an exact data type, the narrowest broad term
        vague.sort(key=lambda x: _specificity(x, type_id, judged, category, recipient))
        s = vague[0]
        what = s.type if s.vague else type_id
        return out("vague", f"covered only by a broad statement ({what} for {s.recipient})",
                   [_ev(x.evidence) for x in vague])
    return out("undisclosed", f"the policy never mentions {type_id} for {shown} or a class that covers it", [])


def _claim_contradiction(policy: Policy, judged: str, category: str, fs: list[Finding],
                         country_of: dict[tuple[str, str], str], recipient: str = "",
                         stated: bool = False) -> tuple[Claim, str] | None:
    abroad = any(dict(c.params).get("allowed") == "yes" for c in policy.claims if c.kind == "cross_border")
    # a storage sentence that leaves the places open ("in the United States and other countries") anywhere in the
    # policy makes its other storage sentences (backups "stored off-site in the United States") no promise either;
    # and a country any storage sentence names is a place the policy gives
    places = [c for c in policy.claims if c.kind == "storage_location" and not dict(c.params).get("scope")]
    abroad = abroad or any(dict(c.params).get("open") for c in places)
    # (a place given for one region's users, "data of users in Asia is stored in Singapore", is a place the policy gives too)
    named = {dict(c.params).get("country", "") for c in policy.claims if c.kind == "storage_location"
             and dict(c.params).get("scope") in (None, "region")} - {""}
    # the type is one the policy says the app collects, if only by a category term ("Device Information: Non-personal data
    # such as device model"): its "We do not store personal information on our servers" does not take it back (the
    # policy counts that data as non-personal; session 33, grid 160's Ring React); a promise not to collect or send does
    # (grid 51's Smart TV Manager, grid 29's ZSWatch: what they name is kept on the phone)
    # (asked only of a policy with such a promise: the statements are walked once per verdict otherwise for nothing)
    collected = any(c.kind == "no_collection" for c in policy.claims) and any(
        s.stance == "collects" and not s.scoped and s.recipient == "first_party" and _type_level(s, fs[0].type)
        for s in policy.statements)
    for c in policy.claims:
        if dict(c.params).get("scope"):
            continue  # limited to a user group (children): traffic cannot be tied to it (CONTRACT.md, "Scope")
        if c.kind == "storage_location" and (abroad or dict(c.params).get("permissive")):
            # "stored in China" is no promise when the policy also lets data be processed abroad, and "may be
            # processed or stored in the United States" permits a place without excluding others
            continue
        if dict(c.params).get("reach"):
            why = _promise_broken(c, judged, category, fs[0].type, recipient, stated, collected)
            if why and dict(c.params).get("form") == "deidentified" and fs[0].type not in reach_types("identity") \
                    and (fs[0].type in reach_types("resettable") or not any(_is_plain(f.transform) for f in fs)):
                why = ""  # "only de-identified device information": a hashed device identifier is the de-identified form,
                # and so is an advertising id the user can reset (grid 18's reviewer), which ad partners get by design
                # (what identifies you, an e-mail or phone number, is no more de-identified for being hashed)
            if why:
                return c, why
            continue
        if fs[0].type in dict(c.params).get("spare_types", "").split(","):
            continue  # the types the sentence after the promise lets the recipients have
        if c.kind == "no_ad_sharing" and category == "advertising" and judged != "first_party":
            return c, f"the policy says nothing is shared with advertisers, but advertising SDK {judged} receives it"
        if c.kind == "no_third_party_sharing" and judged != "first_party":
            return c, f"the policy says personal information is not shared with third parties, but {judged} receives it"
        if c.kind == "no_personal_info":
            words = _feature_words(dict(c.params).get("feature", ""))
            hit = next((f for f in fs if words and any(w in f.url.lower() for w in words)), None)
            if hit is not None:
                return c, (f"the policy says the {dict(c.params)['feature'].lower()} feature involves no personal "
                           f"information, but its request ({hit.location}) carries {hit.type}")
        if c.kind == "other" and dict(c.params).get("about") == "contacts":
            hit = next((f for f in fs if f.type in ("phone_number", "email") and policy_rules().contacts_finding.search(
                f"{f.location} {f.url}")), None)
            if hit is not None:
                return c, (f"the policy says the contact list is not collected, but {hit.type} values from a contact "
                           f"list are sent ({hit.location})")
        if c.kind == "other" and dict(c.params).get("about") == "transport" and judged == "first_party" \
                and (stated or dict(c.params).get("types") != "stated"):
            hit = next((f for f in fs if f.cleartext), None)
            promise = "the data it collects is protected in transit" if dict(c.params).get("types") == "stated" \
                else "every connection is encrypted"
            if hit is not None:
                return c, (f"the policy says {promise}, but {hit.type} is sent to {judged} in clear "
                           f"text ({hit.location})")
        if c.kind == "other" and dict(c.params).get("about") == "client_encryption" and judged == "first_party":
            # (privmon read the value: whatever its form, plain, hashed or encoded, it was not encrypted on the device)
            return c, (f"the policy says data reaches its servers only encrypted on the user's device, but {fs[0].type} "
                       f"is sent to {judged} readable ({fs[0].location})")
        if c.kind == "storage_location" and judged == "first_party":
            want = dict(c.params).get("country", "")
            for f in fs:
                got = country_of.get((f.host, f.ip)) or country_of.get(("", f.ip), "")
                if want and got and not any(in_place(got, w) for w in named):  # (`want` is one of `named`)
                    return c, f"the policy says data is stored in {want}, but it is sent to a server in {got}"
    return None


_STORE_VERB = re.compile(r"\b(?:store|keep|save|retain|hold)\b", re.I)
_SEND_VERB = re.compile(r"\b(?:collect|gather|send|transmit|upload|receive|obtain|share|access|track)\w*", re.I)


def _promise_broken(c: Claim, judged: str, category: str, type_id: str, recipient: str, stated: bool,
                    collected: bool = False) -> str:
    """A promise with a reach (monitor/policy/promises.py): broken by a reached type sent to a recipient it is about,
    unless the policy states exactly this type for this recipient (the promise is then read at its narrowest), or, for a
    promise only to store nothing ("We do not store personal information on our servers"), says the app collects the type
    at all (`collected`): what it calls non-personal and collects is not what it promises not to keep."""
    p = dict(c.params)
    if c.kind == "no_collection":  # a first-party promise: the app's own servers (or an unattributed host), and the SDKs
        # inside the app when the policy speaks of no third party receiving data (but for those it names: promises.py)
        inside = judged != "first_party" and p.get("sdks_too") == "yes" and recipient not in p.get("spare", "").split(",")
        kept_only = collected and bool(_STORE_VERB.search(c.text)) and not _SEND_VERB.search(c.text)
        if judged != "first_party" and not inside or stated or kept_only or type_id not in reached(p) \
                or type_id in p.get("spare_types", "").split(","):
            return ""
        if inside:
            return f"the policy says the app collects no personal data, but {type_id} is sent from it to {judged}"
        return f"the policy says it does not collect personal data, but {type_id} is sent to {judged}"
    if judged == "first_party" or stated or type_id not in reached(p):
        return ""
    if p.get("except") == "service_providers" and service_provider(category):
        return ""
    if recipient in p.get("spare", "").split(","):
        return ""  # an SDK the policy names: its own exception to "we share no data with third parties"
    about = (recipient in p.get("sdks", "").split(",")
             or (bool(p.get("categories")) and in_class(p["categories"].split(","), category, judged))
             or p.get("class") == "third_party" or (c.kind == "no_ad_sharing" and category == "advertising"))
    if not about:
        return ""
    if c.kind == "no_personal_info":
        return f"the policy says only anonymized data goes to {judged}, but {type_id} is sent to it"
    if p.get("about") == "trackers":
        return f"the policy says the app uses no trackers or third-party SDKs of this kind, but {judged} receives {type_id}"
    if p["reach"] == "all" and recipient in p.get("sdks", "").split(","):
        return f"the policy says no data is shared with {judged}, but {type_id} is sent to it"
    if p["reach"] == "all":
        return f"the policy says no data is shared with third parties, but {type_id} is sent to {judged}"
    if p["reach"] == "named":
        return f"the policy says {type_id} is not shared with {judged}, but it is sent to it"
    if p["reach"] == "device":
        return f"the policy says what identifies your device is not shared with {judged}, but {type_id} is sent to it"
    return f"the policy says information that identifies you is not shared with {judged}, but {type_id} is sent to it"


def _not_observed(policy: Policy, seen: set[tuple[str, str]]) -> list[Verdict]:
    out: dict[tuple[str, str], list[Evidence]] = {}
    for s in policy.statements:
        if s.vague or s.stance == "denies" or s.recipient in ("third_party", "partners", "advertisers") or s.scoped:
            continue
        r = _recipient(s)
        if (s.type, r) in seen:
            continue
        evidence = out.setdefault((s.type, r), [])
        if len(evidence) < MAX_EVIDENCE:
            evidence.append(_ev(s.evidence))
    return [Verdict(t, r, "not_observed", (), tuple(ev), f"the policy states {t} for {r}; not seen in this traffic",
                    False, r) for (t, r), ev in out.items()]


_STOP = {"function", "feature", "service", "product", "improvement", "optimization", "and", "the", "your", "with"}


def _feature_words(feature: str) -> list[str]:
    """URL-ish words of a feature's name ("Network speed monitoring" -> network, speed, monitoring)."""
    import re

    return [w for w in re.findall(r"[a-z]{4,}", feature.lower()) if w not in _STOP]
