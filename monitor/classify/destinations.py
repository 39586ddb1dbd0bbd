"""Who is behind a destination: first party, an SDK or service (sdks.toml), or unknown.

Attribution order: the host the client named (HTTP Host, TLS/QUIC SNI); then the DNS names that
resolved to the IP shortly before (the name asked for first, then its CNAME chain, so a CDN name
maps back to the SDK that was asked for); then IP rules; then the protocol recognized in the
payload (a P2P camera protocol). The most specific host rule wins: exact host, then the longest
matching suffix, so bugly.qq.com is Bugly and gdt.qq.com GDT while other qq.com hosts are Tencent.
"""

from __future__ import annotations

import bisect
import ipaddress
from typing import Any

from monitor.model import Attribution, DnsAnswer
from monitor.profile import Profile
from monitor.signatures import SdkRule, Signatures

DNS_SLACK = 2.0  # seconds: a connection may start a little before the answer's capture time
MAX_NAMES_PER_IP = 32


class HostRules:
    """Exact-host and suffix lookup over the SDK rules."""

    def __init__(self, sdks: tuple[SdkRule, ...]) -> None:
        self.exact: dict[str, SdkRule] = {}
        self.suffix: dict[str, SdkRule] = {}
        self.nets: list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, SdkRule]] = []
        self.protocols: dict[str, SdkRule] = {}
        for s in reversed(sdks):  # user signature directories load last: their rules win ties
            for h in s.hosts:
                self.exact.setdefault(h, s)
            for suf in s.suffixes:
                self.suffix.setdefault(suf, s)
            for ip in s.ips:
                self.nets.append((ipaddress.ip_network(ip, strict=False), s))
            for p in s.protocols:
                self.protocols.setdefault(p, s)
        self.nets.sort(key=lambda x: -x[0].prefixlen)  # most specific network first

    def by_host(self, host: str) -> tuple[SdkRule, str] | None:
        if not host:
            return None
        if host in self.exact:
            return self.exact[host], f"host {host}"
        labels = host.split(".")
        for i in range(len(labels) - 1):
            suf = ".".join(labels[i:])
            if suf in self.suffix:
                return self.suffix[suf], f"host suffix {suf}"
        return None

    def by_ip(self, ip: str) -> tuple[SdkRule, str] | None:
        if not ip or not self.nets:
            return None
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return None
        for net, s in self.nets:
            if addr.version == net.version and addr in net:
                return s, f"ip {net}"
        return None


class Attributor:
    def __init__(self, signatures: Signatures, profile: Profile, geo: Any = None) -> None:
        self.rules = HostRules(signatures.sdks)
        self.profile = profile
        self.geo = geo
        self._dns: dict[str, tuple[list[float], list[tuple[str, ...]]]] = {}  # ip -> (times, name chains)
        self._cache: dict[tuple[str, str, int, str, str], Attribution] = {}

    # -- DNS -------------------------------------------------------------------------------------------

    def observe_dns(self, m: DnsAnswer) -> None:
        chain = [m.qname]
        for _name, rtype, value, _ttl in m.answers:
            if rtype == "CNAME" and value not in chain:
                chain.append(value)
        for _name, rtype, value, _ttl in m.answers:
            if rtype in ("A", "AAAA"):
                times, names = self._dns.setdefault(value, ([], []))
                if len(times) >= MAX_NAMES_PER_IP:
                    del times[0], names[0]
                i = bisect.bisect(times, m.ts)
                times.insert(i, m.ts)
                names.insert(i, tuple(chain))

    def names_for(self, ip: str, ts: float) -> tuple[str, ...]:
        """The name chain that resolved to ip most recently at ts (else the earliest one after)."""
        entry = self._dns.get(ip)
        if not entry:
            return ()
        times, names = entry
        i = bisect.bisect(times, ts + DNS_SLACK)
        return names[i - 1] if i else names[0]

    def name_for(self, ip: str, ts: float) -> str:
        chain = self.names_for(ip, ts)
        return chain[0] if chain else ""

    # -- attribution -----------------------------------------------------------------------------------

    def attribute(self, host: str, ip: str, port: int, transport: str, ts: float, protocol: str = "") -> Attribution:
        names = (host,) if host else self.names_for(ip, ts)
        key = (names[0] if names else "", ip, port, transport, protocol)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._attribute(host, names, ip, protocol)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def _attribute(self, host: str, names: tuple[str, ...], ip: str, protocol: str) -> Attribution:
        country = self._country(ip)
        for i, name in enumerate(names):
            via = "" if host else ("dns " if i == 0 else f"dns cname of {names[0]}: ")
            if self.profile.is_first_party(name, ""):
                return Attribution("first_party", self.profile.app.name, "first_party", country,
                                   f"{via}first-party host {name}", protocol)
            found = self.rules.by_host(name)
            if found:
                return self._from(found[0], country, via + found[1], protocol)
        if ip and self.profile.is_first_party("", ip):
            return Attribution("first_party", self.profile.app.name, "first_party", country,
                               f"first-party address {ip}", protocol)
        found = self.rules.by_ip(ip)
        if found:
            return self._from(found[0], country, found[1], protocol)
        if protocol and protocol in self.rules.protocols:
            return self._from(self.rules.protocols[protocol], country, f"{protocol} fingerprint", protocol)
        return Attribution("", "", "unknown", country, "no rule matched", protocol)

    def _from(self, s: SdkRule, country: str, reason: str, protocol: str) -> Attribution:
        return Attribution(s.id, s.organization, s.category, country, reason, protocol)

    def _country(self, ip: str) -> str:
        if self.geo is None or not ip:
            return ""
        try:
            return str(self.geo.country(ip) or "")
        except (ValueError, KeyError):
            return ""
