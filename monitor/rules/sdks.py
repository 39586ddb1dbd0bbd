"""sdks.toml validated: the SDKs and services behind hosts, one `SdkRule` per [[sdk]] entry.

One source of truth for SDK names: the policy reader resolves names through `Rules.sdk_aliases`.
Errors name file, entry and field in one line (errors.bad_rule).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from monitor.errors import bad_rule
from monitor.model import CATEGORIES as _CATEGORIES
from monitor.model import record

CATEGORIES = frozenset(_CATEGORIES)  # the contract's
_LIST_FIELDS = ("aliases", "hosts", "suffixes", "ips", "protocols", "sources", "examples")
_NAMES = frozenset({"hosts", "suffixes", "examples"})  # lists of host names: lowercase, no trailing dot
_KNOWN = frozenset({"id", "name", "organization", "category", "country", "ports", *_LIST_FIELDS})


@record
class SdkRule:
    """One [[sdk]] entry: an SDK or service and the hosts, IPs and ports behind it."""

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


def sdk_rule(raw: Any, index: int, path: object) -> SdkRule:
    if not isinstance(raw, dict):
        raise bad_rule(path, f"sdk[{index}]", "value", "must be a table")
    sid = raw.get("id")
    entry = sid if isinstance(sid, str) else f"#{index + 1}"
    if not isinstance(sid, str) or not sid or sid != sid.lower() or " " in sid:
        raise bad_rule(path, entry, "id", "must be a non-empty lowercase word")
    for k in raw:
        if k not in _KNOWN:
            raise bad_rule(path, sid, k, "unknown field")
    for k in ("name", "organization", "category"):
        if not isinstance(raw.get(k), str) or not raw[k]:
            raise bad_rule(path, sid, k, "required text")
    if raw["category"] not in CATEGORIES:
        raise bad_rule(path, sid, "category", f"{raw['category']!r} is not one of {sorted(CATEGORIES)}")
    lists: dict[str, tuple[str, ...]] = {}
    for k in _LIST_FIELDS:
        v = raw.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise bad_rule(path, sid, k, "must be a list of strings")
        lists[k] = tuple([x.strip().lower().rstrip(".") for x in v] if k in _NAMES else v)
    for ip in lists["ips"]:
        try:
            ipaddress.ip_network(ip, strict=False)
        except ValueError as exc:
            raise bad_rule(path, sid, "ips", f"{ip!r} is not an IP address or CIDR") from exc
    for h in lists["hosts"] + lists["suffixes"]:
        if not h or " " in h or "/" in h:
            raise bad_rule(path, sid, "hosts", f"{h!r} is not a host name")
    ports = raw.get("ports", [])
    if not isinstance(ports, list) or not all(isinstance(p, int) and 0 < p < 65536 for p in ports):
        raise bad_rule(path, sid, "ports", "must be a list of port numbers")
    country = raw.get("country", "")
    if not isinstance(country, str) or (country and len(country) != 2):
        raise bad_rule(path, sid, "country", "must be a two-letter country code or empty")
    return SdkRule(id=sid, name=raw["name"], organization=raw["organization"], category=raw["category"],
                   country=country.upper(), ports=tuple(ports), origin=str(path), **lists)


def sdk_rules(data: dict[str, Any], path: object) -> list[SdkRule]:
    """The [[sdk]] entries of one parsed sdks.toml, each validated; an id twice in one file is an error."""
    raw = data.get("sdk", [])
    if not isinstance(raw, list):
        raise bad_rule(path, "sdk", "value", "must be an array of tables ([[sdk]])")
    rules = [sdk_rule(r, i, path) for i, r in enumerate(raw)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise bad_rule(path, rule.id, "id", "defined twice in this file")
        seen.add(rule.id)
    return rules


def common_words(data: dict[str, Any], path: object) -> frozenset[str]:
    """`common_word_aliases`: SDK names that are also everyday words (lowercase)."""
    raw = data.get("common_word_aliases", [])
    if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
        raise bad_rule(path, "common_word_aliases", "value", "must be a list of names")
    return frozenset(x.strip().lower() for x in raw)
