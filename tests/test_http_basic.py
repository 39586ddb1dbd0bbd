"""HTTP Basic authentication in clear text (a camera's or a router's web API on the LAN) sends the password itself,
base64-encoded: privmon reports it as credentials, under any header name that ends in "Authorization"; over HTTPS
it is not a clear-text credential."""

from __future__ import annotations

import base64
from pathlib import Path

from har_run import entry, findings


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_a_basic_authorization_sent_in_clear_text_is_a_credential(tmp_path: Path) -> None:
    found = findings(tmp_path, [
        entry("http://192.168.1.1/JNAP/", "{}", "application/json",
              (("X-JNAP-Authorization", _basic("admin", "Velop!2024home")),)),
        entry("http://192.168.1.64/ISAPI/System/deviceInfo", "", "text/plain",
              (("Authorization", _basic("admin", "cam-Pass9")),)),
        entry("https://api.example-router.com/login", "{}", "application/json",
              (("Authorization", _basic("admin", "tls-Only7")),)),
        entry("http://192.168.1.64/ISAPI/Streaming", "", "text/plain", (("Authorization", "Bearer abc.def.ghi"),)),
    ])
    passwords = {v for t, v, _ in found if t == "credentials"}
    assert passwords == {"Velop!2024home", "cam-Pass9"}
