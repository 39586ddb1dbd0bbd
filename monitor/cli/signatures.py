"""`privmon signatures`: the SDK signature set: list it, explain an attribution, import Exodus rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from monitor.cli.common import build_context, geoip_option, signatures_option
from monitor.errors import BadInput


@click.group("signatures")
def command() -> None:
    """Inspect and extend the SDK signatures (signatures/sdks.toml plus --signatures DIR)."""


@command.command("list")
@click.option("--category", help="Only this category (push, analytics, advertising, ...).")
@signatures_option
def list_(category: str | None, signature_dirs: tuple[str, ...]) -> None:
    """Every SDK/service: id, organization, category, country, rule counts and sources."""
    sigs = build_context(signature_dirs).signatures
    t = Table(title=f"{len(sigs.sdks)} SDKs and services (signature set {sigs.version})")
    for col in ("id", "name", "organization", "category", "country", "hosts", "suffixes", "ips", "sources"):
        t.add_column(col, overflow="fold")
    for s in sorted(sigs.sdks, key=lambda s: (s.category, s.id)):
        if category and s.category != category:
            continue
        t.add_row(Text(s.id), Text(s.name), Text(s.organization), Text(s.category), Text(s.country),
                  str(len(s.hosts)), str(len(s.suffixes)), str(len(s.ips)), Text(", ".join(s.sources)))
    Console(highlight=False).print(t)


@command.command("which")
@click.argument("host_or_ip")
@click.option("--port", type=int, default=443, show_default=True)
@signatures_option
@geoip_option
def which(host_or_ip: str, port: int, signature_dirs: tuple[str, ...], geoip: str | None) -> None:
    """Which SDK a host or IP is attributed to, and why."""
    from monitor.classify.destinations import Attributor

    ctx = build_context(signature_dirs, None, geoip)
    is_ip = bool(re.fullmatch(r"[0-9.]+|[0-9a-fA-F:]+", host_or_ip)) and ("." in host_or_ip or ":" in host_or_ip) \
        and not re.search(r"[g-zG-Z]", host_or_ip)
    host, ip = ("", host_or_ip) if is_ip else (host_or_ip.lower().rstrip("."), "")
    a = Attributor(ctx.signatures, ctx.profile, ctx.geo).attribute(host, ip, port, "tcp", 0.0)
    rule = ctx.signatures.sdk(a.sdk) if a.sdk else None
    click.echo(f"{host_or_ip}: {a.sdk or 'unknown'}")
    click.echo(f"  why: {a.reason}")
    if rule is not None:
        click.echo(f"  {rule.name} / {rule.organization} / {rule.category} / home country {rule.country or '-'}")
        click.echo(f"  rule file: {rule.origin}; sources: {', '.join(rule.sources)}")
    if a.country:
        click.echo(f"  address country: {a.country}")


@command.command("import-exodus")
@click.argument("exodus_json", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", default="user-signatures/sdks.toml", show_default=True,
              type=click.Path(dir_okay=False), help="User signature file to write (use its folder with --signatures).")
def import_exodus(exodus_json: str, output: str) -> None:
    """Convert an Exodus/ETIP trackers export's network signatures into a user sdks.toml."""
    try:
        data = json.loads(Path(exodus_json).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(exodus_json, f"not an Exodus JSON export: {exc}") from exc
    trackers = data.get("trackers", data) if isinstance(data, dict) else data
    items = trackers.values() if isinstance(trackers, dict) else trackers
    out = ["# Imported from an Exodus/ETIP export: network signatures as host suffixes.", ""]
    n = 0
    for t in items:
        if not isinstance(t, dict):
            continue
        suffixes = sorted({_suffix(p) for p in str(t.get("network_signature", "")).split("|") if _suffix(p)})
        if not suffixes:
            continue
        sid = "exodus_" + re.sub(r"[^a-z0-9]+", "_", str(t.get("name", t.get("id", n))).lower()).strip("_")
        cats = [c.lower() for c in t.get("categories", []) if isinstance(c, str)]
        cat = "advertising" if "advertisement" in cats else "analytics" if any(
            c in cats for c in ("analytics", "profiling")) else "crash_reporting" if "crash reporting" in cats else "unknown"
        name = json.dumps(str(t.get("name", sid)))
        out += ["[[sdk]]", f'id = "{sid}"', f"name = {name}", f"organization = {name}", f'category = "{cat}"',
                f"suffixes = {json.dumps(suffixes)}", f"aliases = [{name}]", 'sources = ["EX"]', ""]
        n += 1
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text("\n".join(out), encoding="utf-8")
    click.echo(f"{n} trackers with network signatures written to {output}")


def _suffix(pattern: str) -> str:
    """Exodus regex like `\\.jiguang\\.cn` or `.*\\.umeng\\.com` -> jiguang.cn (simple patterns only)."""
    p = pattern.strip().lstrip("^").rstrip("$").replace(".*", "").replace("\\.", ".").strip(".")
    return p.lower() if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", p.lower()) else ""
