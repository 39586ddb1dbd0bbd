"""What the proxy sees besides HTTP, as privmon messages: TLS handshakes the client refused,
WebSocket messages, raw TCP and UDP payloads, DNS answers.

Each function reads a few attributes of a mitmproxy object and builds one small frozen message:
the only work done on mitmproxy's event loop. Payloads are cut to PAYLOAD_KEEP bytes; the
engine decides what to scan (the same code as for pcap and the sniffer).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from monitor.model import Datagram, DnsAnswer, Endpoint, FlowStats, TlsHello, WebSocketMessage
from monitor.sources.http1 import normalize_host

PAYLOAD_KEEP = 64 * 1024  # bytes of one raw message handed to the recorder
MAX_MESSAGES_PER_FLOW = {"tcp": 64, "udp": 512}  # later ones are only counted (P2P logins come early)
DNS_ANSWERS_KEEP = 64


def _endpoint(address: Any) -> Endpoint:
    """(host, port) of a mitmproxy connection as an Endpoint; a host name is not an IP ("" then)."""
    if not address:
        return Endpoint("", 0)
    host, port = str(address[0]), int(address[1] or 0)
    try:
        return Endpoint(str(ipaddress.ip_address(host.split("%", 1)[0])), port)
    except ValueError:
        return Endpoint("", port)


def _server(conn: Any) -> tuple[Endpoint, str]:
    """The server endpoint (IP when known) and the host name the client asked for ("" if none)."""
    peer = _endpoint(getattr(conn, "peername", None))
    address = getattr(conn, "address", None)
    named = _endpoint(address)
    host = ""
    if address and not named.ip:
        host = normalize_host(str(address[0]))
    return (peer if peer.ip else Endpoint(named.ip, named.port or peer.port)), host


def hello_from_tls(data: Any, rejected: bool, ts: float) -> TlsHello:
    """A TLS handshake between the client and the proxy (`tls_failed_client` / `tls_clienthello`)."""
    ctx = data.context
    client = _endpoint(getattr(ctx.client, "peername", None))
    server, host = _server(ctx.server)
    conn = getattr(data, "conn", None) or ctx.client
    hello = getattr(data, "client_hello", None)
    sni = getattr(hello, "sni", None) or getattr(conn, "sni", None) or host
    alpn = tuple(a.decode("ascii", "replace") if isinstance(a, bytes) else str(a)
                 for a in (getattr(hello, "alpn_protocols", None) or ())[:8])
    return TlsHello(ts=ts, client=client, server=server, sni=normalize_host(str(sni or "")), alpn=alpn,
                    evidence=f"connection {getattr(ctx.client, 'id', '?')}", rejected=rejected)


def websocket_message(flow: Any) -> WebSocketMessage:
    """The newest message of a WebSocket flow (`websocket_message`)."""
    messages = flow.websocket.messages
    msg = messages[-1]
    req = flow.request
    server, _ = _server(flow.server_conn)
    content = msg.content[:PAYLOAD_KEEP]
    return WebSocketMessage(
        ts=float(getattr(msg, "timestamp", 0.0) or 0.0), client=_endpoint(flow.client_conn.peername),
        server=server if server.port else Endpoint(server.ip, int(req.port)),
        host=normalize_host(req.pretty_host), path=str(req.path)[:2048], index=len(messages) - 1,
        outbound=bool(msg.from_client), content=content, is_text=bool(msg.is_text),
        evidence=f"flow {flow.id} websocket:{len(messages) - 1}",
        scheme="wss" if req.scheme == "https" else "ws")


def raw_message(flow: Any, transport: str) -> Datagram:
    """The newest message of a raw TCP or UDP flow (`tcp_message` / `udp_message`)."""
    msg = flow.messages[-1]
    server, _ = _server(flow.server_conn)
    return Datagram(ts=float(getattr(msg, "timestamp", 0.0) or 0.0), client=_endpoint(flow.client_conn.peername),
                    server=server, transport="udp" if transport == "udp" else "tcp",
                    payload=bytes(msg.content[:PAYLOAD_KEEP]), outbound=bool(msg.from_client),
                    evidence=f"flow {flow.id} message {len(flow.messages) - 1}")


def flow_stats(flow: Any, transport: str, bytes_out: int, bytes_in: int, packets: int, first_ts: float,
               last_ts: float) -> FlowStats:
    """Byte accounting of a raw flow when it ends (`tcp_end` / `udp_end`)."""
    server, _ = _server(flow.server_conn)
    return FlowStats(client=_endpoint(flow.client_conn.peername), server=server,
                     transport="udp" if transport == "udp" else "tcp", bytes_out=bytes_out, bytes_in=bytes_in,
                     packets=packets, first_ts=first_ts, last_ts=last_ts)


def dns_answer(flow: Any) -> DnsAnswer | None:
    """A DNS flow's question and answers (`dns_response`), like a DNS answer read from a pcap."""
    req, resp = flow.request, flow.response
    if req is None or not req.questions:
        return None
    q = req.questions[0]
    answers: list[tuple[str, str, str, int]] = []
    for rr in (resp.answers if resp is not None else [])[:DNS_ANSWERS_KEEP]:
        j = rr.to_json()
        answers.append((normalize_host(str(j["name"])), str(j["type"]), str(j["data"])[:512], int(j["ttl"])))
    qj = q.to_json()
    server, _ = _server(flow.server_conn)
    if not server.ip:  # answered by the proxy's own resolver (dns mode): the client asked the proxy
        server = _endpoint(getattr(flow.client_conn, "sockname", None))
    return DnsAnswer(ts=float(resp.timestamp or req.timestamp or 0.0) if resp is not None else float(req.timestamp or 0),
                     client=_endpoint(flow.client_conn.peername), server=server,
                     qname=normalize_host(str(qj["name"])), qtype=str(qj["type"]), answers=tuple(answers),
                     evidence=f"flow {flow.id}", rcode=int(resp.response_code) if resp is not None else 0)
