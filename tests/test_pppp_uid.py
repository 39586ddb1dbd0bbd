"""The CS2/PPPP device id in binary in every message that carries it (hello variants, logins, LAN
notify/search replies, punch, relay, management), with and without a profile; the evidence is the
first frame that carried it, with a count of frames; random bytes on PPPP's ports give no id
(issue 17, item 2)."""

from __future__ import annotations

import random

import pytest
from engine_run import recognize, run
from pcapgen import eth, ip4, tcp, udp

UID_TEXT = "VSTC-123456-ABCDE"
UID = b"VSTC\0\0\0\0" + (123456).to_bytes(4, "big") + b"ABCDE\0\0\0"
SOCK = b"\x00\x02" + (32108).to_bytes(2, "little") + bytes([64, 1, 168, 192]) + bytes(8)
CAM, PHONE, SERVER = "192.168.1.64", "192.168.1.20", "203.0.113.40"


def pppp(mtype: int, body: bytes) -> bytes:
    return bytes([0xF1, mtype]) + len(body).to_bytes(2, "big") + body


@pytest.mark.parametrize(("mtype", "body", "name"), [
    (0x31, UID, "LAN_NOTIFY"),  # the camera's LAN broadcast to 32108
    (0x32, UID, "LAN_NOTIFY_ACK"),
    (0x14, UID + b"\x02\x00\x04\x01" + SOCK + b"n" * 32 + b"s" * 32, "DEV_LGN_KEY"),
    (0x41, UID + b"\x00\x04\x01\x00", "PUNCH_PKT"),  # the _EX form with an API version
    (0x74, UID + b"n" * 32 + b"s" * 32, "RLY_PORT_KEY"),
    (0x80, UID + SOCK + b"\x12\x34\x56\x78", "RLY_REQ"),
    (0x85, b"\x12\x34\x56\x78" + UID + b"\x01\x00\x00\x00", "RLY_TO_ACK"),
    (0x87, UID, "RLY_SERVER_REQ"),
    (0xF6, UID, "MGM_DUMP_LOGIN_DID_1"),
    (0x00, UID, "HELLO"),  # a hello variant that names its device: found by the layout, wherever it is
    (0x7E, b"\x00\x00\x00\x01" + UID, "MSG_7E"),  # a type outside the table, on PPPP's port
])
def test_binary_device_id_in_every_message_that_carries_it(mtype: int, body: bytes, name: str) -> None:
    m = recognize(pppp(mtype, body), 32108, 32108, "udp")
    assert m is not None and m.protocol == "pppp" and m.message == name
    assert [(h.type, h.value) for h in m.hits] == [("device_uid", UID_TEXT)]


@pytest.mark.parametrize(("mtype", "name"), [(0x09, "QUERY_DID_ACK"), (0xA0, "CONNECT_REPORT"), (0xA2, "REPORT")])
def test_device_id_as_text_in_reports(mtype: int, name: str) -> None:
    for text in (b"VSTC-123456-ABCDE", b"VSTC123456ABCDE"):
        m = recognize(pppp(mtype, text.ljust(64, b"\0")), 32100, 40000, "udp")
        assert m is not None and m.message == name and [h.value for h in m.hits] == [UID_TEXT]


def test_no_device_id_from_messages_without_one_or_from_noise() -> None:
    for body in (SOCK, b"\x00" * 20, b"ABCD" + bytes(16), b"vstc\0\0\0\0" + bytes(12), b"VSTC\0\0\0\0\xff" + bytes(11)):
        m = recognize(pppp(0x01, body), 32100, 40000, "udp")
        assert m is not None and m.hits == (), body
    rng = random.Random(17)
    for _ in range(1000):
        data = bytes(rng.randrange(256) for _ in range(rng.choice((4, 20, 24, 44, 120, 600))))
        for port in (32100, 32108):
            m = recognize(data, port, 40000, "udp")
            assert m is None or not m.hits, data.hex()


def frames() -> list[bytes]:
    return [
        eth(ip4(CAM, "255.255.255.255", 17, udp(32108, 32108, pppp(0x31, UID)))),  # 1: LAN broadcast
        eth(ip4(PHONE, "255.255.255.255", 17, udp(40000, 32108, pppp(0x30, b"")))),  # 2: LAN search
        eth(ip4(CAM, PHONE, 17, udp(32108, 40000, pppp(0x41, UID)))),  # 3: reply, punch
        eth(ip4(PHONE, CAM, 17, udp(40000, 32108, pppp(0x41, UID)))),  # 4
        eth(ip4(CAM, PHONE, 17, udp(32108, 40000, pppp(0x42, UID)))),  # 5: ready
        eth(ip4(CAM, "255.255.255.255", 17, udp(32108, 32108, pppp(0x31, UID)))),  # 6: LAN broadcast again
        eth(ip4(CAM, SERVER, 17, udp(32100, 32100, pppp(0x10, UID + b"\x02\x00\x04\x01" + SOCK)))),  # 7: login
    ]


@pytest.mark.parametrize("profile", [None, {"device": [{"name": "cam", "device_uid": UID_TEXT}]}])
def test_first_frame_is_the_evidence_and_frames_are_counted(profile: dict[str, object] | None) -> None:
    findings, _ = run(frames(), profile)
    uid = [f for f in findings if f.type == "device_uid"]
    assert uid and all(f.canonical == UID_TEXT or f.value == UID_TEXT for f in uid)
    assert min(int(str(f.evidence).split()[-1]) for f in uid) == 1  # the broadcast, not a later message
    assert len(uid) == 6  # one per frame that carried it (the store sums them per location)
    if profile:
        assert {f.confidence for f in uid} == {"known"} and {f.owner for f in uid} == {"cam"}


def test_binary_device_id_with_a_profile_outside_pppp() -> None:
    # an app protocol on TCP that sends the 20-byte id: found only through the profile's known value
    payload = b"\x11\x0a\x00\x30" + UID + bytes(24)
    findings, _ = run([eth(ip4(PHONE, SERVER, 6, tcp(41000, 8800, 1, data=payload)))],
                      {"device": [{"name": "cam", "device_uid": UID_TEXT}]})
    assert [(f.type, f.canonical, f.confidence) for f in findings] == [("device_uid", UID_TEXT, "known")]


def test_one_pass_over_a_message_finds_what_a_pass_per_field_finds() -> None:
    """The detector matches a profile's values once over all fields of a message; that must give exactly the
    hits of a search field by field (text variants, hashes, and camera ids in a payload's hex view)."""
    import hashlib

    from monitor import decode
    from monitor.classify.identifiers import Detector
    from monitor.profile import profile_from_dict
    from monitor.rules.load import load_rules

    imei, mac = "356938035643809", "a4:5e:60:c1:22:9f"
    det = Detector(load_rules().identifiers, profile_from_dict(
        {"device": [{"name": "phone", "imei": imei, "mac": mac}, {"name": "cam", "device_uid": UID_TEXT}]}))
    rng = random.Random(7)
    pieces = [f"imei={imei}".encode(), hashlib.md5(imei.encode()).hexdigest().encode(), mac.upper().encode(),
              UID, b"\x00\x01noise", f"ünïcode-{imei}".encode(), b"vstc-123456-abcde", bytes(30)]
    for _ in range(200):
        payload = b" ".join(rng.sample(pieces, rng.randint(1, len(pieces))))
        fields = list(decode.fields_of_payload(payload, "tcp"))
        assert det._known_all(fields) == [h for f in fields for h in det._known(f)]
