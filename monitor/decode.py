"""Messages -> Fields: every value an SDK sent, unwrapped and bounded, with where and how it was found.

HTTP requests are taken apart into path segments, query parameters, headers, cookies and the
body (content-encoding gzip/deflate/br/zstd, then JSON, form, multipart, XML, protobuf or text).
Each leaf value is unwrapped further when it is itself URL-encoded, base64, hex, gzip or JSON,
so `data_list=base64(gzip(json))` yields the JSON's leaves with transforms base64 > gzip > json.
Every step is bounded: decompressed bytes, nesting depth, number of fields. Response bodies come
from the server and are not scanned for leaks.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
import zlib
from collections.abc import Callable, Iterator
from typing import Any, Final, SupportsIndex, overload
from urllib.parse import unquote, urlsplit

from monitor.lazyre import lazy
from monitor.model import Field, HttpExchange

try:  # mypy's: how mypyc is to build Fields (below); the decorator does nothing at run time
    from mypy_extensions import mypyc_attr
except ImportError:  # an install without mypy (the pure package needs none)
    def mypyc_attr(*_args: object, **_kwargs: object) -> Callable[[type], type]:  # type: ignore[misc]
        return lambda cls: cls

# (Final: the compiled decoder reads each as a constant; a module global is looked up in the module's dict and checked
# to be an int at every read, ~150 instructions, several times a container in _walk and a value in _leaf)
MAX_DECODED: Final = 4 * 1024 * 1024  # bytes produced by decompression per message
MAX_SCAN: Final = 1 << 20  # bytes of one body scanned (the rest is marked truncated)
MAX_FIELDS: Final = 5000
MAX_DEPTH: Final = 8
MAX_VALUE: Final = 64 * 1024
_B64: Final = re.compile(r"^[A-Za-z0-9+/_-]{16,}={0,2}$")
_HEX_DIGITS: Final = "0123456789abcdefABCDEF"  # v.strip(_HEX_DIGITS) == "": every character of v is a hex digit
_URLSAFE: Final = bytes.maketrans(b"-_", b"+/")
_PCT = lazy(globals(), "_PCT", r"%[0-9a-fA-F]{2}")
# header.payload.signature, alone or after a scheme ("Bearer eyJ...")
_JWT = lazy(globals(), "_JWT", r"^(?:[A-Za-z]{2,12}\s+)?eyJ[A-Za-z0-9_-]{4,}\.([A-Za-z0-9_-]{4,})\.[A-Za-z0-9_-]*$")
_PACKAGE = lazy(globals(), "_PACKAGE", r"^[a-zA-Z][\w]*(?:\.[\w]+){2,}$")
_QUERY_RUN = re.compile(r"[A-Za-z_][\w.\-]{0,63}=[^&\s]{0,1024}(?:&[A-Za-z_][\w.\-]{0,63}=[^&\s]{0,1024})+")
_FORM_KEY = lazy(globals(), "_FORM_KEY", r"^[A-Za-z_][\w.\-\[\]]{0,63}$")
_PAIR_NAMES = ("k", "key", "name", "field", "param")  # [{"key": "imei", "value": "35..."}]
_PAIR_VALUES = ("v", "value", "val")  # (unrolled in _name_value and _walk)
# a value under 16 characters with none of { [ = % (tested one by one: four `in` tests cost less than one call of
# frozenset.isdisjoint, pure or compiled) and no "eyJ", a JWT's start, is one _leaf only stores: not JSON ({, [), a
# form (=), percent-encoded (%), and too short for hex or base64 (see _leaf); _walk stores it itself
_PRINTABLE = re.compile(rb"[\x20-\x7e]{6,}")
_BIN_RUN = lazy(globals(), "_BIN_RUN", rb"[\x20-\x7e]{2,}")  # a name or a value inside a binary key-value encoding
_BIN_KEY = lazy(globals(), "_BIN_KEY", r"[A-Za-z_$][A-Za-z0-9_.$-]{1,39}")
# bytes -> "p" (printable, as in _BIN_RUN) or "."; on that mask _RUN_PAIR finds two _BIN_RUN runs at most 4 bytes
# apart (the end of one, 1-4 bytes, the start of the next): _binary_pairs' test before its (~4x dearer) list of runs
_RUN_MASK = bytes(0x70 if 0x20 <= c <= 0x7E else 0x2E for c in range(256))
_RUN_PAIR = re.compile(rb"pp\.(?:.{0,2}\.)?pp", re.S)
_NONPRINT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_PRINTABLE_ASCII = bytes(c for c in range(256) if _NONPRINT.match(chr(c)) is None)  # bytes.translate's delete set
_XML_ELEM = lazy(globals(), "_XML_ELEM", r"<([A-Za-z_][\w.:-]{0,64})(\s[^<>]{0,2048})?>([^<>]{1,4096})</\1>")
_XML_ATTR = lazy(globals(), "_XML_ATTR", r"([A-Za-z_][\w.:-]{0,64})=\"([^\"]{1,4096})\"")
# One field while decoding (_Stored): (location, key, value, transforms), a plain tuple. Fields hands out Field named
# tuples, built when read: a Field costs ~6x a plain tuple to build (its class is a tuple subclass), and the
# Detector, the one reader on the hot path, reads the plain tuples by index. A JSON leaf that needs no
# unwrapping is stored with its location unbuilt, (parent path, key, value, transforms, index): its location is
# parent.key (index None) or parent[index], cut at 512 characters; `location(f)` builds it when read (the
# Detector reads the location of few fields: those with hits, location keys, keyed types)
_Raw = tuple[str, str, str, tuple[str, ...]]
_Stored = _Raw | tuple[str, str, str, tuple[str, ...], int | None]
_field: Callable[[_Raw], Field] = functools.partial(tuple.__new__, Field)


def location(f: tuple[Any, ...]) -> str:
    """The location of a stored field (a Field, or a JSON leaf stored with its parent's path)."""
    if len(f) == 4:
        return f[0]  # type: ignore[no-any-return]
    i = f[4]
    loc = f"{f[0]}.{f[1]}" if i is None else f"{f[0]}[{i}]"
    return loc if len(loc) <= 512 else loc[:512]


def _as_field(f: tuple[Any, ...]) -> Field:
    return _field(f) if len(f) == 4 else _field((location(f), f[1], f[2], f[3]))


@mypyc_attr(native_class=False)  # a list subclass: a plain Python class in the compiled module (setup.py)
class Fields(list[Field]):
    """The fields of one message; `truncated` when the message had more than MAX_FIELDS of them.

    Iterating or indexing gives `Field`s; `list.copy(fields)` gives the stored tuples themselves (see _Stored
    above: `location(f)` is a stored field's location), for readers that index them (the Detector).
    """

    truncated: bool = False

    def __iter__(self) -> Iterator[Field]:
        return map(_as_field, super().__iter__())

    def __reversed__(self) -> Iterator[Field]:
        return map(_as_field, super().__reversed__())

    @overload
    def __getitem__(self, i: SupportsIndex) -> Field: ...

    @overload
    def __getitem__(self, i: slice) -> list[Field]: ...

    def __getitem__(self, i: SupportsIndex | slice) -> Field | list[Field]:
        if isinstance(i, slice):
            return list(map(_as_field, super().__getitem__(i)))
        return _as_field(super().__getitem__(i))

    def __repr__(self) -> str:
        return repr(list(self))

    def __contains__(self, item: object) -> bool:
        return any(item == f for f in self)

    def __eq__(self, other: object) -> bool:
        return list(self) == (list(other) if isinstance(other, Fields) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]  # a list: not hashable


class _Budget:
    """One message's decoding: bytes decompressed so far, the fields kept, whether some were left out (a plain
    class: a dataclass costs ~0.3 ms of CPU to build at import)."""

    __slots__ = ("decoded", "fields", "truncated")

    def __init__(self, decoded: int = 0) -> None:
        self.decoded = decoded
        self.fields: list[_Stored] = []
        self.truncated = False

    def full(self) -> bool:
        return len(self.fields) >= MAX_FIELDS

    def add(self, location: str, key: str, value: str, transforms: tuple[str, ...]) -> None:
        if not value:
            return
        if len(self.fields) >= MAX_FIELDS:
            self.truncated = True
            return
        self.fields.append((location, key, value[:MAX_VALUE], transforms))

    def result(self) -> Fields:
        out = Fields(self.fields)  # type: ignore[arg-type]  # Fields stores plain tuples
        if self.truncated:  # (False is the class's default: no instance dict to make)
            out.truncated = True
        return out


def _unquote_plus(s: str) -> str:
    """urllib's unquote_plus, without its work when there is nothing to undo (the common case)."""
    if "+" in s:
        s = s.replace("+", " ")
    return unquote(s) if "%" in s else s


def _pairs(text: str, b: _Budget, sep: str = "&", blank: bool = False,
           limit: int = MAX_FIELDS) -> list[tuple[str, str]]:
    """Form pairs like parse_qsl, but never more than `limit` (the rest flags the message truncated).

    parse_qsl's own max_num_fields raises ValueError past the limit, which cost a whole capture
    once a request carried 5,001 fields.
    """
    pieces = text.split(sep, limit)
    if len(pieces) > limit:
        b.truncated = True
        del pieces[limit:]
    out = []
    for piece in pieces:
        if not piece:
            continue
        name, eq, value = piece.partition("=")
        if not eq and not blank:
            continue
        if value or blank:
            # _unquote_plus, called only when there is something to undo (most names and values are plain)
            if "+" in name or "%" in name:
                name = _unquote_plus(name)
            if "+" in value or "%" in value:
                value = _unquote_plus(value)
            out.append((name, value))
    return out


# -- decompression ----------------------------------------------------------------------------------

def decompress(data: bytes, encoding: str, budget: _Budget) -> bytes | None:
    """Bounded content decoding; None when the encoding is unknown or the data is broken."""
    room = max(0, MAX_DECODED - budget.decoded)
    enc = encoding.strip().lower()
    try:
        if enc in ("gzip", "x-gzip") or (not enc and data[:2] == b"\x1f\x8b"):
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out = d.decompress(data, room)
        elif enc == "deflate":
            try:
                d = zlib.decompressobj()
                out = d.decompress(data, room)
            except zlib.error:
                d = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
                out = d.decompress(data, room)
        elif enc == "br":
            out = _brotli(data[:MAX_SCAN], room)
        elif enc == "zstd":
            import zstandard

            try:
                with zstandard.ZstdDecompressor().stream_reader(data[:MAX_SCAN]) as reader:
                    out = reader.read(room)  # bounded: a zstd bomb stops at the cap
            except zstandard.ZstdError:
                return None
        else:
            return None
    except (zlib.error, OSError, EOFError, ValueError) as exc:  # brotli.error subclasses Exception
        del exc
        return None
    except Exception as exc:  # noqa: BLE001 - brotli raises its own brotli.error (a plain Exception)
        if type(exc).__module__.startswith(("brotli", "_brotli", "zstandard", "zstd")):
            return None
        raise
    budget.decoded += len(out)
    return out


def _brotli(data: bytes, room: int) -> bytes:
    """Brotli, fed one input byte at a time so the output can stop at `room`.

    brotli 1.1's `process()` has no output limit and a single call expands everything it is
    given (1.6 KB made 2.1 GB). One byte completes at most one meta-block (16 MiB by the
    format), so the peak stays near room + 16 MiB. Costs ~0.7 µs per compressed byte.
    """
    import brotli

    dec = brotli.Decompressor()
    view = memoryview(data)
    parts: list[bytes] = []
    got = 0
    for i in range(len(data)):
        chunk = dec.process(view[i:i + 1])
        if chunk:
            parts.append(chunk)
            got += len(chunk)
            if got >= room:
                break
    return b"".join(parts)[:room]


# -- leaf unwrapping --------------------------------------------------------------------------------

def _text(data: bytes) -> str | None:
    """The bytes as text when they are UTF-8 and mostly printable, else None."""
    if data.isascii():
        s = data.decode("ascii")
        # the non-printable ASCII bytes of the sample (what _NONPRINT finds in ASCII), counted in C
        bad = len(data[:512].translate(None, _PRINTABLE_ASCII))
        return s if s and bad <= 0.1 * min(len(s), 512) else None
    # strict UTF-8 without the cost of an exception: "ignore" drops what is not UTF-8, and the text
    # then encodes to fewer bytes (valid UTF-8 encodes back to the same bytes)
    s = data.decode("utf-8", "ignore")
    if len(s.encode()) != len(data):
        return None
    sample = s[:512]
    bad = 0 if sample.isascii() and sample.isprintable() else len(_NONPRINT.findall(sample))
    return s if s and bad <= 0.1 * len(sample) else None


def _leaf(loc: str, key: str, value: str, tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    v = value.strip()
    if depth < MAX_DEPTH:
        if len(v) >= 2 and v[0] in "{[" and v[-1] in "}]" and _json(loc, v, tr + ("json",), depth + 1, b):
            return  # the JSON's leaves stand for it
        if "=" in v and _inner_form(loc, v, tr, depth, b):
            return  # so do a form's pairs
    fields = b.fields
    if type(b) is not _Budget:
        b.add(loc, key, value, tr)  # a _Probe keeps nothing
    elif value:  # b.add, inline: this runs for most values of a message
        if len(fields) >= MAX_FIELDS:
            b.truncated = True
            return
        fields.append((loc, key, value[:MAX_VALUE], tr))
    # the unwrapping below needs >= 8 characters, and each kind its own mark: cheap tests first
    if depth >= MAX_DEPTH or len(value) < 8 or len(fields) >= MAX_FIELDS:
        return
    if "%" in v and _PCT.search(v):
        u = unquote(v)
        if u != v:
            _leaf(loc, key, u, tr + ("urlencoded",), depth + 1, b)
            return
    jwt = _JWT.match(v) if "eyJ" in v else None
    if jwt:  # a JSON Web Token: its payload is base64url JSON (the signature proves nothing to us)
        try:
            raw = base64.urlsafe_b64decode(jwt.group(1) + "=" * (-len(jwt.group(1)) % 4))
        except (binascii.Error, ValueError):
            return
        _bytes(loc, key, raw, tr + ("jwt",), depth + 1, b)
        return
    if "\n" in v and len(v) >= 64:  # MIME-style base64, cut into lines of 60-76 characters
        joined = v.replace("\r", "").replace("\n", "")
        if _B64.match(joined):
            v = joined
    n = len(v)
    if n < 16 or v in _INERT:
        return  # (both unwrappings below need 16 characters)
    if n > 32 and n not in (40, 64) and not n % 2 and not v.strip(_HEX_DIGITS):  # hashes stay hashes
        raw = binascii.unhexlify(v)
        if _bytes(loc, key, raw, tr + ("hex",), depth + 1, b):
            _inert(v)
        return
    if n % 4 != 1 and not v.isdigit() and not v.isalpha() and _B64.match(v):
        data = (v + "=" * (-n % 4)).encode()  # ASCII: _B64 matched
        if "-" in v or "_" in v:
            data = data.translate(_URLSAFE)  # what base64.b64decode(altchars=b"-_") does
        try:  # b64decode(validate=True) without its Python layers
            raw = binascii.a2b_base64(data, strict_mode=True)
        except (binascii.Error, ValueError):
            _inert(v)
            return
        if _bytes(loc, key, raw, tr + ("base64",), depth + 1, b):
            _inert(v)


# Values of 16-256 characters whose hex or base64 bytes hold nothing (see _bytes), remembered: a device sends the
# same ids (an Android id, a GAID, an MD5 of its IMEI) in request after request, and each read as base64 costs
# more than the rest of its field. Bounded (captured text): at most 4,096 values of at most 256 characters
_INERT: Final[set[str]] = set()


def _inert(v: str) -> None:
    if len(v) > 256:
        return  # (no id is that long: a blob seldom recurs)
    if len(_INERT) >= 4096:
        _INERT.clear()
    _INERT.add(v)


def _inner_form(loc: str, v: str, tr: tuple[str, ...], depth: int, b: _Budget) -> bool:
    """A value that is itself a form, "imei=35...&mac=a4:..." (or ";"-separated): its pairs, keyed."""
    sep = "&" if "&" in v else ";" if ";" in v else ""
    if not sep or not _no_space(v[:4096]):
        return False
    pairs = _pairs(v[:MAX_SCAN], b, sep, blank=True)
    if len(pairs) < 2 or not all(_FORM_KEY.match(k) for k, _ in pairs):
        return False
    for k, val in pairs:
        if val:
            _leaf(f"{loc}>form:{k[:128]}", k, val, tr + ("form",), depth + 1, b)
    return True


def _bytes(loc: str, key: str, raw: bytes, tr: tuple[str, ...], depth: int, b: _Budget) -> bool:
    """The fields of unwrapped bytes; True when they hold nothing at any depth and in any budget (no gzip or zlib
    header, not text, no two printable runs close enough to be a name and its value)."""
    packed = False
    if raw[:2] == b"\x1f\x8b":
        packed = True
        out = decompress(raw, "gzip", b)
        if out is not None:
            raw, tr = out, tr + ("gzip",)
    elif raw[:1] == b"\x78" and len(raw) > 2 and (raw[0] * 256 + raw[1]) % 31 == 0:
        packed = True
        out = decompress(raw, "deflate", b)
        if out is not None:
            raw, tr = out, tr + ("zlib",)
    text = _text(raw[:MAX_SCAN])
    if text is not None:
        _leaf(loc, key, text, tr, depth, b)
        return False
    if depth >= MAX_DEPTH:
        return False
    mask = raw[:MAX_SCAN].translate(_RUN_MASK)
    if mask.count(b"pp") < 2 or _RUN_PAIR.search(mask) is None:
        return not packed  # no two runs close enough: what most random bytes (a hex or UUID value read as base64) hold
    _binary_pairs(loc, raw, tr, depth, b)
    return False


def _binary_pairs(loc: str, raw: bytes, tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    """Binary key-value encodings (Thrift, msgpack, BSON, bplist, protobuf maps) put a name such as
    "android_id", a few framing bytes (type, length), then the value: each name followed that closely by a
    printable run becomes a keyed field (Umeng's base64 `id_tracking` is a Thrift map of the phone's ids).
    _bytes calls it when two runs stand close enough (_RUN_PAIR)."""
    runs = []
    for m in _BIN_RUN.finditer(raw, 0, MAX_SCAN):
        runs.append(m)
        if len(runs) >= 2000:
            break
    for name, value in zip(runs, runs[1:], strict=False):
        if value.start() - name.end() > 4:
            continue
        key = name.group().decode("ascii")
        if _BIN_KEY.fullmatch(key):
            _leaf(f"{loc}>{key}", key, value.group().decode("ascii"), tr, depth + 1, b)
            if b.full():
                return


# -- structured bodies ------------------------------------------------------------------------------

# json.loads(s) is the C scanner behind a few Python layers (BOM test, two whitespace regexes, the end test);
# called directly it costs ~8k fewer instructions per document. The same scanner object as json.loads' own
# (default settings); it clears its key memo after each call
_scan_json: Callable[[str, int], tuple[Any, int]] = json.decoder.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _json(loc: str, text: str, tr: tuple[str, ...], depth: int, b: _Budget) -> bool:
    try:
        if text and text[0] not in " \t\n\r\ufeff":  # what json.loads would skip or refuse before scanning
            obj, end = _scan_json(text, 0)
            if end != len(text):  # extra data, or trailing whitespace: json.loads decides
                obj = json.loads(text)
        else:
            obj = json.loads(text)
    except (StopIteration, json.JSONDecodeError, RecursionError, ValueError):  # StopIteration: no value at 0
        return False
    if type(b) is not _Budget or len(b.fields) >= MAX_FIELDS:
        return True  # a _Probe only asks whether the text is JSON; a full message takes no more fields
    if loc.startswith("json:") or ">json:" in loc:
        base = loc
    else:
        base = "json:$" if loc in ("body", "") else f"{loc}>json:$"
    kind = type(obj)
    if kind is dict or kind is list:
        # a list of package names (see _walk) needs 3 strings of 2 dots each: 6 dots in the text, or \u escapes
        _walk(base, "", obj, 0, tr, depth, b, "\\u" in text or _dots(text, 6))
    else:
        _json_scalar(base, "", obj, tr, depth, b)
    return True


def _dots(text: str, n: int) -> bool:
    """text.count(".") >= n, stopping at the n-th dot (a document's count read all of it: ~5.9k instructions a
    document of the HTTP-heavy capture; str.find's search is memchr's)."""
    i = -1
    for _ in range(n):
        i = text.find(".", i + 1)
        if i < 0:
            return False
    return True


# reversed as a value of this module: the compiled module looks a builtin up by name in the builtins module at every
# call (~270 instructions), a Final value of its own it reads from a C variable (27,754 containers walked in the
# HTTP-heavy capture)
_reversed: Final = reversed


def _walk(path: str, key: str, node: Any, level: int, tr: tuple[str, ...],
          depth: int, b: _Budget, dots: bool = True) -> None:
    """The leaves of a JSON container (from json.loads), children last to first, depth-first.

    Walks at most 64 levels (deeper containers are not entered), 1,000 members of an object and
    500 items of an array, and stops once the message has MAX_FIELDS fields. A child's location is
    its parent's plus ".key" or "[i]", cut at 512 characters (a slice, not a call: [:512] gives the string
    itself when shorter; a leaf that needs no unwrapping, a short word or number, is stored with its
    parent's path: see _Stored). `dots` is False when the
    document's strings cannot hold three package names (then no array of objects can be a list of them).
    """
    fields = b.fields  # (fields.append, not a bound copy: 3.11 specializes the method call for lists)
    # a member whose type was tested, declared as such: the compiled walk (setup.py) then reads it with str's and
    # int's own operations instead of looking each method up (in CPython a declaration does nothing)
    sv: str
    iv: int
    if type(node) is dict:
        if level >= 64:
            return  # its children would be past the depth limit
        d: dict[str, Any] = node
        n = len(d)
        items: Iterator[tuple[str, Any]] = _reversed(d.items()) if n <= 1000 else iter(list(d.items())[999::-1])
        if n <= 4 and ("v" in d or "value" in d or "val" in d):  # _PAIR_VALUES, unrolled (compiled: ~4x cheaper
            # than frozenset.isdisjoint's call, which iterates the dict; 25,842 dicts of 4 in the HTTP-heavy capture)
            # a pair object like {"key": "imei", "value": "35..."}: the value goes under its name
            pair = _name_value(d)
            if pair is not None:
                items = iter([(pair[0] if k == pair[1] else k, v) for k, v in items])
        level += 1
        if n <= MAX_FIELDS - len(fields):
            # room for every member: the loop below without its count, until a call leaves less room than
            # members (then the rest, from the same iterator, one by one)
            for k, v in items:
                ck = type(v)
                if ck is str:
                    sv = v
                    if len(sv) < 16 and (sv.isalnum() or sv and "{" not in sv and "[" not in sv and "=" not in sv
                           and "%" not in sv and "eyJ" not in sv) or len(sv) <= 32 and sv.isdigit():
                        fields.append((path, k, sv, tr, None))
                        continue
                    _leaf(f"{path}.{k}"[:512], k, sv, tr, depth, b)
                elif ck is int:
                    iv = v
                    fields.append((path, k, str(iv), tr, None))
                    continue
                elif ck is dict or ck is list:
                    _walk(f"{path}.{k}"[:512], k, v, level, tr, depth, b, dots)
                elif ck is float:
                    _json_scalar(f"{path}.{k}"[:512], k, v, tr, depth, b)
                else:
                    continue
                if MAX_FIELDS - len(fields) < n:
                    break
            else:
                return
        room = MAX_FIELDS - len(fields)  # kept equal to it: +1 per field added here, re-read after a call
        for k, v in items:
            if room <= 0:
                b.truncated = True  # members left that the message has no room for
                return
            ck = type(v)
            if ck is str:
                sv = v
                if len(sv) < 16 and (sv.isalnum() or sv and "{" not in sv and "[" not in sv and "=" not in sv
                       and "%" not in sv and "eyJ" not in sv) or len(sv) <= 32 and sv.isdigit():
                    fields.append((path, k, sv, tr, None))  # all _leaf would do; location path.k, built when read
                    room -= 1
                    continue
                _leaf(f"{path}.{k}"[:512], k, sv, tr, depth, b)
            elif ck is int:
                iv = v
                fields.append((path, k, str(iv), tr, None))  # an int as json.dumps writes it
                room -= 1
                continue
            elif ck is dict or ck is list:
                _walk(f"{path}.{k}"[:512], k, v, level, tr, depth, b, dots)
            elif ck is float:
                _json_scalar(f"{path}.{k}"[:512], k, v, tr, depth, b)
            else:
                continue  # true, false, null: no field
            room = MAX_FIELDS - len(fields)
        return
    head: list[Any] = node[:500]
    nh = len(head)
    if nh >= 3:
        first = type(head[0])
        if first is str:
            if all(type(x) is str for x in head):
                b.add(path, key, "\n".join(head), tr + ("list",))
        elif first is dict and dots and all(type(x) is dict for x in head):
            # [{"pkg": "com.tencent.mm", "ver": "8.0"}, ...]: the package names, as one list
            pkgs = [v for x in head for v in (x.values() if len(x) <= 8 else list(x.values())[:8])
                    if type(v) is str and "." in v and _PACKAGE.match(v)]
            if len(pkgs) >= 3:
                b.add(path, key, "\n".join(pkgs), tr + ("list",))
    if level >= 64:
        return
    level += 1
    room = MAX_FIELDS - len(fields)
    for i in range(nh - 1, -1, -1):
        if room <= 0:
            b.truncated = True
            return
        v = head[i]
        ck = type(v)
        if ck is str:
            sv = v
            if len(sv) < 16 and (sv.isalnum() or sv and "{" not in sv and "[" not in sv and "=" not in sv
                   and "%" not in sv and "eyJ" not in sv) or len(sv) <= 32 and sv.isdigit():
                fields.append((path, key, sv, tr, i))  # location path[i], built when read
                room -= 1
                continue
            _leaf(f"{path}[{i}]"[:512], key, sv, tr, depth, b)
        elif ck is int:
            iv = v
            fields.append((path, key, str(iv), tr, i))
            room -= 1
            continue
        elif ck is dict or ck is list:
            _walk(f"{path}[{i}]"[:512], key, v, level, tr, depth, b, dots)
        elif ck is float:
            _json_scalar(f"{path}[{i}]"[:512], key, v, tr, depth, b)
        else:
            continue
        room = MAX_FIELDS - len(fields)


def _json_scalar(path: str, key: str, node: object, tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    kind = type(node)
    if kind is str:
        _leaf(path, key, node, tr, depth, b)  # type: ignore[arg-type]
    elif kind is int:
        b.add(path, key, int.__repr__(node), tr)  # type: ignore[arg-type]  # what json.dumps writes
    elif kind is float:
        r = float.__repr__(node)  # type: ignore[arg-type]
        b.add(path, key, r if r not in _NONFINITE else json.dumps(node), tr)


_NONFINITE = frozenset({"nan", "inf", "-inf"})  # json.dumps writes these as NaN, Infinity, -Infinity
_SPACE = lazy(globals(), "_SPACE", r"\s")


def _no_space(s: str) -> bool:
    return s.isalnum() or not _SPACE.search(s)


def _name_value(node: dict[str, Any]) -> tuple[str, str] | None:
    """(name, value key) of a pair object like {"key": "imei", "value": "35..."}, else None."""
    if len(node) > 4 or not ("v" in node or "value" in node or "val" in node):  # _PAIR_VALUES, unrolled
        return None
    name = next((node[n] for n in _PAIR_NAMES if isinstance(node.get(n), str)), None)
    vkey = next((n for n in _PAIR_VALUES if n in node), None)
    if not isinstance(name, str) or not name or len(name) > 64 or vkey is None:
        return None
    value = node[vkey]
    return (name, vkey) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _form(prefix: str, text: str, tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    _leaves(prefix, _pairs(text[:MAX_SCAN], b), tr, depth, b)


def _leaves(prefix: str, pairs: list[tuple[str, str]], tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    """_leaf of each pair's value at prefix:key; a short plain value (see _walk) is stored without the call."""
    fields = b.fields
    for k, v in pairs:
        if len(v) < 16 and (v.isalnum() or v and "{" not in v and "[" not in v and "=" not in v
               and "%" not in v and "eyJ" not in v) or len(v) <= 32 and v.isdigit():
            if len(fields) < MAX_FIELDS:  # (a form's pairs fill a _Budget: no _Probe reads forms)
                fields.append((f"{prefix}:{k[:128]}", k, v, tr))
            else:
                b.truncated = True
        else:
            _leaf(f"{prefix}:{k[:128]}", k, v, tr, depth, b)


def _multipart(body: bytes, ctype: str, tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    m = re.search(r'boundary="?([^";]{1,200})"?', ctype)
    if not m:
        return
    sep = b"--" + m.group(1).encode("latin-1")
    for part in body.split(sep)[1:64]:
        head, _, content = part.partition(b"\r\n\r\n")
        if not _:
            continue
        content = content.rsplit(b"\r\n", 1)[0] if content.endswith(b"\r\n") else content
        h = head.decode("latin-1", "replace")
        name = re.search(r'name="([^"]{0,128})"', h)
        fname = re.search(r'filename="([^"]{0,256})"', h)
        loc = f"multipart:{name.group(1) if name else ''}" + (f"[{fname.group(1)}]" if fname else "")
        pct = re.search(r"content-type:\s*([^\r\n]+)", h, re.I)
        _body(loc, content, pct.group(1) if pct else "", tr + ("multipart",), depth + 1, b)


def _xml(text: str, tr: tuple[str, ...], b: _Budget) -> None:
    for m in _XML_ELEM.finditer(text[:MAX_SCAN]):
        key = m.group(1).rsplit(":", 1)[-1]  # the local name: <wsse:Password> is a password
        if key == "Password" and "#PasswordDigest" in (m.group(2) or ""):
            key = "PasswordDigest"  # WS-Security's digest (ONVIF): a hash of the password, not the password
        b.add(f"xml:{m.group(1)}", key, m.group(3).strip(), tr + ("xml",))
        for a in _XML_ATTR.finditer(m.group(2) or ""):
            b.add(f"xml:{m.group(1)}@{a.group(1)}", a.group(1), a.group(2), tr + ("xml",))
        if b.full():
            return


def _protobuf(data: bytes, path: str, tr: tuple[str, ...], depth: int, b: _Budget) -> bool:
    """Schema-less protobuf wire format: strings and nested messages, as pb:1.3.19 locations."""
    i, n, found = 0, len(data), False
    while i < n and not b.full():
        key, i = _varint(data, i)
        if key is None or key >> 3 == 0:
            return found
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = _varint(data, i)
            if v is None:
                return found
            if v > 10**13:  # long numbers may be IMEIs/IMSIs
                b.add(f"pb:{path}{num}", str(num), str(v), tr + ("protobuf",))
        elif wt == 1:
            i += 8
        elif wt == 5:
            i += 4
        elif wt == 2:
            ln, i = _varint(data, i)
            if ln is None or i + ln > n:
                return found
            chunk = data[i:i + ln]
            i += ln
            if depth < MAX_DEPTH and ln and _protobuf(chunk, f"{path}{num}.", tr, depth + 1, _Probe(b)):
                _protobuf(chunk, f"{path}{num}.", tr, depth + 1, b)
            else:
                t = _text(chunk)
                if t is not None:
                    _leaf(f"pb:{path}{num}", str(num), t, tr + ("protobuf",), depth + 1, b)
        else:
            return found
        found = True
    return found and i == n


class _Probe(_Budget):
    """A throwaway budget: checks that bytes parse as a nested message without keeping fields."""

    def __init__(self, parent: _Budget) -> None:
        super().__init__(decoded=parent.decoded)

    def add(self, location: str, key: str, value: str, transforms: tuple[str, ...]) -> None:
        return


def _varint(data: bytes, i: int) -> tuple[int | None, int]:
    v, shift = 0, 0
    while i < len(data) and shift < 64:
        byte = data[i]
        i += 1
        v |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return v, i
        shift += 7
    return None, i


def _body(loc: str, body: bytes, ctype: str, tr: tuple[str, ...], depth: int, b: _Budget) -> None:
    body = body[:MAX_SCAN]
    ct = ctype.lower()
    if "multipart/" in ct:
        _multipart(body, ctype, tr, depth, b)
        return
    if body[:2] == b"\x1f\x8b":
        out = decompress(body, "gzip", b)
        if out is not None:
            body, tr = out[:MAX_SCAN], tr + ("gzip",)
    text = _text(body)
    if text is None:
        if "protobuf" in ct or "grpc" in ct or "octet-stream" in ct or not ct:
            _protobuf(body, "", tr, depth, b)
        for m in _PRINTABLE.finditer(body[:MAX_SCAN]):
            b.add(f"{loc}@{m.start()}", "", m.group().decode("ascii"), tr)
            if b.full():
                break
        return
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and _json(loc if loc != "body" else "json:$", stripped, tr + ("json",), depth, b):
        return
    if "xml" in ct or stripped.startswith("<"):
        _xml(stripped, tr, b)
    elif "=" in stripped and ("form" in ct or re.match(r"^[\w.%\-\[\]]+=", stripped)):
        if "&" not in stripped and ";" in stripped and "form" not in ct and _no_space(stripped):
            _form("form" if loc == "body" else loc, stripped.replace(";", "&"), tr, depth, b)  # k=v;k=v
        elif "&" not in stripped and "\n" in stripped and _kv_lines(stripped):  # ini-style k=v lines
            _form("form" if loc == "body" else loc, "&".join(stripped.splitlines()), tr, depth, b)
        else:
            _form("form" if loc == "body" else loc, stripped, tr, depth, b)
        return
    _leaf(loc, "", stripped, tr, depth, b)


_KV_LINE = lazy(globals(), "_KV_LINE", r"[\w.\-\[\]]{1,64}=[^=]*")


def _kv_lines(text: str) -> bool:
    """A body of key=value lines (device check-ins, ini-style posts): most non-empty lines are pairs."""
    lines = [line for line in text.splitlines()[:MAX_FIELDS] if line.strip()]
    return len(lines) >= 2 and sum(1 for line in lines if _KV_LINE.fullmatch(line.strip())) >= 0.8 * len(lines)


# -- entry points -----------------------------------------------------------------------------------

_NOT_SCANNED = frozenset({"host", "content-length", "accept", "accept-encoding", "connection", "content-type"})


def fields_of_http(m: HttpExchange) -> Fields:
    b = _Budget()
    url = m.path if m.path.startswith("/") else "/" + m.path
    if url[1:2] != "/" and "\t" not in url and "\r" not in url and "\n" not in url:
        path, _, query = url.partition("#")[0].partition("?")  # what urlsplit gives such a URL, faster
    else:
        split = urlsplit(url)
        path, query = split.path, split.query
    for i, seg in enumerate(path.split("/")[1:64], 1):  # (at most 63 fields: the first of the message)
        if "%" in seg:
            dec = unquote(seg)
            _leaf(f"path[{i}]", "", dec, ("urlencoded",) if dec != seg else (), 1, b)
        elif len(seg) < 16 and (seg.isalnum() or "{" not in seg and "[" not in seg and "=" not in seg
                 and "%" not in seg and "eyJ" not in seg) or \
                len(seg) <= 32 and seg.isdigit():
            if seg:  # a short plain segment: all _leaf would do (see _walk)
                b.fields.append((f"path[{i}]", "", seg, ()))
        else:
            _leaf(f"path[{i}]", "", seg, (), 1, b)
    if query:
        _leaves("query", _pairs(query, b), (), 1, b)
    encoding = ctype = ""
    for k, v in m.request_headers:
        lk = k.lower()
        if lk == "content-encoding":
            encoding = v
        elif lk == "content-type":
            ctype = v
        if lk == "cookie":
            for part in v.split(";")[:100]:
                ck, _, cv = part.strip().partition("=")
                _leaf(f"cookie:{ck[:128]}", ck, cv, (), 1, b)
        elif lk not in _NOT_SCANNED:
            _leaf(f"header:{k[:128]}", k, v, (), 1, b)
    body = m.request_body
    if body:
        tr: tuple[str, ...] = ()
        if encoding and encoding.lower() != "identity":
            out = decompress(body[: MAX_DECODED], encoding, b)
            if out is not None:
                body, tr = out, (encoding.lower().replace("x-", ""),)
        _body("body", body, ctype, tr, 1, b)
    return b.result()


def fields_of_websocket(content: bytes, index: int) -> Fields:
    """One WebSocket message, decoded like a request body; locations start with websocket:<index>."""
    b = _Budget()
    _body("body", content[:MAX_SCAN], "", (), 1, b)
    loc = f"websocket:{index}"
    b.fields = [(loc if f[0] == "body" and len(f) == 4 else f"{loc}:{location(f)}", f[1], f[2], f[3]) for f in b.fields]
    return b.result()


def fields_of_payload(payload: bytes, transport: str) -> Fields:
    """Raw UDP/TCP payloads: printable runs (with their byte offset) and a hex view for binary values."""
    b = _Budget()
    name = f"{transport}-payload"
    data = payload[:MAX_SCAN]
    for m in _PRINTABLE.finditer(data):
        text = m.group().decode("ascii")
        start = m.start()
        brace = text.find("{")
        if brace >= 0 and _json("json:$", text[brace:], ("json",), 2, _Probe(b)):
            before = len(b.fields)
            _json("json:$", text[brace:], ("json",), 2, b)
            for i in range(before, len(b.fields)):
                f = b.fields[i]
                b.fields[i] = (f"{name}@{start + brace}:{location(f)[5:]}", f[1], f[2], f[3])
        else:
            # a CGI request or form inside a binary frame ("GET /x.cgi?loginuse=admin&loginpas=..."):
            # its pairs keep their keys; the rest of the text is scanned as text
            for q in _QUERY_RUN.finditer(text):
                for k, v in _pairs(q.group(), b, limit=200):
                    _leaf(f"{name}@{start + q.start()}:form:{k[:128]}", k, v, ("form",), 2, b)
            rest = _QUERY_RUN.sub(" ", text)
            if rest.strip():
                b.add(f"{name}@{start}", "", rest, ())
        if b.full():
            break
    if data:
        b.add(name, "", data[:4096].hex(), ("bytes",))
    return b.result()
