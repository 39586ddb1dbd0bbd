"""Run `privmon analyze` on a HAR file written from a few requests and read the findings back from the JSON report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def entry(url: str, body: str, mime: str, headers: tuple[tuple[str, str], ...] = ()) -> dict[str, object]:
    return {"startedDateTime": "2026-12-04T10:00:00.000Z", "time": 1,
            "request": {"method": "POST", "url": url, "httpVersion": "HTTP/1.1", "queryString": [],
                        "headers": [{"name": "Content-Type", "value": mime},
                                    *({"name": k, "value": v} for k, v in headers)],
                        "postData": {"mimeType": mime, "text": body}, "headersSize": -1, "bodySize": len(body)},
            "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [],
                         "content": {"size": 0, "mimeType": "text/plain"}, "headersSize": -1, "bodySize": 0},
            "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}


def findings(tmp_path: Path, entries: list[dict[str, object]]) -> set[tuple[str, str, str]]:
    har = tmp_path / "cam.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"},
                                       "entries": entries}}), encoding="utf-8")
    db = tmp_path / "c.db"
    run = [sys.executable, "-m", "monitor"]
    done = subprocess.run([*run, "analyze", str(har), "--db", str(db), "-q"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    out = subprocess.run([*run, "report", "--db", str(db), "--format", "json"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    return {(f["type"], f["value"], f["host"]) for f in report["findings"]}
