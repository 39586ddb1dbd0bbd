"""No false identifiers from protocol negotiation and web cookies: SSH algorithm names are not
e-mails, a cookie named SSID is not a Wi-Fi network name (issue 17, items 3 and 4)."""

from __future__ import annotations

import struct

import pytest
from engine_run import recognize

from monitor import decode
from monitor.classify.identifiers import Detector
from monitor.model import Endpoint, HttpExchange
from monitor.profile import EMPTY_PROFILE
from monitor.rules.load import load_rules

DETECTOR = Detector(load_rules().identifiers, EMPTY_PROFILE)

KEX = ("sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,"
       "ecdh-sha2-nistp256,diffie-hellman-group16-sha512,ext-info-c,kex-strict-c-v00@openssh.com")
MACS = "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha1-etm@openssh.com"
CIPHERS = "chacha20-poly1305@openssh.com,aes128-ctr,aes256-gcm@openssh.com"


def _name_list(s: str) -> bytes:
    return struct.pack("!I", len(s)) + s.encode()


def kexinit() -> bytes:
    body = bytes([20]) + bytes(range(16)) + b"".join(
        _name_list(x) for x in (KEX, "ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512", CIPHERS, CIPHERS, MACS, MACS,
                                "none,zlib@openssh.com", "none", "", "")) + b"\x00" + bytes(4)
    pad = 8 - (len(body) + 5) % 8 + 8
    return struct.pack("!IB", len(body) + pad + 1, pad) + body + bytes(pad)


def emails_in_payload(payload: bytes) -> list[str]:
    return [h.value for h in DETECTOR.scan(decode.fields_of_payload(payload, "tcp")) if h.type == "email"]


def test_ssh_banner_and_kexinit_are_recognized_as_ssh() -> None:
    banner = recognize(b"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n", 22, 51000, "tcp")
    assert banner is not None and (banner.protocol, banner.message, banner.hits) == ("ssh", "BANNER", ())
    k = recognize(kexinit(), 2222, 51000, "tcp")  # a capture that starts after the banners
    assert k is not None and (k.protocol, k.message) == ("ssh", "KEXINIT")
    assert recognize(b"SSH is a protocol", 22, 51000, "tcp") is None
    assert recognize(b"\x00\x00\x01\x00\x07\x14" + bytes(300), 22, 51000, "tcp") is None  # no name-lists


def test_ssh_algorithm_names_are_never_emails() -> None:
    assert emails_in_payload(kexinit()) == []
    assert emails_in_payload(b"SSH-2.0-x\r\n" + kexinit()) == []
    for name in ("hmac-sha1-etm@openssh.com", "curve25519-sha256@libssh.org", "chacha20-poly1305@openssh.com",
                 "ssh-ed25519-cert-v01@openssh.com", "umac-128-etm@openssh.com"):
        assert emails_in_payload(b"\x00\x01" + name.encode() + b"\x00") == [], name


@pytest.mark.parametrize(("text", "want"), [
    (b"\x00\x07contact: zhang.wei@example.com\x00", ["zhang.wei@example.com"]),
    (b"\x02\x11user=lab2024@qq.com;\x00", ["lab2024@qq.com"]),
    (b"\x00\x10admin@camera.local.lan\x00", []),  # no real top-level domain: not claimed from a binary frame
    (b"\x00\x10mail me: x@y.verylongmadeuptld\x00", []),
])
def test_emails_in_binary_payloads_need_a_plausible_local_part_and_tld(text: bytes, want: list[str]) -> None:
    assert emails_in_payload(text) == want


def _cookie_scan(cookie: str, path: str = "/") -> list[tuple[str, str]]:
    m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("203.0.113.9", 443), method="GET",
                     host="accounts.example", path=path, request_headers=(("Cookie", cookie),))
    return sorted((h.type, h.value) for h in DETECTOR.scan(decode.fields_of_http(m)))


def test_a_cookie_named_ssid_is_not_a_wifi_network() -> None:
    assert _cookie_scan("SID=g.a000wQ; SSID=AxW8hQ3bZr1kLm0Pq; HSID=AKd8zYq2; APISID=x") == []
    assert _cookie_scan("bssid=Ab3dE5f7G9h1J2k4; wifi_ssid=HomeNet") == []
    # the same names in a query are still Wi-Fi data, when the values look like it
    assert _cookie_scan("", "/loc?ssid=Lab-Wifi-Zhou_5G&bssid=d4:ee:07:5c:a1:38") == [
        ("bssid", "d4:ee:07:5c:a1:38"), ("ssid", "Lab-Wifi-Zhou_5G")]


@pytest.mark.parametrize(("value", "is_ssid"), [
    ("Lab-Wifi-Zhou_5G", True), ("TP-LINK_5G_A1B2", True), ("My Home WiFi", True), ("eduroam", True),
    ("AxW8hQ3bZr1kLm0Pq", False), ("3f2a9c81d04b7e653f2a", False), ("1", False), ("12345", False),
    ("a8a4b395-ea07-4e02-9fe6-fae75c4f9ba0", False), ("dG9rZW4vdmFsdWU=", False),
])
def test_ssid_values_must_look_like_network_names(value: str, is_ssid: bool) -> None:
    got = _cookie_scan("", f"/loc?ssid={value.replace(' ', '%20')}")
    assert (("ssid", value) in got) is is_ssid
