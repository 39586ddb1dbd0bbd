"""Per-connection stream handlers: what a reassembled TCP byte stream is turned into.

The TCP reassembler (sources/packets.py) hands each direction's in-order bytes to one handler
per connection, chosen from the first bytes: HTTP/1.x, TLS, or raw. The same handlers serve
decrypted TLS (sources/tls/) and the live sniffer, so every path yields the same messages.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from monitor.model import Datagram, DnsAnswer, Endpoint, Message, TlsHello, maker

_tls_hello = maker(TlsHello)  # one per TLS connection (model.maker: without the frozen dataclass's __init__)


class StreamHandler(Protocol):
    """Consumes one TCP connection's bytes, both directions, in order within each direction."""

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        """outbound: client -> server. frame: capture frame number of the segment completing data."""
        ...

    def close(self, ts: float) -> list[Message]:
        """Connection ended (FIN/RST, idle timeout or end of capture): flush what is pending."""
        ...

    # Optional: `idle(outbound) -> bool`, True when feed() in that direction would from now on
    # return nothing and change nothing. The packet decoder then only counts that direction's
    # segments (sequence numbers, bytes) without handing them over (the fast path).


class TlsFactory(Protocol):
    """Builds TLS handlers that decrypt with known secrets (implemented in sources/tls/).

    The packet decoder calls it for every TCP connection whose client starts with a TLS record.
    A handler from the factory must yield the TlsHello itself (SNI/ALPN) and then the decrypted
    HTTP messages (protocol "https"), or nothing more when no key matches.
    """

    decrypted_sessions: int

    def add_secrets(self, data: bytes) -> None:
        """Add NSS key log lines (from --keylog files or pcapng Decryption Secrets Blocks)."""
        ...

    def __call__(self, client: Endpoint, server: Endpoint) -> StreamHandler: ...




# -- the handlers used when no decryption applies ----------------------------------------------

RAW_CHUNKS = 8  # per direction: first chunks kept for protocol recognition and scanning
RAW_CHUNK_BYTES = 4096


class TlsPassiveHandler:
    """A TLS connection without keys: yields the ClientHello (SNI, ALPN); the rest stays opaque.

    A hello without SNI (a client connecting to a bare IP) is held until the server's first
    flight: under TLS 1.2 its Certificate is in clear and names the server instead.
    """

    def __init__(self, client: Endpoint, server: Endpoint) -> None:
        self.client = client
        self.server = server
        self.buf = bytearray()
        self.done = False
        self.first_ts = 0.0
        self.first_frame = 0
        self.pending: TlsHello | None = None  # a hello without SNI, waiting for the certificate
        self.inbound = bytearray()
        self.inbound_done = False

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        if not outbound:
            return self._server(data)
        if self.done:
            return []
        from monitor.sources.tlshello import HelloError, handshake_from_records, parse_client_hello

        if not self.buf:
            self.first_ts, self.first_frame = ts, frame
            stream = bytes(data[:65536])  # (the hello is most often whole in the first segment: read from it)
        else:
            self.buf += data[: 65536 - len(self.buf)]
            stream = bytes(self.buf)
        try:
            hs = handshake_from_records(stream)
            if hs is None:
                if not self.buf:
                    self.buf += stream
                if len(self.buf) >= 65536:
                    self.done = True
                return []
            sni, alpn, version, _rand = parse_client_hello(hs)
        except HelloError:
            self.done = True
            return []
        self.done = True
        self.buf = bytearray()
        frames = f"frames {self.first_frame}" + (f",{frame}" if frame != self.first_frame else "")
        # (by position, in TlsHello's field order: ts, client, server, sni, alpn, protocol, evidence, version)
        hello = _tls_hello(self.first_ts, self.client, self.server, sni, alpn, "tls", frames, version)
        if sni or self.inbound_done:
            self.inbound_done, self.inbound = True, bytearray()
            return [hello]
        self.pending = hello
        return self._server(b"")

    def idle(self, outbound: bool) -> bool:
        """After the ClientHello (and, without SNI, the server's certificate) nothing more is read."""
        # inbound bytes are only read while a hello without SNI waits for the certificate
        return self.done if outbound else self.inbound_done or (self.done and self.pending is None)

    def _server(self, data: bytes) -> list[Message]:
        from monitor.sources.tlshello import MAX_SERVER_FLIGHT, server_certificate_names

        if self.inbound_done:
            return []
        self.inbound += data[: MAX_SERVER_FLIGHT - len(self.inbound)]
        if self.pending is None:
            return []  # the hello is not parsed yet (or had an SNI): keep the bytes for later
        names = server_certificate_names(bytes(self.inbound))
        if names is None:
            return []
        self.inbound_done, self.inbound = True, bytearray()
        hello, self.pending = self.pending, None
        return [replace(hello, cert_names=names)]

    def close(self, ts: float) -> list[Message]:
        hello, self.pending = self.pending, None
        return [hello] if hello is not None else []


class RawHandler:
    """Neither HTTP nor TLS: the first chunks of each direction become Datagrams (transport tcp)."""

    def __init__(self, client: Endpoint, server: Endpoint) -> None:
        self.client = client
        self.server = server
        self.count = {True: 0, False: 0}

    def idle(self, outbound: bool) -> bool:
        return self.count[outbound] >= RAW_CHUNKS

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        if self.count[outbound] >= RAW_CHUNKS:
            return []
        self.count[outbound] += 1
        return [Datagram(ts=ts, client=self.client, server=self.server, transport="tcp",
                         payload=bytes(data[:RAW_CHUNK_BYTES]), outbound=outbound, evidence=f"frame {frame}")]

    def close(self, ts: float) -> list[Message]:
        return []


class DnsTcpHandler:
    """DNS over TCP: 2-byte length-prefixed messages in the server's direction."""

    def __init__(self, client: Endpoint, server: Endpoint) -> None:
        self.client = client
        self.server = server
        self.buf = bytearray()

    def idle(self, outbound: bool) -> bool:
        return outbound  # queries are not read

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        from monitor.sources.dns import DnsError, parse_dns

        if outbound:
            return []
        self.buf += data[: 70000 - len(self.buf)]
        out: list[Message] = []
        while len(self.buf) >= 2:
            n = int.from_bytes(self.buf[:2], "big")
            if len(self.buf) < 2 + n:
                break
            msg = bytes(self.buf[2: 2 + n])
            del self.buf[: 2 + n]
            try:
                is_resp, rcode, qname, qtype, answers = parse_dns(msg)
            except DnsError:
                continue
            if is_resp:
                out.append(DnsAnswer(ts=ts, client=self.client, server=self.server, qname=qname, qtype=qtype,
                                     answers=tuple(answers), evidence=f"frame {frame}", transport="tcp",
                                     rcode=rcode))
        return out

    def close(self, ts: float) -> list[Message]:
        return []
