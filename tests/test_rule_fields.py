"""Rule dataclasses are built from their TOML tables field by field (monitor/rules/fields.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from monitor.policy.clause import Rules
from monitor.rules import bundled_toml
from monitor.rules.fields import build, named, rule, words


@dataclass(frozen=True, slots=True)
class Sample:
    verb: re.Pattern[str] = rule("a.verb")
    heading: re.Pattern[str] = rule("a.heading", flags=re.ASCII)
    names: tuple[tuple[str, re.Pattern[str]], ...] = rule("b", named)
    stop: frozenset[str] = rule("a.stop", words)


TABLE = {"a": {"verb": r"collect\w*", "heading": r"^[A-Z ]+$", "stop": ["the", "a"]}, "b": {"x": "ex", "y": "why"}}


def test_each_field_is_read_from_its_path_with_its_flags() -> None:
    r = build(Sample, TABLE, re.IGNORECASE)
    assert r.verb.search("We COLLECTED it") and r.verb.flags & re.IGNORECASE
    assert not r.heading.search("Not A Heading") and not r.heading.flags & re.IGNORECASE  # its own flags
    assert [k for k, _ in r.names] == ["x", "y"] and r.names[1][1].fullmatch("WHY")
    assert r.stop == frozenset({"the", "a"})


def test_a_missing_rule_names_its_path_and_field() -> None:
    broken = {"a": {"verb": "x", "stop": []}, "b": {}}
    with pytest.raises(KeyError, match=r"rule a\.heading \(for Sample\.heading\)"):
        build(Sample, broken, 0)
    with pytest.raises(KeyError, match=r"rule negation \(for Rules\.pre\)"):
        build(Rules, {k: v for k, v in bundled_toml("policy_rules.toml").items() if k != "negation"}, 0)
