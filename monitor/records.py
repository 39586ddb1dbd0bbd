"""What classification produces and everything after it reads: messages, findings, destinations, verdicts.

The engine builds `MessageRecord`s, `Finding`s and `Destination`s; the store writes them (its
columns are the storage layout, see `monitor/store/write.py`) and its read queries give them back;
`compare.compute_verdicts` turns findings and destinations into `Verdict`s; the TUI and the reports
read these records. The contract's JSON (`privmon.report/1`) is made from them in one place:
`monitor/report/data.py`.

Every field means one thing. Where the database keeps two meanings in one column (a datagram's
direction in `messages.url`, its P2P message name in `messages.method`, a TLS hello's ALPN list in
`messages.url`), the store's read and write code alone knows it.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any

from monitor.model import Evidence, record


def _by_values(self: Any) -> tuple[Any, ...]:
    """How a record pickles: its class and its field values (see _VALUES at the end)."""
    return type(self), _VALUES[type(self)](self)


RAW_KINDS = ("datagram", "stream")  # messages that carry a payload, not an HTTP exchange
ENCRYPTED_PROTOCOLS = ("https", "tls", "quic", "dtls")


@record
class MessageRecord:
    """One stored message: an HTTP exchange, a TLS/QUIC hello, a datagram or stream chunk, a WebSocket message.

    `id` is the writer's own number inside a batch (the Engine counts 1, 2, ...); read back from the
    database it is the row id.
    """

    id: int
    kind: str  # http|tls|quic|datagram|stream|websocket
    ts: float
    client_ip: str
    client_port: int
    server_ip: str
    server_port: int
    transport: str  # tcp|udp
    protocol: str  # http|https|upnp|tls|quic|websocket|<p2p protocol>|tcp|udp
    host: str
    evidence: str = ""
    device: str = ""  # the profile device of the client ("" when not in the profile)
    sdk: str = ""  # the recipient its destination is attributed to
    error: str = ""  # HTTP: why there was no response; TLS: content not seen (certificate refused)
    # HTTP exchanges
    method: str = ""
    url: str = ""  # HTTP and WebSocket: the URL
    status: int | None = None
    request_headers: tuple[tuple[str, str], ...] = ()
    request_body: bytes = b""  # first BODY_CAP bytes
    response_headers: tuple[tuple[str, str], ...] = ()
    response_body: bytes = b""
    body_truncated: bool = False  # a body longer than kept, or more fields than decoded
    # TLS and QUIC hellos
    alpn: tuple[str, ...] = ()
    # datagrams, raw stream chunks and WebSocket messages
    payload: bytes = b""  # first BODY_CAP bytes
    direction: str = ""  # datagram / stream: out (client -> server) or in
    p2p_message: str = ""  # datagram / stream: the message a P2P decoder recognised ("" when none)
    websocket_frame: str = ""  # WebSocket: text|binary

    __reduce__ = _by_values  # (class, values): see _VALUES below

    @property
    def request_line(self) -> tuple[str, str]:
        """What and where, as the TUI's detail and the HTML drill-down show a message: an HTTP method and
        URL; a WebSocket frame type and URL; a datagram's P2P message and direction; a hello's ALPN list."""
        if self.kind in RAW_KINDS:
            return self.p2p_message, self.direction
        if self.kind == "websocket":
            return self.websocket_frame, self.url
        if self.kind in ("tls", "quic"):
            return "", ",".join(self.alpn)
        return self.method, self.url

    @property
    def body(self) -> bytes:
        """What the sender sent: the request body, or the payload of a datagram or WebSocket message."""
        return self.payload if self.kind in (*RAW_KINDS, "websocket") else self.request_body


@record
class Finding:
    """An identifier seen on its way to a destination.

    The engine makes one per hit (count 1, first_ts == last_ts, id 0); the store merges repeats of
    one (type, value, destination, location, transform) within a capture into one row, adding up
    `count` and widening the times.
    """

    type: str
    value: str  # as sent (the MD5 hex string when hashed)
    transform: str  # plain, md5, "base64 > gzip > json > sha256(upper)", "tls > ..." when decrypted
    location: str
    confidence: str  # known|checksum|pattern
    host: str
    ip: str
    port: int
    protocol: str  # of the message it was read from (http, https, tls, websocket, a p2p protocol, udp ...)
    sdk: str  # recipient: sdk id, first_party or unknown
    category: str
    owner: str  # the profile device the value belongs to ("" when none; the findings table's `device` column)
    sender: str  # the profile device that sent it ("" when not in the profile)
    first_ts: float
    last_ts: float
    evidence: str  # where to find the bytes again ("frames 12-14", "flow <uuid>", "har entry 3")
    canonical: str = ""  # the identifier itself when known (the IMEI behind an MD5)
    reason: str = ""  # why a value no rule names is one (recurrence)
    count: int = 1
    message_id: int | None = None
    id: int = 0  # database row id (0 before it is stored)
    capture_id: int = 0
    capture: str = ""  # the capture's path (read back)
    transport: str = "tcp"  # of the message: tcp|udp
    direction: str = "out"  # out: sent by the client; in: a datagram from the server
    url: str = ""  # the message's URL, or transport://host:port for a datagram or stream

    __reduce__ = _by_values  # (class, values): see _VALUES below

    @property
    def cleartext(self) -> bool:
        """Read outside TLS, QUIC or DTLS: not decrypted with a key log, not through the proxy's interception."""
        return is_cleartext(self.protocol, self.transform)


def is_cleartext(protocol: str, transform: str) -> bool:
    return protocol not in ENCRYPTED_PROTOCOLS and not transform.startswith("tls >")


def raw_url(transport: str, host: str, port: int) -> str:
    """Where a datagram or raw stream went, as a URL-like string (it has no URL of its own)."""
    return f"{transport}://[{host}]:{port}" if ":" in host else f"{transport}://{host}:{port}"


@record
class Destination:
    """One (host, ip, port, transport) a capture talked to, who is behind it, and its traffic totals."""

    host: str
    ip: str
    port: int
    transport: str
    protocol: str
    sdk: str  # recipient: sdk id, first_party or unknown
    organization: str
    category: str
    country: str
    role: str  # P2P: lookup, relay, peer
    reason: str  # why it is attributed so
    bytes_out: int
    bytes_in: int
    packets: int
    first_ts: float | None
    last_ts: float | None
    encrypted_no_key: bool = False  # TLS / QUIC without a key: content not read
    tls_rejected: int = 0  # live proxy: handshakes in which the client refused the proxy's certificate
    id: int = 0  # database row id (0 before it is stored)
    capture_id: int = 0

    __reduce__ = _by_values  # (class, values): see _VALUES below


@record
class Verdict:
    """What the policy says about one (data type, recipient) against what the traffic shows."""

    type: str
    recipient: str
    verdict: str  # contradicted|undisclosed|vague|disclosed|not_observed
    findings: tuple[int, ...]  # finding ids
    policy_evidence: tuple[Evidence, ...]  # the sentences (or claims) it rests on, at most MAX_EVIDENCE
    reason: str
    before_consent: bool
    judged_as: str  # first_party or the recipient itself


# Records cross from --jobs workers to the writer pickled. A slotted dataclass's own pickling walks
# dataclasses.fields() in Python on both sides (per record, ~3.5 us out and ~5 us in for a MessageRecord);
# its values read by one attrgetter and given back to the class (its generated __init__) cost a third of that
_VALUES: dict[type, Any] = {cls: attrgetter(*(f.name for f in fields(cls))) for cls in (MessageRecord, Finding, Destination)}
