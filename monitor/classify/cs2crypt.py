"""CS2 Network's optional PPPP datagram obfuscation ("P2P_Proprietary_Encrypt"), undone.

Some CS2 networks XOR every datagram, header included, with bytes of a fixed 256-byte table. The
table index of byte i is the previous ciphertext byte plus one of four key bytes (chosen by the
low two bits of that previous byte); the four key bytes come from a key string in the app's init
string (sums, a difference, thirds and an XOR of its characters). Facts: destinations.md B1 (PAL)
and the public re-implementations of the cipher.

privmon does not need the app's key string. Because each plaintext byte depends on one key byte
only, the four key bytes can be searched independently (4 x 256 candidates), checking each
candidate against what a PPPP datagram must look like: 0xF1, a known message type, the exact
length, and for messages that carry the device id, its shape (capital-letter prefix, serial,
check code). A key recovered once is remembered by the engine and tried first on later
datagrams, also on peer traffic on random ports. Key strings listed in p2p.toml are tried too.
"""

from __future__ import annotations

from collections.abc import Iterable

_TABLE = bytes.fromhex(
    "7c9ce84a13dedcb22f2123e4307b3d8c"
    "bc0b270c3cf79ae7087196009785efc1"
    "1fc4dba1c2ebd901faba3b05b8158783"
    "2872d18b5ad6da9358feaacc6e1bf0a3"
    "88ab43c00db545384f502266207f075b"
    "14981d9ba72ab9a8cbf1fc4947063eb1"
    "0e043a945eee541134dd4df9ecc7c9e3"
    "781a6f706ba4bda95dd5f8e5bb26af42"
    "37d8e1020aae5f1cc573094e6924906d"
    "12b319ad748a2940f52dbea559e0f479"
    "d24bce8982488425c6912ba2fb8fe9a6"
    "b09e3f65f603312eac0f952c5ced39b7"
    "336c567eb4a0fd7a815351868d9f77ff"
    "6a80dfe2bf10d775645776f355cdd0c8"
    "18e6364162cf99f2324c67606192cad3"
    "ea637d16b68ed46835c3529d46441e17")

KEY_LEN = 4
MAX_DATAGRAM = 1500  # the search reads at most this much of a datagram
_UPPER_OR_NUL = frozenset(range(ord("A"), ord("Z") + 1)) | {0}


def derive_key(key_string: str | bytes) -> bytes:
    """The four key bytes of a key string (the library reads at most 20 characters)."""
    raw = key_string.encode() if isinstance(key_string, str) else key_string
    k = [0, 0, 0, 0]
    for b in raw[:20]:
        k[0] = (k[0] + b) & 0xFF
        k[1] = (k[1] - b) & 0xFF
        k[2] = (k[2] + b // 3) & 0xFF
        k[3] ^= b
    return bytes(k)


def encrypt(plain: bytes, key: bytes) -> bytes:
    out = bytearray(len(plain))
    prev = 0
    for i, p in enumerate(plain):
        prev = out[i] = p ^ _TABLE[(prev + key[prev & 3]) & 0xFF]
    return bytes(out)


def decrypt(data: bytes, key: bytes) -> bytes:
    out = bytearray(len(data))
    prev = 0
    for i, c in enumerate(data):
        out[i] = c ^ _TABLE[(prev + key[prev & 3]) & 0xFF]
        prev = c
    return bytes(out)


def first_byte(key: bytes) -> int:
    """What every datagram encrypted with this key starts with (0xF1 under the first table byte)."""
    return 0xF1 ^ _TABLE[key[0]]


def _candidates(data: bytes, allowed: dict[int, frozenset[int]]) -> list[set[int]]:
    """For each key byte, the values under which every constrained position decrypts to an allowed byte."""
    out: list[set[int]] = []
    for j in range(KEY_LEN):
        positions = [i for i in allowed if i < len(data) and (data[i - 1] if i else 0) & 3 == j]
        if not positions:
            out.append(set(ANY))  # this key byte does not matter here
            continue
        ok = set()
        for v in range(256):
            for i in positions:
                prev = data[i - 1] if i else 0
                if data[i] ^ _TABLE[(prev + v) & 0xFF] not in allowed[i]:
                    break
            else:
                ok.add(v)
        out.append(ok)
    return out


ANY = frozenset(range(256))


def header_candidates(data: bytes, all_types: Iterable[int]) -> list[set[int]] | None:
    """Key-byte candidates under which `data` starts like a PPPP message (0xF1, a type, its length)."""
    n = len(data) - 4
    if n < 0 or len(data) > MAX_DATAGRAM:
        return None
    cands = _candidates(data, {0: frozenset({0xF1}), 1: frozenset(all_types), 2: frozenset({n >> 8}),
                               3: frozenset({n & 0xFF})})
    return None if any(not c for c in cands) else cands


def uid_candidates(data: bytes, uid_types: Iterable[int], sockaddr_last: bool = False) -> list[set[int]] | None:
    """Key-byte candidates under which `data` is a message carrying a device id at payload offset 0.

    The header fixes byte 0 (0xF1), the type and the two length bytes; the 20-byte device id fixes
    the classes of 20 more (capital letters or NUL, a serial whose top byte is small).
    `sockaddr_last`: also require the 8 zero bytes that end the address logins and connection
    requests carry last (a socket address's padding), for when the id alone leaves a doubt.
    """
    n = len(data) - 4
    if n < 20 or len(data) > MAX_DATAGRAM:
        return None
    allowed: dict[int, frozenset[int]] = {0: frozenset({0xF1}), 1: frozenset(uid_types), 2: frozenset({n >> 8}),
                                          3: frozenset({n & 0xFF}), 4: frozenset(range(65, 91))}
    for i in range(5, 12):
        allowed[i] = _UPPER_OR_NUL
    allowed[12] = frozenset(range(0, 6))  # serial <= 99,999,999
    for i in range(16, 24):
        allowed[i] = _UPPER_OR_NUL
    allowed[16] = frozenset(range(65, 91))
    if sockaddr_last and len(data) >= 4 + 20 + 16:
        for i in range(len(data) - 8, len(data)):
            allowed[i] = frozenset({0})
    cands = _candidates(data, allowed)
    return None if any(not c for c in cands) else cands


def intersect(a: list[set[int]], b: list[set[int]]) -> list[set[int]] | None:
    both = [x & y for x, y in zip(a, b, strict=True)]
    return None if any(not c for c in both) else both


MAX_KEYS_TRIED = 256


def keys_for_uid(data: bytes, cands: list[set[int]]) -> list[bytes]:
    """The keys to try on `data`, or [] when too many remain or a serial byte is not pinned down.

    Key bytes no byte of the device id depends on are left at one value: they do not change it.
    """
    if any(len(cands[data[i - 1] & 3]) == 256 for i in range(13, 16)):
        return []
    picks = [[0] if len(c) == 256 else sorted(c) for c in cands]
    total = 1
    for p in picks:
        total *= len(p)
    if total > MAX_KEYS_TRIED:
        return []
    return [bytes([a, b, c, d]) for a in picks[0] for b in picks[1] for c in picks[2] for d in picks[3]]


def pinned(cands: list[set[int]]) -> bytes | None:
    """The key, once every key byte has exactly one candidate left."""
    return bytes(next(iter(c)) for c in cands) if all(len(c) == 1 for c in cands) else None


class KeyState:
    """What a capture has taught about CS2 keys: recovered keys, and candidates still being narrowed.

    Candidates are kept per first ciphertext byte (every datagram under one key starts with the same
    byte), so HELLO, ALIVE and acknowledgements of a network narrow the key that a later login needs.
    """

    MAX_KEYS = 8
    MAX_PENDING = 32

    def __init__(self) -> None:
        self.known: list[bytes] = []
        self.pending: dict[int, list[set[int]]] = {}

    def agrees(self, first: int, cands: list[set[int]]) -> bool:
        """An earlier datagram began with the same byte and some key fits both: one session's key."""
        prev = self.pending.get(first)
        return prev is not None and intersect(prev, cands) is not None

    def narrow(self, first: int, cands: list[set[int]]) -> list[set[int]]:
        prev = self.pending.get(first)
        merged = intersect(prev, cands) if prev is not None else None
        merged = merged if merged is not None else cands  # nothing in common: another key, start over
        if first not in self.pending and len(self.pending) >= self.MAX_PENDING:
            self.pending.pop(next(iter(self.pending)))
        self.pending[first] = merged
        return merged

    def learn(self, key: bytes) -> None:
        """Remember a key that read a device id (only such keys: noise can pin a header-only key)."""
        if key not in self.known:
            self.known.insert(0, key)
            del self.known[self.MAX_KEYS:]
