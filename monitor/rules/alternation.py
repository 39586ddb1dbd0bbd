"""A regex alternation of literal names, factored into a trie so a scan tries each letter once.

Python's regex engine tries a plain alternation ``a|b|c...`` one branch at a time at every position of
the text, so 600 SDK names cost 600 attempts per character. The trie form shares prefixes
(``fire(?:base|fly)``), and at each node tries the longer continuations before ending there: at any
position the names that match form a chain of prefixes of one another, so the longest is tried first,
exactly as in an alternation sorted longest-first, and the same one is matched (and backtracked from in
the same order when what follows the group fails).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def literal_alternation(words: Iterable[str]) -> str:
    """A non-capturing pattern matching any of `words` (literal text), preferring the longest.

    With re.IGNORECASE give the words in one case (lowercase): "Abc" and "abcd" in different cases would
    sit in different branches and the shorter could win.
    """
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(trie) if trie else "(?!)"


def _node(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # the name may end here: try the longer names first
        return "(?:" + body + ")?"
    return body
