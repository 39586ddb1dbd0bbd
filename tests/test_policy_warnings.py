"""A policy privmon reads nothing from says so, in `privmon policy` and in every report (CONTRACT.md: an input privmon
cannot decode yields a warning, never an empty report that looks clean)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from monitor.policy import parse_policy, reading_warnings
from monitor.report.data import policy_json
from monitor.report.html import render_html
from monitor.report.markdown import render_markdown

_EMPTY = "Welcome to our website. Read our terms. Follow us on social media.\n"
_POLICY = "We collect your email address when you register.\n"


def test_a_policy_that_states_nothing_carries_a_warning_and_one_that_states_something_none() -> None:
    warned = reading_warnings(parse_policy(_EMPTY))
    assert len(warned) == 1 and "no statement about any data type" in warned[0] and "12 words" in warned[0]
    assert reading_warnings(parse_policy(_POLICY)) == []
    assert policy_json(parse_policy(_EMPTY))["warnings"] == warned


def test_the_warning_reaches_the_markdown_and_html_reports() -> None:
    report = {"schema": "privmon.report/1", "generator": {}, "captures": [], "destinations": [], "findings": [],
              "verdicts": [], "policy": policy_json(parse_policy(_EMPTY, "p.html"))}
    md = render_markdown(report)
    assert "**Warning**" in md and "no statement about any data type" in md
    html = render_html(report)
    assert "Warning</b> (policy)" in html and "no statement about any data type" in html


def test_privmon_policy_prints_it(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><p>{_EMPTY}</p></body></html>", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "monitor", "policy", str(page)], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "Warning: no statement about any data type" in " ".join(out.stdout.split())
    js = subprocess.run([sys.executable, "-m", "monitor", "policy", str(page), "--format", "json"],
                        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert json.loads(js.stdout)["warnings"]


_FRENCH = ("Nous collectons votre adresse e-mail et votre numéro de téléphone lorsque vous créez un compte. Nous ne "
           "vendons pas vos données. Les données sont conservées pour la durée nécessaire et vous pouvez exercer vos "
           "droits sur vos données à tout moment en nous écrivant. ") * 8


def test_a_policy_in_a_language_the_reader_has_no_vocabulary_for_says_so() -> None:
    warned = reading_warnings(parse_policy(_FRENCH))
    assert any("appears to be written in French" in w for w in warned)
    english = ("We collect your email address and phone number when you create an account. We do not sell your data. "
               "The data is kept for as long as needed and you can exercise your rights at any time by writing to us. ") * 8
    assert reading_warnings(parse_policy(english)) == []
    chinese = "我们会收集您的手机号码和电子邮箱地址，用于创建账号。我们不会出售您的个人信息。" * 20
    assert not any("appears to be written" in w for w in reading_warnings(parse_policy(chinese)))
    # (a short text is too little to tell)
    assert not any("appears to be written" in w for w in reading_warnings(parse_policy("Nous collectons votre adresse.")))


def test_the_language_warning_reaches_the_json_report() -> None:
    assert any("French" in w for w in policy_json(parse_policy(_FRENCH))["warnings"])


_RUSSIAN = ("Мы собираем ваш адрес электронной почты и номер телефона при регистрации. Мы не продаем ваши данные и не "
            "передаем их третьим лицам, если это не требуется по закону. Вы можете в любое время удалить свои данные, "
            "написав нам. ") * 8


def test_a_russian_policy_is_named_as_such() -> None:
    # session 37: a Russian policy (an online cinema's, from a crawl of Google Play apps' policies) read nothing, and
    # the only warning said no statement was read, not that the reader has no Russian
    assert any("appears to be written in Russian" in w for w in reading_warnings(parse_policy(_RUSSIAN)))
