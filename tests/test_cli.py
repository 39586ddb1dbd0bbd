"""The command line as a user meets it: help everywhere, documented verbs, one-line errors, exit 2."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent
VERBS = sorted(cli.list_commands(None))  # type: ignore[arg-type]


def test_contract_verbs_exist() -> None:
    for verb in ("analyze", "report", "policy", "check", "proxy", "sniff", "tui", "demo"):
        assert verb in cli.list_commands(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help_and_is_documented(verb: str) -> None:
    result = CliRunner().invoke(cli, [verb, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    cmd = cli.get_command(None, verb)  # type: ignore[arg-type]
    assert cmd is not None and cmd.help and "not implemented" not in cmd.help.lower()
    assert f"privmon {verb}" in (ROOT / "README.md").read_text(encoding="utf-8")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True, timeout=120)


def test_python_dash_m_runs_the_cli() -> None:
    out = _run("--version")
    assert out.returncode == 0 and "privmon" in out.stdout


def test_not_a_capture_is_one_line_exit_2_and_db_keeps_what_it_had(tmp_path: Path) -> None:
    db = tmp_path / "lab.db"
    good = tmp_path / "ok.har"
    good.write_text('{"log": {"version": "1.2", "entries": []}}', encoding="utf-8")
    assert _run("analyze", str(good), "--db", str(db), "-q").returncode == 0
    before = db.read_bytes() if db.exists() else b""
    bad = tmp_path / "notes.txt"
    bad.write_text("hello, this is not a capture\n", encoding="utf-8")
    out = _run("analyze", str(bad), "--db", str(db))
    assert out.returncode == 2
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "not a capture" in lines[0]

    with Store.open(db, readonly=True) as store:
        assert len(store.captures()) == 1
    assert before  # the first run created the database


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--db", "/nonexistent/x.db"],
        ["analyze", "/nonexistent/cap.pcap", "--db", "{tmp}/a.db"],
        ["analyze", "{tmp}/empty.pcap", "--db", "{tmp}/a.db"],
        ["analyze", "{tmp}/empty.pcap", "--db", "{tmp}/a.db", "--profile", "/nonexistent/p.toml"],
        ["report", "--db", "{tmp}/a.db", "--format", "pdf"],
        ["report", "--db", "{tmp}/made.db", "--output", "{tmp}/no/such/dir/r.html"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "empty.pcap").write_bytes(b"")
    Store.open(tmp_path / "made.db").close()
    out = _run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert len([ln for ln in out.stderr.splitlines() if ln.strip() and not ln.startswith(("Usage:", "Try "))]) == 1


def test_written_reports_are_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert _run("analyze", str(ROOT / "monitor" / "demo"), "--db", str(db), "-q").returncode == 0
    out = tmp_path / "r.md"
    assert _run("report", "--db", str(db), "--format", "md", "--output", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "privmon report" in out.read_text(encoding="utf-8")


def test_the_summary_names_a_long_capture_path_on_one_line(tmp_path: Path) -> None:
    # a table title was centred and broken inside the file name at 80 columns; a reviewer copies the path from here
    deep = tmp_path / "a-rather-long-folder-name-for-the-lab-session-of-the-day" / "captures"
    deep.mkdir(parents=True)
    cap = deep / "camera-and-phone-traffic-recorded-on-the-lab-wifi.pcap"
    cap.write_bytes((Path(__file__).parents[1] / "monitor" / "demo" / "phone-app.pcap").read_bytes())
    out = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(cap), "--db", str(tmp_path / "x.db")],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    assert str(cap) in out.stdout.splitlines(), out.stdout[:400]


def test_analyze_quiet_without_a_profile_imports_only_what_it_uses(tmp_path: Path) -> None:
    """Start-up counts on every capture (issue 20): `analyze -q` without a profile reads the rules from their
    snapshots (no TOML parser), prints nothing (no rich, no report.safe and its html entity table)."""
    root = Path(__file__).resolve().parent.parent
    code = ("import sys\nfrom monitor.cli import main\n"
            "try:\n    main(['analyze', sys.argv[1], '--db', sys.argv[2], '-q'])\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\n"
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('tomllib', 'rich', 'html')\n"
            "                      or m == 'monitor.report.safe')))")
    out = subprocess.run([sys.executable, "-c", code, str(root / "monitor" / "demo" / "phone-app.pcap"),
                          str(tmp_path / "a.db")], capture_output=True, text=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == []
