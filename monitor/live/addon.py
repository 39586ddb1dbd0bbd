"""The mitmproxy addon: observes what goes through the proxy and hands a copy to the recorder.

HTTP(S) exchanges, WebSocket messages, raw TCP and UDP payloads, DNS answers, and TLS handshakes
the client refused (certificate pinning: the destination is recorded, its content is not seen).
It never changes a flow, except that with `privmon_passthrough_pinned` later connections to a
host whose client refused the proxy's certificate are passed through untouched (the app keeps
working; the destination is still recorded from its ClientHello). Building a plain message is the
only work on the proxy's event loop; one `try` at each handoff logs, counts and lets the flow go.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from mitmproxy import ctx, exceptions, http

from monitor.live import observe
from monitor.live.recorder import say
from monitor.sources.http1 import normalize_host
from monitor.sources.mitm import raw_from_flow

log = logging.getLogger("privmon.addon")
# a complete HTTP/1 request line; mitmproxy guesses HTTP from "a word, a space, a newline" and then waits
# for headers that a text protocol never sends, so anything else on a raw connection stays raw TCP
_REQUEST_LINE = re.compile(rb"[A-Za-z-]{3,20} \S+ HTTP/\d(?:\.\d)?\r?\n")


class PrivmonAddon:
    def __init__(self, recorder: Any = None, flows: Any = None) -> None:
        self.recorder = recorder  # given by `privmon proxy`; built from options under mitmdump -s
        self.owns_recorder = recorder is None
        self.flows = flows  # a monitor.live.sidefiles.FlowFile, or None
        self.failures = 0
        self.allowed: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.pinned: dict[str, int] = {}  # host (SNI) -> handshakes in which the client refused our certificate
        self.passthrough_pinned = False
        self._raw: dict[str, list[float]] = {}  # raw flow id -> [messages, bytes out, bytes in, first ts, last ts]

    def load(self, loader: Any) -> None:
        loader.add_option("privmon_db", str, "", "privmon: SQLite database to write findings to.")
        loader.add_option("privmon_profile", str, "", "privmon: device profile TOML.")
        loader.add_option("privmon_signatures", str, "", "privmon: extra signature directory.")
        loader.add_option("privmon_geoip", str, "", "privmon: MaxMind-format country database (.mmdb).")
        loader.add_option("privmon_save_flows", bool, False,
                          "privmon: also save the flows (mitmproxy format) to <db>.flows, for privmon analyze.")
        loader.add_option("privmon_passthrough_pinned", bool, False,
                          "privmon: pass later connections to a host through untouched once its client refused "
                          "the proxy's certificate (pinning); they are still recorded from their ClientHello.")
        loader.add_option("privmon_allow_client", str, "",
                          "privmon: comma-separated CIDRs of lab clients allowed to use the proxy (empty: all).")

    def configure(self, updated: set[str]) -> None:
        if "privmon_passthrough_pinned" in updated:
            self.passthrough_pinned = bool(ctx.options.privmon_passthrough_pinned)
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
        self._submit(raw_from_flow, flow)  # plain values only: the exchange is built in the recorder

    def _submit(self, build: Callable[..., Any], *args: Any) -> None:
        """Build one message and hand it to the recorder; any error is logged, counted and ignored."""
        if self.recorder is None:
            return
        try:
            item = build(*args)
            if item is not None:
                self.recorder.submit(item)
        except Exception:  # noqa: BLE001 - fail open: the flow goes through whatever privmon does
            self.failures += 1
            log.exception("privmon: could not record %s", getattr(args[0], "id", "?") if args else "?")

    def next_layer(self, nextlayer: Any) -> None:
        """Never stall a flow: a text line that only looks like HTTP on a socks5/transparent/WireGuard
        connection is passed as raw TCP (recorded by tcp_message) instead of waiting for headers."""
        try:
            from mitmproxy.proxy import layers
            from mitmproxy.proxy.layers import modes

            ctx_ = nextlayer.context
            stack = [x for x in ctx_.layers if x is not nextlayer.layer and x is not nextlayer]
            if ctx_.client.transport_protocol != "tcp" or len(stack) != 1 or isinstance(
                    stack[0], (modes.HttpProxy, modes.HttpUpstreamProxy, modes.ReverseProxy)):
                return  # explicit/reverse HTTP proxying, or inside TLS: mitmproxy's choice stands
            if nextlayer.layer is not None and not isinstance(nextlayer.layer, layers.HttpLayer):
                return
            data = nextlayer.data_client()
            if b"\n" not in data[:4096] or nextlayer.data_server():
                return  # not a complete first line yet: mitmproxy waits or decides raw by itself
            if not _REQUEST_LINE.match(data):
                nextlayer.layer = layers.TCPLayer(ctx_)
        except Exception:  # noqa: BLE001 - fail open: mitmproxy's own choice stands
            log.exception("privmon: next_layer")

    # -- TLS: pinned certificates ---------------------------------------------------------------

    def tls_clienthello(self, data: Any) -> None:
        if not self.passthrough_pinned:
            return
        try:
            sni = normalize_host(data.client_hello.sni or "")
        except Exception:  # noqa: BLE001 - fail open
            return
        if sni and sni in self.pinned:
            data.ignore_connection = True  # the app pins this host: let it through, record only the hello
            self._submit(observe.hello_from_tls, data, False, time.time())

    def tls_failed_client(self, data: Any) -> None:
        """The client refused the proxy's certificate: record the destination, content not seen."""
        try:
            sni = normalize_host(getattr(data.conn, "sni", None) or "")
            if sni:
                self.pinned[sni] = self.pinned.get(sni, 0) + 1
                if self.pinned[sni] == 1:
                    log.warning("privmon: the client rejected the proxy's certificate for %s (pinning?)%s", sni,
                                "; later connections pass through" if self.passthrough_pinned else "")
        except Exception:  # noqa: BLE001 - fail open
            log.exception("privmon: could not read a failed TLS handshake")
        self._submit(observe.hello_from_tls, data, True, time.time())

    # -- WebSocket, raw TCP/UDP, DNS --------------------------------------------------------------

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        self._submit(observe.websocket_message, flow)

    def tcp_message(self, flow: Any) -> None:
        self._raw_message(flow, "tcp")

    def udp_message(self, flow: Any) -> None:
        self._raw_message(flow, "udp")

    def _raw_message(self, flow: Any, transport: str) -> None:
        try:
            msg = flow.messages[-1]
            acc = self._raw.get(flow.id)
            ts = float(msg.timestamp or time.time())
            if acc is None:
                acc = self._raw[flow.id] = [0, 0, 0, ts, ts]
            acc[0] += 1
            acc[1 if msg.from_client else 2] += len(msg.content)
            acc[4] = ts
            if acc[0] > observe.MAX_MESSAGES_PER_FLOW[transport]:
                return  # counted in the flow's bytes; identifiers and P2P logins travel in the first ones
        except Exception:  # noqa: BLE001 - fail open
            self.failures += 1
            log.exception("privmon: could not read %s message of %s", transport, getattr(flow, "id", "?"))
            return
        self._submit(observe.raw_message, flow, transport)

    def tcp_end(self, flow: Any) -> None:
        self._raw_end(flow, "tcp")

    def tcp_error(self, flow: Any) -> None:
        self._raw_end(flow, "tcp")

    def udp_end(self, flow: Any) -> None:
        self._raw_end(flow, "udp")

    def udp_error(self, flow: Any) -> None:
        self._raw_end(flow, "udp")

    def _raw_end(self, flow: Any, transport: str) -> None:
        acc = self._raw.pop(str(getattr(flow, "id", "")), None)
        if acc is not None:
            self._submit(observe.flow_stats, flow, transport, int(acc[1]), int(acc[2]), int(acc[0]), acc[3], acc[4])

    def dns_response(self, flow: Any) -> None:
        self._submit(observe.dns_answer, flow)

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
