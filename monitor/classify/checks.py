"""Value checks per data type: is a value found under one of the type's key names really one?

Each check takes (value, normalized key, context, cleartext) and returns (confidence, the value as
reported) or None. `types.TYPES` gives each type its check; the Detector calls it for values under
the type's key names (rules/identifiers.toml). Checks are pure: what they need from the rule
files (mobile country codes, camera id patterns...) comes in the `CheckContext`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from monitor.lazyre import lazy

UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
PKG = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+){2,}$")
_HEX14 = lazy(globals(), "_HEX14", r"[0-9A-Fa-f]{14}")
_HEX_DIGITS = "0123456789abcdefABCDEF"
_ODD_HEX = frozenset("13579bdf")  # a hex digit with its low bit set
_OAID = lazy(globals(), "_OAID", r"[0-9A-Fa-f]{16}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{64}")
# "A-3f9c...", "ANDROID_3f9c..."; 15 hex digits too: before Android 8 the id was a random 64-bit number printed
# without its leading zero (one id in 16); at least one letter a-f, or a decimal number (a 15-digit IMEI, a
# server-issued numeric id) would pass for one
_ANDROID_ID = re.compile(r"(?:a-|android[-_]?)?(?=[0-9]{0,15}[a-fA-F])([0-9a-fA-F]{15,16})", re.I)
_SERIAL = lazy(globals(), "_SERIAL", r"[A-Za-z0-9\-]{6,32}")
_UID = lazy(globals(), "_UID", r"[0-9A-Fa-f]{16}|[A-Za-z0-9]{20,22}")
_PHONE_SEP = lazy(globals(), "_PHONE_SEP", r"[\s\-()]")
_PHONE = lazy(globals(), "_PHONE", r"\+?\d{7,15}")
_LIST_SEP = lazy(globals(), "_LIST_SEP", r"[\n,;|]")
_SSID_SEP = lazy(globals(), "_SSID_SEP", r"[\s\-_.]+")
_TOKENISH = lazy(globals(), "_TOKENISH", r"[=/%|{}<>\\]")
_HEX_RUN = lazy(globals(), "_HEX_RUN", r"[0-9a-fA-F]{12,}")


class CheckContext:
    """What the checks read from the identifier rules (built once per Detector; a plain class: a dataclass costs
    ~0.4 ms of CPU to build at import)."""

    __slots__ = ("mcc", "install_keys", "uid_patterns", "min_apps")

    def __init__(self, mcc: frozenset[str] = frozenset(), install_keys: frozenset[str] = frozenset(),
                 uid_patterns: tuple[re.Pattern[str], ...] = (), min_apps: int = 3) -> None:
        self.mcc = mcc  # mobile country codes an IMSI starts with
        self.install_keys = install_keys  # keys under which a UUID is an install id (device_uid)
        self.uid_patterns = uid_patterns  # camera id shapes (CS2, Kalay)
        self.min_apps = min_apps  # package names a value must list to be an app list


Check = Callable[[str, str, CheckContext, bool], "tuple[str, str] | None"]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def unicast_mac(hexes: str) -> bool:
    """12 hex digits: a MAC a device owns (not all one or two digits, as 00..00, ff..ff and 02:00:..:00 are;
    the multicast bit, the low bit of the first byte, clear)."""
    h = hexes.lower()
    rest = h.replace(h[:1], "")  # str operations, not set(h): ~5x cheaper
    if not rest or not rest.replace(rest[0], ""):
        return False
    return h[1:2] not in _ODD_HEX


def network_name(v: str) -> bool:
    """A plausible Wi-Fi network name: 1-32 bytes of text, not a number, UUID, hash or session token."""
    if not 1 <= len(v.encode("utf-8", "replace")) <= 32 or v.isdigit() or _TOKENISH.search(v) or UUID.match(v):
        return False
    if _HEX_RUN.fullmatch(v):
        return False
    for part in _SSID_SEP.split(v):  # a long run mixing cases and digits is a token ("AxW8hQ3bZr1kLm0Pq")
        if len(part) >= 12 and any(c.isdigit() for c in part) and any(c.isupper() for c in part) and \
                any(c.islower() for c in part):
            return False
    return True


def _not_zero(v: str) -> bool:
    """Not a run of zeros (dashes aside); str.strip instead of a set: ~8x cheaper."""
    return "0" not in v or bool(v.strip("-0"))


def imei(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    if v.isdigit() and len(v) == 15 and len(set(v)) > 2:
        return ("checksum" if luhn_ok(v) else "pattern"), v
    return None


def meid(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    return ("pattern", v) if _HEX14.fullmatch(v) and int(v[:2], 16) >= 0xA0 else None


def imsi(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    return ("pattern", v) if v.isdigit() and 14 <= len(v) <= 15 and v[:3] in ctx.mcc else None


def iccid(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    if v.isdigit() and 18 <= len(v) <= 20 and v.startswith("89"):
        return ("checksum" if luhn_ok(v) else "pattern"), v
    # an ICCID read from the SIM's BCD keeps its filler nibble "F" (19 digits padded to 20, or a swapped pair)
    digits = v.replace("F", "").replace("f", "")
    if len(digits) >= len(v) - 1 and digits.isdigit() and 18 <= len(digits) <= 20 and v.startswith("89"):
        return "pattern", v
    return None


def mac(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    hexes = v.replace(":", "").replace("-", "").replace(".", "")  # _MAC_SEP.sub("", v), at a third of the cost
    # 12 hex digits (str.strip of the hex digits leaves nothing: a third of a regex's cost)
    return ("pattern", v) if len(hexes) == 12 and not hexes.strip(_HEX_DIGITS) and unicast_mac(hexes) else None


def ssid(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    return ("pattern", v) if network_name(v) else None


def ad_id(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    """An advertising or vendor id (GAID, IDFA, IDFV): a UUID, not all zeros (limited ad tracking)."""
    return ("pattern", v) if UUID.match(v) and _not_zero(v) else None


def oaid(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    return ("pattern", v) if (UUID.match(v) or _OAID.fullmatch(v)) and _not_zero(v) else None


def android_id(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    m = _ANDROID_ID.fullmatch(v)
    return ("pattern", m.group(1)) if m and set(m.group(1)) != {"0"} else None


def serial(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    return ("pattern", v) if _SERIAL.fullmatch(v) and any(c.isdigit() for c in v) and not v.isdigit() else None


def device_uid(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    if k in ctx.install_keys and UUID.match(v) and _not_zero(v):
        return "pattern", v
    if ctx.uid_patterns and any(p.fullmatch(v.upper()) for p in ctx.uid_patterns):
        return "pattern", v
    if _UID.fullmatch(v) and any(c.isdigit() for c in v):
        return "pattern", v
    return None


def place(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    """A city, district, postcode or address under a place key: a name or a code, not a flag or a count."""
    s = v.strip()
    if not 2 <= len(s) <= 120 or s.lower() in _NO_PLACE or (s.isdigit() and (len(s) < 4 or not s.strip("0"))):
        return None
    if s[0] in "([<{" and s[-1] in ")]>}":  # a placeholder the server fills in: Leanplum's "(detect)", "<unknown>"
        return None
    return ("pattern", s) if any(c.isalnum() for c in s) else None


_NO_PLACE = frozenset({"true", "false", "yes", "no", "null", "none", "unknown", "default", "all", "other", "nil"})


def phone_number(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    digits = _PHONE_SEP.sub("", v)
    return ("pattern", v) if _PHONE.fullmatch(digits) and len(set(digits)) > 2 else None


def installed_apps(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    items = [x.strip() for x in _LIST_SEP.split(v) if x.strip()]
    if len(items) >= ctx.min_apps and sum(bool(PKG.match(x)) for x in items) >= 0.8 * len(items):
        return "pattern", v[:200]
    return None


def credentials(v: str, k: str, ctx: CheckContext, cleartext: bool) -> tuple[str, str] | None:
    """A password sent in clear (a masked one, "****", is not)."""
    return ("pattern", v) if cleartext and set(v) - {"*", "x", "X", "•"} and len(v) <= 128 else None
