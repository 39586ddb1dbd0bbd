"""The development sets kept in tests/data/devsets (labels, grids, request corpora; bench/devsets.py): every file is
well formed in the contract's vocabulary, every policy text is named by a source with its SHA-256, no policy text
itself is kept, and a text restored into $PRIVMON_CORPUS is the one the labels were written on."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

from monitor.classify.types import type_ids
from monitor.rules.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
TYPE_IDS = frozenset(type_ids())
KEPT = ROOT / "tests" / "data" / "devsets"
CORPUS = Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus"))
VERDICTS = {"disclosed", "vague", "undisclosed", "contradicted"}
STANCES = {"collects", "conditional", "denies"}
CLASSES = {"first_party", "unknown", "third_party", "partners", "advertisers"}


def _devsets() -> ModuleType:
    return load_script("bench/devsets.py", "devsets")


def _grid_files() -> list[Path]:
    return sorted(f for d in KEPT.glob("verdicts*") for f in d.glob("*.json"))


def test_no_policy_text_is_kept_only_labels_and_sources() -> None:
    texts = [p for p in KEPT.rglob("*") if p.suffix in (".txt", ".html", ".htm", ".pdf")]
    assert texts == []
    assert _grid_files(), "the kept grids are gone"


@pytest.mark.parametrize("grid", _grid_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_kept_grid_speaks_the_contract_and_names_a_sourced_text(grid: Path) -> None:
    sdks = {s.id for s in load_rules().sdks}
    data = json.loads(grid.read_text(encoding="utf-8"))
    batch, name = data["policy"].split("/")
    sources = {row[0]: row for row in _devsets().sources(KEPT / "policies" / batch)}
    # (texts taken from ../shared/policies: the second reader's labels of the five real policies)
    sources |= {n: (n, "local", f, "-", digest) for n, f, digest in _devsets().local_sources(KEPT / "policies" / batch)}
    assert Path(name).stem in sources, f"{data['policy']} has no line in policies/{batch}/SOURCES.md"
    assert data["cells"]
    for cell in data["cells"]:
        assert cell["type"] in TYPE_IDS, cell
        assert cell["verdict"] in VERDICTS, cell
        assert cell["recipient"] in sdks | CLASSES, cell
    restored = CORPUS / "policies" / data["policy"]
    if restored.is_file():  # the text the labels were written on, byte for byte
        assert hashlib.sha256(restored.read_bytes()).hexdigest() == sources[Path(name).stem][4]


@pytest.mark.parametrize("folder", sorted(p for p in (KEPT / "requests").glob("*") if p.is_dir()), ids=lambda p: p.name)
def test_a_kept_request_corpus_labels_entries_it_has(folder: Path) -> None:
    har = json.loads((folder / "real.har").read_text(encoding="utf-8"))
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    entries = len(har["log"]["entries"])
    assert truth["planted"]
    for label in truth["planted"]:
        assert label["type"] in TYPE_IDS and 0 <= label["entry"] < entries, label
    for decoy in truth.get("decoys", []):
        assert 0 <= decoy["entry"] < entries, decoy


@pytest.mark.parametrize("labels", sorted(KEPT.glob("policies/*/*.labels.json")), ids=lambda p: p.name)
def test_kept_policy_labels_speak_the_contract(labels: Path) -> None:
    data = json.loads(labels.read_text(encoding="utf-8"))
    for row in [*data.get("statements", []), *data.get("scoped", [])]:
        assert row[0] in TYPE_IDS and row[1] in STANCES, row
    sources = {r[0] for r in _devsets().sources(labels.parent)} | {r[0] for r in _devsets().local_sources(labels.parent)}
    assert labels.name[: -len(".labels.json")] in sources


def test_restore_rebuilds_a_text_from_its_mirror_and_refuses_one_whose_hash_differs(tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    repo = tmp_path / "src"
    repo.mkdir()
    text = b"We collect your IMEI.\n"
    (repo / "privacy.md").write_bytes(text)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-C", str(repo)]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "privacy.md"], check=True)
    subprocess.run([*git, "commit", "-qm", "policy"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    mirrors = tmp_path / "mirrors" / "owner+app"
    mirrors.mkdir(parents=True)
    (mirrors / "repo").symlink_to(repo / ".git")
    kept = tmp_path / "kept" / "policies" / "batch"
    kept.mkdir(parents=True)
    good = hashlib.sha256(text).hexdigest()
    (kept / "SOURCES.md").write_text(f"app | owner/app | privacy.md | {commit} | {good} | a test policy\n"
                                     f"other | owner/app | privacy.md | {commit} | {'0' * 64} | a wrong hash\n")
    (kept / "app.labels.json").write_text('{"statements": [["imei", "collects", "first_party"]]}')
    monkeypatch.setenv("PRIVMON_MIRRORS", str(tmp_path / "mirrors"))
    monkeypatch.setenv("PRIVMON_CORPUS", str(tmp_path / "corpus"))
    assert _devsets().restore(tmp_path / "kept") == 1  # one text could not be restored: said, and the exit is not 0
    out = tmp_path / "corpus" / "policies" / "batch"
    assert (out / "app.txt").read_bytes() == text and (out / "app.labels.json").exists()
    assert not (out / "other.txt").exists()
