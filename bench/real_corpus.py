"""Score privmon on the real-capture corpus (captures recorded by others, tests/data/real/).

    python bench/real_corpus.py [--corpus DIR] [--verbose]

The captures themselves are not in the repository (licences): tests/data/real/manifest.json
says where each comes from (repository, path, commit, sha256); they are looked up in
$PRIVMON_CORPUS/captures (default /work/corpus/captures), with the key log NAME.keylog
beside a capture when the manifest names one. Each present capture is run through the real
CLI (`analyze`, then `report --format json`) in a fresh database, and compared with
tests/data/real/expect/NAME.json, which was written from tshark and by reading, never from
privmon's output. Prints the four numbers of issue 17's table:

  destinations seen   expected (ip, port, transport) present in the report / expected (and its host
                      when the expectation names one)
  identifiers found   expected (type, value) found / expected
  false findings      findings whose value is no expected identifier's
  silently empty      captures with expected destinations but no destination and no warning
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli
from monitor.errors import PrivmonError
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"


def corpus_dir(arg: str | None = None) -> Path:
    return Path(arg or os.environ.get("PRIVMON_CORPUS", "/work/corpus")) / "captures"


@dataclass
class Score:
    name: str
    dest_expected: int = 0
    dest_seen: int = 0
    ids_expected: int = 0
    ids_found: int = 0
    false: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    silently_empty: bool = False
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    warn_mismatch: str = ""


def _norm(v: str) -> str:
    return "".join(ch for ch in v.lower() if ch.isalnum())


def _cli(args: list[str]) -> tuple[int, str, str]:
    """Run one privmon verb in this process (the real click commands, as `privmon ARGS` runs them)."""
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    if isinstance(result.exception, PrivmonError):
        return 2, result.stdout, f"privmon: {result.exception.line()}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_one(capture: Path, expect: dict, keylog: Path | None, tmp: Path) -> Score:  # type: ignore[type-arg]
    db = tmp / f"{capture.name}.db"
    args = ["analyze", str(capture), "--db", str(db), "-q"]
    if keylog is not None:
        args += ["--keylog", str(keylog)]
    s = Score(expect["name"])
    code, _out, err = _cli(args)
    if code != 0:  # refused: nothing seen (an error message is not a silent pass)
        s.error = err.strip().splitlines()[-1] if err.strip() else f"exit {code}"
        s.dest_expected, s.ids_expected = len(expect["destinations"]), len(expect["identifiers"])
        s.missing.append(f"REFUSED: {s.error}")
        return s
    code, out, err = _cli(["report", "--db", str(db), "--format", "json"])
    if code != 0:
        raise SystemExit(f"report failed on {capture.name}: {err}")
    report = json.loads(out)
    got = {(d["ip"], d["port"], d["transport"]) for d in report["destinations"]}
    named = {(d["ip"], d["port"], d["transport"], d["host"]) for d in report["destinations"]}
    for d in expect["destinations"]:
        key = (d["ip"], d["port"], d["transport"])
        s.dest_expected += 1
        if key in got and (not d.get("host") or (*key, d["host"]) in named):  # a host, when expected, must match
            s.dest_seen += 1
        else:
            s.missing.append(f"destination {key[0]}:{key[1]}/{key[2]} {d.get('host', '')}".rstrip())
    wanted = {_norm(i["value"]): i for i in expect["identifiers"]}
    with Store.open(db, readonly=True) as store:  # the identifier behind a hash (not in the report's JSON)
        canonical = {_norm(f.canonical) for f in store.findings() if f.canonical}
    found = {_norm(f["value"]) for f in report["findings"]} | canonical
    for key, i in wanted.items():
        s.ids_expected += 1
        if key in found:
            s.ids_found += 1
        else:
            s.missing.append(f"identifier {i['type']} {i['value']}")
    allowed = set(wanted) | {_norm(v) for v in expect.get("acceptable", [])}
    for f in report["findings"]:
        if _norm(f["value"]) not in allowed:
            s.false.append(f"{f['type']} {f['value']!r} ({f['location']})")
    s.warnings = [w for c in report["captures"] for w in c.get("warnings", [])]
    s.silently_empty = bool(expect["destinations"]) and not report["destinations"] and not s.warnings
    if bool(s.warnings) != bool(expect.get("warn")):
        s.warn_mismatch = f"warnings {s.warnings} but expected {'some' if expect.get('warn') else 'none'}"
        s.missing.append(s.warn_mismatch)
    return s


def score_corpus(corpus: Path, verbose: bool = False) -> tuple[list[Score], list[str]]:
    manifest = json.loads((REAL / "manifest.json").read_text())
    scores: list[Score] = []
    absent: list[str] = []
    with tempfile.TemporaryDirectory(prefix="privmon-real-") as tmp:
        for m in manifest:
            cap = corpus / m["name"]
            if not cap.is_file():
                absent.append(m["name"])
                continue
            if hashlib.sha256(cap.read_bytes()).hexdigest() != m["sha256"]:
                raise SystemExit(f"{cap}: sha256 differs from the manifest")
            keylog = corpus / m["keylog"]["name"] if "keylog" in m else None
            expect = json.loads((REAL / "expect" / f"{m['name']}.json").read_text())
            s = run_one(cap, expect, keylog, Path(tmp))
            scores.append(s)
            if verbose and (s.missing or s.false or s.silently_empty):
                print(f"{s.name}: " + "; ".join(s.missing + [f"FALSE {x}" for x in s.false]
                                                  + (["SILENTLY EMPTY"] if s.silently_empty else [])))
    return scores, absent


def totals(scores: list[Score]) -> dict[str, float]:
    de = sum(s.dest_expected for s in scores)
    ie = sum(s.ids_expected for s in scores)
    return {
        "captures": len(scores),
        "destinations_seen": sum(s.dest_seen for s in scores) / de if de else 1.0,
        "destinations": f"{sum(s.dest_seen for s in scores)}/{de}",
        "identifiers_found": sum(s.ids_found for s in scores) / ie if ie else 1.0,
        "identifiers": f"{sum(s.ids_found for s in scores)}/{ie}",
        "false_findings": sum(len(s.false) for s in scores),
        "silently_empty": sum(s.silently_empty for s in scores),
        "refused": sum(bool(s.error) for s in scores),
        "warning_mismatches": sum(bool(s.warn_mismatch) for s in scores),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", help="corpus root (default $PRIVMON_CORPUS or /work/corpus)")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))  # this tree's monitor package, not an installed one
    corpus = corpus_dir(a.corpus)
    if not corpus.is_dir():
        raise SystemExit(f"{corpus}: no corpus here (set PRIVMON_CORPUS)")
    scores, absent = score_corpus(corpus, a.verbose)
    t = totals(scores)
    print(f"{t['captures']} captures ({len(absent)} of the manifest absent)")
    print(f"destinations seen      {t['destinations_seen']:.2f}  ({t['destinations']})")
    print(f"identifiers found      {t['identifiers_found']:.2f}  ({t['identifiers']})")
    print(f"false findings         {t['false_findings']}")
    print(f"silently empty         {t['silently_empty']}")
    print(f"refused (exit 2)       {t['refused']}")
    print(f"warned when not expected or silent when a warning was: {t['warning_mismatches']}")


if __name__ == "__main__":
    main()
