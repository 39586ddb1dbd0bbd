"""`privmon proxy`: mitmproxy in-process with the privmon addon (the same addon mitmdump -s loads)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

from monitor.live.recorder import ProcessRecorder


def run_proxy(db_path: str, signature_dirs: tuple[str, ...], profile_path: str | None, listen_host: str,
              listen_port: int, mode: str, allow_clients: tuple[str, ...], save_flows: bool, keylog: bool,
              confdir: str | None = None, ready: Any = None, geoip: str | None = None) -> ProcessRecorder:
    """Run until SIGINT/SIGTERM; returns the recorder (its stats are the session's summary)."""
    base = Path(db_path)
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
        master.addons.add(addon)
        if allow_clients:
            master.options.update(privmon_allow_client=",".join(allow_clients))
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
