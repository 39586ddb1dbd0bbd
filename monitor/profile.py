"""Device profile TOML (see the contract): the lab devices, their known identifiers, the app.

Parsed and validated once at the boundary; later code trusts the `Profile` object. The variants
of each known value (case, separators, encodings, hashes) are computed by
`monitor.classify.identifiers` from `Profile.known`, not here.
"""

from __future__ import annotations

import ipaddress
from dataclasses import field
from pathlib import Path

from monitor.classify.types import type_ids
from monitor.errors import BadProfile
from monitor.model import record

_DEVICE_TEXT_KEYS = {"name", "ip", "kind", "notes", "platform"}
PLATFORMS = ("android", "ios", "device")
_COORD_KEYS = {"latitude", "longitude"}
# profile keys that are aliases of contract type ids
_ALIASES = {"phone": "phone_number", "uid": "device_uid", "camera_uid": "device_uid", "sn": "serial"}


@record
class Device:
    """A device under test: its addresses and known identifier values."""

    name: str
    ips: tuple[str, ...] = ()
    known: tuple[tuple[str, str], ...] = ()  # (type id, value)
    latitude: float | None = None
    longitude: float | None = None
    kind: str = ""
    platform: str = ""  # android|ios|device; inferred from the identifiers when the profile does not say

    def as_row(self) -> dict[str, object]:
        """The device as the database keeps it (so `report` scopes labels without the profile)."""
        return {"name": self.name, "ip": ",".join(self.ips), "kinds": sorted({t for t, _ in self.known}),
                "platform": self.platform}


@record
class App:
    """The app under test: its name, first-party hosts and policy."""

    name: str = ""
    first_party: tuple[str, ...] = ()  # host suffixes, IPs or CIDRs
    policy: str = ""


@record
class Profile:
    """The device profile: the devices and the app under test."""

    devices: tuple[Device, ...] = ()
    app: App = field(default_factory=App)
    source: str = ""

    def device_for_ip(self, ip: str) -> str:
        for d in self.devices:
            if ip in d.ips:
                return d.name
        return ""

    @property
    def client_ips(self) -> frozenset[str]:
        return frozenset(ip for d in self.devices for ip in d.ips)

    def is_first_party(self, host: str, ip: str) -> bool:
        host = host.lower().rstrip(".")
        for rule in self.app.first_party:
            if _is_network(rule):
                if ip:
                    try:
                        if ipaddress.ip_address(ip) in ipaddress.ip_network(rule, strict=False):
                            return True
                    except ValueError:
                        continue
            elif host and (host == rule or host.endswith("." + rule)):
                return True
        return False


EMPTY_PROFILE = Profile()


def _is_network(rule: str) -> bool:
    try:
        ipaddress.ip_network(rule, strict=False)
        return True
    except ValueError:
        return False


def load_profile(path: str | Path) -> Profile:
    """Read and validate a device profile; raises BadProfile naming the key that is wrong."""
    import tomllib  # (here: `analyze` without a profile does not import it)

    from monitor.files import read_bounded

    p = Path(path)
    raw = read_bounded(p, 4 * 1024 * 1024, "profile", BadProfile, too_big="profile larger than 4 MB")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadProfile(str(p), f"not valid TOML: {exc}") from exc
    return profile_from_dict(data, str(p))


def profile_from_dict(data: dict[str, object], source: str = "<profile>") -> Profile:
    unknown = set(data) - {"device", "app"}
    if unknown:
        raise BadProfile(source, f"unknown top-level key {sorted(unknown)[0]!r} (expected [[device]] and [app])")
    devices_raw = data.get("device", [])
    if not isinstance(devices_raw, list):
        raise BadProfile(source, "'device' must be an array of tables ([[device]])")
    devices = tuple(_device(d, i, source) for i, d in enumerate(devices_raw))
    names = [d.name for d in devices]
    if len(set(names)) != len(names):
        raise BadProfile(source, "device names must be unique")
    app = _app(data.get("app", {}), source)
    return Profile(devices=devices, app=app, source=source)


def _device(d: object, index: int, source: str) -> Device:
    where = f"device[{index}]"
    if not isinstance(d, dict):
        raise BadProfile(source, f"{where} must be a table")
    name = d.get("name", f"device{index + 1}")
    if not isinstance(name, str) or not name.strip():
        raise BadProfile(source, f"{where}.name must be a non-empty string")
    ips = _strings(d.get("ip", []), f"{where}.ip", source)
    for ip in ips:
        try:
            ipaddress.ip_address(ip)
        except ValueError as exc:
            raise BadProfile(source, f"{where}.ip: {ip!r} is not an IP address") from exc
    known: list[tuple[str, str]] = []
    lat = lon = None
    for key, value in d.items():
        if key in _DEVICE_TEXT_KEYS:
            continue
        if key in _COORD_KEYS:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise BadProfile(source, f"{where}.{key} must be a number")
            limit = 90 if key == "latitude" else 180
            if not -limit <= float(value) <= limit:
                raise BadProfile(source, f"{where}.{key} out of range: {value}")
            if key == "latitude":
                lat = float(value)
            else:
                lon = float(value)
            continue
        type_id = _ALIASES.get(key, key)
        if type_id not in type_ids():
            raise BadProfile(source, f"{where}.{key}: unknown identifier type (see the contract's type ids)")
        for v in _strings(value, f"{where}.{key}", source):
            if not v.strip():
                raise BadProfile(source, f"{where}.{key}: empty value")
            if len(v) > 512:
                raise BadProfile(source, f"{where}.{key}: value longer than 512 characters")
            known.append((type_id, v.strip()))
    if (lat is None) != (lon is None):
        raise BadProfile(source, f"{where}: latitude and longitude must be given together")
    kind = d.get("kind", "")
    platform = d.get("platform")
    if platform is None:
        from monitor.labels.judge import infer_platform

        platform = infer_platform({t for t, _ in known})
    elif platform not in PLATFORMS:
        raise BadProfile(source, f"{where}.platform must be one of {', '.join(PLATFORMS)}")
    return Device(name=name.strip(), ips=tuple(ips), known=tuple(known), latitude=lat, longitude=lon,
                  kind=str(kind), platform=str(platform))


def _app(a: object, source: str) -> App:
    if not isinstance(a, dict):
        raise BadProfile(source, "[app] must be a table")
    unknown = set(a) - {"name", "first_party", "policy"}
    if unknown:
        raise BadProfile(source, f"app.{sorted(unknown)[0]}: unknown key")
    name = a.get("name", "")
    policy = a.get("policy", "")
    if not isinstance(name, str):
        raise BadProfile(source, "app.name must be a string")
    if not isinstance(policy, str):
        raise BadProfile(source, "app.policy must be a string")
    fp = tuple(s.lower().rstrip(".").lstrip("*.").strip() for s in _strings(a.get("first_party", []),
                                                                         "app.first_party", source))
    return App(name=name, first_party=tuple(x for x in fp if x), policy=policy)


def _strings(value: object, where: str, source: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return [str(v) for v in value]
    raise BadProfile(source, f"{where} must be a string or a list of strings")
