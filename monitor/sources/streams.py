"""Per-connection stream handlers: what a reassembled TCP byte stream is turned into.

The TCP reassembler (sources/packets.py) hands each direction's in-order bytes to one handler
per connection, chosen from the first bytes: HTTP/1.x, TLS, or raw. The same handlers serve
decrypted TLS (sources/tls/) and the live sniffer, so every path yields the same messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from monitor.model import Endpoint, Message


class StreamHandler(Protocol):
    """Consumes one TCP connection's bytes, both directions, in order within each direction."""

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        """outbound: client -> server. frame: capture frame number of the segment completing data."""
        ...

    def close(self, ts: float) -> list[Message]:
        """Connection ended (FIN/RST, idle timeout or end of capture): flush what is pending."""
        ...


class TlsFactory(Protocol):
    """Builds TLS handlers that decrypt with known secrets (implemented in sources/tls/).

    The packet decoder calls it for every TCP connection whose client starts with a TLS record.
    A handler from the factory must yield the TlsHello itself (SNI/ALPN) and then the decrypted
    HTTP messages (protocol "https"), or nothing more when no key matches.
    """

    decrypted_sessions: int
    no_key_sessions: int

    def add_secrets(self, data: bytes) -> None:
        """Add NSS key log lines (from --keylog files or pcapng Decryption Secrets Blocks)."""
        ...

    def __call__(self, client: Endpoint, server: Endpoint) -> StreamHandler: ...


HandlerFactory = Callable[[Endpoint, Endpoint], StreamHandler]
