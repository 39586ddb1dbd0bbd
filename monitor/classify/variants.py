"""Every form an SDK may send a known identifier in, precomputed once per profile.

For each known value: case and separator variants (MAC with ':', '-', '.', none; UUIDs with and
without dashes; IMEI with and without the check digit; phone numbers with and without the
country code), then for each of those: URL-encoded, base64 (standard and URL-safe, with and
without padding), hex of the string, reversed, and MD5/SHA-1/SHA-256 (hex, and base64 of the
digest). Matching is one pass per buffer through a regex built as a trie of all the variants.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import quote

from monitor.model import record
from monitor.profile import Profile
from monitor.rules.alternation import literal_alternation


@record
class Variant:
    """A form in which a known profile value may travel (hashed, encoded, ...)."""

    type: str
    canonical: str
    device: str
    transform: str  # plain|md5|sha1|sha256|base64|base64(md5)|hex|urlencoded|reversed...


def base_forms(type_id: str, value: str) -> list[str]:
    v = value.strip()
    forms = [v]
    if type_id in ("mac", "bssid"):
        hexes = re.sub(r"[^0-9a-fA-F]", "", v).lower()
        if len(hexes) == 12:
            pairs = [hexes[i:i + 2] for i in range(0, 12, 2)]
            forms = [":".join(pairs), "-".join(pairs), hexes, ".".join(hexes[i:i + 4] for i in range(0, 12, 4))]
    elif type_id in ("gaid", "idfa", "idfv", "oaid", "android_id"):
        forms = [v, v.replace("-", "")] if "-" in v else [v]
    elif type_id == "imei" and len(v) == 15 and v.isdigit():
        forms = [v, v[:14]]
    elif type_id == "phone_number":
        digits = re.sub(r"\D", "", v)
        forms = [v, digits]
        if v.startswith("+") and len(digits) > 10:
            forms.append(digits[-11:] if digits.startswith("86") else digits[-10:])
    elif type_id == "device_uid":
        forms = [v, v.replace("-", "")] if "-" in v else [v]
    elif type_id == "email":
        forms = [v.lower()]
    out: list[str] = []
    for f in forms:
        for c in (f, f.lower(), f.upper()):
            if c not in out:
                out.append(c)
    return out


def encoded_forms(form: str) -> list[tuple[str, str]]:
    """(variant, transform) pairs derived from one base form."""
    raw = form.encode("utf-8")
    out = [(form, "plain")]
    q = quote(form, safe="")
    if q != form:
        out.append((q, "urlencoded"))
    b64 = base64.b64encode(raw).decode()
    u64 = base64.urlsafe_b64encode(raw).decode()
    for s in {b64, b64.rstrip("="), u64, u64.rstrip("=")}:
        if len(s) >= 8:
            out.append((s, "base64"))
    out.append((raw.hex(), "hex"))
    if len(form) >= 8:
        out.append((form[::-1], "reversed"))
    for name in ("md5", "sha1", "sha256"):
        d = hashlib.new(name, raw)
        out.append((d.hexdigest(), name))
        out.append((base64.b64encode(d.digest()).decode(), f"base64({name})"))
    return out


def profile_variants(profile: Profile) -> tuple[dict[str, Variant], dict[str, Variant]]:
    """(case-insensitive variants keyed lowercase, case-sensitive base64 variants)."""
    ci: dict[str, Variant] = {}
    cs: dict[str, Variant] = {}
    for dev in profile.devices:
        for type_id, value in dev.known:
            for form in base_forms(type_id, value):
                for variant, transform in encoded_forms(form):
                    if len(variant) < 6:
                        continue
                    if transform.startswith("base64") or transform == "reversed" and not variant.isalnum():
                        target, key = cs, variant
                    else:
                        target, key = ci, variant.lower()
                    tr = transform
                    if transform in ("md5", "sha1", "sha256") and form != form.lower() and form == form.upper():
                        tr = f"{transform}(of upper)"
                    target.setdefault(key, Variant(type_id, value, dev.name, tr))
    return ci, cs


def trie_regex(words: list[str], boundary: str, lead: bool = False) -> re.Pattern[str] | None:
    """A regex matching any of the words (longest first) as group 1, fast because it is shaped as a trie.

    A word matches only where no `boundary` character (a class, "[0-9a-z]") touches it. With `lead`,
    the regex is meant for a text that starts with a non-boundary character, and consumes the
    character before each word instead of looking behind: a pattern that starts with a character
    class lets the regex engine skip in C to the next non-boundary character, where the lookbehind
    form tries every word at every position (~5x slower on request text). The two find the same
    words at the same places unless a word may start right where another ended, which needs a word
    that ends and one that starts with a non-boundary character: then the lookbehind form is kept.
    """
    if not words:
        return None
    if lead:
        inside = re.compile(boundary)
        if not (any(not inside.match(w[-1]) for w in words) and any(not inside.match(w[0]) for w in words)):
            return re.compile(f"[^{boundary[1:]}({literal_alternation(words)})(?!{boundary})")
    return re.compile(f"(?<!{boundary})({literal_alternation(words)})(?!{boundary})")
