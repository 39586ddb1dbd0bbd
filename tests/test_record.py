"""model.record: every record class behaves as the @dataclass(frozen=True, slots=True) class it replaces.

Each class is compared with a twin that dataclasses itself makes from the same fields: the constructor's signature
and errors, repr, ==, hash, the frozen fields, pickling and copying, dataclasses.fields / replace / asdict and
pattern matching."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from monitor.classify.p2p import P2PMatch
from monitor.classify.types import DataType
from monitor.classify.variants import Variant
from monitor.model import (
    Attribution,
    Claim,
    Datagram,
    DnsAnswer,
    Endpoint,
    Evidence,
    FlowStats,
    HttpExchange,
    Policy,
    Statement,
    TlsHello,
    WebSocketMessage,
    record,
)
from monitor.profile import App, Device, Profile
from monitor.records import Destination, Finding, MessageRecord, Verdict
from monitor.rules.sdks import SdkRule

RECORDS = (Endpoint, HttpExchange, DnsAnswer, TlsHello, Datagram, WebSocketMessage, FlowStats, Attribution, Evidence,
           Statement, Claim, Policy, MessageRecord, Finding, Destination, Verdict, Device, App, Profile, P2PMatch,
           DataType, Variant, SdkRule)


def _twin(cls: type) -> Any:
    """The class @dataclass(frozen=True, slots=True) makes from cls's fields."""
    specs = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            specs.append((f.name, f.type))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _args(cls: type, tag: str) -> list[Any]:
    return [(tag, f.name) for f in dataclasses.fields(cls)]  # a distinct, hashable, picklable value per field


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_class_is_the_frozen_dataclass_it_replaces(cls: Any) -> None:
    twin = _twin(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    assert dataclasses.is_dataclass(cls) and names == [f.name for f in dataclasses.fields(twin)]
    assert str(inspect.signature(cls)) == str(inspect.signature(twin))
    assert cls.__match_args__ == twin.__match_args__ and cls.__slots__ == twin.__slots__
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"

    args = _args(cls, "a")
    rec, ref = cls(*args), twin(*args)
    assert repr(rec) == repr(ref) and hash(rec) == hash(ref)
    assert dataclasses.asdict(rec) == dataclasses.asdict(ref) == dict(zip(names, args, strict=True))
    assert rec == cls(**dict(zip(names, args, strict=True))) and hash(rec) == hash(cls(*args))
    assert rec != ref and ref != rec  # another class: unequal both ways, as two dataclasses are
    for i, name in enumerate(names):
        other = cls(*args[:i], "changed", *args[i + 1:])
        assert other != rec and not (other == rec)
        assert dataclasses.replace(rec, **{name: "changed"}) == other
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
            setattr(rec, name, "x")
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
            delattr(rec, name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.not_a_field = 1
    for again in (pickle.loads(pickle.dumps(rec)), copy.copy(rec), copy.deepcopy(rec)):
        assert type(again) is cls and again == rec and repr(again) == repr(rec)
    match rec:
        case cls(first):  # type: ignore[misc]
            assert first == args[0]

    for bad_args, bad_kwargs in (((*args, "one too many"), {}), ((), {"no_such_field": 1}), ((), {})):
        required = [f for f in dataclasses.fields(cls) if f.default is f.default_factory is dataclasses.MISSING]
        if not bad_args and not bad_kwargs and not required:
            continue  # every field has a default: cls() is fine
        with pytest.raises(TypeError):
            cls(*bad_args, **bad_kwargs)
        with pytest.raises(TypeError):
            twin(*bad_args, **bad_kwargs)


def test_a_record_takes_its_defaults_and_default_factories() -> None:
    assert Profile() == Profile((), App(), "") and Profile().app == App()
    assert repr(Profile()) == "Profile(devices=(), app=App(name='', first_party=(), policy=''), source='')"
    assert str(inspect.signature(Profile)) == "(devices: 'tuple[Device, ...]' = (), app: 'App' = <factory>, " \
                                              "source: 'str' = '') -> None"
    assert Statement("imei", "umeng", "collects").evidence == Evidence("", 0, 0)
    assert {Endpoint("10.0.0.2", 1): 1}[Endpoint("10.0.0.2", 1)] == 1


def test_a_record_refuses_what_it_cannot_make_as_dataclasses_would() -> None:
    class WithPostInit:
        a: int

        def __post_init__(self) -> None:
            pass

    with pytest.raises(TypeError, match="__post_init__"):
        record(WithPostInit)

    class KeywordOnly:
        a: int = dataclasses.field(kw_only=True)

    with pytest.raises(TypeError, match="KeywordOnly.a"):
        record(KeywordOnly)

    class Private:
        _set: int  # would shadow what the generated __init__ sets fields with

    with pytest.raises(TypeError, match="Private._set"):
        record(Private)
