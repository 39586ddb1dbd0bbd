"""Policy reader benchmark: privmon and a keyword spotter (the floor), scored the held-out way, in one run.

    PYTHONPATH=$PWD python3 bench/policy_bench.py [--json] [--batch NAME ...] [--misses] [--errors]
                                                  [--count-vague] [--expand-shared]

Sets read (each skipped with a note when absent):
- `real5`: the five real policies in ../shared/policies with tests/policy_labels (pair labels);
- `blind`: tests/fixtures/policies_blind (written for privmon, labelled blind);
- one set per batch folder under $PRIVMON_CORPUS/policies/ (default /work/corpus/policies), each
  NAME.txt + NAME.labels.json (format: /work/corpus/policies/LABELS.md). A batch still being
  written (no DONE file) or kept for measuring (a HELD file) is read only when named with --batch.

Score (per set and overall, micro-averaged over the set's policies): policy-F1 is the mean of the
F1 of (type, stance), (type, recipient class: first_party / third_party) and (type, exact
recipient); (type, stance) precision is printed beside it. Only contract type ids count (broad
terms are not labelled). Rules for partial and scoped labels:
- `complete: false`: found facts of a type the labels never mention are not counted as false
  positives (the labeller did not read that part); in a corpus batch, neither are facts for a named recipient the
  labels never mention (a labeller who read only some rows of a long SDK table labels those rows' SDKs; the classes
  and the first party still count; real5's pairs are scored as before);
- `scoped`: a fact the labeller put in `scoped` (limited to children, a feature, a region) that
  the reader finds *unscoped* counts neither as a hit nor as a miss: the reader is not rewarded
  for it (it is not a general statement) and not punished (the words are in the text). Facts the
  reader itself marks scoped (a `scope:` qualifier) are left out of the general comparison, the
  same way the labels leave them out; a scoped fact never counts as a miss.
For the pair labels of `real5`, an unqualified "location" label stands for both location types
(the contract's rule) and broad labels (device_info, network_info...) are dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.policy import read_policy  # noqa: E402
from monitor.policy.text import read_policy_text  # noqa: E402

TYPES = ("imei", "meid", "imsi", "iccid", "serial", "android_id", "gaid", "oaid", "idfa", "idfv", "mac", "bssid",
         "ssid", "device_uid", "location_precise", "location_coarse", "phone_number", "email", "installed_apps",
         "credentials")
Fact = tuple[str, str, str]  # (type, stance, recipient)

# the floor: a type keyword in a sentence => collects by first_party; "not"/"never" in it => denies
SPOTTER: dict[str, str] = {
    "imei": r"\bIMEI", "meid": r"\bMEID", "imsi": r"\bIMSI", "iccid": r"\bICCID", "serial": r"serial number",
    "android_id": r"android ?id", "gaid": r"\bGAID|google advertising id|advertising id", "oaid": r"\bOAID",
    "idfa": r"\bIDFA|advertising id", "idfv": r"\bIDFV", "mac": r"\bMAC address", "bssid": r"\bBSSID",
    "ssid": r"\bSSID|wi-?fi (?:network )?names?", "device_uid": r"\bUID\b|device ID",
    "location_precise": r"\blocation|\bGPS", "location_coarse": r"\blocation", "phone_number": r"phone number",
    "email": r"e-?mail", "installed_apps": r"installed app|app list|list of app", "credentials": r"password",
}
_SPOT = {t: re.compile(rx, re.I) for t, rx in SPOTTER.items()}
_SENT = re.compile(r"[^.!?;\n]+[.!?;]?")


def spotter(text: str) -> set[Fact]:
    out: set[Fact] = set()
    for m in _SENT.finditer(text):
        s = m.group()
        stance = "denies" if re.search(r"\b(?:not|never)\b|n't\b", s, re.I) else "collects"
        for t, rx in _SPOT.items():
            if rx.search(s):
                out.add((t, stance, "first_party"))
    return out


# a fairer floor: the same type keywords, plus the stance and recipients a keyword list can see in the sentence
# (condition words, SDK names and aliases from sdks.toml, class words); it shares nothing with privmon's reader
_COND = re.compile(r"\b(?:if you|optional(?:ly)?|permission|consent|you (?:may |can )?choose|when you (?:enable|allow"
                   r"|use)|authori[sz]|opt[ -]in)", re.I)
_CLASSES = (("advertisers", re.compile(r"\badvertis|\bad networks?\b|\bad partners?\b", re.I)),
            ("partners", re.compile(r"\bpartners?\b|service providers?|\bvendors?\b|processors?\b", re.I)),
            ("third_party", re.compile(r"third[- ]part(?:y|ies)|other companies", re.I)))


def _sdk_names() -> list[tuple[str, re.Pattern[str]]]:
    import tomllib
    data = tomllib.loads((ROOT / "monitor" / "rules" / "sdks.toml").read_text(encoding="utf-8"))
    out = []
    for e in data.get("sdk", []):
        names = {n for n in [e.get("name", "").split(" (")[0], *e.get("aliases", [])] if len(n) >= 3}
        if names:
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            out.append((e["id"], re.compile(rf"(?<![\w.])(?:{alt})(?![\w])", re.I)))
    return out


_SDKS: list[tuple[str, re.Pattern[str]]] = []


def spotter_r(text: str) -> set[Fact]:
    if not _SDKS:
        _SDKS.extend(_sdk_names())
    out: set[Fact] = set()
    for m in _SENT.finditer(text):
        s = m.group()
        types = [t for t, rx in _SPOT.items() if rx.search(s)]
        if not types:
            continue
        stance = "denies" if re.search(r"\b(?:not|never)\b|n't\b", s, re.I) else \
            "conditional" if _COND.search(s) else "collects"
        rcpts = ["first_party"] + [i for i, rx in _SDKS if rx.search(s)]
        if len(rcpts) == 1:
            rcpts += [c for c, rx in _CLASSES if rx.search(s)][:1]
        out.update((t, stance, r) for t in types for r in rcpts)
    return out


# two other readings of privmon's output, for measuring (session 36): a scorer that counts every statement whose type is a
# contract type, the vague copies privmon infers (hosted, carried to a class, an organisation's other SDKs) too; and one
# that reads "we share the information we collect with <class>" as a typed fact per type the policy collects
READING = {"count_vague": False, "expand_shared": False}
EVIDENCE: dict[Fact, str] = {}  # the first sentence each general fact of the last policy read rests on (--errors)


def privmon(path: Path) -> tuple[set[Fact], set[Fact]]:
    """(general facts, scoped facts) the reader finds."""
    pol = read_policy(path)
    general: set[Fact] = set()
    scoped: set[Fact] = set()
    EVIDENCE.clear()
    for s in pol.statements:
        if READING["expand_shared"] and s.type == "collected_info":
            for t in s.covers:  # (what "the information we collect" given to a class names, read as typed facts)
                if t in TYPES:
                    general.add((t, s.stance, s.recipient))
                    EVIDENCE.setdefault((t, s.stance, s.recipient), " ".join(s.evidence.text.split())[:160])
            continue
        if (s.vague and not READING["count_vague"]) or s.type not in TYPES:
            continue
        f = (s.type, s.stance, s.recipient)
        is_scoped = any(q.startswith("scope:") for q in s.qualifiers)
        (scoped if is_scoped else general).add(f)
        if not is_scoped:
            EVIDENCE.setdefault(f, " ".join(s.evidence.text.split())[:160])
    return general, scoped


def errors(pname: str, general: set[Fact], lab: Labels) -> None:
    """Print the false positives (with the sentence each rests on) and the misses of one policy, per projection."""
    print(f"== {pname}")
    for k, p in PROJ.items():
        want = lab.want[k]
        got: dict[tuple[str, str], Fact] = {}
        for f in sorted(general):
            g = p(f)
            if g in lab.scoped[k] and g not in want:
                continue
            if not lab.complete and g[0] not in lab.types:
                continue
            got.setdefault(g, f)
        for g in sorted(set(got) - want):
            print(f"  FP {k:14} {g}  <- {EVIDENCE.get(got[g], '')!r}")
        for g in sorted(want - set(got)):
            print(f"  MISS {k:12} {g}")


def _cls(r: str) -> str:
    return "first_party" if r == "first_party" else "third_party"


def _performed(stance: str) -> str:
    return "not" if stance == "denies" else "yes"


PROJ = {"type_stance": lambda f: (f[0], f[1]), "type_class": lambda f: (f[0], _cls(f[2])),
        "type_recipient": lambda f: (f[0], f[2]),
        # a diagnostic, outside policy-F1: (type, performed or not), collects and conditional alike, the way corpora
        # that label a practice as performed / not performed read a policy
        "type_performed": lambda f: (f[0], _performed(f[1]))}
MAIN = ("type_stance", "type_class", "type_recipient")
CLASSES = frozenset({"first_party", "third_party", "advertisers", "partners"})  # LABELS.md's recipient classes


class Labels:
    """What one policy's labels say, per projection: wanted pairs, scoped pairs, labelled types."""

    def __init__(self, want: dict[str, set[tuple[str, str]]], scoped: dict[str, set[tuple[str, str]]],
                 complete: bool, rows_read: bool = False) -> None:
        self.want, self.scoped, self.complete = want, scoped, complete
        self.rows_read = rows_read  # (incomplete: only the named recipients the labels mention were read)
        self.types = {t for pairs in want.values() for t, _ in pairs} | {t for pairs in scoped.values() for t, _ in pairs}
        self.recipients = {r for _t, r in want["type_recipient"] | scoped["type_recipient"]} | CLASSES

    @classmethod
    def from_triples(cls, lab: dict) -> Labels:
        st = {tuple(x[:3]) for x in lab.get("statements", [])}
        sc = {tuple(x[:3]) for x in lab.get("scoped", [])}
        return cls({k: {p(f) for f in st} for k, p in PROJ.items()},  # type: ignore[arg-type]
                   {k: {p(f) for f in sc} for k, p in PROJ.items()},  # type: ignore[arg-type]
                   bool(lab.get("complete", True)), rows_read=True)

    @classmethod
    def from_pairs(cls, lab: dict) -> Labels:
        def norm(pairs: Iterable[list[str]]) -> set[tuple[str, str]]:
            out: set[tuple[str, str]] = set()
            for t, x in pairs:
                for tt in (("location_precise", "location_coarse") if t == "location" else (t,)):
                    if tt in TYPES:
                        out.add((tt, x))
            return out
        ts = norm(lab["type_stance"])
        tr = norm(lab["type_recipient"])
        return cls({"type_stance": ts, "type_class": {(t, _cls(r)) for t, r in tr}, "type_recipient": tr,
                    "type_performed": {(t, _performed(x)) for t, x in ts}},
                   {k: set() for k in PROJ}, bool(lab.get("complete", True)))


def score(found: set[Fact], found_scoped: set[Fact], lab: Labels) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    if not lab.complete and lab.rows_read:  # (a named recipient of a part the labeller did not read)
        found = {f for f in found if f[2] in lab.recipients}
    for k, p in PROJ.items():
        want = lab.want[k]
        got = {p(f) for f in found}
        got -= {g for g in got if g in lab.scoped[k] and g not in want}  # scoped: neither hit nor miss
        if not lab.complete:
            got = {g for g in got if g[0] in lab.types}
        out[k] = [len(got & want), len(got - want), len(want - got)]
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(counts: dict[str, list[int]]) -> dict[str, float]:
    f1s = [prf(*counts[k])[2] for k in MAIN]
    return {"policy_f1": round(sum(f1s) / len(f1s), 3), "ts_precision": round(prf(*counts["type_stance"])[0], 3),
            "ts_recall": round(prf(*counts["type_stance"])[1], 3), "ts_f1": round(f1s[0], 3),
            "class_f1": round(f1s[1], 3), "recipient_f1": round(f1s[2], 3),
            "performed_f1": round(prf(*counts["type_performed"])[2], 3)}


def corpus_dir() -> Path:
    return Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus")) / "policies"


def sets(only: list[str] | None = None) -> dict[str, list[tuple[str, Path, Labels]]]:
    out: dict[str, list[tuple[str, Path, Labels]]] = {}
    real = ROOT.parent.parent / "shared" / "policies"
    if not real.is_dir():
        real = Path("/work/shared/policies")
    if real.is_dir():
        items = []
        for lp in sorted((ROOT / "tests" / "policy_labels").glob("*.json")):
            lab = json.loads(lp.read_text())
            items.append((lp.stem, real / lab["file"], Labels.from_pairs(lab)))
        out["real5"] = items
    blind = ROOT / "tests" / "fixtures" / "policies_blind"
    out["blind"] = [(lp.name.split(".")[0], blind / (lp.name.split(".")[0] + ".txt"),
                     Labels.from_triples(json.loads(lp.read_text()))) for lp in sorted(blind.glob("*.labels.json"))]
    cdir = corpus_dir()
    if cdir.is_dir():
        # with --batch, only the named folders are touched (batches kept for the lead's measurement are never
        # opened, listed or read by a run that does not name them)
        names = sorted(n for n in only if n not in ("real5", "blind")) if only else \
            sorted(p.name for p in cdir.iterdir() if p.is_dir())
        for bname in names:
            b = cdir / bname
            # a batch kept for measuring (a HELD file in it) or still being written (no DONE) is read only when named
            if not b.is_dir() or ((b / "HELD").exists() or not (b / "DONE").exists()) and not only:
                continue
            items = []
            for lp in sorted(b.glob("*.labels.json")):
                name = lp.name[: -len(".labels.json")]
                if (b / f"{name}.txt").exists():
                    items.append((name, b / f"{name}.txt", Labels.from_triples(json.loads(lp.read_text()))))
            if items:  # (a folder of texts for a verdict grid holds no labels)
                out[b.name] = items
    if only:
        out = {k: v for k, v in out.items() if k in only}
    return out


def run(only: list[str] | None = None, misses: bool = False, errs: bool = False) -> dict[str, dict[str, dict[str, float]]]:
    results: dict[str, dict[str, dict[str, float]]] = {}
    whos = ("privmon", "spotter", "spotter_r")
    total: dict[str, dict[str, list[int]]] = {w: {k: [0, 0, 0] for k in PROJ} for w in whos}
    for name, items in sets(only).items():
        acc: dict[str, dict[str, list[int]]] = {w: {k: [0, 0, 0] for k in PROJ} for w in whos}
        for pname, path, lab in items:
            general, scoped = privmon(path)
            text = read_policy_text(path)
            for who, (found, fsc) in (("privmon", (general, scoped)), ("spotter", (spotter(text), set())),
                                      ("spotter_r", (spotter_r(text), set()))):
                sc = score(found, fsc, lab)
                for k in PROJ:
                    for i in range(3):
                        acc[who][k][i] += sc[k][i]
                        total[who][k][i] += sc[k][i]
            if errs:
                errors(f"{name}/{pname}", general, lab)
            if misses:
                for k, col, head in (("type_stance", 1, f"  {name}/{pname}:"), ("type_recipient", 2, "      recipients")):
                    pairs = {(f[0], f[col]) for f in general}
                    want = lab.want[k]
                    got = pairs - {g for g in pairs if g in lab.scoped[k] and g not in want}
                    if not lab.complete:
                        got = {g for g in got if g[0] in lab.types}
                    print(f"{head} missed {sorted(want - got)} extra {sorted(got - want)}")
        results[name] = {who: {**summary(acc[who]), "policies": len(items)} for who in acc}
    results["overall"] = {who: summary(total[who]) for who in total}
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch", action="append", help="only this set (real5, blind, or a corpus batch name)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="print each policy's missed and extra (type, stance)")
    ap.add_argument("--errors", action="store_true",
                    help="print each policy's false positives (with their sentence) and misses, per projection")
    ap.add_argument("--count-vague", action="store_true",
                    help="count privmon's vague statements of contract types too (a scorer that ignores `vague`)")
    ap.add_argument("--expand-shared", action="store_true",
                    help="read 'the information we collect' given to a class as one fact per type the policy collects")
    a = ap.parse_args()
    READING.update(count_vague=a.count_vague, expand_shared=a.expand_shared)
    res = run(a.batch, a.misses, a.errors)
    if a.json:
        print(json.dumps(res, indent=1))
        return
    print(f"{'set':12} {'n':>3}  {'privmon F1':>10} {'TS-P':>5} {'TS-R':>5} {'cls':>5} {'rcpt':>5}   "
          f"{'spotter F1':>10} {'TS-P':>5}   {'spot+rcpt':>9} {'TS-P':>5} {'rcpt':>5}   {'perf':>5}")
    for name, r in res.items():
        p, s, s2 = r["privmon"], r["spotter"], r["spotter_r"]
        n = int(p.get("policies", 0))
        print(f"{name:12} {n:>3}  {p['policy_f1']:10.3f} {p['ts_precision']:5.2f} {p['ts_recall']:5.2f} "
              f"{p['class_f1']:5.2f} {p['recipient_f1']:5.2f}   {s['policy_f1']:10.3f} {s['ts_precision']:5.2f}   "
              f"{s2['policy_f1']:9.3f} {s2['ts_precision']:5.2f} {s2['recipient_f1']:5.2f}   {p['performed_f1']:5.2f}")


if __name__ == "__main__":
    main()
