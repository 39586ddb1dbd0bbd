"""End-to-end verdicts against a blind grid: what privmon concludes for each (type, recipient) it could see.

    PYTHONPATH=$PWD python3 bench/verdict_grid.py [--grid DIR] [--policies DIR] [--errors] [--json]
    PYTHONPATH=$PWD python3 bench/verdict_grid.py --all [--only 138,139] [--json]   # every verdicts<N> grid

A grid file ($PRIVMON_CORPUS/verdicts/<policy stem>.json, written by a reviewer who never saw the
reader) lists cells: a data type, a recipient (`first_party`, `unknown` or an SDK id), the form it is
sent in (`transform`; optionally `stored_in`: the country of the receiving server, and `channel`: `http`
for a cell sent in clear text) and the verdict
the contract's rules give for that traffic under that policy. For every cell this bench makes the one
finding the cell describes, reads the policy with privmon's reader and asks `compute_verdicts` for
its verdict, so the score is the reader and the comparison together, as a user gets them.

Printed per policy and overall: accuracy, the recall of `undisclosed` (a reviewer's most important
answer), false `contradicted` (the most harmful error) and the confusion matrix. Policies are read
from ../shared/policies (they must not be copied into the project); the grid from $PRIVMON_CORPUS.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.compare import compute_verdicts  # noqa: E402
from monitor.policy import read_policy  # noqa: E402
from monitor.records import Finding  # noqa: E402
from monitor.report.data import verdict_json  # noqa: E402
from monitor.rules.load import load_rules  # noqa: E402
from monitor.testing.records import destination, finding  # noqa: E402

VERDICTS = ("disclosed", "vague", "undisclosed", "contradicted")


def _finding(cell: dict[str, Any], category: str) -> Finding:
    recipient = cell["recipient"]
    return finding(1, cell["type"], transform=cell.get("transform", "plain"), location="json:$.grid",
                   sdk="" if recipient == "unknown" else recipient, category=category, host="grid.example",
                   ip="192.0.2.1", ts=0.0, cleartext=cell.get("channel") == "http")


def judge(policy: Any, cell: dict[str, Any], categories: dict[str, str]) -> dict[str, Any]:
    """privmon's verdict (as the report's JSON) for the single finding a grid cell describes."""
    recipient = cell["recipient"]
    category = "first_party" if recipient == "first_party" else categories.get(recipient, "")
    dest = [destination(host="grid.example", ip="192.0.2.1", country=cell.get("stored_in", ""))]
    got = [v for v in compute_verdicts(policy, [_finding(cell, category)], dest, None) if v.findings]
    return verdict_json(got[0]) if got else {"verdict": "none", "reason": "no verdict", "policy_evidence": []}


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


def score(grid_dir: Path, policy_dir: Path, errors: bool) -> dict[str, Any]:
    sigs = load_rules()
    categories = {s.id: s.category for s in sigs.sdks}
    confusion: Counter[tuple[str, str]] = Counter()
    per_policy: dict[str, dict[str, Any]] = {}
    for grid_file in sorted(grid_dir.glob("*.json")):
        grid = json.loads(grid_file.read_text(encoding="utf-8"))
        path = policy_dir / grid["policy"]
        if not path.is_file():
            print(f"skip {grid_file.name}: {path} is absent", file=sys.stderr)
            continue
        policy = read_policy(path, sigs)
        text = path.read_text(encoding="utf-8", errors="replace")
        local: Counter[tuple[str, str]] = Counter()
        for cell in grid["cells"]:
            v = judge(policy, cell, categories)
            want, got = cell["verdict"], v["verdict"]
            local[(want, got)] += 1
            if errors and want != got:
                lines = sorted({_line_of(text, e["start"]) for e in v.get("policy_evidence", [])})
                print(f"{Path(grid['policy']).stem[:12]:<12} {cell['type']:<16} {cell['recipient']:<12} {cell.get('transform', 'plain'):<6}"
                      f" want {want:<12} got {got:<12} lines {lines} / labelled {cell.get('evidence_lines', [])}"
                      f"  | {v.get('reason', '')[:90]}")
        confusion.update(local)
        per_policy[grid["policy"]] = _summary(local)
    return {"policies": per_policy, "overall": _summary(confusion),
            "confusion": {f"{w}->{g}": n for (w, g), n in sorted(confusion.items())}}


def _summary(c: Counter[tuple[str, str]]) -> dict[str, Any]:
    total = sum(c.values())
    right = sum(n for (w, g), n in c.items() if w == g)
    und = sum(n for (w, _), n in c.items() if w == "undisclosed")
    und_hit = c[("undisclosed", "undisclosed")]
    false_contra = sum(n for (w, g), n in c.items() if g == "contradicted" and w != "contradicted")
    return {"cells": total, "accuracy": round(right / total, 3) if total else None,
            "undisclosed_recall": f"{und_hit}/{und}", "false_contradicted": false_contra}


def all_grids(corpus: Path, only: set[int] | None, errors: bool) -> dict[str, Any]:
    """Every grid $PRIVMON_CORPUS/verdicts<N> (texts under policies/grid<N>), one summary per grid and overall."""
    out: dict[str, Any] = {}
    total: Counter[tuple[str, str]] = Counter()
    dirs = [d for d in corpus.glob("verdicts*") if d.is_dir() and d.name[8:].isdigit()]
    for d in sorted(dirs, key=lambda d: int(d.name[8:])):
        if only is not None and int(d.name[8:]) not in only:
            continue
        r = score(d, corpus / "policies", errors)
        for k, n in r["confusion"].items():
            w, g = k.split("->")
            total[(w, g)] += n
        out[d.name[8:]] = {"overall": r["overall"], "policies": r["policies"]}
    out["all"] = {"overall": _summary(total)}
    return out


def default_policies() -> Path:
    """../shared/policies next to the checkout; from a git worktree under /work/wt/<branch>, /work/shared/policies."""
    here = ROOT.parent / "shared" / "policies"
    return here if here.is_dir() else Path("/work/shared/policies")


def main() -> int:
    corpus = Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grid", type=Path, default=corpus / "verdicts")
    ap.add_argument("--policies", type=Path, default=default_policies())
    ap.add_argument("--errors", action="store_true", help="print every cell privmon gets wrong")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--all", action="store_true", help="score every verdicts<N> grid under $PRIVMON_CORPUS")
    ap.add_argument("--only", help="with --all: these grid numbers, comma-separated")
    args = ap.parse_args()
    if args.all:
        only = {int(x) for x in args.only.split(",")} if args.only else None
        res = all_grids(corpus, only, args.errors)
        if args.json:
            print(json.dumps(res, indent=1))
            return 0
        for name, r in res.items():
            o = r["overall"]
            print(f"grid {name:<5} cells {o['cells']:>5}  accuracy {o['accuracy']}  undisclosed found {o['undisclosed_recall']}"
                  f"  false contradicted {o['false_contradicted']}")
        return 0
    if not args.grid.is_dir():
        print(f"{args.grid}: no verdict grid here (set PRIVMON_CORPUS)", file=sys.stderr)
        return 2
    result = score(args.grid, args.policies, args.errors)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for name, s in result["policies"].items():
        print(f"{name:<28} cells {s['cells']:>4}  accuracy {s['accuracy']}  undisclosed found {s['undisclosed_recall']}"
              f"  false contradicted {s['false_contradicted']}")
    o = result["overall"]
    print(f"{'overall':<28} cells {o['cells']:>4}  accuracy {o['accuracy']}  undisclosed found {o['undisclosed_recall']}"
          f"  false contradicted {o['false_contradicted']}")
    print("confusion (labelled->privmon):", ", ".join(f"{k} {n}" for k, n in result["confusion"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
