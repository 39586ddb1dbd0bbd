"""model.maker and model.changer: the record or message a fast maker makes is the one its class makes."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from monitor.model import (
    Attribution,
    Datagram,
    DnsAnswer,
    Endpoint,
    FlowStats,
    HttpExchange,
    TlsHello,
    changer,
    maker,
)
from monitor.records import Destination, Finding, MessageRecord
from monitor.testing.records import finding

VALUES = ("imei", "356938035643809", "md5", "json:$.imei", "pattern", "api.example.cn", "192.0.2.7", 80, "http",
          "umeng", "analytics", "phone", "phone", 10.5, 11.0, "frames 3,5", "356938035643809", "", 2, 7, 0, 0, "",
          "tcp", "out", "http://api.example.cn/x")


def test_a_finding_made_fast_is_the_finding_its_class_makes() -> None:
    fast, slow = maker(Finding)(*VALUES), Finding(*VALUES)
    assert type(fast) is Finding
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert dataclasses.replace(fast, count=3) == dataclasses.replace(slow, count=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = "x"  # type: ignore[misc]
    assert maker(Finding)(**{f.name: getattr(slow, f.name) for f in dataclasses.fields(Finding)}) == slow
    assert maker(Finding)(*VALUES[:16]) == finding(0, "imei", value=VALUES[1], transform="md5", location="json:$.imei",
                                                     host="api.example.cn", ip="192.0.2.7", port=80, protocol="http",
                                                     sdk="umeng", category="analytics", owner="phone", sender="phone",
                                                     first_ts=10.5, last_ts=11.0, evidence="frames 3,5")


@pytest.mark.parametrize(("args", "kwargs"), [
    ((1, "http", 2.0, "10.0.0.2", 40000, "192.0.2.1", 80, "tcp", "http", "a.example"), {}),
    ((1, "datagram", 2.0, "10.0.0.2", 40000, "192.0.2.1", 32100, "udp", "pppp", ""),
     {"payload": b"\xf1\x00", "direction": "in", "p2p_message": "PunchPkt"}),
])
def test_a_message_made_fast_takes_the_class_defaults(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    assert maker(MessageRecord)(*args, **kwargs) == MessageRecord(*args, **kwargs)  # type: ignore[arg-type]


def test_a_maker_refuses_what_the_class_refuses() -> None:
    with pytest.raises(TypeError):
        maker(Destination)("a.example")  # missing fields
    with pytest.raises(TypeError):
        maker(Finding)(*VALUES, "one too many")


@pytest.mark.parametrize("changes", [{}, {"role": "relay"}, {"country": "CN", "reason": "sni; 192.0.2.7 also resolved"},
                                     {"sdk": "", "category": "unknown", "protocol": ""}])
def test_a_changed_record_is_the_one_dataclasses_replace_makes(changes: dict[str, str]) -> None:
    old = Attribution("umeng", "Umeng", "analytics", "", "host suffix umeng.com", "", "")
    new, want = changer(Attribution)(old, **changes), dataclasses.replace(old, **changes)
    assert type(new) is Attribution and new == want and hash(new) == hash(want) and repr(new) == repr(want)
    assert old == Attribution("umeng", "Umeng", "analytics", "", "host suffix umeng.com", "", "")  # unchanged
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.role = "peer"  # type: ignore[misc]
    with pytest.raises(TypeError):
        changer(Attribution)(old, owner="x")  # no such field, as replace() refuses it


def test_the_messages_a_packet_capture_makes_fast_are_the_ones_their_classes_make() -> None:
    a, b = Endpoint("10.0.0.2", 40000), maker(Endpoint)("10.0.0.2", 40000)
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert maker(Datagram)(1.0, a, b, "udp", b"\xf1", True, "frame 3") == Datagram(1.0, a, b, "udp", b"\xf1", True,
                                                                                  "frame 3")
    assert maker(FlowStats)(a, b, "tcp", 10, 20, 3, 1.0, 2.0, True) == FlowStats(a, b, "tcp", 10, 20, 3, 1.0, 2.0, True)
    exchange = (1.0, a, b, "POST", "a.example", "/x", (("Host", "a.example"),), b"{}", 200, (), b"", "frames 3")
    assert maker(HttpExchange)(*exchange) == HttpExchange(*exchange)
    assert maker(HttpExchange)(*exchange).url == HttpExchange(*exchange).url
    answer = (1.0, a, b, "a.example", "A", (("a.example", "A", "192.0.2.1", 60),), "frame 4", "udp", 0)
    assert maker(DnsAnswer)(*answer) == DnsAnswer(*answer)
    hello = {"ts": 1.0, "client": a, "server": b, "sni": "a.example", "alpn": ("h2",), "evidence": "frames 5",
             "version": "TLS 1.3"}
    assert maker(TlsHello)(**hello) == TlsHello(**hello)  # type: ignore[arg-type]
