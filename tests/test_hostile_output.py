"""What privmon shows and writes when captured values are hostile (issue 15, items 11-14):
terminal escapes never reach the terminal, Markdown/HTML never render captured markup, --redact
holds in every output, and files holding captured data are owner-only."""

from __future__ import annotations

import asyncio
import base64
import json
import stat
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from textual.app import App
from textual.widgets import Static

from monitor.cli import cli
from monitor.report.labels_view import html_matrix, markdown_lines
from monitor.store import Store
from monitor.tui.app import FindingScreen
from monitor.tui.data import load_message, load_redactor

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "monitor" / "demo" / "demo-policy.txt"
OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J\x1b[31m"
MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>![t](http://evil.example/t.png)[l](http://evil.example)"
IDS = {"imei": "356938035643809", "mac": "a4:5e:60:c2:11:07", "email": "lab@example.org",
       "android_id": "3f2a9c81d4b7e605"}


def _entry(url: str, body: dict[str, str], headers: list[dict[str, str]]) -> dict[str, object]:
    return {"startedDateTime": "2026-01-01T00:00:01Z",
            "request": {"method": "POST", "url": url, "httpVersion": "HTTP/1.1",
                        "headers": [{"name": "Content-Type", "value": "application/json"}, *headers],
                        "postData": {"mimeType": "application/json", "text": json.dumps(body)}},
            "response": {"status": 200, "headers": [], "content": {"size": 0, "text": ""}}}


def hostile_har(path: Path) -> Path:
    """Requests whose host, JSON keys and headers carry terminal escapes, HTML and Markdown, and
    whose URLs carry every identifier (so each finding's URL holds the others)."""
    q = f"imei={IDS['imei']}&mac={quote(IDS['mac'])}&email={quote(IDS['email'])}&androidid={IDS['android_id']}"
    entries = [
        # a host cannot hold "[" or "]" (urlsplit refuses it): ESC, 8-bit CSI and BEL there
        _entry(f"http://api\x1bc\x9b2J\x07.tracker.example/v1/{OSC}{CSI}/up?{q}", {f"{MARKUP}{OSC}": IDS["imei"]},
               [{"name": "X-Note", "value": f"{OSC}{MARKUP}"}]),
        _entry(f"http://cdn.example.net/c?{q}", {"device": {"mac": IDS["mac"], "mail": IDS["email"]}}, []),
    ]
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    tmp = tmp_path_factory.mktemp("hostile-out")
    har = hostile_har(tmp / f"cap{OSC}.har")
    db = tmp / "lab.db"
    res = CliRunner().invoke(cli, ["analyze", str(har), "--db", str(db), "--policy", str(POLICY)])
    assert res.exit_code == 0, res.output
    return har, db, res.output


def _secrets(db: Path) -> set[str]:
    with Store.open(db, readonly=True) as store:
        rows = store.rows("SELECT DISTINCT value, canonical FROM findings")
    out = {r["value"] for r in rows} | {r["canonical"] for r in rows if r["canonical"]}
    assert set(IDS.values()) <= {s.lower() for s in out}, out  # the fixture finds every identifier
    return {s for s in out if len(s) >= 4}


def _leaks(text: str, secrets: set[str]) -> list[str]:
    low = text.lower()
    return [s for s in secrets for form in {s, quote(s, safe="")} if form.lower() in low]


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code in (0, 1), res.output
    return res.output


# -- 11: no terminal escapes in any text output

def test_no_control_characters_reach_the_terminal(lab: tuple[Path, Path, str], tmp_path: Path) -> None:
    har, db, analyze_out = lab
    outputs = {"analyze": analyze_out}
    for fmt in ("json", "md", "html"):
        outputs[f"report {fmt}"] = _run("report", "--db", str(db), "--format", fmt, "--policy", str(POLICY))
    outputs["check"] = _run("check", str(har), "--policy", str(POLICY), "--junit", str(tmp_path / "j.xml"))
    outputs["junit"] = (tmp_path / "j.xml").read_text(encoding="utf-8")
    pol = tmp_path / "policy.txt"
    pol.write_text(POLICY.read_text(encoding="utf-8") + f"\nWe collect the IMEI{OSC}{CSI}.\n", encoding="utf-8")
    outputs["policy"] = _run("policy", str(pol))
    outputs["policy json"] = _run("policy", str(pol), "--format", "json")
    _run("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "csv"))
    for f in (tmp_path / "csv").iterdir():
        outputs[f.name] = f.read_text(encoding="utf-8")
    for name, text in outputs.items():
        bad = sorted({hex(ord(c)) for c in text if ord(c) < 32 and c not in "\n\t\r" or 0x7f <= ord(c) <= 0x9f})
        assert not bad, (name, bad)
    assert "\\x1b]0;pwned" in outputs["report md"]  # shown, as visible text


# -- 12: Markdown never renders captured HTML, images or links

def test_markdown_report_renders_no_captured_html_links_or_images(lab: tuple[Path, Path, str]) -> None:
    md = _run("report", "--db", str(lab[1]), "--format", "md", "--policy", str(POLICY))
    assert "onerror" in md  # the hostile text is there, as text
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<table>" in rendered
    for tag in ("<script", "<img", "<a ", "<svg"):
        assert tag not in rendered, tag
    # (raw `<script>` may stand inside a code span: shown literally, which the rendering above checks)
    html = _run("report", "--db", str(lab[1]), "--format", "html", "--policy", str(POLICY))
    assert "<script" not in html and "<img" not in html


# -- 13: --redact holds in every output

def test_redact_holds_in_every_output(lab: tuple[Path, Path, str], tmp_path: Path) -> None:
    har, db, _ = lab
    secrets = _secrets(db)
    outputs: dict[str, str] = {}
    for fmt in ("json", "md", "html"):
        outputs[f"report {fmt}"] = _run("report", "--db", str(db), "--format", fmt, "--policy", str(POLICY),
                                        "--redact")
        assert _leaks(_run("report", "--db", str(db), "--format", fmt), secrets)  # the test can fail
    _run("check", str(har), "--policy", str(POLICY), "--redact", "--junit", str(tmp_path / "j.xml"),
         "-o", str(tmp_path / "r.json"))
    outputs["junit"] = (tmp_path / "j.xml").read_text(encoding="utf-8")
    outputs["check json"] = (tmp_path / "r.json").read_text(encoding="utf-8")
    _run("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "csv"), "--redact")
    for f in (tmp_path / "csv").iterdir():
        outputs[f.name] = f.read_text(encoding="utf-8")
    pq = pytest.importorskip("pyarrow.parquet")
    _run("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "pq"), "--redact")
    for f in (tmp_path / "pq").iterdir():
        outputs[f.name] = json.dumps(pq.read_table(f).to_pylist(), default=str)
    for name, text in outputs.items():
        assert not _leaks(text, secrets), (name, _leaks(text, secrets))
    report = json.loads(outputs["report json"])
    assert len(report["findings"]) >= 4 and all("…" in f["value"] for f in report["findings"])


def test_tui_hidden_mode_shows_no_identifier_in_clear(lab: tuple[Path, Path, str]) -> None:
    db = lab[1]
    secrets = _secrets(db)
    with Store.open(db, readonly=True) as store:
        findings = store.findings()
    shown: list[str] = []

    async def run() -> None:
        for f in findings:
            screen = FindingScreen(f, load_message(str(db), f.message_id), False, load_redactor(str(db)))
            async with App().run_test() as pilot:
                await pilot.app.push_screen(screen)
                await pilot.pause(0.05)
                shown.append("\n".join(str(w.render()) for w in screen.query(Static)))

    asyncio.run(run())
    assert len(shown) >= 4 and any("POST http" in s for s in shown)
    for text in shown:
        assert not _leaks(text, secrets), _leaks(text, secrets)


# -- 14: exports are owner-only

def test_exports_are_written_0600(lab: tuple[Path, Path, str], tmp_path: Path) -> None:
    db = lab[1]
    for fmt in ("csv", "parquet"):
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        out = tmp_path / fmt
        out.mkdir()
        (out / f"findings.{fmt}").write_text("old", encoding="utf-8")
        (out / f"findings.{fmt}").chmod(0o644)  # an earlier export with wider rights
        _run("export", "--db", str(db), "--format", fmt, "-o", str(out))
        files = list(out.iterdir())
        assert len(files) == 5
        for f in files:
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, (f, oct(f.stat().st_mode))


def test_label_views_escape_what_came_from_outside() -> None:
    """Hosts in tracking-domain verdicts and label file lines are text from outside: escaped in both views."""
    evil = "<script>alert(1)</script>\x1b]0;pwned\x07"
    v = {"source": "privacy_manifest", "label_type": "NSPrivacyTrackingDomains", "host": evil,
         "verdict": "tracking_domain_undeclared", "findings": [1], "reason": f"sent to {evil}",
         "label_evidence": {"path": "PrivacyInfo.xcprivacy", "line": 3, "text": f"<img src=x>{evil}"}}
    report = {"label_verdicts": [v], "labels": [], "label_scope": {}}

    page = html_matrix(report)
    md = "\n".join(markdown_lines(report))
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)  # as a viewer shows it
    for out in (page, rendered):
        assert "<script>" not in out and "<img" not in out
    for out in (page, md):
        assert "\x1b" not in out and "\x07" not in out


def test_redact_masks_identifiers_inside_base64_blobs(tmp_path: Path) -> None:
    """An SDK that base64-encodes its JSON payload carries the IMEI as base64 text in the URL and the body:
    --redact must mask that form too, at whatever byte offset the identifier sits in the blob."""
    imei = IDS["imei"]
    blobs = [base64.b64encode(json.dumps({"uid": "u" * k, "imei": imei}).encode()).decode() for k in range(3)]
    entries = [_entry(f"http://cdn{k}.example.net/b?d={b}", {"p": b.replace("+", "-").replace("/", "_")}, [])
               for k, b in enumerate(blobs)]
    har = tmp_path / "b64.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}), encoding="utf-8")
    db = tmp_path / "b64.db"
    _run("analyze", str(har), "--db", str(db))
    # the identifier's own characters inside each blob (the groups that do not depend on its neighbours)
    pieces: set[str] = set()
    for b in blobs:
        raw = base64.b64decode(b)
        at = raw.index(imei.encode())
        first, last = -(-at // 3) * 4, (at + len(imei)) // 3 * 4
        pieces.add(b[first:last][:12])
    assert len(pieces) == 3
    plain = _run("report", "--db", str(db), "--format", "json")
    assert all(p in plain for p in pieces)  # the unredacted report carries the blobs: the test can fail
    for fmt in ("json", "md", "html"):
        out = _run("report", "--db", str(db), "--format", fmt, "--redact")
        assert imei not in out
        assert not [p for p in pieces if p in out], fmt
