"""Destination attribution (STUB: being replaced by the destinations work)."""

from __future__ import annotations

from typing import Any

from monitor.model import Attribution, DnsAnswer
from monitor.profile import Profile


class Attributor:
    def __init__(self, signatures: Any, profile: Profile, geo: Any = None) -> None:
        self.profile = profile
        self._ip_names: dict[str, str] = {}

    def observe_dns(self, m: DnsAnswer) -> None:
        for _name, rtype, value, _ttl in m.answers:
            if rtype in ("A", "AAAA"):
                self._ip_names[value] = m.qname

    def name_for(self, ip: str, ts: float) -> str:
        return self._ip_names.get(ip, "")

    def attribute(self, host: str, ip: str, port: int, transport: str, ts: float, protocol: str = "") -> Attribution:
        if self.profile.is_first_party(host, ip):
            return Attribution(sdk="first_party", category="first_party", reason="profile first_party")
        return Attribution()
