"""The shared classify step: messages in, records out (monitor/records.py).

`Engine` is used by every source: `analyze` (pcap, pcapng, HAR, flow files), the live proxy's
recorder thread and the sniffer. It attributes each message's destination, decodes its fields,
finds identifiers, and accumulates destination accounting. It does no IO: it returns `Batch`es of
`MessageRecord`s, `Finding`s and `Destination`s that the caller hands to the single store writer.
"""

from __future__ import annotations

from typing import Any

from monitor import decode
from monitor.classify.cleartext import basic_credentials, upnp_description
from monitor.classify.cs2crypt import KeyState
from monitor.classify.destinations import Attributor
from monitor.classify.identifiers import Detector
from monitor.classify.p2p import Recognizer
from monitor.classify.p2p_tables import CLEARTEXT
from monitor.model import (
    DATAGRAMS_PER_FLOW,
    Attribution,
    Datagram,
    DnsAnswer,
    Endpoint,
    FlowStats,
    Hit,
    HttpExchange,
    Message,
    Summary,
    TlsHello,
    WebSocketMessage,
    changer,
    maker,
)
from monitor.profile import EMPTY_PROFILE, Profile
from monitor.records import Destination, Finding, MessageRecord, raw_url
from monitor.rules.load import Rules
from monitor.sources.httpdns import dns_from_http
from monitor.store import BODY_CAP, Batch

# The records made per message are built with positional arguments, in these fields' order (tests/test_engine_table.py
# checks it against the classes): keyword arguments cost ~1.5 us more per record (a 27-parameter function matching
# a dozen names), ~2 % of analyze on an HTTP-heavy capture
RECORD_FIELDS = {
    "MessageRecord": ("id", "kind", "ts", "client_ip", "client_port", "server_ip", "server_port", "transport",
                      "protocol", "host", "evidence", "device", "sdk", "error", "method", "url", "status",
                      "request_headers", "request_body", "response_headers", "response_body", "body_truncated",
                      "alpn", "payload", "direction", "p2p_message", "websocket_frame"),
    "Finding": ("type", "value", "transform", "location", "confidence", "host", "ip", "port", "protocol", "sdk",
                "category", "owner", "sender", "first_ts", "last_ts", "evidence", "canonical", "reason", "count",
                "message_id", "id", "capture_id", "capture", "transport", "direction", "url"),
}
# the records made per message and per finding, without a frozen dataclass's __init__ (records.maker: a seventh of
# its cost; the engine's MessageRecords and Findings were ~13 % of its instructions on an HTTP-heavy capture)
_message, _finding, _destination = maker(MessageRecord), maker(Finding), maker(Destination)
_changed = changer(Attribution)  # dataclasses.replace for an Attribution (a P2P role, a certificate's reason)
MAX_DATAGRAMS_KEPT_PER_FLOW = 8  # datagram rows kept as evidence per conversation (findings always kept)
MAX_SCANNED_DATAGRAMS_PER_FLOW = 64  # raw-payload scans per conversation: identifiers travel in the first ones
MAX_RECOGNIZED_DATAGRAMS_PER_FLOW = DATAGRAMS_PER_FLOW  # protocol decoders (cheap) keep reading logins/punches


class _DestAcc:
    """One destination's accounting while a capture is read (plain classes here and for the engine: a dataclass
    costs ~0.4 ms of CPU to build at import, paid by every analyze run)."""

    __slots__ = ("host", "ip", "port", "transport", "protocol", "attribution", "bytes_out", "bytes_in", "packets",
                 "first_ts", "last_ts", "encrypted_no_key", "tls_rejected")

    def __init__(self, host: str, ip: str, port: int, transport: str, protocol: str, attribution: Attribution) -> None:
        self.host = host
        self.ip = ip
        self.port = port
        self.transport = transport
        self.protocol = protocol
        self.attribution = attribution
        self.bytes_out = 0
        self.bytes_in = 0
        self.packets = 0
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self.encrypted_no_key = False
        self.tls_rejected = 0  # live proxy: handshakes in which the client refused the proxy's certificate

    def touch(self, ts: float) -> None:
        # (comparisons, not min() / max(): the same answers, an equal time keeps the one held, without two calls)
        if self.first_ts is None:
            self.first_ts = self.last_ts = ts
            return
        if ts < self.first_ts:
            self.first_ts = ts
        if ts > self.last_ts:  # type: ignore[operator]  # (set together with first_ts)
            self.last_ts = ts


def _relabels(acc: _DestAcc, protocol: str) -> bool:
    """A destination counted under its transport alone ("", tcp, udp) takes the first protocol read on it, and that
    protocol's attribution (Engine._dest; its callers ask for the attribution only when this holds or none is counted)."""
    return bool(protocol) and acc.protocol in ("", "tcp", "udp") and protocol not in ("tcp", "udp")


class EngineContext:
    """What classifies: the rules, the device profile, the country data (monitor.classify.geo.Geo or None)."""

    __slots__ = ("signatures", "profile", "geo")

    def __init__(self, signatures: Rules, profile: Profile = EMPTY_PROFILE, geo: Any = None) -> None:
        self.signatures = signatures
        self.profile = profile
        self.geo = geo

    def __repr__(self) -> str:
        return f"EngineContext(signatures={self.signatures!r}, profile={self.profile!r}, geo={self.geo!r})"


class Engine:
    """Messages in, records out, for one capture or one live session (see the module docstring)."""

    __slots__ = ("ctx", "allocate_id", "summary", "account_http_bytes", "_detector", "_attributor", "_p2p", "_udp_plan",
                 "_never_scan", "_batch", "_dests", "_names", "_flow_counts", "_owners", "_cs2_keys", "_truncated_messages",
                 "_truncated_warning", "_truncated_first", "_late")

    def __init__(self, ctx: EngineContext, allocate_id: Any, summary: Summary | None = None,
                 account_http_bytes: bool = False) -> None:
        self.ctx = ctx
        self.allocate_id = allocate_id  # callable () -> int: ids local to this engine; Store.write maps them to SQLite's
        self.summary = Summary() if summary is None else summary
        self.account_http_bytes = account_http_bytes  # live proxy / HAR: no FlowStats, count bytes from exchanges
        self._detector = Detector(ctx.signatures.identifiers, ctx.profile)
        self._attributor = Attributor(ctx.signatures, ctx.profile, ctx.geo)
        self._p2p = Recognizer(ctx.signatures.p2p)  # the P2P decoders (p2p.DECODERS) with this context's tables
        self._udp_plan = self._p2p.plan("udp")  # its steps for UDP by first byte (wants_datagram)
        self._never_scan: frozenset[str] = ctx.signatures.p2p[CLEARTEXT.name].never_scan
        self._batch = Batch()
        self._dests: dict[tuple[str, str, int, str], _DestAcc] = {}
        self._names: dict[tuple[str, int, str], tuple[str, str]] = {}  # (ip,port,tr)->(host,proto)
        self._flow_counts: dict[tuple[str, int, str, str, int], int] = {}
        self._owners = {_norm(v): (t, d.name, v) for d in ctx.profile.devices for t, v in d.known}
        self._cs2_keys = KeyState()  # CS2 PPPP encryption keys learned so far
        self._truncated_messages = 0  # messages with more fields than decode.MAX_FIELDS
        self._truncated_warning = -1  # index of their summary warning
        self._truncated_first = ""
        self._late: tuple[bytes, Any] | None = None  # (payload, match) that wants_datagram recognized for _datagram

    def _owned(self, h: Hit) -> Hit:
        """A protocol decoder's hit whose value is a known profile value becomes that `known` identifier."""
        owner = self._owners.get(_norm(h.canonical or h.value))
        if owner is None or h.device:
            return h
        type_id, device, value = owner
        return h._replace(type=type_id, device=device, confidence="known", canonical=value)

    # -- entry points --------------------------------------------------------------------------

    def process(self, item: Message | FlowStats) -> None:
        step = _STEPS.get(item.__class__)  # one dict lookup for the model's own classes (a datagram stream is long)
        if step is not None:
            step(self, item)
        elif isinstance(item, HttpExchange):
            self._http(item)
        elif isinstance(item, DnsAnswer):
            self._dns(item)
        elif isinstance(item, TlsHello):
            self._tls(item)
        elif isinstance(item, Datagram):
            self._datagram(item)
        elif isinstance(item, WebSocketMessage):
            self._websocket(item)
        elif isinstance(item, FlowStats):
            self._flow(item)

    def wants_datagram(self, payload: bytes, client: Endpoint, server: Endpoint) -> bool:
        """Asked by the packet decoder (PacketDecoder.late_datagrams) about a UDP datagram of a long conversation
        before it makes a Datagram of it, every message before it already processed: False when _datagram would
        only count it (past MAX_RECOGNIZED_DATAGRAMS_PER_FLOW, or past MAX_SCANNED_DATAGRAMS_PER_FLOW and
        recognized without hits): it is counted here instead. True: its Datagram comes next (the match made here
        is used for it, not made again: recognition may learn keys)."""
        fkey = (server.ip, server.port, "udp", client.ip, client.port)
        n = self._flow_counts.get(fkey, 0)
        if n < MAX_SCANNED_DATAGRAMS_PER_FLOW:
            return True
        if n < MAX_RECOGNIZED_DATAGRAMS_PER_FLOW and payload:
            # recognize(payload, server.port, client.port, "udp", keys), its loop here (one call fewer per datagram
            # of a long stream): the first reader that answers gives the match
            sp, cp, keys = server.port, client.port, self._cs2_keys
            for read, table in self._udp_plan[payload[0]]:
                p2p = read(payload, sp, cp, "udp", table, keys)
                if p2p is not None:
                    if p2p.hits:
                        self._late = (payload, p2p)
                        return True
                    break
        self._flow_counts[fkey] = n + 1
        return False

    def take_batch(self, final: bool = False) -> Batch:
        """Rows produced since the last call; with final=True also the destination accounting."""
        if final:
            self._flush_destinations()
        batch, self._batch = self._batch, Batch()
        return batch

    def flush_destinations(self) -> None:
        """Move accumulated destination counters into the batch (live sources call this often)."""
        self._flush_destinations()

    @property
    def pending(self) -> int:
        return len(self._batch)

    # -- per message ---------------------------------------------------------------------------

    def _http(self, m: HttpExchange) -> None:
        self.summary.http_requests += 1
        # the exchange's fields read once (a compiled engine reads each through the record's attribute lookup)
        server, client, mhost = m.server, m.client, m.host
        ip, port, ts, cip, transport, evidence = server.ip, server.port, m.ts, client.ip, m.transport, m.evidence
        request_body, response_body, scheme, request_headers = m.request_body, m.response_body, m.scheme, m.request_headers
        clear = scheme == "http"
        host = mhost or self._attributor.name_for(ip, ts, cip, port)
        attr = self._attributor.attribute(mhost, ip, port, transport, ts, client=cip)
        proto = m.protocol
        # a UPnP device description (the XML behind SSDP's LOCATION) is read although it is a response:
        # the device itself tells serial, MAC and UDN to whoever asks
        upnp = upnp_description(response_body) if response_body[:1] == b"<" and m.status == 200 else None
        if upnp is not None:
            proto = "upnp"
        self._names[(ip, port, transport)] = (host, proto)
        acc = self._dest(host, ip, port, transport, proto, attr)
        acc.touch(ts)
        if self.account_http_bytes:
            acc.bytes_out += len(request_body) + sum(len(k) + len(v) + 4 for k, v in request_headers)
            acc.bytes_in += len(response_body) + sum(len(k) + len(v) + 4 for k, v in m.response_headers)
            acc.packets += 1
        mid = self.allocate_id()
        sender = self.ctx.profile.device_for_ip(cip)
        fields = decode.fields_of_http(m)
        if fields.truncated:
            self._note_truncated(evidence or "?")
        url = _url(scheme, mhost, ip, port, m.path)  # (m.url: the record's property runs interpreted)
        self._batch.messages.append(_message(  # (positional: see RECORD_FIELDS)
            mid, "http", ts, cip, client.port, ip, port, transport, proto, host,
            evidence, sender, attr.recipient, m.error, m.method, url, m.status, request_headers,
            request_body[:BODY_CAP], m.response_headers, response_body[:BODY_CAP],
            m.body_truncated or len(request_body) > BODY_CAP or fields.truncated,
        ))
        resolved = dns_from_http(m)  # HTTPDNS / DoH: which name the IPs it returns stand for
        if resolved is not None:
            self._record_dns(resolved)
        hits = self._detector.scan(fields, cleartext=clear, device_cloud=self._detector.device_cloud(attr.sdk))
        if clear:  # HTTP Basic in clear text (a camera's or a router's web API): the password itself
            for k, v in request_headers:
                if v[5:6] == " " and v[:6].lower() == "basic " and k.lower().endswith("authorization"):
                    hits.extend(basic_credentials(v, f"header:{k[:128]}"))
        prefix = "tls > " if proto == "https" and evidence.startswith("frame") else ""
        self._add_findings(hits, host, ip, port, proto, attr, ts, evidence, mid, sender, prefix, transport, "out", url)
        if upnp is not None:  # sent by the device that serves the description
            seen = {_norm(h.canonical or h.value) for h in upnp[0]}
            told = [*upnp[0], *(h for h in self._detector.scan(upnp[1]) if _norm(h.canonical or h.value) not in seen)]
            self._add_findings(told, host, ip, port, proto, attr, ts, evidence, mid,
                               self.ctx.profile.device_for_ip(ip), prefix, transport, "out", url)

    def _note_truncated(self, where: str) -> None:
        """One summary warning (kept up to date) for messages with more fields than are decoded."""
        self._truncated_messages += 1
        if self._truncated_warning < 0:
            self._truncated_warning = len(self.summary.warnings)
            self._truncated_first = where
            self.summary.warnings.append("")
        self.summary.warnings[self._truncated_warning] = (
            f"{self._truncated_messages} message(s) had more than {decode.MAX_FIELDS} fields; only the first "
            f"{decode.MAX_FIELDS} of each were decoded, the message is marked truncated (first: {self._truncated_first})")

    def _dns(self, m: DnsAnswer) -> None:
        self._record_dns(m)
        ip, port, transport = m.server.ip, m.server.port, m.transport
        self._names.setdefault((ip, port, transport), ("", "dns"))
        acc = self._dests.get(("", ip, port, transport))
        if acc is None or _relabels(acc, "dns"):  # what _dest would make or relabel: attributed
            acc = self._dest("", ip, port, transport, "dns", self._attributor.attribute("", ip, port, transport, m.ts))
        acc.touch(m.ts)

    def _record_dns(self, m: DnsAnswer) -> None:
        self.summary.dns_names += 1
        self._attributor.observe_dns(m)
        for name, rtype, value, ttl in m.answers:
            self._batch.dns.append({"ts": m.ts, "client_ip": m.client.ip, "qname": m.qname, "rtype": rtype,
                                    "name": name, "value": value, "ttl": ttl})
        if not m.answers:
            self._batch.dns.append({"ts": m.ts, "client_ip": m.client.ip, "qname": m.qname, "rtype": m.qtype,
                                    "name": m.qname, "value": "", "ttl": 0})

    def _tls(self, m: TlsHello) -> None:
        self.summary.tls_names += 1
        host = m.sni or self._attributor.name_for(m.server.ip, m.ts, m.client.ip, m.server.port)
        attr = None
        if not host and m.cert_names:  # a bare-IP connection: the certificate names the server
            host, attr = self._by_certificate(m)
        key = (m.server.ip, m.server.port, m.transport)
        if key not in self._names or not self._names[key][0]:
            self._names[key] = (host, m.protocol)
        if attr is None:  # a name DNS gave is attributed as such: the reason says "dns" and lists the other names
            attr = self._attributor.attribute(m.sni, m.server.ip, m.server.port, m.transport, m.ts,
                                              client=m.client.ip)
        acc = self._dest(host, m.server.ip, m.server.port, m.transport, m.protocol, attr)
        acc.touch(m.ts)
        if m.rejected:
            acc.tls_rejected += 1
        self._batch.messages.append(_message(  # (positional: see RECORD_FIELDS)
            self.allocate_id(), m.protocol, m.ts, m.client.ip, m.client.port, m.server.ip, m.server.port,
            m.transport, m.protocol, host, m.evidence, self.ctx.profile.device_for_ip(m.client.ip), attr.recipient,
            "content not seen: the client rejected the proxy's certificate" if m.rejected else "",
            "", "", None, (), b"", (), b"", False, m.alpn,
        ))

    def _by_certificate(self, m: TlsHello) -> tuple[str, Attribution]:
        """The first certificate name a rule knows (wildcards matched as their parent), else the first."""
        first: tuple[str, Attribution] | None = None
        for name in m.cert_names:
            bare = name[2:] if name.startswith("*.") else name
            attr = self._attributor.attribute(bare, m.server.ip, m.server.port, m.transport, m.ts)
            attr = _changed(attr, reason=f"server certificate {name}: {attr.reason}")
            if attr.sdk:
                return bare, attr
            if first is None:
                first = (bare, attr)
        assert first is not None
        return first

    def _datagram(self, m: Datagram) -> None:
        fkey = (m.server.ip, m.server.port, m.transport, m.client.ip, m.client.port)
        n = self._flow_counts.get(fkey, 0)
        self._flow_counts[fkey] = n + 1
        if n >= MAX_RECOGNIZED_DATAGRAMS_PER_FLOW:
            return
        late = self._late
        if late is not None and late[0] is m.payload:  # recognized by wants_datagram just before
            p2p = late[1]
            self._late = None
        else:
            p2p = self._p2p.recognize(m.payload, m.server.port, m.client.port, m.transport, self._cs2_keys)
        if n >= MAX_SCANNED_DATAGRAMS_PER_FLOW and not (p2p and p2p.hits):
            return  # long media / data streams: nothing new to learn from every datagram
        known = self._names.get((m.server.ip, m.server.port, m.transport))
        named = known[0] if known else ""  # from this address's Host / SNI / certificate
        host = named or self._attributor.name_for(m.server.ip, m.ts, m.client.ip, m.server.port)
        protocol = p2p.protocol if p2p else (known[1] if known and known[1] else m.transport)
        # a name only DNS gave is attributed as such, so the reason says "dns ..." (and follows CNAMEs)
        attr = self._attributor.attribute(named, m.server.ip, m.server.port, m.transport, m.ts,
                                          protocol=p2p.protocol if p2p else "", client=m.client.ip)
        if p2p and p2p.role:
            attr = _changed(attr, role=p2p.role)
        if p2p and (not known or known[1] in ("", "udp", "tcp")):
            self._names[(m.server.ip, m.server.port, m.transport)] = (host, p2p.protocol)
        self._dest(host, m.server.ip, m.server.port, m.transport, protocol, attr).touch(m.ts)
        sender_ip = m.client.ip if m.outbound else m.server.ip
        sender = self.ctx.profile.device_for_ip(sender_ip)
        hits: list[Hit] = [self._owned(h) for h in p2p.hits] if p2p else []
        decoded = {_norm(h.canonical or h.value) for h in hits}  # the protocol decoder's reading wins
        scan = p2p.scan if p2p else protocol not in self._never_scan
        if n < MAX_SCANNED_DATAGRAMS_PER_FLOW and scan:
            if p2p and p2p.plain:  # decrypted (CS2, TP-Link's XOR): scan what the key revealed, and say so
                hits.extend(h._replace(transform=f"{p2p.plain_transform} > {h.transform}")
                            for h in self._detector.scan(decode.fields_of_payload(p2p.plain, m.transport))
                            if _norm(h.canonical or h.value) not in decoded)
            elif p2p and p2p.fields:  # the decoder read the message's keys (RTSP, SSDP): scan those
                hits.extend(h for h in self._detector.scan(p2p.fields) if _norm(h.canonical or h.value) not in decoded)
            else:
                hits.extend(h for h in self._detector.scan(decode.fields_of_payload(m.payload, m.transport))
                            if _norm(h.canonical or h.value) not in decoded)
        keep = bool(hits) or n < MAX_DATAGRAMS_KEPT_PER_FLOW
        mid = None
        if keep:
            mid = self.allocate_id()
            self._batch.messages.append(_message(  # (positional: see RECORD_FIELDS)
                mid, "datagram" if m.transport == "udp" else "stream", m.ts, m.client.ip, m.client.port,
                m.server.ip, m.server.port, m.transport, protocol, host, m.evidence,
                self.ctx.profile.device_for_ip(m.client.ip), attr.recipient, "", "", "", None, (), b"", (), b"", False,
                (), m.payload[:BODY_CAP], "out" if m.outbound else "in", p2p.message if p2p else "",
            ))
        if hits:
            self._add_findings(hits, host, m.server.ip, m.server.port, protocol, attr, m.ts, m.evidence, mid, sender,
                               "", m.transport, "out" if m.outbound else "in",
                               raw_url(m.transport, host or m.server.ip, m.server.port))

    def _websocket(self, m: WebSocketMessage) -> None:
        host = m.host or self._attributor.name_for(m.server.ip, m.ts)
        attr = self._attributor.attribute(host, m.server.ip, m.server.port, "tcp", m.ts)
        proto = "websocket"
        acc = self._dest(host, m.server.ip, m.server.port, "tcp", proto, attr)
        acc.touch(m.ts)
        if self.account_http_bytes:
            if m.outbound:
                acc.bytes_out += len(m.content)
            else:
                acc.bytes_in += len(m.content)
        mid = self.allocate_id()
        sender = self.ctx.profile.device_for_ip(m.client.ip if m.outbound else m.server.ip)
        url = f"{m.scheme}://{host or m.server.ip}{m.path}"
        self._batch.messages.append(_message(
            mid, "websocket", m.ts, m.client.ip, m.client.port, m.server.ip, m.server.port, "tcp", proto, host,
            evidence=m.evidence, device=self.ctx.profile.device_for_ip(m.client.ip), sdk=attr.recipient, url=url,
            payload=m.content[:BODY_CAP], body_truncated=len(m.content) > BODY_CAP,
            websocket_frame="text" if m.is_text else "binary",
        ))
        hits = self._detector.scan(decode.fields_of_websocket(m.content, m.index), cleartext=m.scheme == "ws",
                                   device_cloud=self._detector.device_cloud(attr.sdk))
        # the report has always counted a WebSocket finding as the client's, whichever way the message went
        self._add_findings(hits, host, m.server.ip, m.server.port, proto, attr, m.ts, m.evidence, mid, sender, "",
                           "tcp", "out", url)

    def _flow(self, f: FlowStats) -> None:
        # the record's fields read once, as in _http (a compiled engine reads each through the attribute lookup)
        transport, no_key, first_ts, server = f.transport, f.encrypted_no_key, f.first_ts, f.server
        ip, port = server.ip, server.port
        summary = self.summary
        summary.flows += 1
        if transport == "udp":
            summary.udp_flows += 1
        if no_key:
            summary.encrypted_no_key += 1
        known = self._names.get((ip, port, transport))
        host = known[0] if known else self._attributor.name_for(ip, first_ts, f.client.ip, port)
        protocol = known[1] if known and known[1] else transport
        # a destination already counted, that _dest would not relabel, does not read the attribution: it is asked
        # only when _dest makes or relabels one (attribute has no effect but its caches'; ~2 us a connection)
        acc = self._dests.get((host, ip, port, transport))
        if acc is None or _relabels(acc, protocol):
            attr = self._attributor.attribute(host if known else "", ip, port, transport, first_ts, client=f.client.ip)
            acc = self._dest(host, ip, port, transport, protocol, attr)
        acc.bytes_out += f.bytes_out
        acc.bytes_in += f.bytes_in
        acc.packets += f.packets
        acc.touch(first_ts)
        acc.touch(f.last_ts)
        acc.encrypted_no_key = acc.encrypted_no_key or no_key

    # -- helpers -------------------------------------------------------------------------------

    def _dest(self, host: str, ip: str, port: int, transport: str, protocol: str, attr: Attribution) -> _DestAcc:
        key = (host, ip, port, transport)
        acc = self._dests.get(key)
        if acc is None:
            acc = _DestAcc(host, ip, port, transport, protocol, attr)
            self._dests[key] = acc
        elif _relabels(acc, protocol):
            acc.protocol = protocol
            acc.attribution = attr
        return acc

    def _flush_destinations(self) -> None:
        for acc in self._dests.values():
            a = acc.attribution
            self._batch.destinations.append(_destination(
                acc.host, acc.ip, acc.port, acc.transport, acc.protocol, a.recipient, a.organization, a.category,
                a.country, a.role, a.reason, acc.bytes_out, acc.bytes_in, acc.packets, acc.first_ts, acc.last_ts,
                acc.encrypted_no_key, acc.tls_rejected,
            ))
        self.summary.destinations = max(self.summary.destinations, len(self._dests))
        self._dests.clear()

    def _add_findings(self, hits: list[Hit], host: str, ip: str, port: int, protocol: str, attr: Attribution,
                      ts: float, evidence: str, mid: int | None, sender: str, prefix: str, transport: str,
                      direction: str, url: str) -> None:
        if not hits:
            return
        recipient, category, where, found = attr.recipient, attr.category, host or ip, self._batch.findings
        self.summary.findings += len(hits)
        for h in hits:
            self._detector.remember(h, evidence, where)
            found.append(_finding(  # (positional: see RECORD_FIELDS)
                h.type, h.value, prefix + h.transform if prefix else h.transform, h.location, h.confidence,
                host, ip, port, protocol, recipient, category, h.device, sender, ts, ts, evidence,
                h.canonical, h.reason, 1, mid, 0, 0, "", transport, direction, url,
            ))


_STEPS: dict[type, Any] = {HttpExchange: Engine._http, DnsAnswer: Engine._dns, TlsHello: Engine._tls,
                           Datagram: Engine._datagram, WebSocketMessage: Engine._websocket, FlowStats: Engine._flow}


def _url(scheme: str, host: str, ip: str, port: int, path: str) -> str:
    """HttpExchange.url from the exchange's fields (the same text; tests/test_engine_table.py compares them)."""
    default = 443 if scheme == "https" else 80
    hostport = host or ip
    if port and port != default:
        hostport = f"{hostport}:{port}"
    return f"{scheme}://{hostport}{path}"


def _norm(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())
