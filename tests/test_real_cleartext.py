"""Items 3 and 11 on captures recorded by others (kept outside the repo, see the real-capture
manifest: secdev/scapy test/pcaps/ssh_ed25519.pcap @ac38b27, GPL-2.0-only; OISF/suricata-verify
tests/sip-ssdp-pm/ssdp.pcap @10a45e4, MIT). Expectations from tshark: the SSH capture is one
session to 127.0.0.1:22 whose KEXINIT lists algorithm names such as curve25519-sha256@libssh.org
(privmon before this change reported 56 e-mails in it); the SSDP capture is one NOTIFY whose USN
is uuid:04645c3d-e6b4-4eea-bd35-5c320c12969f. Skipped when the files are absent."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from engine_run import run

from monitor.sources.pcap import iter_records

CAPS = Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus")) / "captures"
FILES = {"scapy-ssh.pcap": "df3906a5dc09a70f8d7cddd9367a270f05189299bb017c291ea81188ba7b4b6c",
         "sv-ssdp.pcap": "e5fc212dee52a888306f616abed3c55386c1a2d4ac557a44d7d916b18ce57002"}


def frames(name: str) -> list[bytes]:
    path = CAPS / name
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != FILES[name]:
        pytest.skip(f"{path} is absent or not the recorded file (set PRIVMON_CORPUS)")

    return [rec for _ts, _lt, rec, _n in iter_records(path)]


def test_real_ssh_session_has_no_identifiers() -> None:
    findings, dests = run(frames("scapy-ssh.pcap"))
    assert findings == []
    assert {(d.ip, d.port, d.protocol) for d in dests} == {("127.0.0.1", 22, "ssh")}


def test_real_ssdp_notify_names_the_device() -> None:
    findings, dests = run(frames("sv-ssdp.pcap"))
    assert [(f.type, f.value, f.evidence) for f in findings] == [
        ("device_uid", "04645c3d-e6b4-4eea-bd35-5c320c12969f", "frame 1")]
    assert {(d.ip, d.port, d.protocol) for d in dests} == {("239.255.255.250", 1900, "ssdp")}
