"""Plain data that flows through privmon: sources -> messages -> fields -> findings -> verdicts.

Every class here is a frozen dataclass (made by `record`; Field and Hit: named tuples, cheaper to build) with no
behaviour beyond small derived properties, so that sources (pcap, HAR, flow files, proxy, sniffer),
classifiers, the store and the reports can share them without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, Literal, NamedTuple, TypeVar, dataclass_transform

Transport = Literal["tcp", "udp"]
_T = TypeVar("_T")


class _Factory:
    """The default of a field with a default factory in a record's __init__ signature (as dataclasses shows it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """What @dataclass(frozen=True, slots=True) makes of `cls`, at a fraction of the start-up cost (issue 20).

    A real dataclass (dataclasses.fields, replace and asdict work) with the same __init__ (signature, defaults,
    default factories), repr, == and hash over the fields' values, frozen fields (FrozenInstanceError) and pickling.
    dataclasses compiles six method texts for each such class at every start (~4.9M instructions for eight
    fields, 23 classes on analyze's path); here only __init__'s text is compiled (~1.5M in all for eight fields),
    and repr, ==, hash and the frozen guards are the same few functions for every record, reading the values with
    one attrgetter. `__dataclass_params__` reads init, repr, eq and frozen False: nothing reads it."""
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: __post_init__ is not supported by @record")
    made: Any = dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    fs = fields(made)
    for f in fs:
        if not f.init or f.kw_only is True or f.name.startswith("_") or f.name == "self":  # __init__'s own names
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields (init, positional, public) are supported "
                            "by @record")
    made.__init__ = _LazyInit(made, fs)
    names = tuple(f.name for f in fs)
    compared = tuple(f.name for f in fs if f.compare)
    hashed = tuple(f.name for f in fs if (f.compare if f.hash is None else f.hash))
    shown = tuple(f.name for f in fs if f.repr)
    values, key, hash_key, shown_values = _getter(names), _getter(compared), _getter(hashed), _getter(shown)

    shown_format = f"({', '.join(f'{n}={{!r}}' for n in shown)})"

    @recursive_repr()
    def __repr__(self: Any) -> str:
        return self.__class__.__qualname__ + shown_format.format(*shown_values(self))

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return key(self) == key(other)  # type: ignore[no-any-return]
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hash_key(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is made or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(made, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is made or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(made, self).__delattr__(name)

    def __getstate__(self: Any) -> list[Any]:
        return list(values(self))

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    for method in (__repr__, __eq__, __hash__, __setattr__, __delattr__, __getstate__, __setstate__):
        if method.__name__ not in cls.__dict__:
            method.__qualname__, method.__module__ = f"{made.__qualname__}.{method.__name__}", made.__module__
            setattr(made, method.__name__, method)
    return made  # type: ignore[no-any-return]


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `names` as a tuple (attrgetter gives a lone value for one name)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return lambda record: ()


class _LazyInit:
    """A record's __init__ until it is first looked up (a call of the class, `cls.__init__`, inspect.signature):
    then _record_init compiles it and it replaces this descriptor in the class, so the class has the same __init__
    as before from that moment on. Compiled at import, the __init__ of the 23 record classes on analyze's path cost
    every run the parse of their text, but analyze builds most of them only through `maker` (the messages',
    findings' and destinations' records: the longest texts), which never calls __init__."""

    __slots__ = ("cls", "fields")

    def __init__(self, cls: type, fs: tuple[Any, ...]) -> None:
        self.cls = cls
        self.fields = fs

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        init = _record_init(self.cls, self.fields)
        self.cls.__init__ = init  # type: ignore[misc]
        return init if obj is None else init.__get__(obj, owner)


def _record_init(cls: type, fs: tuple[Any, ...]) -> Callable[..., None]:
    """The __init__ dataclasses writes for a frozen class: every field set through object.__setattr__."""
    ns: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _FACTORY}
    params, sets = [], []
    for f in fs:
        value = f.name
        if f.default is not MISSING:
            ns[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        elif f.default_factory is not MISSING:
            ns[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            value = f"_f_{f.name}() if {f.name} is _FACTORY else {f.name}"
        else:
            params.append(f.name)
        sets.append(f"\n    _set(self, {f.name!r}, {value})")
    exec(f"def __init__(self, {', '.join(params)}):{''.join(sets) or chr(10) + '    pass'}", ns)
    init: Callable[..., None] = ns["__init__"]
    init.__qualname__, init.__module__ = f"{cls.__qualname__}.__init__", cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fs}, "return": None}
    return init


@record
class Endpoint:
    """An IP address and port."""

    ip: str
    port: int


# ---------------------------------------------------------------------------------------------
# Messages: what a source yields. Every message carries its client (lab side) and server
# (remote side) endpoints, a timestamp and an evidence string ("frames 12-14", "flow <uuid>",
# "har entry 3") that lets a reviewer find the bytes again.
# ---------------------------------------------------------------------------------------------


@record
class HttpExchange:
    """One HTTP request and its response (if any), from any source."""

    ts: float
    client: Endpoint
    server: Endpoint
    method: str
    host: str  # lowercase, no port, no trailing dot ("" when unknown)
    path: str  # path with query string, as sent
    request_headers: tuple[tuple[str, str], ...] = ()
    request_body: bytes = b""  # raw, as on the wire after de-chunking (content-encoding kept)
    status: int | None = None
    response_headers: tuple[tuple[str, str], ...] = ()
    response_body: bytes = b""
    evidence: str = ""
    scheme: str = "http"  # http|https
    http_version: str = "HTTP/1.1"
    body_truncated: bool = False
    error: str = ""  # request without response: why ("timeout", "connection reset", ...)
    protocol: str = "http"  # http|https (decrypted TLS or proxied HTTPS)
    transport: Transport = "tcp"  # udp for HTTP/3 over QUIC

    @property
    def url(self) -> str:
        port = self.server.port
        default = 443 if self.scheme == "https" else 80
        hostport = self.host or self.server.ip
        if port and port != default:
            hostport = f"{hostport}:{port}"
        return f"{self.scheme}://{hostport}{self.path}"


@record
class DnsAnswer:
    """One DNS response: the question and its answers (CNAME chain included, in order)."""

    ts: float
    client: Endpoint
    server: Endpoint
    qname: str
    qtype: str
    answers: tuple[tuple[str, str, str, int], ...] = ()  # (name, rtype, value, ttl)
    evidence: str = ""
    transport: Transport = "udp"
    rcode: int = 0


@record
class TlsHello:
    """A TLS ClientHello (over TCP) or a QUIC Initial's ClientHello (over UDP)."""

    ts: float
    client: Endpoint
    server: Endpoint
    sni: str
    alpn: tuple[str, ...] = ()
    protocol: str = "tls"  # tls|quic
    evidence: str = ""
    version: str = ""
    cert_names: tuple[str, ...] = ()  # no SNI: the names on the server's certificate (TLS <= 1.2)
    rejected: bool = False  # live proxy: the client refused the proxy's certificate (pinning): content not seen

    @property
    def transport(self) -> Transport:
        return "udp" if self.protocol == "quic" else "tcp"


# datagrams of one conversation (both directions) that are read: the engine recognizes protocols in
# these and no more, and the packet decoder only counts a UDP conversation's later ones
DATAGRAMS_PER_FLOW = 5000


@record
class Datagram:
    """A UDP datagram, or a chunk of a TCP stream that is not HTTP/TLS, kept for protocol
    recognition (P2P cameras, MQTT, push long connections) and identifier scanning."""

    ts: float
    client: Endpoint
    server: Endpoint
    transport: Transport
    payload: bytes
    outbound: bool  # client -> server
    evidence: str = ""


@record
class WebSocketMessage:
    """One WebSocket message of a proxied connection (push and IM SDKs), either direction."""

    ts: float
    client: Endpoint
    server: Endpoint
    host: str
    path: str  # the upgrade request's path
    index: int  # position in the connection's messages: the finding's location is websocket:<index>
    outbound: bool  # client -> server
    content: bytes
    is_text: bool
    evidence: str = ""
    scheme: str = "ws"  # ws|wss


Message = HttpExchange | DnsAnswer | TlsHello | Datagram | WebSocketMessage


@record
class FlowStats:
    """Byte and time accounting of one conversation, emitted by packet sources at the end."""

    client: Endpoint
    server: Endpoint
    transport: Transport
    bytes_out: int
    bytes_in: int
    packets: int
    first_ts: float
    last_ts: float
    encrypted_no_key: bool = False


# ---------------------------------------------------------------------------------------------
# Decoding and classification
# ---------------------------------------------------------------------------------------------


class Field(NamedTuple):
    """One decoded value and where it came from.

    location: "query:imei", "header:X-Device-Id", "cookie:aid", "json:$.device.ids[0]",
              "form:imei", "multipart:file[logcat.txt]", "path[3]", "udp-payload@38", "body".
    key:      the innermost key name as sent ("" when the value has no key).
    transforms: how the value was unwrapped, outermost first: ("gzip", "json").

    A named tuple rather than a frozen dataclass: decoding makes one per value (tens per request),
    and a frozen dataclass costs about 3.5x as much to build (issue 20).
    """

    location: str
    key: str
    value: str
    transforms: tuple[str, ...] = ()


class Hit(NamedTuple):
    """An identifier found inside one field (before destination/capture context is added).

    A named tuple like Field (a frozen dataclass with eight attributes cost 4x as much to build);
    derive a changed copy with `hit._replace(transform=...)`.
    """

    type: str
    value: str  # the value as sent (e.g. the MD5 hex string when hashed)
    transform: str  # "plain", "md5", "base64 > gzip > json > sha256(upper)" ...
    location: str
    confidence: str  # known|checksum|pattern
    device: str = ""  # profile device the value belongs to ("" without a profile)
    canonical: str = ""  # the identifier itself when known (the IMEI behind an MD5)
    reason: str = ""  # why a value no rule names is one: "same value as the gaid found at ..." (recurrence)


@record
class Attribution:
    """Who is behind a destination."""

    sdk: str = ""  # sdk id, "first_party" or "" (unknown)
    organization: str = ""
    category: str = "unknown"
    country: str = ""
    reason: str = ""  # "host suffix jpush.cn", "sni", "dns cname ...", "ip rule", "pppp fingerprint"
    protocol: str = ""  # protocol recognized from payload (pppp, kalay, mqtt, ...), "" if none
    role: str = ""  # server role for P2P (lookup, relay, peer)

    @property
    def recipient(self) -> str:
        return self.sdk or "unknown"


# ---------------------------------------------------------------------------------------------
# Policies and verdicts
# ---------------------------------------------------------------------------------------------


@record
class Evidence:
    """A span of a policy's text: what a statement or a finding's verdict quotes."""

    text: str
    start: int
    end: int


@record
class Statement:
    """What a policy says about one data type and one recipient."""

    type: str  # a contract type id, or a broad term id ("device_info") for vague statements
    recipient: str  # first_party|third_party|advertisers|partners|<sdk id>
    stance: str  # collects|denies|conditional
    qualifiers: tuple[str, ...] = ()
    evidence: Evidence = Evidence("", 0, 0)
    vague: bool = False  # True when the data term is broad
    covers: tuple[str, ...] = ()  # for vague data terms: the type ids it could cover

    @property
    def scoped(self) -> bool:
        """Limited to a user group or region (scope:children) or, for a denial, to one feature or case
        (within:feature): it holds there only."""
        return any(q.startswith(("scope:", "within:")) for q in self.qualifiers)


@record
class Claim:
    """A policy's promise that is not about one data type (where data is stored, no sharing, ...)."""

    kind: str  # storage_location|cross_border|no_third_party_sharing|no_ad_sharing|no_collection|hashing|no_personal_info|other
    text: str
    start: int
    end: int
    params: tuple[tuple[str, str], ...] = ()  # e.g. (("country", "CN"),) or (("feature", "..."),)


@record
class Policy:
    """A privacy policy read: its text, statements, claims and the SDKs it names."""

    source: str
    text: str
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    sdks_named: tuple[str, ...] = ()
    first_party_sdk: str = ""  # set when the policy is an SDK vendor's own policy
    vendor_sdks: tuple[str, ...] = ()  # ... and the vendor's other SDKs (same organization): also its "we"


CATEGORIES: tuple[str, ...] = (
    "push", "analytics", "advertising", "crash_reporting", "social_login", "payment", "p2p",
    "cloud", "first_party", "unknown",
)

@dataclass(slots=True)
class Summary:
    """Counts printed at the end of `analyze` (mutable: filled while ingesting)."""

    packets: int = 0
    flows: int = 0
    http_requests: int = 0
    dns_names: int = 0
    tls_names: int = 0
    udp_flows: int = 0
    destinations: int = 0
    findings: int = 0
    encrypted_no_key: int = 0
    decrypted_sessions: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: bool = False


_R = TypeVar("_R")


def maker(cls: type[_R]) -> Callable[..., _R]:
    """A function that makes a record of `cls` (a frozen slotted dataclass) as cls(...) does (positional or keyword
    arguments, its defaults), at a seventh of the cost: a frozen class's generated __init__ sets every field through
    object.__setattr__ (~37k instructions for Finding's 26 fields, callgrind), these set the slots of a plain twin
    class (the same slots: the same layout) and then give the object its class (~5.5k). The record is the one
    cls(...) makes: equal, hashed, frozen and pickled alike. For the records made per packet, message and
    finding (dataclasses itself builds its __init__ from source, as here)."""
    twin = type(f"_{cls.__name__}Slots", (), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]
    ns: dict[str, Any] = {"_new": object.__new__, "_twin": twin, "_cls": cls}
    params, sets = [], []
    for f in fields(cls):  # type: ignore[arg-type]
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory is not supported")
        if f.default is MISSING:
            params.append(f.name)
        else:
            ns[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        sets.append(f"\n    _record.{f.name} = {f.name}")
    exec(f"def make({', '.join(params)}):\n    _record = _new(_twin){''.join(sets)}\n    _record.__class__ = _cls\n"
         "    return _record", ns)
    make: Callable[..., _R] = ns["make"]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make


def changer(cls: type[_R]) -> Callable[..., _R]:
    """A function that does what dataclasses.replace(record, **changes) does for a record of `cls` (a frozen slotted
    dataclass; changes by keyword only), through maker(cls): replace() walks fields() and calls the class, whose
    generated __init__ sets every field through object.__setattr__ (~6x the cost for Attribution's 7 fields)."""
    ns: dict[str, Any] = {"_make": maker(cls), "_same": object()}
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    keep = ", ".join(f"{n}=_same" for n in names)
    values = ", ".join(f"_record.{n} if {n} is _same else {n}" for n in names)
    exec(f"def change(_record, *, {keep}):\n    return _make({values})", ns)
    change: Callable[..., _R] = ns["change"]
    change.__qualname__ = change.__name__ = f"change_{cls.__name__}"
    return change
