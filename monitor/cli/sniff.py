"""`privmon sniff`: live capture of devices that do not go through the proxy."""

from __future__ import annotations

import ipaddress

import click

from monitor.cli.common import build_context, geoip_option, profile_option, signatures_option


@click.command("sniff")
@click.option("-i", "--iface", required=True, help="Network interface to capture on (the lab Wi-Fi / bridge).")
@click.option("--device", "devices", multiple=True, help="IP address of a device to watch (repeatable).")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@profile_option
@click.option("--write", "write", type=click.Path(dir_okay=False), help="Also keep a pcapng of what was seen.")
@click.option("--rotate-mb", type=click.IntRange(1, 100_000), default=512, show_default=True,
              help="Start a new pcapng file past this size.")
@click.option("--duration", type=float, help="Stop after this many seconds (default: until Ctrl-C).")
@signatures_option
@geoip_option
def command(iface: str, devices: tuple[str, ...], db_path: str, profile_path: str | None, write: str | None,
            rotate_mb: int, duration: float | None, signature_dirs: tuple[str, ...], geoip: str | None) -> None:
    """Sniff P2P camera traffic, DNS, TLS/QUIC names and clear HTTP into DB (scapy packet socket).

    With --device, only traffic to and from those addresses is captured (a BPF filter). Needs
    CAP_NET_RAW. Ctrl-C stops cleanly and prints a summary, including packets the kernel dropped.
    """
    for d in devices:
        try:
            ipaddress.ip_address(d)
        except ValueError as exc:
            raise click.BadParameter(f"{d!r} is not an IP address", param_hint="--device") from exc
    ctx = build_context(signature_dirs, profile_path, geoip)
    from monitor.live.sniff import run_sniffer

    # said once capturing, not before: whoever starts the traffic after this line loses none of it
    s = run_sniffer(iface, devices, db_path, ctx, write, rotate_mb, duration,
                    on_ready=lambda: click.echo(f"privmon sniff on {iface} -> {db_path} (Ctrl-C to stop)", err=True))
    click.echo(f"privmon sniff stopped: {s.packets} packets, {s.kernel_drops} dropped by the kernel, "
               f"{s.recorded} messages recorded, {s.dropped} dropped by privmon, {s.errors} errors"
               + (f", {s.lost} lost in failed database writes" if s.lost else ""), err=True)
