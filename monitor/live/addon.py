"""The mitmproxy addon: observes every HTTP(S) exchange and hands a copy to the recorder.

It never changes a flow. Building the exchange is the only work on the proxy's event loop; one
`try` at the handoff logs the flow id, counts the failure and lets the flow through untouched.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from mitmproxy import ctx, exceptions, http

from monitor.live.recorder import say
from monitor.sources.mitm import raw_from_flow

log = logging.getLogger("privmon.addon")


class PrivmonAddon:
    def __init__(self, recorder: Any = None, flows: Any = None) -> None:
        self.recorder = recorder  # given by `privmon proxy`; built from options under mitmdump -s
        self.owns_recorder = recorder is None
        self.flows = flows  # a monitor.live.sidefiles.FlowFile, or None
        self.failures = 0
        self.allowed: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []

    def load(self, loader: Any) -> None:
        loader.add_option("privmon_db", str, "", "privmon: SQLite database to write findings to.")
        loader.add_option("privmon_profile", str, "", "privmon: device profile TOML.")
        loader.add_option("privmon_signatures", str, "", "privmon: extra signature directory.")
        loader.add_option("privmon_geoip", str, "", "privmon: MaxMind-format country database (.mmdb).")
        loader.add_option("privmon_save_flows", bool, False,
                          "privmon: also save the flows (mitmproxy format) to <db>.flows, for privmon analyze.")
        loader.add_option("privmon_allow_client", str, "",
                          "privmon: comma-separated CIDRs of lab clients allowed to use the proxy (empty: all).")

    def configure(self, updated: set[str]) -> None:
        if "privmon_allow_client" in updated:
            try:
                self.allowed = [ipaddress.ip_network(c.strip(), strict=False)
                                for c in ctx.options.privmon_allow_client.split(",") if c.strip()]
            except ValueError as exc:
                raise exceptions.OptionsError(f"privmon_allow_client: {exc}") from exc
        if self.owns_recorder and updated & {"privmon_db", "privmon_profile", "privmon_signatures", "privmon_geoip"} \
                and ctx.options.privmon_db:
            from monitor.context import build_context
            from monitor.errors import PrivmonError
            from monitor.live.recorder import ProcessRecorder

            try:
                sig_dirs = (ctx.options.privmon_signatures,) if ctx.options.privmon_signatures else ()
                geoip = ctx.options.privmon_geoip or None
                build_context(sig_dirs, ctx.options.privmon_profile or None, geoip)  # validate options here, once
                if self.recorder is not None:
                    self.recorder.stop()
                self.recorder = ProcessRecorder(ctx.options.privmon_db, sig_dirs, ctx.options.privmon_profile or None,
                                                "live-proxy", "mitmproxy", geoip=geoip).start()
            except PrivmonError as exc:
                raise exceptions.OptionsError(f"privmon: {exc.line()}") from exc

        if self.owns_recorder and updated & {"privmon_save_flows", "privmon_db"}:
            # privmon's guarded writer, not mitmproxy's Save addon (which ends the process when a write fails)
            from pathlib import Path

            from monitor.live.sidefiles import FlowFile

            if self.flows is not None:
                self.flows.close()
                self.flows = None
            if ctx.options.privmon_save_flows and ctx.options.privmon_db:
                self.flows = FlowFile(Path(ctx.options.privmon_db).with_suffix(".flows"))

    def client_connected(self, client: Any) -> None:
        if not self.allowed:
            return
        try:
            ip = ipaddress.ip_address(client.peername[0])
        except (ValueError, TypeError, IndexError):
            return
        if not any(ip.version == n.version and ip in n for n in self.allowed):
            client.error = "privmon: client not in --allow-client"

    def response(self, flow: http.HTTPFlow) -> None:
        self._hand_over(flow)
        if self.flows is not None:
            self._save(flow)

    def error(self, flow: http.HTTPFlow) -> None:
        if flow.response is None:  # requests that got no response are evidence too
            self._hand_over(flow)
            if self.flows is not None:
                self._save(flow)

    def _save(self, flow: http.HTTPFlow) -> None:
        try:
            self.flows.add(flow)
        except Exception:  # noqa: BLE001 - fail open
            log.exception("privmon: could not save flow %s", getattr(flow, "id", "?"))

    def _hand_over(self, flow: http.HTTPFlow) -> None:
        if self.recorder is None:
            return
        try:
            raw = raw_from_flow(flow)  # plain values only: the exchange is built in the recorder
            if raw is not None:
                self.recorder.submit(raw)
        except Exception:  # noqa: BLE001 - fail open: the flow goes through whatever privmon does
            self.failures += 1
            log.exception("privmon: could not record flow %s", getattr(flow, "id", "?"))

    def exposed_hosts(self) -> list[str]:
        """Addresses the proxy listens on beyond loopback ('' is every interface)."""
        from mitmproxy.proxy.mode_specs import ProxyMode

        out = []
        for spec in ctx.options.mode:
            try:
                mode = ProxyMode.parse(spec)
            except ValueError:
                continue
            if mode.listen_port(ctx.options.listen_port) is None:  # e.g. local redirect: nothing listens
                continue
            host = mode.listen_host(ctx.options.listen_host)
            try:
                if ipaddress.ip_address(host).is_loopback:
                    continue
            except ValueError:
                if host == "localhost":
                    continue
            out.append(host or "all interfaces")
        return out

    def running(self) -> None:
        """Warn about an open proxy; start the timer that sends half-full handoff batches."""
        import asyncio

        if self.owns_recorder and not self.allowed:  # `privmon proxy` warns before it starts
            exposed = self.exposed_hosts()
            if exposed:
                say("WARNING: this proxy listens on " + ", ".join(exposed) + " and any client that reaches it may "
                    "use it (and have its traffic recorded). Listen on loopback (--listen-host 127.0.0.1) or allow "
                    "only the lab devices: --set privmon_allow_client=10.42.0.0/24")

        try:
            self._ticker = asyncio.get_running_loop().create_task(self._tick())
        except RuntimeError:  # no loop (unit tests drive the hooks directly)
            self._ticker = None  # type: ignore[assignment]

    async def _tick(self) -> None:
        import asyncio

        while True:
            await asyncio.sleep(0.05)
            tick = getattr(self.recorder, "tick", None)
            if tick is not None:
                try:
                    tick()
                except Exception:  # noqa: BLE001 - fail open
                    log.exception("privmon: handoff failed")

    def done(self) -> None:
        ticker = getattr(self, "_ticker", None)
        if ticker is not None:
            ticker.cancel()
        if self.flows is not None and self.owns_recorder:
            self.flows.close()
        if self.recorder is not None and self.owns_recorder:
            self.recorder.stop()
            s = self.recorder.stats
            lost = f", {s.lost} lost in failed database writes" if s.lost else ""
            say(f"stopped: {s.stored} exchanges recorded, {s.dropped} dropped, {s.errors + self.failures} errors{lost}")
