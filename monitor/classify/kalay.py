"""ThroughTek Kalay (TUTK IOTC) datagrams: the "Charlie" scrambling undone, messages named, UIDs read.

Every IOTC datagram is scrambled in 16-byte blocks (destinations.md B2): each little-endian
32-bit word is rotated, the block is XORed with the first 16 bytes of the string below and its
bytes are shuffled by a fixed permutation; a tail shorter than 16 bytes is shuffled by a
smaller permutation and XORed. Nothing in the scrambled bytes is constant, so a datagram is
recognized by descrambling its first block and finding the header: `04 02`, a version byte, a
flags byte, the little-endian length of what follows the 16-byte header, then the command.
Connection messages carry the device's 20-character UID at offset 16.

The scramble direction exists for the test generator and for `captures/make_samples.py`.
"""

from __future__ import annotations

from monitor.lazyre import lazy
from monitor.model import Hit

KEY = b"Charlie is the designer of P2P!!"[:16]
# where each output byte of a block comes from; the same table undoes itself (an involution)
BLOCK_ORDER = (11, 9, 8, 15, 13, 10, 12, 14, 2, 1, 5, 0, 6, 4, 7, 3)
TAIL_ORDER = {2: (1, 0), 4: (2, 3, 0, 1), 8: (7, 4, 3, 2, 1, 6, 5, 0)}  # other tail lengths keep their order
UID = lazy(globals(), "UID", rb"[A-Za-z0-9]{20}")
MAX_DATAGRAM = 2048  # IOTC datagrams stay under the path MTU; longer UDP payloads are not Kalay


def _rotl(word: int, n: int) -> int:
    n %= 32
    return ((word << n) | (word >> (32 - n))) & 0xFFFFFFFF


def _rotate_words(block: bytes, amount: int, sign: int) -> bytes:
    out = bytearray(16)
    for i in (0, 4, 8, 12):
        w = int.from_bytes(block[i:i + 4], "little")
        out[i:i + 4] = _rotl(w, sign * (i + amount)).to_bytes(4, "little")
    return bytes(out)


def _shuffle(data: bytes, order: tuple[int, ...] | None) -> bytes:
    return data if order is None else bytes(data[j] for j in order)


def descramble(data: bytes) -> bytes:
    """Undo the scrambling of a whole datagram."""
    out = bytearray()
    full = len(data) - len(data) % 16
    for off in range(0, full, 16):
        block = _shuffle(_rotate_words(data[off:off + 16], 3, 1), BLOCK_ORDER)
        block = bytes(b ^ k for b, k in zip(block, KEY, strict=True))
        out += _rotate_words(block, 1, 1)
    tail = data[full:]
    tail = _shuffle(tail, TAIL_ORDER.get(len(tail)))
    out += bytes(b ^ k for b, k in zip(tail, KEY, strict=False))
    return bytes(out)


def scramble(data: bytes) -> bytes:
    """What a Kalay client sends for `data` (the inverse of `descramble`)."""
    out = bytearray()
    full = len(data) - len(data) % 16
    for off in range(0, full, 16):
        block = _rotate_words(data[off:off + 16], 1, -1)
        block = bytes(b ^ k for b, k in zip(block, KEY, strict=True))
        out += _rotate_words(_shuffle(block, BLOCK_ORDER), 3, -1)
    tail = data[full:]
    tail = bytes(b ^ k for b, k in zip(tail, KEY, strict=False))
    out += _shuffle(tail, TAIL_ORDER.get(len(tail)))
    return bytes(out)


def _header_test() -> tuple[int, int]:
    """(mask, value) over the first 16 bytes read as a little-endian integer such that
    `int & mask == value` exactly when the descrambled block starts with 04 02.

    Descrambling a block only moves bits (word rotations, a byte shuffle) and XORs a constant, so
    each output bit is one input bit, possibly flipped; found here by descrambling single bits."""
    base = int.from_bytes(descramble(bytes(16)), "little")
    source = {}
    for i in range(128):
        moved = int.from_bytes(descramble((1 << i).to_bytes(16, "little")), "little") ^ base
        assert moved and moved & (moved - 1) == 0, "descramble is not a bit permutation"
        source[moved.bit_length() - 1] = i
    want = int.from_bytes(b"\x04\x02", "little")
    mask = value = 0
    for j in range(16):  # output bits of bytes 0 and 1
        i = source[j]
        mask |= 1 << i
        if ((want >> j) ^ (base >> j)) & 1:
            value |= 1 << i
    return mask, value


# (written out: _header_test() costs ~1 ms per run; tests/test_kalay.py checks the two against it)
HEAD_MASK, HEAD_VALUE = 0x10000E01FE00F0000000000000000, 0x2008200D0000000000000000


class KalayMessage:
    """One Kalay datagram descrambled: its command, role and device UID (a plain class: a dataclass costs ~0.4 ms of
    CPU to build at import)."""

    __slots__ = ("version", "command", "name", "role", "uid")

    def __init__(self, version: int, command: bytes, name: str, role: str, uid: str) -> None:
        self.version = version
        self.command = command
        self.name = name
        self.role = role
        self.uid = uid


def parse(payload: bytes, commands: dict[bytes, tuple[str, str, bool]]) -> KalayMessage | None:
    """The Kalay message in one UDP payload, or None. `commands`: 3 command bytes -> (name, role, has UID)."""
    if not 16 <= len(payload) <= MAX_DATAGRAM:
        return None
    if int.from_bytes(payload[:16], "little") & HEAD_MASK != HEAD_VALUE:
        return None  # cheapest test first, on the bits that descramble to 04 02: most UDP is not Kalay
    head = descramble(payload[:16])
    if head[:2] != b"\x04\x02" or int.from_bytes(head[4:6], "little") != len(payload) - 16:
        return None
    plain = descramble(payload)
    cmd = plain[8:11]
    name, role, has_uid = commands.get(cmd, (f"CMD_{cmd.hex()}", "", False))
    uid = ""
    if has_uid and UID.fullmatch(plain[16:36]):
        uid = plain[16:36].decode("ascii").upper()
    return KalayMessage(plain[2], cmd, name, role, uid)


def hits_of(msg: KalayMessage) -> tuple[Hit, ...]:
    if not msg.uid:
        return ()
    return (Hit("device_uid", msg.uid, "kalay-scramble", f"kalay:{msg.name}", "pattern", canonical=msg.uid),)
