"""The report as one self-contained HTML file: no script, no network, every captured string escaped.

A header to re-verify the evidence (files, SHA-256, packets, time span, versions), the verdict
matrix, a timeline (one lane per destination SDK, a mark per identifier, the consent moment as a
line), destinations by category and by country as inline SVG, and per verdict a drill-down from
the request (decoded field, transform chain, frames) to the highlighted policy sentence.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from monitor.report import safe
from monitor.report.matrix import verdict_matrix

VERDICT_COLORS = {"contradicted": "#c62828", "undisclosed": "#ef6c00", "vague": "#f9a825", "disclosed": "#2e7d32",
                  "not_observed": "#78909c"}
PALETTE = ["#1565c0", "#6a1b9a", "#00838f", "#ad1457", "#4e342e", "#2e7d32", "#ef6c00", "#37474f", "#827717"]


def e(v: Any) -> str:
    return safe.html(v)


def _ts(ts: float | None) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if ts else "-"


def _matrix(verdicts: list[dict[str, Any]]) -> str:
    if not verdicts:
        return "<p>No policy given (<code>--policy</code>), or nothing to judge.</p>"
    return verdict_matrix(verdicts, row=lambda v: v["type"], column=lambda v: v["recipient"], colors=VERDICT_COLORS,
                          anchor=lambda v: f"v-{v['type']}-{v['recipient']}", corner="type \\ recipient")


def _early(f: dict[str, Any], consent: float | None) -> bool:
    return consent is not None and f.get("ts") is not None and f["ts"] < consent


def _timeline(findings: list[dict[str, Any]], consent: float | None) -> str:
    pts = [f for f in findings if f.get("ts")]
    if len(pts) > 4000:  # a mark per identifier, but a long session must not make the page unusably heavy
        pts = pts[:: len(pts) // 4000 + 1]
    if not pts:
        return "<p>No identifiers were sent.</p>"
    lanes = sorted({f["sdk"] or "unknown" for f in pts})
    lo = min([f["ts"] for f in pts] + ([consent] if consent else []))
    hi = max([f["ts"] for f in pts] + ([consent] if consent else []))
    span = max(hi - lo, 1.0)
    w, lane_h, left = 900, 22, 150
    h = lane_h * len(lanes) + 30
    out = [f"<svg class='chart' width='{w + left + 20}' height='{h}' role='img' aria-label='timeline'>"]
    for i, lane in enumerate(lanes):
        y = 15 + i * lane_h
        out.append(f"<text x='4' y='{y + 5}' font-size='12'>{e(lane)}</text>")
        out.append(f"<line x1='{left}' y1='{y}' x2='{left + w}' y2='{y}' stroke='#ddd'/>")
    types = sorted({f["type"] for f in pts})
    for f in pts:
        x = left + (f["ts"] - lo) / span * w
        y = 15 + lanes.index(f["sdk"] or "unknown") * lane_h
        color = PALETTE[types.index(f["type"]) % len(PALETTE)]
        out.append(f"<circle cx='{x:.1f}' cy='{y}' r='5' fill='{color}'><title>{e(f['type'])} "
                   f"{e(_ts(f['ts']))} {e(f['host'] or f['ip'])}</title></circle>")
    if consent:
        x = left + (consent - lo) / span * w
        out.append(f"<line x1='{x:.1f}' y1='0' x2='{x:.1f}' y2='{h}' stroke='#c62828' stroke-dasharray='4'/>")
        # label on the side with room, so it is never clipped at the chart's right edge
        anchor, dx = ("end", -3) if x > left + w - 80 else ("start", 3)
        out.append(f"<text x='{x + dx:.1f}' y='10' font-size='11' fill='#c62828' text-anchor='{anchor}'>"
                   "consent</text>")
    out.append(f"<text x='{left}' y='{h - 4}' font-size='11'>{e(_ts(lo))}</text>")
    out.append(f"<text x='{left + w - 150}' y='{h - 4}' font-size='11'>{e(_ts(hi))}</text></svg>")
    legend = " ".join(f"<span class='chip' style='background:{PALETTE[i % len(PALETTE)]}'>{e(t)}</span>"
                      for i, t in enumerate(types))
    return legend + "".join(out)


def _bars(title: str, counts: Counter[str]) -> str:
    if not counts:
        return ""
    items = counts.most_common(12)
    top = max(n for _k, n in items)
    out = [f"<figure><figcaption>{e(title)}</figcaption><svg class='chart' width='460' height='{22 * len(items) + 4}'>"]
    for i, (k, n) in enumerate(items):
        bw = 280 * n / top
        out.append(f"<text x='0' y='{16 + i * 22}' font-size='12'>{e(k or '?')}</text>"
                   f"<rect x='140' y='{5 + i * 22}' width='{bw:.1f}' height='14' fill='{PALETTE[i % len(PALETTE)]}'/>"
                   f"<text x='{146 + bw:.1f}' y='{16 + i * 22}' font-size='12'>{n}</text>")
    out.append("</svg></figure>")
    return "".join(out)


def _highlight(text: str, needle: str) -> str:
    if not needle:
        return e(text)
    out, low, nl, i = [], text.lower(), needle.lower(), 0
    while True:
        j = low.find(nl, i)
        if j < 0:
            out.append(e(text[i:]))
            return "".join(out)
        out.append(e(text[i:j]) + "<mark>" + e(text[j:j + len(needle)]) + "</mark>")
        i = j + len(needle)


def _drilldown(v: dict[str, Any], by_id: dict[int, dict[str, Any]], messages: dict[int, dict[str, Any]],
               policy_text: str) -> str:
    parts = [f"<section class='verdict' id='v-{e(v['type'])}-{e(v['recipient'])}'>"
             f"<h3><span class='chip' style='background:{VERDICT_COLORS[v['verdict']]}'>{e(v['verdict'])}</span> "
             f"{e(v['type'])} &rarr; {e(v['recipient'])}{' (before consent)' if v.get('before_consent') else ''}</h3>"
             f"<p>{e(v['reason'])}</p><div class='pair'><div><h4>Traffic</h4>"]
    for fid in v["findings"][:8]:
        f = by_id.get(fid)
        if f is None:
            continue
        m = messages.get(f.get("message_id") or -1) or {}
        parts.append(f"<div class='req'><code>{e(m.get('method', ''))} {e(m.get('url', '') or f['host'])}</code><br>"
                     f"field <code>{e(f['location'])}</code> via <code>{e(f['transform'])}</code>: "
                     f"<mark>{e(f['value'])}</mark><br><small>{e(f['evidence'])} &middot; {e(_ts(f['ts']))} &middot; "
                     f"{e(f['capture'])}</small>")
        body = m.get("body_text", "")
        if body:
            parts.append(f"<pre>{_highlight(body[:3000], f['value'])}</pre>")
        parts.append("</div>")
    parts.append("</div><div><h4>Policy</h4>")
    for ev in v.get("policy_evidence", []):
        s, t = ev.get("start", 0), ev.get("end", 0)
        ctx_before = policy_text[max(0, s - 120):s] if policy_text else ""
        ctx_after = policy_text[t:t + 120] if policy_text else ""
        parts.append(f"<blockquote>&hellip;{e(ctx_before)}<mark>{e(ev.get('text', ''))}</mark>{e(ctx_after)}&hellip;"
                     f"<br><small>characters {e(s)}&ndash;{e(t)}</small></blockquote>")
    if not v.get("policy_evidence"):
        parts.append("<p><em>No sentence of the policy covers this.</em></p>")
    parts.append("</div></div></section>")
    return "".join(parts)


CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;
vertical-align:top}.matrix td a{color:#fff;text-decoration:none}.matrix td{text-align:center}
.chip{color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;margin-right:4px}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;
padding:6px;max-height:240px;overflow:auto;font-size:12px}mark{background:#ffeb3b}blockquote{border-left:4px solid #1565c0;
margin:0 0 1em 0;padding:4px 8px;background:#f3f7fc}.verdict{border-top:1px solid #ddd;padding-top:.5em}
figure{display:inline-block;margin:0 2em 1em 0}figcaption{font-weight:bold}code{font-size:12px}
.req{margin-bottom:1em}"""


def render_html(report: dict[str, Any], messages: dict[int, dict[str, Any]] | None = None,
                policy_text: str = "") -> str:
    from monitor.report import labels_view

    messages = messages or report.get("_messages", {})
    policy_text = policy_text or report.get("_policy_text", "")
    gen = report.get("generator", {})
    consent = report.get("consent_ts")
    caps = "".join(f"<tr><td>{e(c['path'])}</td><td>{e(c['format'])}</td><td><code>{e(c['sha256'])}</code></td>"
                   f"<td>{e(c['packets'])}</td><td>{e(_ts(c['first_ts']))}</td><td>{e(_ts(c['last_ts']))}</td>"
                   f"<td>{e(', '.join(c.get('keylogs', [])))}</td>"
                   f"<td>{'<br>'.join('<b>' + e(w) + '</b>' for w in c.get('warnings', []))}</td></tr>"
                   for c in report["captures"])
    dests = "".join(f"<tr><td>{e(d['host'])}</td><td>{e(d['ip'])}</td><td>{e(d['port'])}/{e(d['transport'])}</td>"
                    f"<td>{e(d['protocol'])}{' (pinned: content not seen)' if d.get('tls_rejected') else ''}</td><td>{e(d['sdk'])}</td><td>{e(d['organization'])}</td>"
                    f"<td>{e(d['category'])}</td><td>{e(d['country'])}</td><td>{e(d['bytes_out'])}</td>"
                    f"<td>{e(d['bytes_in'])}</td></tr>" for d in report["destinations"])
    finds = "".join(f"<tr><td>{e(f['id'])}</td><td>{e(f['type'])}</td><td><code>{e(f['value'])}</code></td>"
                    f"<td>{e(f['transform'])}</td><td><code>{e(f['location'])}</code></td><td>{e(f['confidence'])}</td>"
                    f"<td>{e(f['host'] or f['ip'])}</td><td>{e(f['sdk'])}</td><td>{e(f['evidence'])}"
                    f"{'<br><small>' + e(f['reason']) + '</small>' if f.get('reason') else ''}</td>"
                    f"<td>{e(_ts(f['ts']))}{' <b>before consent</b>' if _early(f, consent) else ''}</td></tr>"
                    for f in sorted(report["findings"], key=lambda f: not _early(f, consent)))
    by_id = {f["id"]: f for f in report["findings"]}
    verdicts = report.get("verdicts") or []
    drill = "".join(_drilldown(v, by_id, messages, policy_text) for v in verdicts if v["verdict"] != "not_observed")
    cat = Counter(d["category"] for d in report["destinations"])
    country = Counter(d["country"] or "unknown" for d in report["destinations"])
    policy = report.get("policy") or {}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>privmon report</title><style>{CSS}</style></head><body>
<h1>privmon report</h1>
<p>privmon {e(gen.get('version', ''))} &middot; signature set {e(gen.get('signatures', ''))} &middot;
countries from {e(gen.get('country_data') or 'none')} &middot; policy {e(policy.get('source', 'none'))}{' &middot; consent at ' + e(_ts(report.get('consent_ts'))) if report.get('consent_ts') else ''}</p>
{''.join('<p class="warning"><b>Warning</b> (policy): ' + e(w) + '</p>' for w in policy.get('warnings', []))}
<h2>Captures</h2><table><tr><th>file</th><th>format</th><th>SHA-256</th><th>packets</th><th>first</th><th>last</th>
<th>key logs</th><th>warnings</th></tr>{caps}</table>
<h2>Verdicts</h2><div class='pair'><div><h3>Privacy policy</h3>{_matrix(verdicts)}</div>
<div><h3>Store labels</h3>{labels_view.html_matrix(report)}</div></div>
<h2>Timeline</h2>{_timeline(report['findings'], report.get('consent_ts'))}
<h2>Destinations</h2>{_bars('by category', cat)}{_bars('by country', country)}
<table><tr><th>host</th><th>ip</th><th>port</th><th>protocol</th><th>SDK</th><th>organization</th><th>category</th>
<th>country</th><th>bytes out</th><th>bytes in</th></tr>{dests}</table>
<h2>Evidence per verdict</h2>{drill or '<p>No verdicts.</p>'}{labels_view.html_drilldowns(report, messages)}
<h2>Findings</h2><table><tr><th>id</th><th>type</th><th>value</th><th>transform</th><th>location</th><th>confidence</th>
<th>destination</th><th>SDK</th><th>evidence</th><th>time (UTC)</th></tr>{finds}</table>
</body></html>
"""
