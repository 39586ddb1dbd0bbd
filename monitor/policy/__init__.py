"""Reading privacy policies: what each says it collects, for whom, and what it promises not to do."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from monitor.model import Policy
from monitor.policy.statements import AliasMatcher, extract_claims, extract_statements, vendor_sdk
from monitor.policy.text import read_policy_text


def parse_policy(text: str, source: str = "<text>", signatures: Any = None) -> Policy:
    if signatures is None:
        from monitor.rules.load import load_rules

        signatures = load_rules()
    aliases = AliasMatcher(signatures.sdk_aliases(), signatures.common_aliases)
    statements = extract_statements(text, aliases)
    named = list(dict.fromkeys(sdk for sdk, _s, _e in aliases.find(text)))
    vendor = vendor_sdk(text, aliases)
    if vendor:  # an SDK vendor's own policy: the vendor is the first party
        statements = [replace(s, recipient="first_party") if s.recipient == vendor else s for s in statements]
    return Policy(source=source, text=text, statements=tuple(statements), claims=tuple(extract_claims(text, aliases)),
                  sdks_named=tuple(named), first_party_sdk=vendor)


def read_policy(path: str | Path, signatures: Any = None) -> Policy:
    """Read a policy file (txt, HTML or PDF); raises BadInput with one clear line when unreadable."""
    return parse_policy(read_policy_text(path), str(path), signatures)
