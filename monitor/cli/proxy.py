"""`privmon proxy`: watch a phone app live through mitmproxy."""

from __future__ import annotations

import ipaddress

import click

from monitor.cli.common import build_context, geoip_option, profile_option, signatures_option

HELP = """Run mitmproxy with privmon's addon; every HTTP(S) exchange is classified into DB.

\b
Listens on 127.0.0.1 unless told otherwise. On a lab interface, give --allow-client so that only
the lab devices can use the proxy. To see HTTPS, the test device must trust mitmproxy's CA
(created in ~/.mitmproxy on first run):
  Android: copy ~/.mitmproxy/mitmproxy-ca-cert.cer to the device, Settings > Security > Encryption
    & credentials > Install a certificate > CA certificate. Apps targeting Android 7+ trust user
    CAs only if their network security config allows it: use a debug build, an emulator image
    with a writable system store, or a rooted test phone (system store).
  iOS: open http://mitm.it on the device while it uses the proxy, install the profile, then
    Settings > General > About > Certificate Trust Settings > enable full trust for mitmproxy.
The same addon also loads as:
  mitmdump --listen-host 127.0.0.1 -s addons/privmon_addon.py --set privmon_db=lab.db"""


@click.command("proxy", help=HELP)
@click.option("--listen-host", default="127.0.0.1", show_default=True)
@click.option("--listen-port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@profile_option
@click.option("--mode", default="regular", show_default=True,
              help="mitmproxy mode: regular, transparent, wireguard, socks5, upstream:URL, reverse:URL ...")
@click.option("--allow-client", "allow_clients", multiple=True, help="CIDR of lab clients allowed (repeatable).")
@click.option("--save-flows", is_flag=True, help="Also save the flows (mitmproxy format) next to the database.")
@click.option("--keylog", is_flag=True, help="Also write the TLS key log next to the database.")
@click.option("--passthrough-pinned", is_flag=True,
              help="Once a client refuses the proxy's certificate for a host (pinning), pass later connections "
                   "to that host through untouched (still recorded from their ClientHello).")
@click.option("--confdir", type=click.Path(file_okay=False), help="mitmproxy configuration directory (CA).")
@signatures_option
@geoip_option
def command(listen_host: str, listen_port: int, db_path: str, profile_path: str | None, mode: str,
            allow_clients: tuple[str, ...], save_flows: bool, keylog: bool, passthrough_pinned: bool, confdir: str | None,
            signature_dirs: tuple[str, ...], geoip: str | None) -> None:
    for c in allow_clients:
        try:
            ipaddress.ip_network(c, strict=False)
        except ValueError as exc:
            raise click.BadParameter(f"{c!r} is not a CIDR", param_hint="--allow-client") from exc
    try:
        loopback = ipaddress.ip_address(listen_host).is_loopback
    except ValueError:
        loopback = listen_host == "localhost"
    if not loopback and not allow_clients:
        click.echo("privmon: warning: listening beyond loopback without --allow-client: any client may use "
                   "this proxy", err=True)
    build_context(signature_dirs, profile_path, geoip)  # bad signatures or profile: one clear line before listening
    from monitor.live.proxy import run_proxy

    click.echo(f"privmon proxy on {listen_host}:{listen_port} -> {db_path} (Ctrl-C to stop)", err=True)
    rec = run_proxy(db_path, tuple(signature_dirs), profile_path, listen_host, listen_port, mode, allow_clients,
                    save_flows, keylog, confdir, geoip=geoip, passthrough_pinned=passthrough_pinned)
    s = rec.stats
    lost = f", {s.lost} lost in failed database writes" if s.lost else ""
    restarted = f", recorder restarted {rec.restarts} times" if rec.restarts else ""
    click.echo(f"privmon proxy stopped: {s.stored} exchanges recorded, {s.dropped} dropped, {s.errors} errors"
               f"{lost}{restarted}", err=True)
