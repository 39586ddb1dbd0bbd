"""Device profile TOML: the contract's format, validated with errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import BadProfile
from monitor.profile import load_profile

GOOD = """
[[device]]
name = "lab-phone"
ip = "10.42.0.23"
imei = "356938035643809"
mac = "a4:5e:60:c1:22:9f"
gaid = "38400000-8cf0-11bd-b23e-10b96e40000d"
latitude = 22.5431
longitude = 114.0579
phone_number = "+8613800138000"
email = ["lab@example.org", "second@example.org"]

[[device]]
name = "lab-camera"
ip = ["10.42.0.57"]
device_uid = "ABCD-123456-EFGHJ"

[app]
name = "SecuHome"
first_party = ["secuhome.example", "47.91.0.0/16"]
policy = "policies/secuhome.txt"
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "lab.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_contract_profile_loads(tmp_path: Path) -> None:
    prof = load_profile(_write(tmp_path, GOOD))
    phone, camera = prof.devices
    assert ("imei", "356938035643809") in phone.known
    assert [v for t, v in phone.known if t == "email"] == ["lab@example.org", "second@example.org"]
    assert (phone.latitude, phone.longitude) == (22.5431, 114.0579)
    assert prof.device_for_ip("10.42.0.57") == "lab-camera"
    assert prof.device_for_ip("10.42.0.99") == ""
    assert prof.is_first_party("api.secuhome.example", "8.8.8.8")
    assert prof.is_first_party("", "47.91.3.4")
    assert not prof.is_first_party("secuhome.example.evil.com", "8.8.8.8")
    assert prof.app.policy == "policies/secuhome.txt"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[[device]]\nname = "a"\nimie = "1"\n', "device[0].imie"),
        ('[[device]]\nname = "a"\nip = "10.0.0.300"\n', "device[0].ip"),
        ('[[device]]\nname = "a"\nlatitude = 95.0\nlongitude = 1.0\n', "device[0].latitude"),
        ('[[device]]\nname = "a"\nlatitude = 5.0\n', "latitude and longitude"),
        ('[app]\nfirst_party = "x"\nowner = "me"\n', "app.owner"),
        ('[[device]]\nname = "a"\n[[device]]\nname = "a"\n', "unique"),
        ("[[device]\n", "not valid TOML"),
        ('[devices]\nname = "a"\n', "devices"),
    ],
)
def test_bad_profile_names_the_key(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(BadProfile) as err:
        load_profile(_write(tmp_path, text))
    assert needle in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "lab.toml"))


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(BadProfile, match="cannot read"):
        load_profile(tmp_path / "nope.toml")
