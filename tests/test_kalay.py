"""TUTK Kalay: the scrambling round-trips, connection messages are recognized with their UID, random
UDP is not, a user p2p.toml extends the tables, and a pcap of Kalay traffic ends up in the report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from engine_run import recognize
from hypothesis import given, settings
from hypothesis import strategies as st
from pcapgen import eth, ip4, pcap, udp

from monitor.classify.kalay import descramble, scramble
from monitor.errors import BadSignatures
from monitor.rules.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
UID = "CXBA8H1WKRVN7B4U111A"


def connect(command: bytes, uid: str = UID, size: int = 68, version: int = 0x19) -> bytes:
    """A descrambled IOTC connection message: header, command at 8, UID at 16 (as clients build them)."""
    b = bytearray(size)
    b[0:4] = bytes([0x04, 0x02, version, 0x02])
    b[4:6] = (size - 16).to_bytes(2, "little")
    b[8:11] = command
    b[16:16 + len(uid)] = uid.encode()
    return bytes(b)


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_scramble_round_trips(data: bytes) -> None:
    assert descramble(scramble(data)) == data
    assert scramble(descramble(data)) == data


def test_the_written_out_header_test_is_the_one_descrambling_gives() -> None:
    from monitor.classify import kalay

    assert (kalay.HEAD_MASK, kalay.HEAD_VALUE) == kalay._header_test()


def test_scrambled_bytes_hide_the_header_and_uid() -> None:
    wire = scramble(connect(b"\x01\x06\x21"))
    assert wire[:2] != b"\x04\x02" and UID.encode() not in wire and len(wire) == 68


@pytest.mark.parametrize(("command", "port", "name", "role"), [
    (b"\x01\x06\x21", 32761, "LAN_CONNECT_REQ", "peer"),
    (b"\x03\x02\x34", 10001, "DEVICE_ADDR_REQ", "lookup"),
    (b"\x04\x04\x33", 40123, "REMOTE_CONNECT_OK", "peer"),
])
def test_connection_messages_give_the_uid(command: bytes, port: int, name: str, role: str) -> None:
    m = recognize(scramble(connect(command, size=112 if command == b"\x03\x02\x34" else 68)), port, 50000, "udp")
    assert m is not None and (m.protocol, m.message, m.role) == ("kalay", name, role)
    assert [(h.type, h.value, h.location) for h in m.hits] == [("device_uid", UID, f"kalay:{name}")]


def test_lowercase_uid_is_read_upper_and_pings_carry_none() -> None:
    m = recognize(scramble(connect(b"\x01\x06\x21", uid=UID.lower())), 32761, 50000, "udp")
    assert m is not None and m.hits[0].value == UID
    ping = connect(b"\x28\x04\x12", uid="", size=24)
    m = recognize(scramble(ping), 32761, 50000, "udp")
    assert m is not None and m.message == "PING" and m.hits == ()


def test_a_wrong_length_or_no_magic_is_not_kalay() -> None:
    msg = bytearray(connect(b"\x01\x06\x21"))
    msg[4] += 1
    assert recognize(scramble(bytes(msg)), 32761, 50000, "udp") is None
    assert recognize(connect(b"\x01\x06\x21"), 32761, 50000, "udp") is None  # unscrambled bytes are not on the wire


@given(st.binary(min_size=16, max_size=600))
@settings(max_examples=2000, deadline=None)
def test_random_udp_is_not_kalay(data: bytes) -> None:
    m = recognize(data, 32761, 50000, "udp")
    assert m is None or m.protocol != "kalay"


def test_user_p2p_toml_adds_a_command_and_bad_entries_are_named(tmp_path: Path) -> None:
    extra = tmp_path / "p2p.toml"
    extra.write_text('[kalay.commands]\n"0a0b0c" = ["VENDOR_HELLO", "lookup", true]\n', encoding="utf-8")
    tables = load_rules([tmp_path]).p2p
    m = recognize(scramble(connect(b"\x0a\x0b\x0c")), 4000, 50000, "udp", tables)
    assert m is not None and m.message == "VENDOR_HELLO" and m.hits[0].value == UID
    assert tables["kalay"].kalay_commands[b"\x01\x06\x21"][0] == "LAN_CONNECT_REQ"  # the bundled ones stay
    extra.write_text('[pppp.messages]\n0x10 = ["DEV_LGN", "elsewhere", 0]\n', encoding="utf-8")
    with pytest.raises(BadSignatures) as err:
        load_rules([tmp_path])
    assert "pppp.messages.0x10" in str(err.value) and "value" in str(err.value)


def test_kalay_capture_end_to_end(tmp_path: Path) -> None:
    cam, app, master = "192.168.1.31", "192.168.1.20", "50.19.254.134"
    frames = [
        (1_767_225_600.0, eth(ip4(app, master, 17, udp(50001, 10001, scramble(connect(b"\x03\x02\x34", size=112)))))),
        (1_767_225_600.1, eth(ip4(app, cam, 17, udp(50002, 32761, scramble(connect(b"\x01\x06\x21")))))),
        (1_767_225_600.2, eth(ip4(cam, app, 17, udp(32761, 50002, scramble(connect(b"\x02\x06\x12", size=200)))))),
    ]
    cap = tmp_path / "kalay.pcap"
    cap.write_bytes(pcap(frames))
    db = tmp_path / "k.db"
    run = [sys.executable, "-m", "monitor"]
    assert subprocess.run([*run, "analyze", str(cap), "--db", str(db), "-q"], cwd=ROOT).returncode == 0
    report = json.loads(subprocess.run([*run, "report", "--db", str(db), "--format", "json"], cwd=ROOT,
                                       capture_output=True, text=True, check=True).stdout)
    protos = {(d["ip"], d["port"]): (d["protocol"], d["role"]) for d in report["destinations"]}
    assert protos[(master, 10001)] == ("kalay", "lookup") and protos[(cam, 32761)] == ("kalay", "peer")
    found = {(f["type"], f["value"], f["location"]) for f in report["findings"]}
    assert ("device_uid", UID, "kalay:DEVICE_ADDR_REQ") in found and ("device_uid", UID, "kalay:LAN_CONNECT_REQ") in found
