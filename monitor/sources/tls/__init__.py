"""TLS decryption of captured connections from key logs: the TlsFactory the packet decoder uses.

For each TCP connection that starts with a TLS record the factory builds a `TlsDecryptHandler`:
it reads the ClientHello (SNI, ALPN, client random) and ServerHello (suite, version,
encrypt-then-MAC), finds the secrets for the client random, decrypts the records of both
directions and hands the plaintext to the HTTP/1.1 or HTTP/2 handler (protocol "https"). Without
a key the connection stays a TLS destination, counted as "encrypted, no key".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from monitor.errors import BadInput
from monitor.model import Endpoint, Message, TlsHello
from monitor.sources.http1 import Http1Handler
from monitor.sources.http2 import PREFACE, H2Handler
from monitor.sources.tls.crypto import SUITES, RecordKey, tls12_keys, tls13_key
from monitor.sources.tls.keylog import KeyLog
from monitor.sources.tlshello import HelloError, parse_client_hello

MAX_RECORD = 18432 + 2048
MAX_BUFFER = 4 * 18432


class TlsDecryptHandler:
    def __init__(self, client: Endpoint, server: Endpoint, factory: TlsFactory) -> None:
        self.client, self.server, self.factory = client, server, factory
        self.buf = {True: bytearray(), False: bytearray()}
        self.hs = {True: bytearray(), False: bytearray()}
        self.client_random = self.server_random = b""
        self.suite_id = 0
        self.tls13 = False
        self.etm = False
        self.keys: dict[bool, RecordKey | None] = {True: None, False: None}
        self.hs_keys: dict[bool, RecordKey | None] = {True: None, False: None}
        self.encrypted = {True: False, False: False}
        self.app: Http1Handler | H2Handler | None = None
        self.decrypted = False
        self.first: tuple[float, int] | None = None
        self.hello_sent = False

    def feed(self, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        buf = self.buf[outbound]
        buf += data
        out: list[Message] = []
        if self.first is None:
            self.first = (ts, frame)
        while len(buf) >= 5:
            length = int.from_bytes(buf[3:5], "big")
            if length > MAX_RECORD or buf[0] not in (20, 21, 22, 23, 24):
                buf.clear()  # not TLS any more (or lost sync): stop reading this direction
                break
            if len(buf) < 5 + length:
                if len(buf) > MAX_BUFFER:
                    buf.clear()
                break
            header, body = bytes(buf[:5]), bytes(buf[5:5 + length])
            del buf[:5 + length]
            out.extend(self._record(outbound, header, body, ts, frame))
        return out

    def _record(self, outbound: bool, header: bytes, body: bytes, ts: float, frame: int) -> list[Message]:
        ctype = header[0]
        if ctype == 20:  # ChangeCipherSpec: TLS 1.2 records after it are protected
            if not self.tls13:
                self.encrypted[outbound] = True
            return []
        if not self.encrypted[outbound] and ctype == 22:
            return self._handshake(outbound, body, ts, frame)
        if ctype not in (22, 23, 21):
            return []
        plain, inner = self._decrypt(outbound, header, body)
        if plain is None or inner != 23:
            return []
        self.decrypted = True
        if self.app is None:
            if not outbound:
                return []
            self.app = (H2Handler if plain.startswith(PREFACE[:4]) else Http1Handler)(
                self.client, self.server, "https", "https")
        return self.app.feed(outbound, plain, ts, frame)

    def _handshake(self, outbound: bool, body: bytes, ts: float, frame: int) -> list[Message]:
        hs = self.hs[outbound]
        hs += body[: 65536 - len(hs)]
        if len(hs) < 4 or len(hs) < 4 + int.from_bytes(hs[1:4], "big"):
            return []
        msg = bytes(hs[: 4 + int.from_bytes(hs[1:4], "big")])
        del hs[: len(msg)]
        if outbound and msg[0] == 1 and not self.hello_sent:
            self.hello_sent = True
            try:
                sni, alpn, version, self.client_random = parse_client_hello(msg)
            except HelloError:
                return []
            ts0, f0 = self.first or (ts, frame)
            return [TlsHello(ts=ts0, client=self.client, server=self.server, sni=sni, alpn=alpn,
                             evidence=f"frames {f0}" + (f",{frame}" if frame != f0 else ""), version=version)]
        if not outbound and msg[0] == 2:
            self._server_hello(msg)
        return []

    def _server_hello(self, msg: bytes) -> None:
        body = msg[4:]
        if len(body) < 38:
            return
        self.server_random = body[2:34]
        off = 35 + body[34]
        if off + 3 > len(body):
            return
        self.suite_id = int.from_bytes(body[off:off + 2], "big")
        off += 3
        if off + 2 <= len(body):
            end = min(len(body), off + 2 + int.from_bytes(body[off:off + 2], "big"))
            off += 2
            while off + 4 <= end:
                etype, elen = int.from_bytes(body[off:off + 2], "big"), int.from_bytes(body[off + 2:off + 4], "big")
                data = body[off + 4: off + 4 + elen]
                if etype == 43 and data == b"\x03\x04":
                    self.tls13 = True
                elif etype == 22:
                    self.etm = True
                off += 4 + elen
        self._derive()

    def _derive(self) -> None:
        suite = SUITES.get(self.suite_id)
        secrets = self.factory.keylog.get(self.client_random)
        if suite is None or not secrets:
            return
        if self.tls13:
            self.encrypted = {True: True, False: True}
            for outbound, hs_label, app_label in ((True, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0"),
                                                  (False, "SERVER_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0")):
                if hs_label in secrets:
                    self.hs_keys[outbound] = tls13_key(suite, secrets[hs_label])
                if app_label in secrets:
                    self.keys[outbound] = tls13_key(suite, secrets[app_label])
        elif "CLIENT_RANDOM" in secrets and suite.kind in ("gcm", "chacha", "cbc"):
            self.keys[True], self.keys[False] = tls12_keys(suite, secrets["CLIENT_RANDOM"], self.client_random,
                                                           self.server_random, self.etm)

    def _decrypt(self, outbound: bool, header: bytes, body: bytes) -> tuple[bytes | None, int]:
        if not self.tls13:
            key = self.keys[outbound]
            plain = key.decrypt(header, body) if key else None
            return plain, header[0]
        for which in (self.hs_keys, self.keys):  # handshake records first, then application traffic
            key = which[outbound]
            if key is None:
                continue
            inner = key.decrypt(header, body)
            if inner is None:
                continue
            if which is self.keys:
                self.hs_keys[outbound] = None  # the handshake is over in this direction
            stripped = inner.rstrip(b"\x00")
            if not stripped:
                return None, 0
            ctype, plain = stripped[-1], stripped[:-1]
            if ctype == 22 and plain[:1] == b"\x18" and which is self.keys:  # KeyUpdate
                self.keys[outbound] = key.updated()
            return plain, ctype
        return None, 0

    def close(self, ts: float) -> list[Message]:
        if self.decrypted:  # sessions without a key are reported per destination (encrypted_no_key)
            self.factory.decrypted_sessions += 1
        return self.app.close(ts) if self.app is not None else []


class TlsFactory:
    def __init__(self, keylog: KeyLog, warn: Callable[[str], None] | None = None) -> None:
        self.keylog = keylog
        self.warn = warn
        self.decrypted_sessions = 0

    def add_secrets(self, data: bytes) -> None:
        self.keylog.add(data, self.warn, "decryption secrets block")

    def __call__(self, client: Endpoint, server: Endpoint) -> TlsDecryptHandler:
        return TlsDecryptHandler(client, server, self)


def make_tls_factory(keylog_paths: Sequence[str], warn: Callable[[str], None] | None = None) -> TlsFactory:
    log = KeyLog()
    for p in keylog_paths:
        from monitor.files import open_regular

        with open_regular(p, "key log") as fh:
            try:
                data = fh.read(64 << 20)
            except OSError as exc:
                raise BadInput(str(p), f"cannot read key log: {exc.strerror}") from exc
        log.add(data, warn, str(p))
        if not log.secrets and warn:
            warn(f"{p}: no usable secrets in this key log")
    return TlsFactory(log, warn)
