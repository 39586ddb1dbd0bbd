"""TLS record protection for the suites apps negotiate: TLS 1.3 (AES-GCM, ChaCha20-Poly1305) and
TLS 1.2 ECDHE/RSA with AES-GCM, ChaCha20-Poly1305 and AES-CBC (MAC-then-encrypt, or
encrypt-then-MAC when negotiated), keys derived from key log secrets (RFC 8446 7.1-7.3, RFC 5246 5-6).
"""

from __future__ import annotations

import hmac
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305


@dataclass(frozen=True, slots=True)
class Suite:
    kind: str  # gcm|chacha|cbc
    key_len: int
    hash: str  # sha256|sha384 (PRF / HKDF)
    mac: str = ""  # sha1|sha256|sha384 for CBC suites


SUITES: dict[int, Suite] = {
    0x1301: Suite("gcm", 16, "sha256"), 0x1302: Suite("gcm", 32, "sha384"), 0x1303: Suite("chacha", 32, "sha256"),
    0xC02F: Suite("gcm", 16, "sha256"), 0xC02B: Suite("gcm", 16, "sha256"), 0x009C: Suite("gcm", 16, "sha256"),
    0xC030: Suite("gcm", 32, "sha384"), 0xC02C: Suite("gcm", 32, "sha384"), 0x009D: Suite("gcm", 32, "sha384"),
    0xCCA8: Suite("chacha", 32, "sha256"), 0xCCA9: Suite("chacha", 32, "sha256"),
    0xC013: Suite("cbc", 16, "sha256", "sha1"), 0xC009: Suite("cbc", 16, "sha256", "sha1"),
    0xC014: Suite("cbc", 32, "sha256", "sha1"), 0xC00A: Suite("cbc", 32, "sha256", "sha1"),
    0x002F: Suite("cbc", 16, "sha256", "sha1"), 0x0035: Suite("cbc", 32, "sha256", "sha1"),
    0xC027: Suite("cbc", 16, "sha256", "sha256"), 0xC023: Suite("cbc", 16, "sha256", "sha256"),
    0xC028: Suite("cbc", 32, "sha384", "sha384"), 0xC024: Suite("cbc", 32, "sha384", "sha384"),
    0x003C: Suite("cbc", 16, "sha256", "sha256"), 0x003D: Suite("cbc", 32, "sha256", "sha256"),
}
MAC_LEN = {"sha1": 20, "sha256": 32, "sha384": 48}


def hkdf_expand_label(secret: bytes, label: bytes, length: int, hash_name: str) -> bytes:
    full = b"tls13 " + label
    info = struct.pack("!HB", length, len(full)) + full + b"\x00"
    out, block, i = b"", b"", 1
    while len(out) < length:
        block = hmac.new(secret, block + info + bytes([i]), hash_name).digest()
        out += block
        i += 1
    return out[:length]


def prf12(secret: bytes, label: bytes, seed: bytes, length: int, hash_name: str) -> bytes:
    """TLS 1.2 PRF: P_hash(secret, label + seed)."""
    s = label + seed
    out, a = b"", s
    while len(out) < length:
        a = hmac.new(secret, a, hash_name).digest()
        out += hmac.new(secret, a + s, hash_name).digest()
    return out[:length]


class RecordKey:
    """One direction's key: decrypts successive records (sequence numbers counted here)."""

    def __init__(self, suite: Suite, key: bytes, iv: bytes, tls13: bool, mac_key: bytes = b"", etm: bool = False,
                 secret: bytes = b"") -> None:
        self.suite, self.key, self.iv, self.tls13 = suite, key, iv, tls13
        self.mac_key, self.etm, self.secret = mac_key, etm, secret
        self.seq = 0
        self.aead: AESGCM | ChaCha20Poly1305 | None = None
        if suite.kind == "gcm":
            self.aead = AESGCM(key)
        elif suite.kind == "chacha":
            self.aead = ChaCha20Poly1305(key)

    def decrypt(self, header: bytes, body: bytes) -> bytes | None:
        """Plaintext of one record (for TLS 1.3: inner plaintext with its content type byte), or None."""
        try:
            out = self._decrypt(header, body)
        except (InvalidTag, ValueError):
            return None
        if out is not None:
            self.seq += 1
        return out

    def _decrypt(self, header: bytes, body: bytes) -> bytes | None:
        seq = self.seq.to_bytes(8, "big")
        if self.tls13:
            nonce = bytes(a ^ b for a, b in zip(self.iv, seq.rjust(12, b"\0"), strict=False))
            return self.aead.decrypt(nonce, body, header)  # type: ignore[union-attr]
        if self.suite.kind == "gcm":
            nonce, ct = self.iv[:4] + body[:8], body[8:]
            aad = seq + header[:3] + (len(ct) - 16).to_bytes(2, "big")
            return self.aead.decrypt(nonce, ct, aad)  # type: ignore[union-attr]
        if self.suite.kind == "chacha":
            nonce = bytes(a ^ b for a, b in zip(self.iv, seq.rjust(12, b"\0"), strict=False))
            aad = seq + header[:3] + (len(body) - 16).to_bytes(2, "big")
            return self.aead.decrypt(nonce, body, aad)  # type: ignore[union-attr]
        return self._cbc(header, body, seq)

    def _cbc(self, header: bytes, body: bytes, seq: bytes) -> bytes | None:
        mac_len = MAC_LEN[self.suite.mac]
        if self.etm:
            body, tag = body[:-mac_len], body[-mac_len:]
            expect = hmac.new(self.mac_key, seq + header[:3] + len(body).to_bytes(2, "big") + body,
                              self.suite.mac).digest()
            if not hmac.compare_digest(tag, expect):
                return None
        if len(body) < 32 or len(body) % 16:
            return None
        dec = Cipher(algorithms.AES(self.key), modes.CBC(body[:16])).decryptor()
        plain = dec.update(body[16:]) + dec.finalize()
        pad = plain[-1]
        if pad + 1 > len(plain):
            return None
        plain = plain[: -(pad + 1)]
        if self.etm:
            return plain
        data, tag = plain[:-mac_len], plain[-mac_len:]
        expect = hmac.new(self.mac_key, seq + header[:3] + len(data).to_bytes(2, "big") + data, self.suite.mac).digest()
        return data if hmac.compare_digest(tag, expect) else None

    def updated(self) -> RecordKey:
        """TLS 1.3 KeyUpdate: the next generation of this traffic secret."""
        return tls13_key(self.suite, hkdf_expand_label(self.secret, b"traffic upd", len(self.secret), self.suite.hash))


def tls13_key(suite: Suite, secret: bytes) -> RecordKey:
    return RecordKey(suite, hkdf_expand_label(secret, b"key", suite.key_len, suite.hash),
                     hkdf_expand_label(secret, b"iv", 12, suite.hash), True, secret=secret)


def tls12_keys(suite: Suite, master: bytes, client_random: bytes, server_random: bytes,
               etm: bool) -> tuple[RecordKey, RecordKey]:
    mac_len = MAC_LEN[suite.mac] if suite.kind == "cbc" else 0
    iv_len = {"gcm": 4, "chacha": 12, "cbc": 16}[suite.kind]
    block = prf12(master, b"key expansion", server_random + client_random,
                  2 * (mac_len + suite.key_len + iv_len), suite.hash)
    cm, sm = block[:mac_len], block[mac_len:2 * mac_len]
    o = 2 * mac_len
    ck, sk = block[o:o + suite.key_len], block[o + suite.key_len:o + 2 * suite.key_len]
    o += 2 * suite.key_len
    civ, siv = block[o:o + iv_len], block[o + iv_len:o + 2 * iv_len]
    return (RecordKey(suite, ck, civ, False, cm, etm), RecordKey(suite, sk, siv, False, sm, etm))
