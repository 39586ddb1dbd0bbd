"""SDK attribution: every rule's example hosts, the most specific rule winning, DNS CNAME chains."""

from __future__ import annotations

import pytest

from monitor.classify.destinations import Attributor
from monitor.model import DnsAnswer, Endpoint
from monitor.profile import EMPTY_PROFILE, profile_from_dict
from monitor.rules.load import load_rules

SIGS = load_rules()
EXAMPLES = [(r.id, h) for r in SIGS.sdks for h in r.examples]


def test_signature_set_is_large_and_covers_the_policies_sdks() -> None:
    assert len(SIGS.sdks) >= 60
    aliases = SIGS.sdk_aliases()
    named_in_policies = {"aurora sdk": "jpush", "wechat": "wechat", "facebook": "facebook", "line": "line",
                         "huawei push": "huawei_push", "tencent bugly": "bugly", "beizi": "beizi",
                         "pangolin": "pangle", "youlianghui": "gdt", "baiqingteng": "baidu_mobads",
                         "kuaishou": "kuaishou", "inmobi": "inmobi", "zxing": "zxing"}
    for name, sdk in named_in_policies.items():
        assert aliases[name] == sdk


@pytest.mark.parametrize(("sdk", "host"), EXAMPLES, ids=[f"{s}:{h}" for s, h in EXAMPLES])
def test_every_rule_attributes_its_example_hosts(sdk: str, host: str) -> None:
    a = Attributor(SIGS, EMPTY_PROFILE).attribute(host, "203.0.113.9", 443, "tcp", 0.0)
    assert a.sdk == sdk
    assert a.category == SIGS.sdk(sdk).category  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("host", "sdk"),
    [
        ("android.bugly.qq.com", "bugly"), ("mi.gdt.qq.com", "gdt"), ("sdk.e.qq.com", "gdt"),
        ("imgcache.qq.com", "tencent"), ("api.mch.weixin.qq.com", "wechat_pay"), ("open.weixin.qq.com", "wechat"),
        ("mobads.baidu.com", "baidu_mobads"), ("loc.map.baidu.com", "baidu_location"), ("www.baidu.com", "baidu"),
        ("pangolin.snssdk.com", "pangle"), ("api.snssdk.com", "bytedance"), ("graph.facebook.com", "facebook"),
        ("qq.com.evil.example", ""), ("notjpush.cn", ""), ("JPUSH.CN", "jpush"),
    ],
)
def test_most_specific_rule_wins(host: str, sdk: str) -> None:
    assert Attributor(SIGS, EMPTY_PROFILE).attribute(host.lower(), "", 443, "tcp", 0.0).sdk == sdk


def test_cdn_cname_maps_back_to_the_name_the_client_asked_for() -> None:
    a = Attributor(SIGS, EMPTY_PROFILE)
    a.observe_dns(DnsAnswer(ts=10.0, client=Endpoint("10.0.0.2", 5000), server=Endpoint("10.0.0.1", 53),
                            qname="stats.jpush.cn", qtype="A",
                            answers=(("stats.jpush.cn", "CNAME", "stats.jpush.cn.w.kunlunsl.com", 60),
                                     ("stats.jpush.cn.w.kunlunsl.com", "A", "198.51.100.7", 60))))
    got = a.attribute("", "198.51.100.7", 443, "tcp", 11.0)
    assert got.sdk == "jpush" and got.reason.startswith("dns")
    assert a.name_for("198.51.100.7", 11.0) == "stats.jpush.cn"
    assert a.attribute("", "198.51.100.8", 443, "tcp", 11.0).sdk == ""



def test_attribution_is_shared_across_connections_but_keeps_how_the_name_was_learned() -> None:
    """One answer per (name, address): every port gives the same one; a name only DNS gave says "dns"
    even after the client named that host to that address itself (the cache must keep the two apart)."""
    a = Attributor(SIGS, EMPTY_PROFILE)
    _answer(a, 1.0, "10.0.0.2", "stats.jpush.cn", "198.51.100.7")
    named = a.attribute("stats.jpush.cn", "198.51.100.7", 443, "tcp", 2.0)
    assert (named.sdk, named.reason) == ("jpush", "host suffix jpush.cn")
    by_dns = a.attribute("", "198.51.100.7", 443, "tcp", 2.0)
    assert (by_dns.sdk, by_dns.reason) == ("jpush", "dns host suffix jpush.cn")
    assert a.attribute("stats.jpush.cn", "198.51.100.7", 8080, "tcp", 3.0) == named
    assert a.attribute("", "198.51.100.7", 5000, "udp", 3.0) == by_dns
    # the same name at another address: the name's rule, that address's own country
    assert a.attribute("stats.jpush.cn", "198.51.100.8", 443, "tcp", 3.0).sdk == "jpush"

def test_ip_rule_and_protocol_fingerprint() -> None:
    a = Attributor(SIGS, EMPTY_PROFILE)
    assert a.attribute("", "123.196.118.23", 19000, "udp", 0.0).sdk == "jpush"
    got = a.attribute("", "203.0.113.50", 32100, "udp", 0.0, protocol="pppp")
    assert (got.sdk, got.category) == ("cs2", "p2p")


def test_first_party_from_the_profile() -> None:
    prof = profile_from_dict({"app": {"name": "SecuHome", "first_party": ["secuhome.example", "47.91.0.0/16"]}})
    a = Attributor(SIGS, prof)
    assert a.attribute("api.secuhome.example", "198.51.100.1", 443, "tcp", 0.0).sdk == "first_party"
    assert a.attribute("", "47.91.3.4", 443, "tcp", 0.0).category == "first_party"
    assert a.attribute("api.jpush.cn", "47.91.3.4", 443, "tcp", 0.0).sdk == "jpush"  # the named host wins


def _answer(a: Attributor, ts: float, client: str, name: str, ip: str) -> None:
    a.observe_dns(DnsAnswer(ts=ts, client=Endpoint(client, 5000), server=Endpoint("10.0.0.1", 53), qname=name,
                            qtype="A", answers=((name, "A", ip, 300),)))


def test_several_names_for_one_ip_same_client_then_port_hint_others_kept() -> None:
    shared = "142.250.10.188"
    a = Attributor(SIGS, EMPTY_PROFILE)
    _answer(a, 1.0, "10.0.0.2", "mtalk.google.com", shared)  # push looked up first
    _answer(a, 5.0, "10.0.0.2", "accounts.google.com", shared)  # then the sign-in SDK, same address
    _answer(a, 6.0, "10.0.0.9", "graph.facebook.com", shared)  # another client's lookup does not count
    push = a.attribute("", shared, 5228, "tcp", 7.0, client="10.0.0.2")
    assert push.sdk == "firebase_messaging"  # only FCM's rule lists 5228
    assert "mtalk.google.com" in push.reason and "ambiguous" in push.reason and "accounts.google.com" in push.reason
    assert "graph.facebook.com" not in push.reason
    web = a.attribute("", shared, 443, "tcp", 7.0, client="10.0.0.2")
    assert web.sdk == "google_signin" and "mtalk.google.com (firebase_messaging)" in web.reason
    other = a.attribute("", shared, 443, "tcp", 7.0, client="10.0.0.9")
    assert other.sdk == "facebook" and "also resolved" not in other.reason
    # a name the client sent (SNI/Host) wins and has no candidates
    named = a.attribute("accounts.google.com", shared, 5228, "tcp", 7.0, client="10.0.0.2")
    assert named.sdk == "google_signin" and "also" not in named.reason
    assert a.name_for(shared, 7.0, "10.0.0.2", 5228) == "mtalk.google.com"
    assert a.name_for(shared, 7.0, "10.0.0.2", 443) == "accounts.google.com"
