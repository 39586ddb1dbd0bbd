"""Keep the labelled development sets across machines: labels in the repository, texts restored from their sources.

    python bench/devsets.py save      # $PRIVMON_CORPUS -> tests/data/devsets (labels, grids, request corpora, SOURCES)
    python bench/devsets.py restore   # tests/data/devsets -> $PRIVMON_CORPUS, policy texts from fetched mirrors
    python bench/devsets.py missing   # the repositories still to bring with the search tool's `fetch`

The policy texts are other people's documents: the project keeps none of them (see tests/data/devsets/README.md).
Each batch's SOURCES.md names, per text, its repository, path, commit and SHA-256; `restore` takes the file out
of the repository's mirror (/work/.mirror/<owner>+<name>/repo, made by `fetch`) with `git show <commit>:<path>`
and writes it only when its SHA-256 is the one recorded. A batch folder marked HELD (still blind) is not saved.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEPT = ROOT / "tests" / "data" / "devsets"
# what a set folder keeps: labels, grids, truth, notes and the request HAR (written by the labellers); never a policy text
KEEP = re.compile(r"(\.json|\.har|SOURCES\.md|NOTES\.md|DONE)$")
_HEX40 = re.compile(r"^[0-9a-f]{40}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def corpus() -> Path:
    return Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus"))


def set_dirs(top: Path) -> list[Path]:
    """Every folder holding labelled material: policies/<batch>, verdicts*, requests/<name>."""
    out = [p for p in sorted((top / "policies").glob("*")) if p.is_dir()]
    out += [p for p in sorted(top.glob("verdicts*")) if p.is_dir()]
    out += [p for p in sorted((top / "requests").glob("*")) if p.is_dir()]
    return out


def save() -> int:
    top, n = corpus(), 0
    for d in set_dirs(top):
        if (d / "HELD").exists():
            print(f"skip {d.relative_to(top)}: HELD (still blind)")
            continue
        dest = KEPT / d.relative_to(top)
        for f in sorted(d.iterdir()):
            if f.is_file() and KEEP.search(f.name):
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest / f.name)
                n += 1
    print(f"saved {n} files under {KEPT.relative_to(ROOT)}")
    return 0


def sources(batch: Path) -> list[tuple[str, str, str, str, str]]:
    """(name, owner/repo, path, commit, sha256) per line of a SOURCES.md written as LABELS.md asks."""
    rows = []
    src = batch / "SOURCES.md"
    if not src.exists():
        return rows
    for line in src.read_text(encoding="utf-8").splitlines():
        # (a path may hold "|" itself: a crawler's file names, "134-https:||policies.danale.com|policies|...html", fresh-ch)
        m = _SOURCE_ROW.match(line.strip())
        if m:
            rows.append((m[1], m[2], m[3], m[4].lower(), m[5].lower()))
    return rows


_SOURCE_ROW = re.compile(r"^\|?\s*`?([^|`]+?)`?\s*\|\s*`?([^|`\s]+/[^|`\s]+)`?\s*\|\s*`?(.+?)`?\s*\|\s*`?([0-9a-fA-F]{40})`?\s*\|"
                         r"\s*`?([0-9a-fA-F]{64})`?\s*(?:\||$)")


def local_sources(batch: Path) -> list[tuple[str, str, str]]:
    """(name, file name, sha256) per SOURCES.md line of a text taken from the project's own shared policies
    (`NAME | local | /…/shared/policies/FILE | - | sha256 | …`: the second reader's labels of the five real policies)."""
    rows = []
    src = batch / "SOURCES.md"
    for line in src.read_text(encoding="utf-8").splitlines() if src.exists() else ():
        cells = [c.strip(" `") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[1] == "local" and _HEX64.match(cells[4].lower()):
            rows.append((cells[0], Path(cells[2]).name, cells[4].lower()))
    return rows


def _shared_policies() -> Path:
    here = ROOT.parent.parent / "shared" / "policies"
    return here if here.is_dir() else Path("/work/shared/policies")


def _mirror(repo: str) -> Path:
    """The git directory `fetch` made for a repository ($PRIVMON_MIRRORS, default /work/.mirror)."""
    git = Path(os.environ.get("PRIVMON_MIRRORS", "/work/.mirror")) / repo.replace("/", "+") / "repo"
    return git / ".git" if (git / ".git").is_dir() else git  # some snapshots arrive with a work tree


def _show(repo: str, commit: str, path: str) -> bytes | None:
    git = _mirror(repo)
    if not git.is_dir():
        return None
    for rev in (commit, "HEAD"):
        r = subprocess.run(["git", f"--git-dir={git}", "show", f"{rev}:{path}"], capture_output=True, check=False)
        if r.returncode == 0:
            return r.stdout
    return None


def restore(kept: Path = KEPT) -> int:
    top, restored, missing, wrong = corpus(), 0, [], []
    for d in set_dirs(kept):
        dest = top / d.relative_to(kept)
        dest.mkdir(parents=True, exist_ok=True)
        for f in d.iterdir():
            if f.is_file() and not (dest / f.name).exists():
                shutil.copyfile(f, dest / f.name)
        for name, repo, path, commit, digest in sources(d):
            out = dest / f"{name}.txt"
            if out.exists() and hashlib.sha256(out.read_bytes()).hexdigest() == digest:
                continue
            raw = _show(repo, commit, path)
            if raw is None:
                missing.append(repo)
            elif hashlib.sha256(raw).hexdigest() != digest:
                wrong.append(f"{repo}:{path}")
            else:
                out.write_bytes(raw)
                restored += 1
        for name, fname, digest in local_sources(d):
            raw_path = _shared_policies() / fname
            if raw_path.is_file() and hashlib.sha256(raw_path.read_bytes()).hexdigest() == digest:
                shutil.copyfile(raw_path, dest / f"{name}.txt")
                restored += 1
            elif not (dest / f"{name}.txt").exists():
                wrong.append(f"local:{fname}")
    print(f"restored {restored} policy texts into {top}")
    for r in sorted(set(missing)):
        print(f"missing mirror: {r} (fetch github:{r})")
    for w in wrong:
        print(f"SHA-256 differs (text not restored): {w}")
    return 1 if missing or wrong else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("verb", choices=("save", "restore", "missing"))
    a = ap.parse_args()
    if a.verb == "save":
        return save()
    if a.verb == "missing":
        repos = {repo for d in set_dirs(KEPT) for _, repo, *_ in sources(d) if not _mirror(repo).is_dir()}
        print("\n".join(sorted(repos)) or "none")
        return 0
    return restore()


if __name__ == "__main__":
    sys.exit(main())
