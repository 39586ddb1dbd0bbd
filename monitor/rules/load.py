"""The rules loader: the bundled rule files plus user directories, into one `Rules`.

A user directory given with `--signatures` may hold sdks.toml, identifiers.toml and p2p.toml: its
SDK entries replace bundled ones with the same id, its identifier lists extend the bundled ones,
its P2P entries add to or replace the bundled tables. Every problem is one `BadSignatures` naming
the file, the entry and the field (errors.bad_rule); the CLI turns it into one line and exit 2.
The CLI builds a `Rules` once and passes it down to the engine, the classifiers, the P2P decoders
and the policy reader; nothing caches one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from monitor.classify.identifiers import IdentifierRules, identifier_rules
from monitor.classify.p2p import Decoder, sections
from monitor.classify.p2p_tables import P2PTables
from monitor.errors import BadSignatures, bad_rule
from monitor.rules import bundled, read_toml
from monitor.rules.sdks import SdkRule, common_words, sdk_rules

USER_FILES = ("sdks.toml", "identifiers.toml", "p2p.toml")  # what a --signatures directory may hold


class Rules:
    """Every rule table, validated: what the classify steps and the policy reader are given (a plain class: a
    dataclass costs ~0.4 ms of CPU to build at import, paid by every analyze run)."""

    __slots__ = ("sdks", "identifiers", "p2p", "common_aliases", "version", "_by_id")

    def __init__(self, sdks: tuple[SdkRule, ...], identifiers: IdentifierRules, p2p: P2PTables,
                 common_aliases: frozenset[str] = frozenset(), version: str = "0") -> None:
        self.sdks = sdks
        self.identifiers = identifiers
        self.p2p = p2p  # p2p.toml section name -> that section's table (p2p.DECODERS says which)
        self.common_aliases = common_aliases  # SDK names that are everyday words ("line", "ring")
        self.version = version  # a digest of the rule files, printed in reports
        self._by_id = {s.id: s for s in sdks}

    def sdk(self, sdk_id: str) -> SdkRule | None:
        return self._by_id.get(sdk_id)

    def sdk_aliases(self) -> dict[str, str]:
        """Lowercased name/alias/id -> sdk id, for resolving names that policies use."""
        out: dict[str, str] = {}
        for s in self.sdks:
            for name in (s.id, s.name, *s.aliases):
                out.setdefault(name.strip().lower(), s.id)
        return out


def p2p_tables(files: Sequence[tuple[object, dict[str, Any]]], decoders: Sequence[Decoder] | None = None) -> P2PTables:
    """The sections the decoders read, each parsed by its own parser, file after file (later entries win)."""
    known = sections(decoders)  # p2p.DECODERS, read now
    tables = P2PTables((name, s.empty) for name, s in known.items())
    for path, data in files:
        for name, raw in data.items():
            sec = known.get(name)
            if sec is None:
                raise bad_rule(path, name, "section", f"unknown section; known: {', '.join(sorted(known))}")
            if not isinstance(raw, dict):
                raise bad_rule(path, name, "section", "must be a table")
            tables[name] = sec.parse(path, raw, tables[name])
    return tables


def load_rules(extra_dirs: Sequence[str | Path] = ()) -> Rules:
    """The bundled rules plus user directories (in order; a later file wins on the same key)."""
    dirs: list[Traversable | Path] = [bundled()]
    for extra in extra_dirs:
        user = Path(extra)
        if not user.is_dir():
            raise BadSignatures(str(user), "signature directory not found")
        dirs.append(user)
    digest = hashlib.sha256()
    by_id: dict[str, SdkRule] = {}
    common: set[str] = set()
    docs: dict[str, list[tuple[object, dict[str, Any]]]] = {name: [] for name in USER_FILES}
    for folder in dirs:
        for name in USER_FILES:
            f = folder / name
            if f.is_file():
                digest.update(f.read_bytes())
                docs[name].append((f, read_toml(f)))
    for origin, data in docs["sdks.toml"]:
        by_id.update((r.id, r) for r in sdk_rules(data, origin))
        common |= common_words(data, origin)
    idents = identifier_rules([(str(f), data) for f, data in docs["identifiers.toml"]])
    return Rules(sdks=tuple(by_id.values()), identifiers=idents, p2p=p2p_tables(docs["p2p.toml"]),
                 common_aliases=frozenset(common), version=digest.hexdigest()[:12])
