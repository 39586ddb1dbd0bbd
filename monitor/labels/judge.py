"""Store labels x findings -> label verdicts (contract: "Store labels"), with the label line each rests on.

Each label is judged only on its platform's traffic: Data safety on android devices, App Privacy
and privacy manifests on ios devices, findings whose sender is not in the profile on every label.
A companion device's own traffic (platform `device`) is never judged against a store label.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from monitor.labels.model import ENCRYPTION, PLATFORM, TRACKING, TRACKING_DOMAINS, Declared, Label, rules
from monitor.records import Destination, Finding

ORDER = ["undeclared_collection", "undeclared_sharing", "undeclared_tracking", "encryption_claim_false",
         "tracking_domain_undeclared", "tracking_undeclared", "declared", "declared_not_observed", "not_checked"]
NOT_RECIPIENTS = ("", "unknown", "first_party")
MAX_FINDINGS = 200


def infer_platform(types: set[str] | list[str]) -> str:
    """A profile device's platform when the profile does not say: by the identifiers it has."""
    j = rules()["judging"]
    if set(types) & set(j["android_types"]):
        return "android"
    if set(types) & set(j["ios_types"]):
        return "ios"
    return "device"


@dataclass(slots=True)
class Scope:
    """Which senders a platform's label is judged on: the profile devices by platform."""

    platforms: dict[str, str] = field(default_factory=dict)  # device name -> android|ios|device

    def covers(self, sender: str | None, platform: str) -> bool:
        if not sender or sender not in self.platforms:
            return True
        return self.platforms[sender] == platform

    def as_json(self, sources: list[str]) -> dict[str, Any]:
        out = {}
        for s in sources:
            p = PLATFORM[s]
            # excluded: the companion devices, whose own traffic no store label is judged on (contract example)
            out[s] = {"devices": sorted(n for n, q in self.platforms.items() if q == p),
                      "excluded": sorted(n for n, q in self.platforms.items() if q == "device")}
        return out


def _recipient(f: Finding) -> str:
    return f.sdk or "unknown"


def is_third_party(f: Finding, sharing: str) -> bool:
    if _recipient(f) in NOT_RECIPIENTS:
        return False
    return sharing == "strict" or f.category in rules()["judging"]["sharing_categories"]


def is_tracker(f: Finding) -> bool:
    j = rules()["judging"]
    if _recipient(f) in NOT_RECIPIENTS:
        return False
    return f.category in j["tracking_categories"] or _recipient(f) in j["tracking_sdks"]


def name(label_type: str) -> str:
    """A label type as the store calls it, with its id ("Device or other IDs (PSL_DEVICE_ID)")."""
    n = rules().get("names", {}).get(label_type)
    return f"{n} ({label_type})" if n else label_type


def _under(host: str, domains: list[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass(slots=True)
class _Source:
    """All labels of one source (several manifests are one source: their union)."""

    source: str
    labels: list[Label]

    @property
    def first(self) -> Label:
        return self.labels[0]

    def declared(self) -> dict[str, tuple[Declared, Label]]:
        out: dict[str, tuple[Declared, Label]] = {}
        for lab in self.labels:
            if lab.not_collected:
                continue
            for d in lab.declared:
                if d.label_type in out:  # union: tracking or sharing declared anywhere counts
                    prev = out[d.label_type][0]
                    prev.tracking = bool(prev.tracking or d.tracking)
                    prev.shared = prev.shared or d.shared
                else:
                    out[d.label_type] = (replace(d), lab)
        return out


def judge_labels(labels: list[Label], findings: list[Finding], destinations: list[Destination],
                 scope: Scope, traffic_senders: set[str], sharing: str = "service-providers") -> dict[str, Any]:
    """The report's `labels`, `label_scope`, `labels_unmapped` and `label_verdicts` blocks."""
    by_source: dict[str, list[Label]] = defaultdict(list)
    for lab in labels:
        by_source[lab.source].append(lab)
    types_map: dict[str, dict[str, str]] = rules()["types"]
    verdicts: list[dict[str, Any]] = []
    in_any: set[int] = set()
    for source, labs in by_source.items():
        platform = PLATFORM[source]
        has_traffic = any(scope.covers(s, platform) for s in traffic_senders)
        mine = [f for f in findings if scope.covers(f.sender, platform)]
        in_any.update(f.id for f in mine)
        verdicts += _judge_source(_Source(source, labs), mine, destinations, types_map, has_traffic, sharing)
    unmapped: dict[str, list[int]] = defaultdict(list)
    for f in findings:
        if f.id in in_any and not any(src in types_map.get(f.type, {}) for src in by_source):
            unmapped[f.type].append(f.id)
    verdicts.sort(key=lambda v: (ORDER.index(v["verdict"]), v["source"], v["label_type"], v["host"] or ""))
    return {"labels": [lab.to_json() for lab in labels],
            "label_scope": scope.as_json(list(by_source)),
            "labels_unmapped": [{"type": t, "findings": ids[:MAX_FINDINGS]} for t, ids in sorted(unmapped.items())],
            "label_verdicts": verdicts}


def _judge_source(src: _Source, findings: list[Finding], destinations: list[Destination],
                  types_map: dict[str, dict[str, str]], has_traffic: bool, sharing: str) -> list[dict[str, Any]]:
    source, platform = src.source, PLATFORM[src.source]
    observed: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        lt = types_map.get(f.type, {}).get(source)
        if lt:
            observed[lt].append(f)
    visible = {m[source] for m in types_map.values() if source in m}
    declared = src.declared()
    out = []
    for lt in sorted(set(declared) | set(observed)):
        d, lab = declared.get(lt, (None, src.first))
        fs = observed.get(lt, [])
        v = _Verdict(source, lt, lab, d, fs, sharing if source == "data_safety" else None)
        if d is not None and not has_traffic:
            out.append(v.make("not_checked", d.line, f"no {platform} device traffic in the captures"))
        elif d is not None and lt not in visible:
            out.append(v.make("not_checked", d.line, f"privmon cannot see {lt} in network traffic"))
        elif d is None:
            out.append(v.make("undeclared_collection", _collection_anchor(src, lt),
                              f"{v.what()} sent to {v.to()}; the label does not declare {name(lt)}"
                              + (" (it says no data is collected)" if any(x.not_collected for x in src.labels)
                                 else "")))
        elif not fs:
            out.append(v.make("declared_not_observed", d.line, f"the label declares {name(lt)}; not seen in this traffic"))
        else:
            out.append(_judge_observed(v, d, lab))
    if source == "data_safety":
        out.append(_encryption(src, findings, types_map, has_traffic))
    if source == "privacy_manifest":
        out += _tracking(src, findings, destinations, types_map, has_traffic)
    return out


class _Verdict:
    def __init__(self, source: str, label_type: str, label: Label, d: Declared | None, fs: list[Finding],
                 sharing: str | None) -> None:
        self.source, self.label_type, self.label, self.d, self.fs, self.sharing = \
            source, label_type, label, d, fs, sharing

    def what(self, fs: list[Finding] | None = None) -> str:
        types = sorted({f.type for f in (self.fs if fs is None else fs)})
        return " and ".join(types) if len(types) <= 3 else ", ".join(types[:3]) + f" and {len(types) - 3} more"

    def to(self, fs: list[Finding] | None = None) -> str:
        names = sorted({f"{_recipient(f)} ({f.category or 'unknown'})" for f in (self.fs if fs is None else fs)})
        return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")

    def make(self, verdict: str, line: int, reason: str, fs: list[Finding] | None = None,
             host: str | None = None) -> dict[str, Any]:
        fs = self.fs if fs is None else fs
        line = line or 1
        declared = None
        if self.d is not None:
            declared = {k: v for k, v in self.d.to_json().items() if k not in ("label_type", "line")}
        return {"source": self.source, "label_type": self.label_type, "verdict": verdict,
                "privmon_types": sorted({f.type for f in fs}),
                "recipients": sorted({_recipient(f) for f in fs}),
                "hosts": sorted({f.host or f.ip for f in fs} - {""}),
                "host": host, "findings": sorted(f.id for f in fs)[:MAX_FINDINGS],
                "sharing_rule": self.sharing, "declared": declared,
                "label_evidence": {"path": self.label.path, "line": line, "text": self.label.text_of(line)},
                "reason": reason}


def _collection_anchor(src: _Source, lt: str) -> int:
    lab = src.first
    if src.source == "data_safety":
        return lab.anchors.get("type:" + lt, 1)
    return lab.anchors.get("collected_types", 1)


def _judge_observed(v: _Verdict, d: Declared, lab: Label) -> dict[str, Any]:
    if v.source == "data_safety":
        third = [f for f in v.fs if is_third_party(f, v.sharing or "service-providers")]
        rule = ("every named SDK is a third party (--sharing strict)" if v.sharing == "strict" else
                "advertising and social-login SDKs are third parties; other SDKs are presumed service providers "
                "(--sharing service-providers)")
        if third and not d.shared:
            return v.make("undeclared_sharing", d.sharing_line or d.line,
                          f"{v.what(third)} sent to {v.to(third)}; the label declares {name(v.label_type)} as collected, "
                          f"not shared; rule: {rule}", fs=v.fs)
        return v.make("declared", d.line, f"{v.what()} sent to {v.to()}; the label declares {name(v.label_type)}"
                      + (" as shared" if third else "") + f"; rule: {rule}")
    trackers = [f for f in v.fs if is_tracker(f)]
    if trackers and not d.tracking:
        return v.make("undeclared_tracking", d.line,
                      f"{v.what(trackers)} sent to tracking recipient {v.to(trackers)}; the label declares "
                      f"{name(v.label_type)} without tracking")
    return v.make("declared", d.line, f"{v.what()} sent to {v.to()}; the label declares {name(v.label_type)}"
                  + (" with tracking" if trackers else ""))


def _encryption(src: _Source, findings: list[Finding], types_map: dict[str, dict[str, str]],
                has_traffic: bool) -> dict[str, Any]:
    lab = next((x for x in src.labels if x.encrypted_in_transit is not None), src.first)
    extra = set(rules()["judging"]["encryption_extra_types"])
    clear = [f for f in findings if f.cleartext and (f.type in extra or "data_safety" in types_map.get(f.type, {}))]
    v = _Verdict("data_safety", ENCRYPTION, lab, None, clear, None)
    line = lab.anchors.get("encryption", 1)
    claim = lab.encrypted_in_transit
    if claim is None:
        return v.make("not_checked", line, "the label does not answer whether data is encrypted in transit")
    if not has_traffic:
        return v.make("not_checked", line, "no android device traffic in the captures")
    if claim and clear:
        return v.make("encryption_claim_false", line, f"the label says all data is encrypted in transit, but "
                      f"{v.what()} went in cleartext to {v.to()}")
    if claim:
        return v.make("declared", line, "the label says data is encrypted in transit; nothing was sent in cleartext")
    return v.make("declared", line, "the label says not all data is encrypted in transit"
                  + (f"; {v.what()} went in cleartext" if clear else ""))


def _tracking(src: _Source, findings: list[Finding], destinations: list[Destination],
              types_map: dict[str, dict[str, str]], has_traffic: bool) -> list[dict[str, Any]]:
    trackers = [f for f in findings if is_tracker(f) and "privacy_manifest" in types_map.get(f.type, {})]
    says = any(lab.tracking for lab in src.labels)
    lab = next((x for x in src.labels if x.tracking), src.first)
    v = _Verdict("privacy_manifest", TRACKING, lab, None, trackers, None)
    line = lab.anchors.get("tracking", 1)
    out = []
    if not has_traffic:
        out.append(v.make("not_checked", line, "no ios device traffic in the captures"))
    elif trackers and not says:
        out.append(v.make("tracking_undeclared", line, f"every manifest says {TRACKING} false or omits it, but "
                          f"{v.what()} went to tracking recipient {v.to()}"))
    elif trackers:
        out.append(v.make("declared", line, f"{TRACKING} is true; {v.what()} went to {v.to()}"))
    else:
        out.append(v.make("declared_not_observed" if says else "declared", line,
                          f"{TRACKING} is {'true' if says else 'false'}; no tracking recipient received a mapped type"))
    domains = sorted({d for x in src.labels for d in x.tracking_domains})
    dlab = next((x for x in src.labels if x.tracking_domains), src.first)
    dline = dlab.anchors.get("tracking_domains", 1)
    by_host: dict[str, list[Finding]] = defaultdict(list)
    for f in trackers:
        by_host[f.host or f.ip].append(f)
    covered: set[str] = set()
    for host, fs in sorted(by_host.items()):
        hv = _Verdict("privacy_manifest", TRACKING_DOMAINS, dlab, None, fs, None)
        if _under(host, domains):
            covered.update(d for d in domains if host == d or host.endswith("." + d))
            out.append(hv.make("declared", dline, f"{host} is listed in {TRACKING_DOMAINS}", host=host))
        else:
            out.append(hv.make("tracking_domain_undeclared", dline,
                               f"{hv.what()} sent to tracking recipient {hv.to()} at {host}, which no manifest lists "
                               f"in {TRACKING_DOMAINS}; App Tracking Transparency would not block it", host=host))
    contacted = {d.host for d in destinations}
    for dom in domains:
        if dom in covered:
            continue
        hv = _Verdict("privacy_manifest", TRACKING_DOMAINS, dlab, None, [], None)
        hit = any(_under(h, [dom]) for h in contacted if h)
        out.append(hv.make("declared" if hit else "declared_not_observed", dline,
                           f"{dom} is listed in {TRACKING_DOMAINS}; " + ("contacted" if hit else "never contacted"),
                           host=dom))
    return out
