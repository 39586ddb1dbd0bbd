"""The HTML report, rendered in headless Chromium: self-contained, the matrix shows, hostile text stays text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>[red]markup[/red]'


def _har(path: Path) -> None:
    entry = {"startedDateTime": "2026-01-01T00:00:01.000Z", "time": 1,
             "request": {"method": "POST", "url": f"http://mi.gdt.qq.com/ad?imei=356938035643809&note={quote(HOSTILE)}",
                         "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "application/json"}],
                         "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 10,
                         "postData": {"mimeType": "application/json",
                                      "text": json.dumps({"email": "lab@example.org", "x": HOSTILE})}},
             "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                          "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1,
                          "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}
    path.write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"},
                                        "entries": [entry]}}), encoding="utf-8")


def _report(tmp_path: Path, *extra: str) -> Path:
    _har(tmp_path / "h.har")
    db = tmp_path / "x.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(tmp_path / "h.har"), "--db", str(db), "-q"],
                   check=True, cwd=ROOT)
    out = tmp_path / "r.html"
    subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(db), "--format", "html", "-o", str(out),
                    "--policy", str(ROOT / "monitor" / "demo" / "demo-policy.txt"), *extra], check=True, cwd=ROOT)
    return out


def test_html_is_self_contained_and_escapes_captured_text(tmp_path: Path) -> None:
    html = _report(tmp_path).read_text(encoding="utf-8")
    assert "<script" not in html.lower()  # no script of ours, and the captured one is escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html.split("<body>")[0] and "src=\"http" not in html  # no external assets
    assert "class='matrix'" in html and "356938035643809" in html


def test_redacted_html_masks_values_everywhere(tmp_path: Path) -> None:
    html = _report(tmp_path, "--redact").read_text(encoding="utf-8")
    assert "356938035643809" not in html and "lab@example.org" not in html
    assert "3569…3809" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium)")
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = _report(tmp_path)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "class=\"matrix\"" in dom.stdout
    assert "<script>alert(1)</script>" not in dom.stdout  # the hostile payload did not become markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    shot = tmp_path / "shot.png"
    run = subprocess.run([CHROMIUM, *flags, "--enable-logging=stderr", "--v=0", f"--screenshot={shot}",
                          "--window-size=1280,1600", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000
    # page errors (script errors, blocked loads) show up as console messages in Chromium's log
    console = [ln for ln in run.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert not console, console
