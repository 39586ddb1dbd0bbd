"""Identifiers in decoded fields: known profile values in any form, and patterns with checks.

`Detector.scan(fields)` returns one Hit per (type, value, location, transform). With a profile,
every field is matched in one pass against all precomputed variants of the known values
(confidence `known`). Patterns (rules/identifiers.toml) add what no profile names:
checksummed numbers (IMEI, ICCID: `checksum`) and values under identifier key names (`pattern`).
Precision first: key names of decoys (order ids, trace ids, timestamps, versions) veto patterns.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

from monitor.classify.checks import PKG, Check, CheckContext, luhn_ok, unicast_mac
from monitor.classify.types import type_checks, type_ids
from monitor.classify.variants import Variant, profile_variants, trie_regex
from monitor.decode import location
from monitor.errors import bad_rule
from monitor.lazyre import lazy
from monitor.model import Field, Hit
from monitor.profile import Profile

_MICRODEG = lazy(globals(), "_MICRODEG", r"-?\d{6,9}")
_NUM = lazy(globals(), "_NUM", r"(?<![\d.])-?\d{1,3}\.\d{2,17}(?![\d.])")  # Java prints a double with up to 17 digits
_MAC = lazy(globals(), "_MAC", r"(?<![0-9A-Fa-f:-])((?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2})(?![0-9A-Fa-f:-])")
_DIGITS = re.compile(r"\d{14,}")  # whole digit runs of 14 or more (IMEI/ICCID candidates: those of at most 20)
_HASH = re.compile(r"^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")
_HASH_NAMES = {32: "md5", 40: "sha1", 64: "sha256"}
# the transforms of a payload's hex view; Final and of any length: the compiled scan reads it from a C variable as the
# tuple object it is (a global of a fixed-length tuple type was looked up in the module's dict and repacked into a
# new tuple at every test, ~400 instructions a field in _recurrences)
_BYTES: Final[tuple[str, ...]] = ("bytes",)
_HEX12 = lazy(globals(), "_HEX12", r"[0-9A-Fa-f]{12}")  # a MAC written without separators
_NO_KEYS: frozenset[str] = frozenset()
_VALUE = operator.itemgetter(2)  # Field.value (a named tuple: itemgetter is cheaper than attrgetter)
_TRANSFORMS = operator.itemgetter(3)  # Field.transforms
_TYPE = operator.itemgetter(0)  # Hit.type
# Hit(...) is a named tuple whose __new__ is a Python function that fills the defaults; tuple.__new__(Hit,
# (all eight)) builds the same object at a third of the cost (as decode does for Field)
_new = tuple.__new__
_LAT, _LON, _PAIR = 1, 2, 3  # location roles of a key name
# what a key name says (Detector._key): (normalized key, types it names or None (a decoy), device key,
# _free must look, location role, "install" in the key, the checks of its types: (type, a hash key of
# the type, the type's check or None) each, plain: a key that names no type and no location and is no
# device or install key, so only a value with a mark (_free's, or "." for profile coordinates) or of 14
# characters or more may give a hit under it)
_Plan = tuple[str, bool, Check | None]
_Find = tuple[str, str, str, str]  # what a value gives: (type, value, the value's own transform, confidence)
_KeyInfo = tuple[str, tuple[str, ...] | None, bool, bool, int, bool, tuple[_Plan, ...], bool]
# digits -> "d", every other byte -> " ": a run of 14 digits is b"d" * 14 in an ASCII value's shape
_DIGIT_SHAPE = bytes(0x64 if 0x30 <= c <= 0x39 else 0x20 for c in range(256))
_DIGITS14 = b"d" * 14
# letters (lowered) and digits kept, every other byte a space: an ASCII text's words, as the known-value scan
# reads them (for a message's joined values of at most _WORDS_MAX characters: the words are objects, ~40 bytes
# each; a longer text is read by the regexes whole, without a list of its words)
_WORDS_MAX = 1 << 16
_KNOWN_CHARS = 1 << 20  # the characters of the values whose matches a Detector remembers (_known_all)
_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))


_SUFFIX_OK = frozenset({"imei", "imsi", "iccid", "meid", "androidid", "oaid", "gaid", "idfa", "idfv", "bssid",
                        "macaddress", "wifimac", "phonenumber", "mobile", "email", "serialno", "serialnumber",
                        "latitude", "longitude", "advertisingid", "adid", "googleaid", "googleadid", "buildserial"})
_KEY_NOISE = re.compile(r"[_\-.$\s]")


@functools.lru_cache(maxsize=8192)  # field names repeat across requests: "imei", "device_id", ...
def norm_key(key: str) -> str:
    return _KEY_NOISE.sub("", key).lower()


class IdentifierRules:
    """identifiers.toml validated: key names per type, negative keys, placeholders (a plain class: a dataclass
    costs ~0.4 ms of CPU to build at import)."""

    __slots__ = ("types", "negative_keys", "placeholders", "version", "recurring", "recurring_min")

    def __init__(self, types: dict[str, dict[str, Any]] | None = None, negative_keys: frozenset[str] = frozenset(),
                 placeholders: frozenset[str] = frozenset(), version: str = "", recurring: frozenset[str] = frozenset(),
                 recurring_min: int = 10) -> None:
        self.types = {} if types is None else types
        self.negative_keys = negative_keys
        self.placeholders = placeholders
        self.version = version
        self.recurring = recurring
        self.recurring_min = recurring_min

    def keys(self, type_id: str, which: str = "keys") -> frozenset[str]:
        return frozenset(norm_key(k) for k in self.types.get(type_id, {}).get(which, []))


def identifier_rules(docs: Sequence[tuple[str, dict[str, Any]]]) -> IdentifierRules:
    """Parsed identifiers.toml files (the bundled one first), merged: later lists extend earlier ones.

    The rules loader (monitor/rules) reads the files; `docs` is (file name, parsed TOML) per file."""
    types: dict[str, dict[str, Any]] = {}
    neg: set[str] = set()
    ph: set[str] = set()
    version = ""
    recurring: set[str] = set()
    recurring_min = 10
    known = type_ids()
    for p, data in docs:
        version = version or str(data.get("version", ""))
        neg.update(norm_key(k) for k in data.get("negative_keys", []))
        ph.update(v.lower() for v in data.get("placeholders", {}).get("values", []))
        rec = data.get("recurring", {})
        for t in rec.get("types", []):
            if t not in known:
                raise bad_rule(p, "recurring", "types", f"{t!r} is not a type id ({', '.join(known)})")
            recurring.add(t)
        recurring_min = int(rec.get("min_length", recurring_min))
        for type_id, spec in data.get("types", {}).items():
            if not isinstance(spec, dict):
                raise bad_rule(p, f"types.{type_id}", "value", "must be a table")
            if type_id not in known and type_id != "location":  # location: the keys of both location types
                raise bad_rule(p, f"types.{type_id}", "name", f"not a type id ({', '.join(known)}, or location)")
            merged = types.setdefault(type_id, {})
            for k, v in spec.items():
                if isinstance(v, list):
                    merged[k] = list(merged.get(k, [])) + [x for x in v if x not in merged.get(k, [])]
                else:
                    merged[k] = v
    return IdentifierRules(types, frozenset(neg), frozenset(ph), version, frozenset(recurring), recurring_min)


def _chain(field_tr: tuple[str, ...], value_tr: str) -> str:
    """The transforms of a hit, outermost first: the field's, then the value's own unless it is "plain"."""
    if not field_tr:
        return value_tr
    joined = _JOINED.get(field_tr)  # a few chains recur ("gzip > json"): joined once
    if joined is None:
        if len(_JOINED) >= 1024:  # transform chains come from captured data: the cache stays bounded
            _JOINED.clear()
        joined = _JOINED[field_tr] = " > ".join(field_tr)
    return joined if value_tr == "plain" else f"{joined} > {value_tr}"


_JOINED: dict[tuple[str, ...], str] = {}


class Detector:
    """Finds identifiers in fields. Build once per (rules, profile); `scan` is the hot path."""

    def __init__(self, rules: IdentifierRules, profile: Profile) -> None:
        self.rules = rules
        self.profile = profile
        self._ci, self._cs = profile_variants(profile)
        # both regexes run over a text that starts with self._sep (see trie_regex's `lead`)
        self._ci_re = trie_regex(list(self._ci), "[0-9a-z]", lead=True)
        self._cs_re = trie_regex(list(self._cs), "[0-9A-Za-z+/_-]", lead=True)
        # camera ids of the profile in PPPP's binary layout (hex, as in a payload's hex view)
        self._uid_bin = [(b.hex(), Variant("device_uid", v, d.name, "binary")) for d in profile.devices
                         for t, v in d.known if t == "device_uid" for b in [_uid_binary(v)] if b]
        self._coords = [(d.name, d.latitude, d.longitude) for d in profile.devices
                        if d.latitude is not None and d.longitude is not None]
        r = self.rules
        self._keys = {t: r.keys(t) for t in r.types}
        self._types_of_key: dict[str, tuple[str, ...]] = {}  # normalized key -> the types it names
        for t, keys in self._keys.items():
            for key in keys:
                self._types_of_key[key] = (*self._types_of_key.get(key, ()), t)
        # names distinctive enough to count at the end of a longer key (not "mac", "sn", "uid", "ssid"...)
        self._suffix_keys = sorted((key for key in self._types_of_key if len(key) >= 4 and key in _SUFFIX_OK),
                                   key=len, reverse=True)
        self._hashed = {t: r.keys(t, "hashed_keys") for t in r.types}
        loc = r.types.get("location", {})
        self._lat = frozenset(norm_key(k) for k in loc.get("lat_keys", []))
        self._lon = frozenset(norm_key(k) for k in loc.get("lon_keys", []))
        self._pair = frozenset(norm_key(k) for k in loc.get("pair_keys", []))
        uid = r.types.get("device_uid", {})
        self._cs2 = re.compile(uid["cs2_pattern"]) if "cs2_pattern" in uid else None
        self._kalay = re.compile(uid["kalay_pattern"]) if "kalay_pattern" in uid else None
        em = r.types.get("email", {})
        self._email = re.compile(em["pattern"]) if "pattern" in em else None
        self._not_tld = frozenset(em.get("not_tld", []))
        self._alg_words = frozenset(w.lower() for w in em.get("algorithm_words", []))
        self._binary_tlds = frozenset(t.lower() for t in em.get("binary_tlds", []))
        # types a key name must not give in some places ("SSID" cookie): location prefix -> types
        self._not_in: dict[str, frozenset[str]] = {}
        for t, spec in r.types.items():
            for where in spec.get("not_in", []):
                self._not_in[where] = self._not_in.get(where, frozenset()) | {t}
        self._not_in_starts = tuple(self._not_in)
        ph = r.types.get("phone_number", {})
        self._e164 = re.compile(ph["e164_pattern"]) if "e164_pattern" in ph else None
        self._tac = tuple(r.types.get("imei", {}).get("tac_prefixes", []))
        self._mcc = frozenset(r.types.get("imsi", {}).get("mcc", []))
        apps = r.types.get("installed_apps", {})
        self._min_apps = int(apps.get("min_items", 3))
        self._rdns_share = float(apps.get("reverse_dns_share", 0.8))
        self._rdns_first = frozenset(apps.get("reverse_dns_first", []))
        self._install_keys = r.keys("device_uid", "install_keys")
        self._cloud_sdks = frozenset(uid.get("cloud_sdks", []))
        self._cloud_keys = r.keys("device_uid", "cloud_keys")
        self._cloud_value = re.compile(uid["cloud_value"]) if "cloud_value" in uid else None
        self._cloud_path = frozenset(x.lower() for x in uid.get("cloud_path_before", []))
        self._placeholders = r.placeholders
        self._checks = type_checks()
        self._check_ctx = CheckContext(self._mcc, self._install_keys,
                                       tuple(p for p in (self._cs2, self._kalay) if p is not None), self._min_apps)
        self._recur: dict[str, tuple[str, str]] = {}  # value (letters and digits, upper) -> (type, first finding)
        self._alnum_of: dict[str, str] = {}  # a field's value (10-80 characters) -> _alnum of it (values recur)
        self._key_info: dict[str, _KeyInfo] = {}
        self._known_memo: dict[str, tuple[tuple[Variant, str], ...]] = {}  # value -> its matches (_known_all)
        self._known_chars = 0  # the characters of the values in _known_memo (about: a value met twice counts twice)
        self._finds: dict[tuple[str, str, bool, frozenset[str] | None, bool, bool], tuple[_Find, ...]] = {}
        idfa = r.types.get("idfa", {})
        self._platform_free = frozenset(norm_key(k) for k in idfa.get("platform_free_keys", []))
        self._platform_keys = frozenset(norm_key(k) for k in idfa.get("platform_keys", []))
        self._ios_value = re.compile(idfa["ios_value"]) if "ios_value" in idfa else None
        self._ios_agent = re.compile(idfa["ios_agent"]) if "ios_agent" in idfa else None
        self._meid_keys = frozenset(norm_key(k) for k in r.types.get("meid", {}).get("id_keys", []))
        self._meid_check = self._checks.get("meid")
        self._imei_id_keys = frozenset(norm_key(k) for k in r.types.get("imei", {}).get("id_keys", []))
        # the known-value scan runs once over all fields of a message joined by a character that no
        # variant contains (so no match spans two fields, and field edges stay match boundaries)
        variants = "".join(self._ci) + "".join(self._cs)
        self._sep = next(c for c in ("\x00", "\x01", "\ufdd0", "\uffff", "\U0010fffe") if c not in variants)
        # each variant's longest word (see _WORD_BYTES): a variant matches only where that word stands whole in
        # the text, since both regexes' boundary classes hold every letter and digit. (all, ci's, cs's), or None
        # when a variant has no ASCII word (then the regexes read every text)
        ci_words, cs_words = _key_words(self._ci), _key_words(self._cs)
        self._words = None if ci_words is None or cs_words is None else (ci_words | cs_words, ci_words, cs_words)

    # -- public ----------------------------------------------------------------------------------------

    def device_cloud(self, sdk: str) -> bool:
        """Whether `sdk` is the cloud of a connected product (a camera's, a plug's): see scan's `device_cloud`."""
        return sdk in self._cloud_sdks

    def scan(self, fields: Iterable[Field], cleartext: bool = True, device_cloud: bool = False) -> list[Hit]:
        """The identifiers in a message's fields. `device_cloud`: the message goes to the cloud of a connected
        product (device_cloud(sdk)), where the serial and the device id a request names are the product's."""
        hits: dict[tuple[str, str, str], Hit] = {}  # one per (type, identifier, location): outermost wins
        known_values: set[str] = set()
        # the fields as plain tuples (location, key, value, transforms): a Fields list holds them so (its
        # items read as Field only when iterated); a Field is such a tuple too
        fl: list[Field] = list.copy(fields) if isinstance(fields, list) else list(fields)  # type: ignore[arg-type]
        if self._ci_re is not None or self._cs_re is not None:
            for h in self._known_all(fl):  # (a Hit read by index: h[0] type, h[1] value, h[3] location, h[6] canonical)
                hits.setdefault((h[0], h[6] or h[1], h[3]), h)
                known_values.add(h[1].lower())
        # one pass over the fields: location candidates, and the fields a pattern may match
        key_info, key_of = self._key_info, self._key
        coords = bool(self._coords)
        places: list[tuple[Field, int]] = []
        found: list[Hit] = []
        for f in fl:
            # Segment's context.device.id: the device's id under a name only its parent gives (the location or the
            # parent's path of such a field holds "device": an event's "id" costs no call)
            if f[1] == "id" and "device" in f[0] and _device_id(f):
                lf = f if len(f) == 4 else _located(f)
                f = (lf[0], "device_id", lf[2], lf[3])  # type: ignore[assignment]  # a Field read by index
            # (not `key_info.get(k) or key_of(k)`: the compiled scan tests an `or` operand of a fixed-length tuple
            # type by unpacking it, packing it into a new tuple and asking its truth, then unpacking it again)
            info = key_info.get(f[1])
            if info is None:
                info = key_of(f[1])
            v = f[2]
            if info[7] and len(v) < 14 and v.isalnum():
                continue  # a plain key's short word or number (no mark): nothing can find anything in it
            if info[4] or coords and "." in v:  # a location key or, with profile coordinates, a decimal number
                places.append((f if len(f) == 4 else _located(f), info[4]))
            keyed = info[1]
            if keyed is None:
                continue  # a decoy's key name
            if not keyed and not (info[3] or len(v) >= 14 or "@" in v or "+" in v or "-" in v):
                continue  # only _free could find something, and the value has none of its marks
            if f[3] != _BYTES:
                found.extend(self._patterns(f if len(f) == 4 else _located(f), info, cleartext))
        if places:
            for h in self._location(places):
                hits.setdefault((h[0], h[6] or h[1], h[3]), h)
        if found and self._platform_free and "gaid" in map(_TYPE, found) and self._says_ios(fl):
            found = [h._replace(type="idfa") if h[0] == "gaid" and _last_key(h[3]) in self._platform_free else h
                     for h in found]
        if found:
            placeholders = self.rules.placeholders
            for h in found:
                low = h[1].lower()
                if low in known_values or low in placeholders:
                    continue
                hits.setdefault((h[0], h[1], h[3]), h)
        if device_cloud:
            self._product_ids(fl, hits)
        if self._recur:
            self._recurrences(fl, hits)
        return list(hits.values())

    def _product_ids(self, fl: list[Field], hits: dict[tuple[str, str, str], Hit]) -> None:
        """On a connected product's cloud: a serial number found is the product's (device_uid), and a product id
        under a device key (deviceSerial, deviceId, devId, sn) is device_uid unless a phone-id check or the
        profile typed it."""
        for k, h in list(hits.items()):
            if h[0] == "serial" and h[4] != "known":  # a profile's declared type stands
                del hits[k]
                hits.setdefault(("device_uid", k[1], k[2]), h._replace(type="device_uid"))
        if self._cloud_value is None:
            return
        typed = {h[3] for h in hits.values()}
        segment = ""  # the URL path segment before this field, lower case ("" once the path is over)
        for f in fl:
            v, key = f[2], f[1]
            in_path = not key and f[0].startswith("path[")  # (a path segment: no key, location path[i])
            after, segment = segment, v.lower() if in_path else ""
            if len(v) > 40 or f[3] == _BYTES or not (after in self._cloud_path if in_path
                                                     else norm_key(key) in self._cloud_keys):
                continue
            v = v.strip()
            if not self._cloud_value.fullmatch(v) or not any(c.isdigit() for c in v) or v.lower() in self._placeholders:
                continue
            loc = location(f)
            if loc in typed:
                continue
            typed.add(loc)
            kind = "mac" if in_path and len(v) == 12 and _HEX12.fullmatch(v) and unicast_mac(v) else "device_uid"
            hits.setdefault((kind, v, loc), _new(Hit, (kind, v, _chain(f[3], "plain"), loc, "pattern", "", v, "")))

    def _key(self, key: str) -> _KeyInfo:
        """What a key name says, cached: (normalized key, the types it names or None when it vetoes
        patterns, whether it names a device, whether _free must look whatever the value (a device or
        "install" key), its location role (_LAT, _LON, _PAIR or 0), whether it says "install", and per
        type it names: (type, whether the key is one of the type's hash keys, the type's check))."""
        info = self._key_info.get(key)
        if info is None:
            k = norm_key(key)
            keyed: tuple[str, ...] | None = None
            if k not in self.rules.negative_keys:
                keyed = self._types_of_key.get(k, ()) if k else ()
                if not keyed and len(k) > 4:
                    keyed = self._suffix_types(k)
            device = _DEVICE_KEY.search(k) is not None
            loc = self._location_role(key, k)
            install = "install" in k and "installer" not in k  # the installer (a store) is no installed app
            plans = tuple((t, k in self._hashed.get(t, _NO_KEYS), self._checks.get(t)) for t in keyed or ())
            info = (k, keyed, device, device or install, loc, install, plans,
                    not loc and not keyed and not device and not install)
            if len(self._key_info) >= 8192:  # key names are captured text: the cache stays bounded
                self._key_info.clear()
            self._key_info[key] = info
        return info

    # -- values seen before in this capture ---------------------------------------------------------

    def remember(self, h: Hit, evidence: str, destination: str) -> None:
        """Note a reported value, so that it is recognized when it recurs (the first finding is kept: its
        location, and where it was seen, `evidence` and `destination`, make the reason)."""
        if h.type not in self.rules.recurring or h.confidence == "known" or len(self._recur) >= 10_000:
            return
        key = _alnum(h.canonical or h.value)
        if len(key) >= self.rules.recurring_min and key not in self._recur:
            self._recur[key] = (h.type, f"same value as the {h.type} found at {h.location} ({evidence}, {destination})")

    def _recurrences(self, fields: list[Field], hits: dict[tuple[str, str, str], Hit]) -> None:
        found: set[str] | None = None
        low = self.rules.recurring_min
        recur, alnum_of = self._recur, self._alnum_of
        for f in fields:
            v = f[2]
            if not low <= len(v) <= 80 or " " in v or f[3] == _BYTES:
                continue  # identifiers are short and have no spaces
            key = alnum_of.get(v)
            if key is None:  # a value not met lately (a request repeats most of the values of the one before)
                key = _alnum(v)
                if len(alnum_of) >= 8192:  # values are captured text: the memo stays bounded
                    alnum_of.clear()
                alnum_of[v] = key
            if key not in recur:
                continue
            info = self._key_info.get(f[1])  # (not `... or self._key(...)`: see scan)
            if info is None:
                info = self._key(f[1])
            if info[1] is None:
                continue  # (None: a negative key, see _key)
            if found is None:
                found = {_alnum(h.canonical or h.value) for h in hits.values()}
            v = v.strip()
            seen = self._recur.get(key)
            if seen is None or key in found or v.lower() in self.rules.placeholders:
                continue
            found.add(key)
            loc = location(f)
            hits.setdefault((seen[0], v, loc), _new(Hit, (seen[0], v, _chain(f[3], "plain"), loc, "pattern", "", "",
                                                          seen[1])))

    # -- profile mode ------------------------------------------------------------------------------------

    def _known_all(self, fl: list[Field]) -> list[Hit]:
        """`_known` of every field, in field order: what each value holds is remembered (a device sends the same
        values in request after request), and the values not met before are read together by `_matches`."""
        n = len(fl)
        if n < 2:
            return [h for f in fl for h in self._known(f)]
        values = list(map(_VALUE, fl))
        memo = self._known_memo
        got: list[tuple[tuple[Variant, str], ...] | None] = list(map(memo.get, values))
        new = got.count(None)
        if new:  # the values not met before, read together and remembered (with C's loops: most hold nothing)
            if new == n:
                miss: Sequence[int] = range(n)
                miss_values = values
            else:
                miss = list(itertools.compress(range(n), map(operator.is_, got, itertools.repeat(None))))
                miss_values = list(map(values.__getitem__, miss))
            found, size = self._matches(miss_values)
            if size <= _KNOWN_CHARS:  # values are captured text: the memo stays bounded, in entries and characters
                if len(memo) + new > 4096 or self._known_chars + size > _KNOWN_CHARS:
                    memo.clear()
                    self._known_chars = 0
                self._known_chars += size
                memo.update(dict.fromkeys(miss_values, ()))
                for j, ms in found.items():
                    memo[miss_values[j]] = got[miss[j]] = tuple(ms)
            else:
                for j, ms in found.items():
                    got[miss[j]] = tuple(ms)
        out: list[Hit] = []
        # binary ids first within their field (in a payload's hex view)
        binary = self._uid_bin and _BYTES in map(_TRANSFORMS, fl)
        for i in range(n) if binary else itertools.compress(range(n), got):
            f = fl[i]
            if binary and f[3] == _BYTES:
                out.extend(self._binary_ids(f))
            for v, sent in got[i] or ():
                out.append(self._hit(v, f, sent))
        return out

    def _matches(self, values: list[str]) -> tuple[dict[int, list[tuple[Variant, str]]], int]:
        """(variant, the text matched) per value that holds any, each regex run only over the values that may hold
        a match; and the length of the values joined.

        A variant lies inside one value (the separator is in none), so the values are joined by the separator
        once (in C). When that text is ASCII and at most _WORDS_MAX long, its words (runs of letters and digits,
        lowered: _WORD_BYTES) are hashed once into a set; a regex runs only if one of its variants' key words is
        among them, and then only over the values where that word stands whole (each value between its two
        separators: the same matches as over the whole text). Otherwise each regex runs over the whole text
        (lowercased value by value for the case-insensitive one when the text is not ASCII: a capital sigma
        lowers by its context).
        """
        sep = self._sep
        text = sep + sep.join(values)
        found: dict[int, list[tuple[Variant, str]]] = {}
        ci, cs = self._ci_re, self._cs_re
        if len(text) <= _WORDS_MAX and text.isascii() and self._words is not None:
            all_words, ci_words, cs_words = self._words
            words = (text + " ").encode().translate(_WORD_BYTES)
            keys = all_words.intersection(words.split())  # (each word hashed once)
            if keys:
                ci_key = keys & ci_words
                if ci is not None and ci_key:
                    low = text.lower()
                    for i, off, end in _holding(words, text, sep, ci_key):
                        for m in ci.finditer(low, off, end):  # text[off] is the separator before the value
                            found.setdefault(i, []).append((self._ci[m.group(1)], text[m.start(1):m.end(1)]))
                cs_key = keys & cs_words
                if cs is not None and cs_key:
                    for i, off, end in _holding(words, text, sep, cs_key):
                        for m in cs.finditer(text, off, end):
                            found.setdefault(i, []).append((self._cs[m.group(1)], m.group(1)))
            return found, len(text)
        # the regexes run over sep + values: group 1's offsets are one past the joined values' (see trie_regex)
        starts = None  # each value's offset in the joined values (made at the first match)
        if ci is not None:
            if text.isascii():
                low, lows = text.lower(), values
            else:
                lows = [v.lower() for v in values]
                low = sep + sep.join(lows)
            low_starts: list[int] | None = None
            for m in ci.finditer(low):
                if low_starts is None:
                    low_starts = _starts(lows)
                s = m.start(1) - 1
                i = bisect.bisect_right(low_starts, s) - 1
                off = low_starts[i]
                found.setdefault(i, []).append((self._ci[m.group(1)], values[i][s - off:m.end(1) - 1 - off]))
            if lows is values:
                starts = low_starts
        if cs is not None:
            for m in cs.finditer(text):
                if starts is None:
                    starts = _starts(values)
                i = bisect.bisect_right(starts, m.start(1) - 1) - 1
                found.setdefault(i, []).append((self._cs[m.group(1)], m.group(1)))
        return found, len(text)

    def _binary_ids(self, f: Field) -> list[Hit]:
        """The profile's camera ids in PPPP's binary layout, found in a payload's hex view."""
        out = []
        for hx, v in self._uid_bin:
            i = f[2].find(hx)
            while i >= 0 and i % 2:  # on a byte boundary only
                i = f[2].find(hx, i + 1)
            if i >= 0:
                out.append(_new(Hit, (v.type, v.canonical, "binary", f"{f[0]}@{i // 2}", "known", v.device,
                                      v.canonical, "")))
        return out

    def _known(self, f: Field) -> list[Hit]:
        out = self._binary_ids(f) if self._uid_bin and f[3] == _BYTES else []
        if self._ci_re is not None:
            for m in self._ci_re.finditer(self._sep + f[2].lower()):
                v = self._ci[m.group(1)]
                out.append(self._hit(v, f, f[2][m.start(1) - 1:m.end(1) - 1]))
        if self._cs_re is not None:
            for m in self._cs_re.finditer(self._sep + f[2]):
                out.append(self._hit(self._cs[m.group(1)], f, m.group(1)))
        return out

    def _hit(self, v: Variant, f: Field, sent: str) -> Hit:
        loc = location(f)
        if f[3] == ("bytes",):  # matched in the hex view of a binary payload
            loc = f"{f[0]}@{f[2].lower().find(sent.lower()) // 2}"
        return _new(Hit, (v.type, sent, _chain(f[3], v.transform), loc, "known", v.device, v.canonical, ""))

    # -- location ------------------------------------------------------------------------------------------

    def _location(self, places: list[tuple[Field, int]]) -> list[Hit]:
        """Coordinates among the candidate fields (field, location role of its key) that scan collected."""
        out: list[Hit] = []
        lats: list[tuple[Field, str]] = []
        lons: list[tuple[Field, str]] = []
        coords = self._coords
        for f, role in places:
            if f[3] == _BYTES:
                continue
            if role == _LAT or role == _LON:
                m = _NUM.fullmatch(f[2].strip())
                if m:
                    (lats if role == _LAT else lons).append((f, m.group()))
                elif _MICRODEG.fullmatch(f[2].strip()):  # Sensors Data's "$latitude": 31230416 (x 1e6)
                    deg = f"{int(f[2].strip()) / 1e6:.6f}"
                    micro = Field(f[0], f[1], f[2], (*f[3], "microdegrees"))
                    (lats if role == _LAT else lons).append((micro, deg))
            elif (role == _PAIR or coords) and "." in f[2]:  # _NUM needs its decimal point
                nums = _NUM.findall(f[2])
                if len(nums) == 2:
                    a, b = nums
                    if coords or _plausible(a, b):
                        lats.append((f, a))
                        lons.append((f, b))
        if not lats or not lons:
            return out
        groups: dict[str, str] = {}
        for fa, a in lats:
            for fb, b in lons:
                if fa is not fb:
                    ga = groups.get(fa[0]) or groups.setdefault(fa[0], _group(fa[0]))
                    gb = groups.get(fb[0]) or groups.setdefault(fb[0], _group(fb[0]))
                    if ga != gb:
                        continue  # lat and lon of different objects
                hit = self._coord_hit(fa, a, b)
                if hit:
                    out.append(hit)
                    break
        return out

    def _coord_hit(self, f: Field, a: str, b: str) -> Hit | None:
        """a and b are decimal numbers (matched by _NUM, or microdegrees written with 6 decimals)."""
        dec = min(len(a) - a.index(".") - 1, len(b) - b.index(".") - 1)  # digits after the point
        kind = "location_precise" if dec >= 3 else "location_coarse"
        fa, fb = float(a), float(b)
        for name, lat, lon in self._coords:
            tol = 0.5 * 10 ** -dec + 1e-9
            if (abs(fa - lat) <= tol and abs(fb - lon) <= tol) or (abs(fb - lat) <= tol and abs(fa - lon) <= tol):
                return _new(Hit, (kind, f"{a},{b}", _chain(f[3], "plain"), f[0], "known", name,
                                  f"{lat},{lon}", ""))
        if not self._coords or self._key(f[1])[4] in (_LAT, _PAIR):
            if _plausible_xy(fa, fb) and not (fa == 0 and fb == 0):
                return _new(Hit, (kind, f"{a},{b}", _chain(f[3], "plain"), f[0], "pattern", "", "", ""))
        return None

    # -- pattern mode ------------------------------------------------------------------------------------

    def _patterns(self, f: Field, info: _KeyInfo, cleartext: bool) -> list[Hit]:
        """Hits of the types the key names (value checks) and of the free patterns (a field that is not bytes).

        What the value gives depends on the field's location and transforms only through three facts (the types
        its location bans, whether it is a printable run cut out of binary bytes, whether the decoder joined it
        from a list): the finds are remembered per (key, value, those facts), since a device sends the same ids
        in request after request. A Hit is made per find with the field's location and transforms."""
        v = f[2]
        loc = f[0]
        banned = None
        if self._not_in and loc.startswith(self._not_in_starts):  # (a location starts with its prefix)
            cut = loc.find(":")
            banned = self._not_in.get(loc[:cut] if cut >= 0 else loc)
        tr = f[3]
        listed = bool(tr) and tr[-1] == "list"
        binary = "@" in v and _BINARY_RUN.search(loc) is not None
        memo = self._finds
        mk = (f[1], v, cleartext, banned, listed, binary)
        short = len(v) <= 512 and len(f[1]) <= 128  # keys and values are captured text: the memo stays bounded
        finds = memo.get(mk) if short else None
        if finds is None:
            finds = self._finds_of(v.strip(), info, cleartext, banned, listed, binary)
            if short:
                if len(memo) >= 4096:
                    memo.clear()
                memo[mk] = finds
        out = []  # (a loop: a comprehension costs a function call more)
        for t, value, vt, conf in finds:
            out.append(_new(Hit, (t, value, _chain(tr, vt), loc, conf, "", "", "")))
        return out

    def _finds_of(self, v: str, info: _KeyInfo, cleartext: bool, banned: frozenset[str] | None, listed: bool,
                  binary: bool) -> tuple[_Find, ...]:
        """_patterns' finds: (type, value, the value's own transform, confidence) each."""
        k, _, device_key, free_key, _, install, plans, _ = info
        out: list[_Find] = []
        found: list[str] = []  # keyed types whose value passed: only those keep the free search off their type
        # a value under a type's key names: a hash under a hash key, else what the type's check says
        if plans and v and len(v) <= 512 and v.lower() not in self._placeholders:
            for t, hashed, check in plans:
                if banned and t in banned:
                    continue
                if hashed and _HASH.match(v):
                    out.append((t, v, _HASH_NAMES[len(v)], "pattern"))
                elif check is not None:
                    got = check(v, k, self._check_ctx, cleartext)
                    if got is None:
                        continue
                    out.append((t, got[1], "plain", got[0]))
                else:
                    continue
                found.append(t)
        if len(v) == 14 and not found and k in self._meid_keys and self._meid_check is not None:
            got = self._meid_check(v, k, self._check_ctx, cleartext)  # a CDMA phone's MEID where apps ask for the IMEI
            if got is not None:
                out.append(("meid", got[1], "plain", got[0]))
        elif len(v) == 15 and not found and k in self._imei_id_keys and v.isdigit() and v[:2] in self._tac and \
                len(set(v)) > 3:  # the IMEI under a generic device-id name, its check digit failing
            out.append(("imei", v, "plain", "pattern"))
            found.append("imei")
        if free_key or len(v) >= 14 or "@" in v or "+" in v or "-" in v:  # see _free: each search needs a mark
            out.extend(self._free(v, found, k, device_key, install, listed, binary))
        return tuple(out)

    def _suffix_types(self, k: str) -> tuple[str, ...]:
        """Types of a key that ends in a distinctive key name after a short prefix: "xgtimsi", "userimei"."""
        for name in self._suffix_keys:
            if k.endswith(name) and len(k) - len(name) <= 6:
                return self._types_of_key[name]
            if k.startswith(name) and k[len(name):] in _GENERIC_TAILS:  # "imsiCode", "imeiNo", "macStr"
                return self._types_of_key[name]
        return ()

    def _location_role(self, key: str, k: str) -> int:
        """_LAT, _LON or _PAIR for a key naming a latitude, a longitude or both, else 0: a name of the rules, or
        one ending in latitude / longitude ("gps_latitude"), or whose last word is lat / lng / lon ("curLat"), or
        a location field ("location-data", "gpsInfo")."""
        if k in self._lat:
            return _LAT
        if k in self._lon:
            return _LON
        if k in self._pair:
            return _PAIR
        if k.endswith("latitude"):
            return _LAT
        if k.endswith("longitude"):
            return _LON
        words = _WORDS.findall(key)
        last = words[-1].lower() if words else ""
        if last == "lat":
            return _LAT
        if last in ("lng", "lon"):
            return _LON
        return _PAIR if k.startswith(_PAIR_STARTS) and len(k) <= 16 else 0

    def _says_ios(self, fields: list[Field]) -> bool:
        """Whether a request says it comes from iOS: a platform field or its User-Agent."""
        for f in fields:
            key = f[1]
            if not key or len(f[2]) > 512:
                continue
            if self._ios_agent is not None and key.lower() == "user-agent":
                if self._ios_agent.search(f[2]):
                    return True
            elif self._ios_value is not None and norm_key(key) in self._platform_keys and self._ios_value.match(f[2]):
                return True
        return False

    def _app_list(self, listed: bool, v: str, k: str) -> bool:
        """An array (joined by the decoder) of mostly reverse-DNS package names, whatever its key; with a key
        saying "install", one or two package names are enough."""
        items = [x.strip() for x in v.split("\n") if x.strip()][:500]
        if not items:
            return False
        rdns = self._reverse_dns(items)
        if listed and len(items) >= self._min_apps:
            return rdns >= self._rdns_share * len(items)
        return "install" in k and "installer" not in k and len(items) <= 2 and rdns == len(items)

    def _joined_apps(self, v: str) -> bool:
        """Package names joined into one string ("com.a.b|com.c.d|..." in a form field, or comma-separated): an
        app list whatever its key, when most items are reverse-DNS names."""
        items = [x.strip() for x in v[:20_000].split("|" if "|" in v else ",")][:500]
        items = [x for x in items if x]
        if len(items) < max(self._min_apps, 3):
            return False
        return self._reverse_dns(items) >= max(self._rdns_share, 0.5) * len(items)

    def _reverse_dns(self, items: list[str]) -> int:
        """How many of the items are package names ("com.tencent.mm": dotted, a known first label)."""
        return sum(1 for x in items if PKG.match(x) and x.split(".", 1)[0].lower() in self._rdns_first)

    def _free(self, v: str, keyed: list[str], k: str, device_key: bool, install: bool, listed: bool,
              binary: bool) -> list[_Find]:
        """Values recognizable without a key name (checksums, structure). Each regex runs only when the value
        has what every match of it needs (a run of 14 digits, five MAC separators, "@", "+", "-"). `listed`: the
        decoder joined the value from a list; `binary`: it is a printable run cut out of binary bytes."""
        got: list[_Find] = []
        # an app list needs a list (or an "install" key) and, unless any share will do, dotted names
        if (install or listed) and "installed_apps" not in keyed and \
                ("." in v or not self._rdns_share > 0) and self._app_list(listed, v, k):
            got.append(("installed_apps", v[:200], "plain", "pattern"))
        elif ("|" in v or "," in v) and "installed_apps" not in keyed and \
                v.count(".", 0, 4096) >= 2 * self._min_apps and self._joined_apps(v):
            got.append(("installed_apps", v[:200], "plain", "pattern"))
        long = len(v) >= 14
        # (the regular expressions cost ~50 us per KB of value; the counts before them, ~1 us)
        if long and "imei" not in keyed and "iccid" not in keyed and (
                not v.isascii() or v.encode().translate(_DIGIT_SHAPE).find(_DIGITS14) >= 0):
            # (bytes.find: `bytes in bytes` first tries the needle as an int and clears a TypeError, ~1.8k instructions)
            for m in _DIGITS.finditer(v):
                d = m.group()
                if len(d) > 20:
                    continue
                if len(d) == 15 and d[:2] in self._tac and luhn_ok(d) and len(set(d)) > 3:
                    got.append(("imei", d, "plain", "checksum"))
                elif len(d) in (19, 20) and d.startswith("898") and luhn_ok(d):
                    got.append(("iccid", d, "plain", "checksum"))
        if long and "mac" not in keyed and "bssid" not in keyed and (":" in v or "-" in v) and \
                v.count(":") + v.count("-") >= 5:
            for mac in _MAC.findall(v):
                if unicast_mac(mac.replace(":", "").replace("-", "")):
                    got.append(("mac", mac, "plain", "pattern"))
        if self._email is not None and "@" in v:
            for m in self._email.finditer(v):
                if self._mailbox(m, v, binary):
                    got.append(("email", m.group(1), "plain", "pattern"))
        if self._e164 is not None and "+" in v and "phone_number" not in keyed:
            for m in self._e164.finditer(v):
                got.append(("phone_number", m.group(1), "plain", "pattern"))
        if self._cs2 is not None and "device_uid" not in keyed:
            if "-" in v:
                if self._cs2.search(v) is not None:  # search costs less than finditer when nothing matches
                    for m in self._cs2.finditer(v):
                        if "-" in m.group(0):
                            got.append(("device_uid", m.group(0), "plain", "pattern"))
            elif device_key and self._cs2.fullmatch(v):
                # apps drop the dashes ("VSTC123456ABCDE"): then the whole value of a device-ish key must match
                got.append(("device_uid", v, "plain", "pattern"))
        return got


    def _mailbox(self, m: re.Match[str], text: str, binary: bool) -> bool:
        """An address-shaped match that is a mailbox: not an algorithm name (SSH "hmac-sha1-etm@openssh.com"),
        and, in a binary payload's text, not inside a comma-separated name-list and under a real TLD."""
        addr = m.group(1)
        local, _, domain = addr.partition("@")
        tld = domain.rsplit(".", 1)[-1].lower()
        if tld in self._not_tld:
            return False
        words = {w for w in re.split(r"[-._+]", local.lower()) if w}
        if words & self._alg_words or any(w.rstrip("0123456789") in self._alg_words for w in words if len(w) > 3):
            return False
        if binary:
            if text[m.start(1) - 1: m.start(1)] == "," or text[m.end(1): m.end(1) + 1] == ",":
                return False
            if tld not in self._binary_tlds and not (len(tld) == 2 and tld.isalpha()):
                return False
        return True


_DEVICE_KEY = re.compile(r"dev|cam|ipc|p2p")
_GENERIC_TAILS = frozenset({"code", "no", "num", "number", "str", "value", "val"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")  # the words of a key: "curLat" -> cur, Lat
_PAIR_STARTS = ("location", "gps", "latlng", "lnglat", "coordinate")
_LAST_KEY = lazy(globals(), "_LAST_KEY", r"[^.:>\[\]]+$")


def _last_key(location: str) -> str:
    """The key a hit's location ends in, normalized: "json:$.device.ifa" -> "ifa"."""
    m = _LAST_KEY.search(location)
    return norm_key(m.group()) if m else ""


def _device_id(f: tuple[Any, ...]) -> bool:
    """Whether a field's location ends in ".device.id", read without building it: a JSON member stored with its
    parent's path (see decode._Stored) ends so when the path ends in ".device" (an event list's "id"s are many)."""
    if len(f) == 5 and f[4] is None and len(f[0]) <= 509:  # (location: path + ".id", at most 512 characters, uncut)
        return f[0].endswith(".device")  # type: ignore[no-any-return]
    return location(f).endswith(".device.id")


def _located(f: tuple[Any, ...]) -> Field:
    """A stored field (decode's Fields) with its location built: (location, key, value, transforms)."""
    return (location(f), f[1], f[2], f[3])  # type: ignore[return-value]  # read by index, as a Field is


def _key_words(variants: Iterable[str]) -> frozenset[bytes] | None:
    """The longest word (_WORD_BYTES) of each variant (_rarity); None when a variant has none (or is not ASCII)."""
    out = set()
    for v in variants:
        words = v.encode().translate(_WORD_BYTES).split() if v.isascii() else []
        if not words:
            return None
        out.add(max(words, key=_rarity))
    return frozenset(out)


def _rarity(word: bytes) -> tuple[int, int]:
    """How seldom a word of a variant may stand in other text: longer, then more letters ("9a" before "00")."""
    return len(word), sum(c > 0x39 for c in word)


def _holding(words: bytes, text: str, sep: str, keys: frozenset[bytes]) -> list[tuple[int, int, int]]:
    """(index, start, end) of each value of `text` (values joined by `sep`, with one before the first) where a key
    word stands whole in `words` (text's words, see _WORD_BYTES, and a space), in order; text[start] is the
    separator before the value, text[end] the one after (or its end)."""
    offs = set()
    for k in keys:
        k = b" " + k + b" "
        j = words.find(k)
        while j >= 0:
            offs.add(text.rfind(sep, 0, j + 1))
            j = words.find(k, j + len(k) - 1)
    out = []
    for off in sorted(offs):
        stop = text.find(sep, off + 1)
        out.append((text.count(sep, 0, off), off, stop if stop >= 0 else len(text)))
    return out


def _starts(values: list[str]) -> list[int]:
    """Offsets of each value in the values joined by one separator character."""
    return list(itertools.accumulate([len(v) + 1 for v in values[:-1]], initial=0))
# a field that is a printable run cut out of binary bytes: "tcp-payload@12", "body@40"
_BINARY_RUN = re.compile(r"^(?:tcp|udp)-payload(?:@\d+)?$|@\d+$")


def _alnum(value: str) -> str:
    """The value as compared across its sendings: case and the usual separators dropped."""
    up = value.upper()
    # (letters and digits only, as most values are: no separator to drop, two C calls instead of five)
    return up if up.isalnum() else up.replace("-", "").replace(":", "").replace(" ", "").replace(".", "")


def _uid_binary(uid: str) -> bytes | None:
    """A camera id "VSTC-123456-ABCDE" as PPPP sends it: prefix NUL-padded to 8, uint32 serial, check code."""
    m = re.fullmatch(r"([A-Z]{1,8})-?(\d{1,9})-?([A-Z]{1,8})", uid.strip().upper())
    if m is None or int(m.group(2)) > 0xFFFFFFFF:
        return None
    return m.group(1).encode().ljust(8, b"\0") + int(m.group(2)).to_bytes(4, "big") + m.group(3).encode()


def _group(location: str) -> str:
    """The object a value belongs to: json:$.a.lat -> json:$.a; query:lat -> query (cut at the last . or :)."""
    cut = max(location.rfind("."), location.rfind(":"))
    return location[:cut] if cut >= 0 else location


def _plausible(a: str, b: str) -> bool:
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return _plausible_xy(x, y)


def _plausible_xy(x: float, y: float) -> bool:
    return (-90 <= x <= 90 and -180 <= y <= 180) or (-180 <= x <= 180 and -90 <= y <= 90)

