"""Score identifier detection on a labelled HAR corpus of requests (e.g. real SDK requests copied from public
sources and labelled blind): which labelled identifiers privmon finds, which decoys it reports, and which of
its findings no label names.

    python bench/request_corpus.py DIR            # DIR holds real.har (or one *.har) and truth.json
    python bench/request_corpus.py DIR --profile profile.toml -v

truth.json: {"planted": [{"entry": 0-based index, "type", "sent", ...}], "decoys": [{"entry", "value", ...}]}.
A finding counts for a label when it is of the label's type in the label's entry. A finding in an entry whose
labels do not name its type is "unlabelled": a false positive, or a label the reviewer missed (read them).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def score(folder: Path, profile: Path | None = None) -> dict:
    har = folder / "real.har" if (folder / "real.har").exists() else next(folder.glob("*.har"))
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.db"
        args = [sys.executable, "-m", "monitor", "analyze", str(har), "--db", str(db), "-q"]
        if profile:
            args += ["--profile", str(profile)]
        subprocess.run(args, check=True, cwd=ROOT, timeout=600)
        rows = sqlite3.connect(db).execute("SELECT evidence, type, value, location FROM findings").fetchall()
    found: dict[tuple[int, str], list[str]] = defaultdict(list)
    for ev, typ, value, loc in rows:
        m = re.search(r"\d+", ev or "")
        if m:
            found[(int(m.group()) - 1, typ)].append(f"{loc}={value}")
    want: dict[int, set[str]] = defaultdict(set)
    for p in truth["planted"]:
        want[p["entry"]].add(p["type"])
    pairs = {(p["entry"], p["type"]) for p in truth["planted"]}
    # privmon stores a finding once per capture (type, value, destination, location), counting repeats: a value
    # an earlier request already sent is found there, so the label counts as found
    earlier: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (e, t), vs in found.items():
        earlier[t] += [(e, v.partition("=")[2]) for v in vs]
    hit = {k for k in pairs if k in found}
    hit |= {(p["entry"], p["type"]) for p in truth["planted"]
            if any(e < p["entry"] and v and (v in p["sent"] or p["sent"] in v) for e, v in earlier[p["type"]])}
    unlabelled = sorted((k, v) for k, v in found.items() if k[1] not in want[k[0]])
    per_type: dict[str, Counter] = defaultdict(Counter)
    for e, t in pairs:
        per_type[t]["labelled"] += 1
        per_type[t]["found"] += (e, t) in hit
    for (_e, t), _v in unlabelled:
        per_type[t]["unlabelled"] += 1
    decoy_hits = [d for d in truth.get("decoys", [])
                  if any(str(d["value"]) in v for (e, _t), vs in found.items() if e == d["entry"] for v in vs)]
    return {"pairs": len(pairs), "found": len(hit), "missed": sorted(pairs - hit), "unlabelled": unlabelled,
            "decoys": len(truth.get("decoys", [])), "decoys_reported": decoy_hits, "per_type": per_type}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--profile", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and unlabelled finding")
    a = ap.parse_args()
    r = score(a.folder, a.profile)
    n_unl = len(r["unlabelled"])
    prec = r["found"] / (r["found"] + n_unl) if r["found"] + n_unl else 0.0
    print(f"{a.folder.name}: found {r['found']}/{r['pairs']} (entry, type) labels "
          f"(recall {r['found'] / max(r['pairs'], 1):.2f}), unlabelled findings {n_unl} (precision {prec:.2f}), "
          f"decoys reported {len(r['decoys_reported'])}/{r['decoys']}")
    print("type                labelled  found  unlabelled")
    for t, c in sorted(r["per_type"].items()):
        print(f"{t:<20}{c['labelled']:>8}{c['found']:>7}{c['unlabelled']:>12}")
    if a.verbose:
        for e, t in r["missed"]:
            print(f"  missed       entry {e:>3} {t}")
        for (e, t), vs in r["unlabelled"]:
            print(f"  unlabelled   entry {e:>3} {t}: {'; '.join(vs)[:160]}")
        for d in r["decoys_reported"]:
            print(f"  decoy        entry {d['entry']:>3} {d['value']}: {d.get('why', '')}")


if __name__ == "__main__":
    main()
