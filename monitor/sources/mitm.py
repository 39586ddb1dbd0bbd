"""mitmproxy flow files (`mitmdump -w`, `--save-flows`) -> HttpExchanges.

Bodies come from `raw_content` (as on the wire); mitmproxy's `get_content()` decodes gzip with no
size cap, so decoding is left to privmon's bounded decoder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from monitor.errors import BadInput
from monitor.model import Endpoint, FlowStats, HttpExchange, Message
from monitor.sources.http1 import normalize_host

BODY_KEEP = 1 << 20


def exchange_from_flow(flow: Any) -> HttpExchange | None:
    """A mitmproxy HTTPFlow as an HttpExchange (shared by flow files and the live addon)."""
    req = getattr(flow, "request", None)
    if req is None:
        return None
    resp = flow.response
    client = flow.client_conn.peername or ("", 0)
    server = flow.server_conn.peername or flow.server_conn.address or ("", 0)
    scheme = req.scheme if req.scheme in ("http", "https") else "http"
    err = flow.error.msg if getattr(flow, "error", None) else ("" if resp is not None else "no response")
    return HttpExchange(
        ts=float(req.timestamp_start or 0.0),
        client=Endpoint(str(client[0]), int(client[1])),
        server=Endpoint(str(server[0]), int(server[1] or req.port)),
        method=req.method[:16],
        host=normalize_host(req.pretty_host or req.host),
        path=req.path,
        request_headers=tuple((k, v) for k, v in req.headers.items(multi=True))[:200],
        request_body=(req.raw_content or b"")[:BODY_KEEP],
        status=resp.status_code if resp is not None else None,
        response_headers=tuple((k, v) for k, v in resp.headers.items(multi=True))[:200] if resp is not None else (),
        response_body=(resp.raw_content or b"")[:BODY_KEEP] if resp is not None else b"",
        evidence=f"flow {flow.id}",
        scheme=scheme,
        http_version=req.http_version,
        body_truncated=len(req.raw_content or b"") > BODY_KEEP,
        error=str(err)[:200],
        protocol="https" if scheme == "https" else "http",
    )


class MitmSource:
    format = "mitmproxy"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.packets = 0
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self.warnings: list[str] = []
        self._fh: Any = None

    def progress(self) -> int:
        return self._fh.tell() if self._fh is not None and not self._fh.closed else 0

    def messages(self) -> Iterator[Message | FlowStats]:
        from mitmproxy import http, io
        from mitmproxy.exceptions import FlowReadException

        with self.path.open("rb") as fh:
            self._fh = fh
            try:
                for flow in io.FlowReader(fh).stream():
                    if not isinstance(flow, http.HTTPFlow):
                        continue
                    m = exchange_from_flow(flow)
                    if m is None:
                        continue
                    self.packets += 1
                    self.first_ts = m.ts if self.first_ts is None else min(self.first_ts, m.ts)
                    self.last_ts = m.ts if self.last_ts is None else max(self.last_ts, m.ts)
                    yield m
            except (FlowReadException, ValueError, KeyError, TypeError) as exc:
                if self.packets == 0:
                    raise BadInput(str(self.path), f"not a readable mitmproxy flow file: {exc}") from exc
                self.warnings.append(f"flow file damaged after {self.packets} flows: {exc}")
