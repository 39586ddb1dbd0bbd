"""`privmon proxy`: mitmproxy in-process with the privmon addon (the same addon mitmdump -s loads)."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from monitor.live.recorder import ProcessRecorder
from monitor.report import open_private

WIREGUARD_STEPS = """\
WireGuard mode: the phone sends all its traffic (TCP, UDP, DNS) through this tunnel, no root needed.
  1. Install the WireGuard app on the phone; add a tunnel from {conf} (copy the file, or show it as a
     QR code here with: qrencode -t ansiutf8 < {conf}) and switch it on.
  2. For HTTPS, install mitmproxy's CA on the phone (privmon proxy --help says how).
  3. Endpoint must be an address the phone reaches: run with --listen-host <this machine's lab IP>
     and --allow-client for the phone's tunnel address (10.0.0.1/32)."""


class _LabHelp:
    """Prints what a lab needs once mitmproxy's servers run (the WireGuard client configuration)."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def running(self) -> None:
        from mitmproxy import ctx

        try:
            servers = ctx.master.addons.get("proxyserver").servers
        except AttributeError:
            return
        for server in servers:
            client_conf = getattr(server, "client_conf", None)
            conf = client_conf() if callable(client_conf) else None
            if not conf:
                continue
            path = self.base.with_suffix(".wireguard.conf")
            try:
                with open_private(path, "w") as fh:  # it holds the tunnel's private key
                    fh.write(conf + "\n")
            except OSError as exc:
                print(f"privmon: {path}: cannot write the WireGuard configuration: {exc}", file=sys.stderr)
            print(f"{'-' * 60}\n{conf}\n{'-' * 60}\n{WIREGUARD_STEPS.format(conf=path)}", file=sys.stderr)


def run_proxy(db_path: str, signature_dirs: tuple[str, ...], profile_path: str | None, listen_host: str,
              listen_port: int, mode: str, allow_clients: tuple[str, ...], save_flows: bool, keylog: bool,
              confdir: str | None = None, ready: Any = None, geoip: str | None = None,
              passthrough_pinned: bool = False) -> ProcessRecorder:
    """Run until SIGINT/SIGTERM; returns the recorder (its stats are the session's summary)."""
    base = Path(db_path)
    log = logging.getLogger("privmon")
    if not log.handlers:  # mitmproxy's terminal log is off: privmon's own warnings still reach stderr, once each
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.WARNING)
    from mitmproxy.options import Options
    from mitmproxy.tools.dump import DumpMaster

    from monitor.live.addon import PrivmonAddon
    from monitor.live.sidefiles import FlowFile, KeyLog

    # side files are privmon's (0600, a failed write stops saving, never the proxy), not mitmproxy's
    keys = KeyLog(base.with_suffix(".keys.log")).install() if keylog else None
    flows = FlowFile(base.with_suffix(".flows")) if save_flows else None

    recorder = ProcessRecorder(db_path, signature_dirs, profile_path, "live-proxy",
                               f"proxy {listen_host}:{listen_port}", geoip=geoip).start()
    opts = Options(listen_host=listen_host, listen_port=listen_port, mode=[mode])
    if confdir:
        opts.update(confdir=confdir)

    async def main() -> None:
        master = DumpMaster(opts, with_termlog=False, with_dumper=False)
        addon = PrivmonAddon(recorder, flows)
        master.addons.add(addon, _LabHelp(base))
        if allow_clients:
            master.options.update(privmon_allow_client=",".join(allow_clients))
        if passthrough_pinned:
            master.options.update(privmon_passthrough_pinned=True)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, master.shutdown)
        if ready is not None:
            loop.call_later(0.5, ready)
        await master.run()

    try:
        asyncio.run(main())
    finally:
        recorder.stop()
        for side in (flows, keys):
            if side is not None:
                side.close()
    return recorder
