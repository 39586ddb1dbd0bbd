"""Signature files (monitor/rules/*.toml, plus user directories) loaded and validated once.

sdks.toml names the SDKs and services behind hosts (one source of truth for SDK names: the
policy reader resolves names through `sdk_aliases`), identifiers.toml the identifier patterns,
p2p.toml the camera protocol fingerprints. Errors name file, entry and field in one line.
"""

from __future__ import annotations

import hashlib
import ipaddress
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.errors import BadSignatures

SIGNATURES_DIR = Path(__file__).resolve().parent / "rules"  # package data: present in wheels too
CATEGORIES = {"push", "analytics", "advertising", "crash_reporting", "social_login", "payment", "p2p", "cloud",
              "first_party", "unknown"}
_LIST_FIELDS = ("aliases", "hosts", "suffixes", "ips", "protocols", "sources", "examples")


@dataclass(frozen=True, slots=True)
class SdkRule:
    id: str
    name: str
    organization: str
    category: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()
    ports: tuple[int, ...] = ()
    protocols: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    origin: str = ""  # the file it came from


@dataclass(frozen=True, slots=True)
class Signatures:
    sdks: tuple[SdkRule, ...] = ()
    identifiers: Any = None
    p2p: Any = None
    version: str = "0"
    extra: dict[str, Any] = field(default_factory=dict)

    def sdk(self, sdk_id: str) -> SdkRule | None:
        for s in self.sdks:
            if s.id == sdk_id:
                return s
        return None

    def sdk_aliases(self) -> dict[str, str]:
        """Lowercased name/alias/id -> sdk id, for resolving names that policies use."""
        out: dict[str, str] = {}
        for s in self.sdks:
            for name in (s.id, s.name, *s.aliases):
                out.setdefault(name.strip().lower(), s.id)
        return out


def _fail(path: Path, entry: str, fld: str, what: str) -> BadSignatures:
    return BadSignatures(str(path), f"entry {entry}: field {fld}: {what}")


def _sdk_rule(raw: Any, index: int, path: Path) -> SdkRule:
    if not isinstance(raw, dict):
        raise BadSignatures(str(path), f"sdk[{index}] must be a table")
    sid = raw.get("id")
    entry = sid if isinstance(sid, str) else f"#{index + 1}"
    if not isinstance(sid, str) or not sid or sid != sid.lower() or " " in sid:
        raise _fail(path, entry, "id", "must be a non-empty lowercase word")
    known = {"id", "name", "organization", "category", "country", "ports", *_LIST_FIELDS}
    for k in raw:
        if k not in known:
            raise _fail(path, sid, k, "unknown field")
    for k in ("name", "organization", "category"):
        if not isinstance(raw.get(k), str) or not raw[k]:
            raise _fail(path, sid, k, "required text")
    if raw["category"] not in CATEGORIES:
        raise _fail(path, sid, "category", f"{raw['category']!r} is not one of {sorted(CATEGORIES)}")
    lists: dict[str, tuple[str, ...]] = {}
    for k in _LIST_FIELDS:
        v = raw.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise _fail(path, sid, k, "must be a list of strings")
        lists[k] = tuple(x.strip().lower().rstrip(".") if k in ("hosts", "suffixes", "examples") else x for x in v)
    for ip in lists["ips"]:
        try:
            ipaddress.ip_network(ip, strict=False)
        except ValueError as exc:
            raise _fail(path, sid, "ips", f"{ip!r} is not an IP address or CIDR") from exc
    for h in lists["hosts"] + lists["suffixes"]:
        if not h or " " in h or "/" in h:
            raise _fail(path, sid, "hosts", f"{h!r} is not a host name")
    ports = raw.get("ports", [])
    if not isinstance(ports, list) or not all(isinstance(p, int) and 0 < p < 65536 for p in ports):
        raise _fail(path, sid, "ports", "must be a list of port numbers")
    country = raw.get("country", "")
    if not isinstance(country, str) or (country and len(country) != 2):
        raise _fail(path, sid, "country", "must be a two-letter country code or empty")
    return SdkRule(id=sid, name=raw["name"], organization=raw["organization"], category=raw["category"],
                   country=country.upper(), ports=tuple(ports), origin=str(path), **lists)


def load_sdk_file(path: Path) -> list[SdkRule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadSignatures(str(path), f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise BadSignatures(str(path), f"not valid TOML: {exc}") from exc
    raw = data.get("sdk", [])
    if not isinstance(raw, list):
        raise BadSignatures(str(path), "'sdk' must be an array of tables ([[sdk]])")
    return [_sdk_rule(r, i, path) for i, r in enumerate(raw)]


def load_signatures(extra_dirs: Sequence[str | Path] = ()) -> Signatures:
    """Bundled signatures plus user directories; a user entry with a bundled id replaces it."""
    dirs = [SIGNATURES_DIR, *[Path(d) for d in extra_dirs]]
    by_id: dict[str, SdkRule] = {}
    digest = hashlib.sha256()
    id_files: list[Path] = []
    p2p_files: list[Path] = []
    for d in dirs:
        if not d.is_dir():
            raise BadSignatures(str(d), "signature directory not found")
        sdk_file = d / "sdks.toml"
        if sdk_file.is_file():
            digest.update(sdk_file.read_bytes())
            seen: set[str] = set()
            for rule in load_sdk_file(sdk_file):
                if rule.id in seen:
                    raise _fail(sdk_file, rule.id, "id", "defined twice in this file")
                seen.add(rule.id)
                by_id[rule.id] = rule
        ident = d / "identifiers.toml"
        if ident.is_file():
            digest.update(ident.read_bytes())
            if d != SIGNATURES_DIR:
                id_files.append(ident)
        p2p = d / "p2p.toml"
        if p2p.is_file():
            digest.update(p2p.read_bytes())
            p2p_files.append(p2p)
    from monitor.classify.identifiers import load_identifier_rules
    from monitor.classify.p2p_tables import load_p2p_tables

    return Signatures(sdks=tuple(by_id.values()), identifiers=load_identifier_rules(id_files),
                      p2p=load_p2p_tables(p2p_files), version=digest.hexdigest()[:12])
