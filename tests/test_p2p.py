"""Camera and IoT protocols from payload bytes: PPPP, MQTT, XMEye DVRIP, Tuya LAN; random bytes stay unknown."""

from __future__ import annotations

import hashlib
import json
import struct

from engine_run import recognize
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.classify.p2p import pppp_uid


def pppp(mtype: int, body: bytes) -> bytes:
    return bytes([0xF1, mtype]) + len(body).to_bytes(2, "big") + body


UID = b"ABCD\0\0\0\0" + (123456).to_bytes(4, "big") + b"EFGHJ\0\0\0"


def test_pppp_messages_and_device_id() -> None:
    m = recognize(pppp(0x10, UID + b"\0" * 20), 32100, 40000, "udp")
    assert m and (m.protocol, m.message, m.role) == ("pppp", "DEV_LGN", "lookup")
    assert [(h.type, h.value, h.location) for h in m.hits] == [("device_uid", "ABCD-123456-EFGHJ", "pppp:DEV_LGN")]
    relay = recognize(pppp(0x83, b"\x00\x01\x02\x03" + UID), 32100, 40000, "udp")
    assert relay and relay.role == "relay" and relay.hits[0].value == "ABCD-123456-EFGHJ"
    assert recognize(pppp(0x00, b""), 32100, 40000, "udp").message == "HELLO"  # type: ignore[union-attr]
    bad_length = b"\xf1\x10\x00\x99" + UID
    assert recognize(bad_length, 5000, 40000, "udp") is None
    # on PPPP's port it could be encrypted, but no key makes a PPPP header of it: not PPPP either
    assert recognize(bad_length, 32100, 40000, "udp") is None
    assert pppp_uid(b"abcd" + b"\0" * 16) is None


def test_mqtt_connect_client_id_and_user() -> None:
    def s(x: bytes) -> bytes:
        return len(x).to_bytes(2, "big") + x

    vh = s(b"MQTT") + bytes([4, 0x82]) + (60).to_bytes(2, "big")
    pl = s(b"XMC5A2B7E91F0D34") + s(b"dev123456&a1prodkey")
    m = recognize(bytes([0x10, len(vh) + len(pl)]) + vh + pl, 1883, 40000, "tcp")
    assert m and m.protocol == "mqtt"
    assert [(h.value, h.location) for h in m.hits] == [("XMC5A2B7E91F0D34", "mqtt:client_id"),
                                                      ("dev123456", "mqtt:username")]


def test_xmeye_dvrip_login_serial() -> None:
    body = json.dumps({"EncryptType": "MD5", "LoginType": "DVRIP-Web", "SerialNumber": "5a1b2c3d4e5f6a7b"}).encode()
    hdr = bytes([0xFF, 0x01, 0, 0]) + struct.pack("<IIHHI", 0, 0, 0, 1000, len(body))
    m = recognize(hdr + body, 34567, 40000, "tcp")
    assert m and (m.protocol, m.message) == ("xmeye", "LOGIN_REQ")
    assert m.hits[0].value == "5a1b2c3d4e5f6a7b" and m.hits[0].location == "xmeye:SerialNumber"
    # the LAN discovery reply (UDP 34569) spells the key "SN"
    reply = json.dumps({"NetWork.NetCommon": {"HostIP": "0x0A01A8C0", "SN": "b1a2c3d4e5f60718"}, "Ret": 100}).encode()
    d = recognize(bytes([0xFF, 0x01, 0, 0]) + struct.pack("<IIHHI", 0, 0, 0, 1530, len(reply)) + reply,
                  34569, 40000, "udp")
    assert d and [(h.value, h.location) for h in d.hits] == [("b1a2c3d4e5f60718", "xmeye:SN")]


def test_tuya_discovery_clear_and_encrypted() -> None:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    doc = json.dumps({"ip": "10.42.0.88", "gwId": "bf1234567890abcdefgh", "version": "3.3"}).encode()

    def frame(body: bytes) -> bytes:
        inner = body + b"\0\0\0\0" + b"\x00\x00\xaa\x55"
        return b"\x00\x00\x55\xaa" + struct.pack(">III", 0, 0x13, len(inner)) + inner

    m = recognize(frame(doc), 6666, 6666, "udp")
    assert m and m.protocol == "tuya" and m.hits[0].value == "bf1234567890abcdefgh"
    pad = 16 - len(doc) % 16
    enc = Cipher(algorithms.AES(hashlib.md5(b"yGAdlopoPVldABfn").digest()), modes.ECB()).encryptor()
    sealed = enc.update(doc + bytes([pad]) * pad) + enc.finalize()
    m2 = recognize(frame(sealed), 6667, 6667, "udp")
    assert m2 and m2.hits[0].value == "bf1234567890abcdefgh" and m2.hits[0].transform == "aes"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=1500), st.sampled_from([(32100, "udp"), (1883, "tcp"), (34567, "tcp"), (6667, "udp")]))
def test_random_bytes_are_rarely_a_protocol_and_never_yield_ids(data: bytes, where: tuple[int, str]) -> None:
    m = recognize(data, where[0], 40000, where[1])
    assert m is None or not m.hits, m  # a device id from random bytes would be a false finding


def test_rtp_and_dns_payloads_are_not_p2p() -> None:
    assert recognize(b"\x80\x60" + bytes(1314), 50002, 50000, "udp") is None
    assert recognize(b"\x12\x34\x01\x00\x00\x01" + bytes(30), 53, 40000, "udp") is None


def test_obfuscated_pppp_on_its_port_is_still_pppp() -> None:
    from monitor.classify.cs2crypt import derive_key, encrypt

    sealed = encrypt(pppp(0xD0, b"\xd1\x00\x00\x01" + bytes(range(40))), derive_key("a key privmon never saw"))
    m = recognize(sealed, 32100, 40000, "udp")
    assert m and m.protocol == "pppp" and m.message == "OBFUSCATED" and not m.hits
    assert recognize(sealed, 32200, 40000, "udp") is None


def test_ilnk_heartbeat_with_a_device_id() -> None:
    uid = b"SSAH\0\0\0\0" + (4321).to_bytes(4, "big") + b"FXBCD\0\0\0"
    m = recognize(bytes([0xA1, 0x02, 0x00, 0x14]) + uid, 32100, 40000, "udp")
    assert m is not None and (m.protocol, m.message) == ("pppp", "ILNK_A102")
    assert [(h.value, h.location) for h in m.hits] == [("SSAH-004321-FXBCD", "pppp:ILNK_A102")]
    assert recognize(bytes([0xA1, 0x02, 0x00, 0x15]) + uid, 40001, 40000, "udp") is None  # length disagrees
    assert recognize(bytes([0xA1, 0x02, 0x00, 0x14]) + bytes(20), 40001, 40000, "udp") is None  # no device id


def test_pppp_types_outside_the_table_are_still_pppp_on_its_port() -> None:
    dsk = recognize(pppp(0x16, UID + b"\0" * 24), 32100, 40000, "udp")
    assert dsk and dsk.message == "DEV_LGN_DSK" and [h.value for h in dsk.hits] == ["ABCD-123456-EFGHJ"]
    odd = recognize(pppp(0x7F, b"\x01\x02\x03\x04"), 32100, 40000, "udp")
    assert odd and (odd.protocol, odd.message, odd.hits) == ("pppp", "MSG_7F", ())
    assert recognize(pppp(0x7F, b"\x01\x02\x03\x04"), 5000, 40000, "udp") is None  # off the port: not claimed


def test_reolink_baichuan_and_dahua_p2p_headers() -> None:
    login = b"\xf0\xde\xbc\x0a" + (1).to_bytes(4, "little") + (1836).to_bytes(4, "little") + bytes(8) + bytes(64)
    m = recognize(login, 9000, 51000, "tcp")
    assert m and (m.protocol, m.message, m.hits) == ("baichuan", "LOGIN", ())
    assert recognize(b"\xf0\xde\xbc\x0b" + login[4:], 9000, 51000, "tcp") is None  # magic must match exactly
    dahua = b"\xff\xfe\xff\xe7" + bytes(range(40))
    d = recognize(dahua, 8888, 51000, "udp")
    assert d and (d.protocol, d.message) == ("dahua_p2p", "P2P_UDP")
    assert recognize(dahua + b"\x00", 8888, 51000, "udp") is None  # the fingerprint is 44 bytes exactly


def test_dahua_p2p_fingerprint_attributes_to_dahua() -> None:
    from monitor.classify.destinations import Attributor
    from monitor.profile import EMPTY_PROFILE
    from monitor.rules.load import load_rules

    a = Attributor(load_rules(), EMPTY_PROFILE).attribute("", "203.0.113.88", 8888, "udp", 0.0, protocol="dahua_p2p")
    assert (a.sdk, a.category, a.reason) == ("imou", "p2p", "dahua_p2p fingerprint")
    r = Attributor(load_rules(), EMPTY_PROFILE).attribute("", "203.0.113.89", 9000, "tcp", 0.0, protocol="baichuan")
    assert (r.sdk, r.reason) == ("reolink", "baichuan fingerprint")


def test_tuya_35_frames_are_recognized_without_their_key() -> None:
    sealed = bytes(range(12)) + b"\x5a" * 40 + bytes(range(16))  # IV, AES-GCM payload, tag
    frame = b"\x00\x00\x66\x99\x00\x00" + struct.pack(">III", 7, 0x13, len(sealed) + 4) + sealed + b"\x00\x00\x99\x66"
    m = recognize(frame, 6667, 40000, "udp")
    assert m and (m.protocol, m.message, m.hits) == ("tuya", "DISCOVERY", ())
    assert recognize(frame[:-6] + b"\x00\x00\x99\x66", 6667, 40000, "udp") is None  # length disagrees


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([0x00, 0x10, 0x11, 0x12, 0x13, 0x30, 0x31, 0x40, 0x41, 0x42, 0x60, 0x61, 0xD0, 0xE0]),
       st.binary(min_size=0, max_size=200), st.sampled_from([32100, 32108, 10240]))
def test_pppp_headers_over_random_bodies_never_yield_ids(mtype: int, body: bytes, port: int) -> None:
    """Noise behind a well-formed PPPP header: the decoders may name the message, never invent a device id."""
    m = recognize(pppp(mtype, body), port, 40000, "udp")
    assert m is None or not m.hits, m


def test_pppp_reads_every_table_type_as_before_the_nineteenth_pass() -> None:
    """_pppp reads the length in place and gives a DRW / PSR without an id position no _pppp_ids call (it would
    look nowhere): the same match as the earlier code (the reference below) for every type of the table, with and
    without a device id (binary, text, anywhere in the body), with lengths that agree or not, and random bodies."""
    import random

    from monitor.classify import p2p
    from monitor.rules.load import load_rules

    table = load_rules().p2p[p2p.PPPP.name]

    def reference(payload: bytes) -> object:
        if len(payload) < 4 or payload[0] != 0xF1:
            return None
        known = table.pppp_messages.get(payload[1])
        if known is None or int.from_bytes(payload[2:4], "big") != len(payload) - 4:
            return None
        name, role, uid_at = known
        hits = p2p._pppp_ids(payload, name, uid_at, payload[1] in table.pppp_text)
        return p2p.P2PMatch("pppp", name, role, hits)

    rnd = random.Random(19)
    text_uid = b"ABCD-123456-EFGHJ".ljust(64, b"\0")
    for mtype in [*table.pppp_messages, *rnd.sample(range(256), 40)]:
        for body in (b"", UID, text_uid, b"\0\1\2\3" + UID, rnd.randbytes(40) + UID, rnd.randbytes(rnd.randrange(90)),
                     b"\0" * 24, UID[:12]):
            wrong = bytes([0xF1, mtype]) + (len(body) + 256).to_bytes(2, "big") + body  # off by 256
            for payload in (pppp(mtype, body), pppp(mtype, body)[:-1], pppp(mtype, body) + b"\0", wrong):
                assert p2p._pppp(payload, table) == reference(payload), payload.hex()
