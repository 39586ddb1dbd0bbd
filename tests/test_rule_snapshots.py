"""The parsed snapshots of the bundled rule files (monitor/data/rules/) hold exactly what the TOML holds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from monitor.errors import BadSignatures
from monitor.rules import SNAPSHOT_FILES, SNAPSHOTS, bundled, read_toml


@pytest.mark.parametrize("name", SNAPSHOT_FILES)
def test_each_snapshot_is_the_parsed_rule_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = tomllib.loads((bundled() / name).read_text(encoding="utf-8"))
    calls: list[str] = []
    monkeypatch.setattr(tomllib, "loads", lambda text: calls.append(text) or {})  # type: ignore[func-returns-value]
    got = read_toml(bundled() / name)
    assert not calls, f"{name} changed since its snapshot: run `python -m monitor.rules`"
    assert got == parsed


def test_a_file_other_than_the_snapshot_is_parsed(tmp_path: Path) -> None:
    """A user's sdks.toml (other bytes, same name) is its own TOML; bad TOML is still one clear error."""
    user = tmp_path / "sdks.toml"
    user.write_text('[[sdk]]\nid = "lab"\nname = "Lab SDK"\n', encoding="utf-8")
    assert read_toml(user) == {"sdk": [{"id": "lab", "name": "Lab SDK"}]}
    user.write_text("[[sdk]\n", encoding="utf-8")
    with pytest.raises(BadSignatures, match="not valid TOML"):
        read_toml(user)
    user.write_bytes(b'[[sdk]]\r\nid = "lab"\rname = """Lab\r\nSDK"""\r\n')  # CRLF and CR line ends, read as before
    assert read_toml(user) == {"sdk": [{"id": "lab", "name": "Lab\nSDK"}]}
    same = tmp_path / "p2p.toml"
    same.write_bytes((bundled() / "p2p.toml").read_bytes())  # the same bytes elsewhere: the same document
    assert read_toml(same) == tomllib.loads(same.read_text(encoding="utf-8"))


def test_the_snapshots_are_package_data() -> None:
    assert SNAPSHOTS.parent.name == "data" and SNAPSHOTS.parent.parent.name == "monitor"
    assert sorted(p.name for p in SNAPSHOTS.glob("*.json")) == sorted(n.replace(".toml", ".json") for n in SNAPSHOT_FILES)
