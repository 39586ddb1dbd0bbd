"""The extension points are tables: a data type, a P2P protocol or a capture format is one new entry.

Each test registers a small new entry in the table (monkeypatch removes it afterwards) and sees it
used from a file on disk to the rows the engine hands the store; nothing else is edited.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pcapgen import eth, ip4, pcap, udp, write

from monitor.classify import p2p
from monitor.classify import types as datatypes
from monitor.classify.cs2crypt import KeyState
from monitor.classify.identifiers import Detector
from monitor.classify.p2p_tables import Section
from monitor.engine import EngineContext
from monitor.errors import BadInput, BadSignatures
from monitor.ingest import Rows, capture_events
from monitor.model import Endpoint, Field, FlowStats, Hit, HttpExchange, Message
from monitor.profile import EMPTY_PROFILE
from monitor.records import Finding, MessageRecord
from monitor.rules import bundled_toml
from monitor.rules.load import load_rules
from monitor.sources import FORMATS, CaptureFormat, CaptureSource

# the contract's type ids (spec/CONTRACT.md, "Data types"), in its order
CONTRACT_TYPES = ("imei", "meid", "imsi", "iccid", "serial", "android_id", "gaid", "oaid", "idfa", "idfv", "mac",
                  "bssid", "ssid", "device_uid", "location_precise", "location_coarse", "phone_number", "email",
                  "installed_apps", "credentials")


def _rows(path: Path, ctx: EngineContext) -> tuple[str, list[Finding], list[MessageRecord]]:
    fmt: str = ""
    findings: list[Finding] = []
    messages: list[MessageRecord] = []
    for ev in capture_events(path, ctx):
        if isinstance(ev, Rows):
            findings += ev.batch.findings
            messages += ev.batch.messages
        elif hasattr(ev, "format"):
            fmt = ev.format
    return fmt, findings, messages


# -- data types ------------------------------------------------------------------------------------

def test_the_type_list_is_the_contracts() -> None:
    assert datatypes.type_ids() == CONTRACT_TYPES
    for candidate in (os.environ.get("PRIVMON_CONTRACT", ""), "/work/shared/spec/CONTRACT.md",
                      str(Path(__file__).resolve().parents[2] / "shared" / "spec" / "CONTRACT.md")):
        if candidate and Path(candidate).is_file():
            text = Path(candidate).read_text(encoding="utf-8")
            section = text.split("## Data types (`type` ids)", 1)[1].split("\n## ", 1)[0]
            assert tuple(re.findall(r"`([a-z_]+)`", section)) == datatypes.type_ids()
            break


def test_every_type_has_a_check_or_is_found_otherwise() -> None:
    # email by its own pattern, precise location from coordinates: no keyed-value check (coarse location has one
    # for place names and codes, besides rounded coordinates)
    assert set(datatypes.type_ids()) - set(datatypes.type_checks()) == {"email", "location_precise"}
    assert all(t.description and t.group in ("identifier", "location", "personal") for t in datatypes.TYPES)


def test_rule_files_name_only_registered_types() -> None:
    ids = set(datatypes.type_ids())
    vocab = bundled_toml("policy_vocab.toml")["term"]
    # a clear term states its `expands` types, else its own type (and `iot_type` in a camera policy);
    # a vague term's own type is a broad name ("device_info"), its `covers` are types
    named = {x for t in vocab if not t.get("vague") for x in (t.get("expands") or [t["type"]])}
    named |= {t["iot_type"] for t in vocab if t.get("iot_type")}
    named |= {x for t in vocab if t.get("vague") for x in t.get("covers", ())}
    assert named <= ids, named - ids
    assert set(bundled_toml("labels.toml")["types"]) <= ids
    idents = bundled_toml("identifiers.toml")
    assert set(idents["types"]) - {"location"} <= ids and set(idents["recurring"]["types"]) <= ids


def test_identifier_rules_for_an_unknown_type_are_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "identifiers.toml").write_text('[types.imeii]\nkeys = ["imeii"]\n', encoding="utf-8")
    with pytest.raises(BadSignatures) as err:
        load_rules([tmp_path])
    assert str(tmp_path / "identifiers.toml") in str(err.value) and "types.imeii" in str(err.value)


def _vin(v: str, k: str, ctx: Any, cleartext: bool) -> tuple[str, str] | None:
    return ("pattern", v.upper()) if re.fullmatch(r"[A-HJ-NPR-Z0-9]{17}", v.upper()) else None


def test_a_new_type_is_one_line_in_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datatypes, "TYPES", (*datatypes.TYPES, datatypes.DataType("vin", "identifier", "a car's VIN",
                                                                                 _vin)))
    (tmp_path / "identifiers.toml").write_text('[types.vin]\nkeys = ["vin", "vehicleid"]\n', encoding="utf-8")
    det = Detector(load_rules([tmp_path]).identifiers, EMPTY_PROFILE)
    hits = det.scan([Field("json:$.car.vin", "vin", "1hgcm82633a004352", ()), Field("query:vin", "vin", "nope", ())])
    assert [(h.type, h.value, h.location) for h in hits] == [("vin", "1HGCM82633A004352", "json:$.car.vin")]


# -- P2P decoders ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _EchoTable:
    names: dict[int, str] = field(default_factory=dict)


def _parse_echo(path: object, sec: Any, base: _EchoTable) -> _EchoTable:
    names = dict(base.names)
    for key, val in sec.get("messages", {}).items():
        if not isinstance(val, str):
            raise BadSignatures(str(path), f"entry echo.messages.{key}: field value: must be a name")
        names[int(key, 0)] = val
    return _EchoTable(names)


def _read_echo(payload: bytes, sp: int, cp: int, transport: str, t: _EchoTable,
               keys: KeyState | None) -> p2p.P2PMatch | None:
    """A made-up camera protocol: 0xEE, message type, then the device id in ASCII."""
    if len(payload) < 10 or payload[1] not in t.names:
        return None
    uid = payload[2:].decode("ascii", "replace")
    return p2p.P2PMatch("echo", t.names[payload[1]], "lookup", (Hit("device_uid", uid, "plain", "echo:uid", "pattern",
                                                                     canonical=uid),))


def test_a_new_p2p_protocol_is_one_line_in_decoders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "p2p.toml").write_text('[echo.messages]\n0x07 = "HELLO_DEVICE"\n', encoding="utf-8")
    with pytest.raises(BadSignatures, match="unknown section"):  # not registered: its section is refused
        load_rules([rules_dir])
    section = Section("echo", _EchoTable(), _parse_echo)
    monkeypatch.setattr(p2p, "DECODERS", [*p2p.DECODERS, p2p.Decoder("echo", _read_echo, section, first=b"\xee",
                                                                        transports=("udp",))])
    rules = load_rules([rules_dir])
    assert rules.p2p["echo"].names == {7: "HELLO_DEVICE"} and "pppp" in rules.p2p
    frame = eth(ip4("192.168.1.20", "203.0.113.9", 17, udp(40000, 32199, b"\xee\x07CAMX-123456-ABCDE")))
    cap = write(tmp_path / "echo.pcap", pcap([(1.0, frame)]))
    fmt, findings, messages = _rows(cap, EngineContext(rules))
    assert fmt == "pcap"
    assert [(f.type, f.value, f.protocol, f.location) for f in findings] == [
        ("device_uid", "CAMX-123456-ABCDE", "echo", "echo:uid")]
    assert [(m.protocol, m.p2p_message) for m in messages] == [("echo", "HELLO_DEVICE")]


def test_decoders_are_tried_in_table_order_for_their_first_bytes() -> None:
    rules = load_rules()
    seen: list[str] = []

    def spy(name: str) -> p2p.Decoder:
        return p2p.Decoder(name, lambda *a: seen.append(name), first=b"\x42" if name == "b" else None)  # type: ignore

    r = p2p.Recognizer(rules.p2p, [spy("a"), spy("b"), spy("c")])
    assert r.recognize(b"\x42xyz", 1, 2, "udp") is None and seen == ["a", "b", "c"]
    seen.clear()
    assert r.recognize(b"\x43xyz", 1, 2, "tcp") is None and seen == ["a", "c"]


# -- capture formats -------------------------------------------------------------------------------

class _LineSource:
    """A made-up capture format: "PRIVMON-LINES", then one GET URL per line."""

    format = "lines"

    def __init__(self, path: Path) -> None:
        self.lines = path.read_text(encoding="utf-8").splitlines()[1:]
        self.packets, self.first_ts, self.last_ts, self.warnings = len(self.lines), 1.0, 1.0, []

    def messages(self) -> Iterator[Message | FlowStats]:
        for i, url in enumerate(self.lines, 1):
            host, _, path = url.partition("/")
            yield HttpExchange(1.0, Endpoint("10.0.0.2", 40000), Endpoint("203.0.113.5", 80), "GET", host, "/" + path,
                               evidence=f"line {i + 1}")

    def progress(self) -> int:
        return 0


def _open_lines(path: Path, keylogs: Sequence[str]) -> CaptureSource:
    return _LineSource(path)


def test_a_new_capture_format_is_one_line_in_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cap = tmp_path / "visits.txt"
    cap.write_text("PRIVMON-LINES\napi.example.cn/v1/report?imei=356938035643809\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"not a capture \(expected pcap, pcapng, HAR or mitmproxy flows\)"):
        _rows(cap, EngineContext(load_rules()))
    line = CaptureFormat("lines", "URL lists", lambda head: head.startswith(b"PRIVMON-LINES\n"), _open_lines,
                         exchanges=True)
    monkeypatch.setattr("monitor.sources.FORMATS", [*FORMATS, line])
    fmt, findings, _messages = _rows(cap, EngineContext(load_rules()))
    assert fmt == "lines"
    assert [(f.type, f.value, f.host, f.evidence) for f in findings] == [
        ("imei", "356938035643809", "api.example.cn", "line 2")]
    other = tmp_path / "other.txt"
    other.write_text("hello\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"expected pcap, pcapng, HAR, mitmproxy flows or URL lists"):
        _rows(other, EngineContext(load_rules()))
