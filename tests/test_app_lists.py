"""Item 8 of issue 14: an app list in traffic is `installed_apps` whatever its key.

An array of three or more strings that are mostly reverse-DNS package names (or of objects whose values
are) is an installed-app list even under a key privmon has never seen; a key saying "install" accepts a
list of one or two. Lists of host names, of words, or of two packages under a neutral key are not.
"""

from __future__ import annotations

import json

import pytest

from monitor import decode
from monitor.classify.identifiers import Detector
from monitor.profile import EMPTY_PROFILE
from monitor.rules.load import load_rules

DETECTOR = Detector(load_rules().identifiers, EMPTY_PROFILE)
PKGS = ["com.tencent.mm", "com.eg.android.AlipayGphone", "org.telegram.messenger", "cn.wps.moffice_eng"]


def types(body: object) -> set[str]:
    return {h.type for h in DETECTOR.scan(decode.fields_of_payload(json.dumps(body).encode(), "tcp"))}


@pytest.mark.parametrize("body", [
    {"xq": PKGS},  # an unknown key
    {"data": {"k7": PKGS[:3] + ["Settings"]}},  # mostly packages (3 of 4)... below 0.8 share: see the next test
    {"d": [{"p": p, "v": "1.0"} for p in PKGS]},  # objects whose values are package names
    {"installed": ["com.tencent.mm"]},  # a key saying installed: one item is enough
], ids=["unknown-key", "mixed", "objects", "installed-key"])
def test_app_lists_whatever_the_key(body: dict[str, object]) -> None:
    got = types(body)
    if body.get("data"):  # 3 of 4 = 0.75 is not "mostly" at the 0.8 share in identifiers.toml
        assert "installed_apps" not in got
    else:
        assert "installed_apps" in got


@pytest.mark.parametrize("body", [
    {"hosts": ["www.example.com", "api.example.org", "cdn.example.net"]},  # host names are not reverse DNS
    {"tags": ["alpha", "beta", "gamma", "delta"]},
    {"recent": ["com.tencent.mm", "org.telegram.messenger"]},  # two packages under a neutral key
], ids=["hosts", "words", "two-neutral"])
def test_lists_that_are_not_app_lists(body: dict[str, object]) -> None:
    assert "installed_apps" not in types(body)
