"""HAR 1.2 files (browser devtools, HTTP Toolkit, mitmproxy's savehar, PCAPdroid) -> HttpExchanges."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from monitor.errors import BadInput
from monitor.model import Endpoint, FlowStats, HttpExchange, Message
from monitor.sources.http1 import normalize_host

MAX_HAR_BYTES = 512 * 1024 * 1024
BODY_KEEP = 1 << 20


class HarSource:
    format = "har"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.packets = 0
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self.warnings: list[str] = []
        self._done = 0
        size = path.stat().st_size
        if size > MAX_HAR_BYTES:
            raise BadInput(str(path), f"HAR file larger than {MAX_HAR_BYTES >> 20} MB")
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise BadInput(str(path), f"not valid JSON: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except json.JSONDecodeError as exc:
            raise BadInput(str(path), f"not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise BadInput(str(path), "JSON nested too deeply") from exc
        except ValueError as exc:  # e.g. a 5,000-digit number (Python's integer conversion limit)
            raise BadInput(str(path), f"not usable JSON: {exc}") from exc
        log = data.get("log") if isinstance(data, dict) else None
        entries = log.get("entries") if isinstance(log, dict) else None
        if not isinstance(entries, list):
            what = ("the top level is not an object" if not isinstance(data, dict) else "no \"log\" object"
                    if not isinstance(log, dict) else "log.entries is not a list")
            raise BadInput(str(path), f"not a HAR file ({what})")
        self.entries: list[Any] = entries
        self.size = size

    def progress(self) -> int:
        return self.size * self._done // max(1, len(self.entries))

    def messages(self) -> Iterator[Message | FlowStats]:
        for i, e in enumerate(self.entries, 1):
            self._done = i
            m = _exchange(e, i)
            if m is None:
                self.warnings.append(f"entry {i}: not a request, skipped") if len(self.warnings) < 20 else None
                continue
            self.packets += 1
            self.first_ts = m.ts if self.first_ts is None else min(self.first_ts, m.ts)
            self.last_ts = m.ts if self.last_ts is None else max(self.last_ts, m.ts)
            yield m


def _exchange(e: Any, index: int) -> HttpExchange | None:
    if not isinstance(e, dict) or not isinstance(e.get("request"), dict):
        return None
    req: dict[str, Any] = e["request"]
    resp: dict[str, Any] = e["response"] if isinstance(e.get("response"), dict) else {}
    url = str(req.get("url", ""))[:16384]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower() if parts.scheme.lower() in ("http", "https") else "http"
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    ip = str(e.get("serverIPAddress", "") or "").strip("[]")[:64]
    post: dict[str, Any] = req["postData"] if isinstance(req.get("postData"), dict) else {}
    raw_status = resp.get("status")
    status = raw_status if isinstance(raw_status, int) and 0 < raw_status < 1000 else None
    content: dict[str, Any] = resp["content"] if isinstance(resp.get("content"), dict) else {}
    return HttpExchange(
        ts=_ts(e.get("startedDateTime")),
        client=Endpoint("", 0),
        server=Endpoint(ip, port or (443 if scheme == "https" else 80)),
        method=str(req.get("method", "GET"))[:16],
        host=normalize_host(parts.hostname or ""),
        path=path,
        request_headers=_headers(req.get("headers")),
        request_body=_body(post.get("text"), post.get("encoding")),
        status=status,
        response_headers=_headers(resp.get("headers")),
        response_body=_body(content.get("text"), content.get("encoding")),
        evidence=f"har entry {index}",
        scheme=scheme,
        http_version=str(req.get("httpVersion", "HTTP/1.1"))[:16],
        error="" if status else "no response",
        protocol="https" if scheme == "https" else "http",
    )


def _headers(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list):
        return ()
    out = []
    for h in raw[:200]:
        if isinstance(h, dict) and "name" in h:
            out.append((str(h["name"])[:256], str(h.get("value", ""))[:16384]))
    return tuple(out)


def _body(text: Any, encoding: Any) -> bytes:
    if not isinstance(text, str):
        return b""
    text = text[: BODY_KEEP * 2]
    if encoding == "base64":
        try:
            return base64.b64decode(text, validate=False)[:BODY_KEEP]
        except (binascii.Error, ValueError):
            return text.encode("utf-8", "replace")[:BODY_KEEP]
    return text.encode("utf-8", "replace")[:BODY_KEEP]


def _ts(raw: Any) -> float:
    if not isinstance(raw, str):
        return 0.0
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0
