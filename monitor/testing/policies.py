"""What a policy text says, in the shapes the reader's tests compare.

    facts("We collect your IMEI.")                      # {("imei", "collects", "first_party")}
    verdict_of(text, "email", sdk="admob")              # "disclosed" / "undisclosed" / "vague" / "contradicted"
    stored_in(text, "CN")                               # the same, for an e-mail address sent to a server in China
"""

from __future__ import annotations

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.testing.records import destination, finding


def facts(text: str) -> set[tuple[str, str, str]]:
    """The (type, stance, recipient) of every exact (not vague) statement the reader makes of `text`."""
    return {(s.type, s.stance, s.recipient) for s in parse_policy(text).statements if not s.vague}


def verdict_of(text: str, type_: str, sdk: str = "", *, category: str = "", cleartext: bool = False,
               host: str = "api.example.test") -> str:
    """The verdict on one finding of `type_` sent to `sdk` (the app's own server when empty) under the policy `text`."""
    sent = finding(1, type_, sdk=sdk, category=category or ("analytics" if sdk else ""), ts=1.0, cleartext=cleartext,
                   host=host)
    return compute_verdicts(parse_policy(text), [sent], [], None)[0].verdict


def stored_in(text: str, country: str) -> str:
    """The verdict on an e-mail address sent to the app's own server, which stands in `country`."""
    sent = finding(1, "email", location="json:$.x", host="h.example", ip="192.0.2.7", ts=0.0)
    dests = [destination(host="h.example", ip="192.0.2.7", country=country)]
    return [v for v in compute_verdicts(parse_policy(text), [sent], dests, None) if v.findings][0].verdict
