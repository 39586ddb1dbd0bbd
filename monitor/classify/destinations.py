"""Who is behind a destination: first party, an SDK or service (sdks.toml), or unknown.

Attribution order: the host the client named (HTTP Host, TLS/QUIC SNI); then the DNS names that
resolved to the IP shortly before (the name asked for first, then its CNAME chain, so a CDN name
maps back to the SDK that was asked for); then IP rules; then the protocol recognized in the
payload (a P2P camera protocol). When several names resolved to one IP, the lookup by the same
client that most closely preceded the connection wins, unless only another name's rule lists the
connection's port (FCM's 5228 on an IP shared with Google sign-in); the other names stay in the
reason, and the attribution is called ambiguous when one of them would name another SDK. The most specific host rule wins: exact host, then the longest
matching suffix, so bugly.qq.com is Bugly and gdt.qq.com GDT while other qq.com hosts are Tencent.
"""

from __future__ import annotations

import bisect
import ipaddress
from typing import Any

from monitor.model import Attribution, DnsAnswer, changer, maker
from monitor.profile import Profile
from monitor.rules.load import Rules
from monitor.rules.sdks import SdkRule

_UNSEEN: Any = object()
DNS_SLACK = 2.0  # seconds: a connection may start a little before the answer's capture time
MAX_NAMES_PER_IP = 32
# Attributions made and changed without the frozen dataclass's __init__ (model.maker, model.changer)
_attribution, _changed = maker(Attribution), changer(Attribution)


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
    def __init__(self, signatures: Rules, profile: Profile, geo: Any = None) -> None:
        self.rules = HostRules(signatures.sdks)
        self.profile = profile
        self.geo = geo
        self._dns: dict[str, tuple[list[float], list[tuple[str, tuple[str, ...]]]]] = {}  # ip -> (times, (client, chain))
        self._cache: dict[tuple[Any, ...], Attribution] = {}  # (named by the client, names, ip, protocol, others)
        self._named: dict[tuple[bool, tuple[str, ...], str], Attribution | None] = {}  # what the names alone give

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
                names.insert(i, (m.client.ip, tuple(chain)))

    def names_for(self, ip: str, ts: float, client: str = "", port: int = 0) -> tuple[str, ...]:
        """The name chain that resolved to ip most recently at ts (else the earliest one after), asked by
        `client` when it asked any; a chain whose rule lists `port` wins over one whose rule does not."""
        return self._candidates(ip, ts, client, port)[0]

    def _candidates(self, ip: str, ts: float, client: str, port: int) -> list[tuple[str, ...]]:
        """Name chains for ip, the chosen one first, then the other names (by first name, most recent first)."""
        entry = self._dns.get(ip)
        if not entry:
            return [()]
        times, names = entry
        mine = [k for k, (c, _) in enumerate(names) if c == client] if client else []
        pool = mine or list(range(len(names)))
        limit = ts + DNS_SLACK
        before = [k for k in pool if times[k] <= limit]
        order = [*reversed(before), *(k for k in pool if times[k] > limit)]
        chains: list[tuple[str, ...]] = []
        for k in order:
            if all(c[0] != names[k][1][0] for c in chains):
                chains.append(names[k][1])
        if port and len(chains) > 1 and not self._lists_port(chains[0], port):
            for j, c in enumerate(chains[1:len(before) or None], 1):
                if self._lists_port(c, port):
                    chains.insert(0, chains.pop(j))
                    break
        return chains

    def _lists_port(self, chain: tuple[str, ...], port: int) -> bool:
        for name in chain:
            found = self.rules.by_host(name)
            if found:
                return port in found[0].ports
        return False

    def name_for(self, ip: str, ts: float, client: str = "", port: int = 0) -> str:
        chain = self.names_for(ip, ts, client, port)
        return chain[0] if chain else ""

    # -- attribution -----------------------------------------------------------------------------------

    def attribute(self, host: str, ip: str, port: int, transport: str, ts: float, protocol: str = "",
                  client: str = "") -> Attribution:
        # the answer depends on the names (and whether the client named the host), the address (its
        # country, address rules), the protocol and the other names of the address: not on the port or
        # transport, so every connection to one host and address shares one entry
        if host:
            chains: list[tuple[str, ...]] = [(host,)]
            key: tuple[Any, ...] = (True, chains[0], ip, protocol)
        else:
            chains = self._candidates(ip, ts, client, port)
            key = (False, chains[0], ip, protocol, *chains[1:8])
        hit = self._cache.get(key)
        if hit is None:
            hit = self._attribute(host, chains[0], ip, protocol)
            if len(chains) > 1:
                hit = self._with_others(hit, chains[1:8], ip, protocol)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def _with_others(self, hit: Attribution, others: list[tuple[str, ...]], ip: str, protocol: str) -> Attribution:
        """The other names that resolved to the same address, in the reason; "ambiguous" when one of them
        would be another recipient."""
        alt = [(c[0], self._attribute("", c, ip, protocol)) for c in others]
        differ = any(a.sdk != hit.sdk for _, a in alt)
        listed = ", ".join(f"{n} ({a.sdk or 'unknown'})" for n, a in alt)
        note = f"; ambiguous: {ip} also resolved for {listed}" if differ else f"; {ip} also resolved for {listed}"
        return _changed(hit, reason=hit.reason + note)

    def _attribute(self, host: str, names: tuple[str, ...], ip: str, protocol: str) -> Attribution:
        country = self._country(ip)
        named = self._named.get((bool(host), names, protocol), _UNSEEN)
        if named is _UNSEEN:
            named = self._by_names(host, names, protocol)
            if len(self._named) > 100_000:
                self._named.clear()
            self._named[(bool(host), names, protocol)] = named
        if named is not None:
            return _changed(named, country=country) if country else named
        if ip and self.profile.is_first_party("", ip):
            return _attribution("first_party", self.profile.app.name, "first_party", country,
                               f"first-party address {ip}", protocol)
        found = self.rules.by_ip(ip)
        if found:
            return self._from(found[0], country, found[1], protocol)
        if protocol and protocol in self.rules.protocols:
            return self._from(self.rules.protocols[protocol], country, f"{protocol} fingerprint", protocol)
        return _attribution("", "", "unknown", country, "no rule matched", protocol)

    def _by_names(self, host: str, names: tuple[str, ...], protocol: str) -> Attribution | None:
        """The attribution a name of the chain gives (no country: the address gives it), None when no rule names one."""
        for i, name in enumerate(names):
            via = "" if host else ("dns " if i == 0 else f"dns cname of {names[0]}: ")
            if self.profile.is_first_party(name, ""):
                return _attribution("first_party", self.profile.app.name, "first_party", "",
                                   f"{via}first-party host {name}", protocol)
            found = self.rules.by_host(name)
            if found:
                return self._from(found[0], "", via + found[1], protocol)
        return None

    def _from(self, s: SdkRule, country: str, reason: str, protocol: str) -> Attribution:
        return _attribution(s.id, s.organization, s.category, country, reason, protocol)

    def _country(self, ip: str) -> str:
        if self.geo is None or not ip:
            return ""
        try:
            return str(self.geo.country(ip) or "")
        except (ValueError, KeyError):
            return ""
