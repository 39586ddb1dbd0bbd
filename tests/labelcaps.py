"""Captures and a profile for the store-label tests: an Android phone, an iPhone and a camera on one lab LAN.

Every flow is plain HTTP (so its identifiers are cleartext) from a known client address; the tests
pick which flows a build's capture holds.
"""

from __future__ import annotations

import json
from pathlib import Path

from pcapgen import eth, ip4, pcap, tcp

PHONE, IPHONE, CAMERA = "10.42.0.23", "10.42.0.30", "10.42.0.57"
IMEI, GAID = "356938035643809", "38400000-8cf0-11bd-b23e-10b96e40000d"
IDFA = "EA7583CD-A667-48BC-B806-42ECB2B48606"
UID, CAM_MAC = "ABCD-123456-EFGHJ", "00:12:34:56:78:9a"

PROFILE = f"""
[[device]]
name = "lab-phone"
ip = "{PHONE}"
imei = "{IMEI}"
gaid = "{GAID}"
email = "lab@example.org"
latitude = 22.5431
longitude = 114.0579

[[device]]
name = "lab-iphone"
ip = "{IPHONE}"
idfa = "{IDFA}"
email = "ios-lab@example.org"

[[device]]
name = "lab-camera"
ip = "{CAMERA}"
device_uid = "{UID}"
mac = "{CAM_MAC}"

[app]
name = "SecuHome"
first_party = ["secuhome.example"]
"""

FLOWS = {
    # the Android app
    "gdt_imei": (PHONE, "mi.gdt.qq.com", "GET", f"/gdt_mview.fcg?imei={IMEI}&os=android", b""),
    "adjust_gaid": (PHONE, "app.adjust.com", "GET", f"/session?gps_adid={GAID}&app_token=abc123", b""),
    "bind_camera": (PHONE, "api.secuhome.example", "POST", "/v1/bind",
                    json.dumps({"camera_uid": UID, "email": "lab@example.org"}).encode()),
    "weather": (PHONE, "api.secuhome.example", "GET", "/v1/weather?lat=22.5431&lon=114.0579", b""),
    # the iOS app
    "appsflyer_idfa": (IPHONE, "launches.appsflyer.com", "GET", f"/api/v6.3/iosevent?idfa={IDFA}&app_id=id123", b""),
    "ios_login": (IPHONE, "api.secuhome.example", "POST", "/v1/login",
                  json.dumps({"email": "ios-lab@example.org"}).encode()),
    # the camera's own firmware
    "camera_register": (CAMERA, "api.iotcplatform.com", "GET", f"/register?uid={UID}&mac={CAM_MAC}", b""),
}


def write_capture(path: Path, names: list[str]) -> Path:
    frames = []
    t = 1_767_225_600.0
    for i, name in enumerate(names):
        client, host, method, target, body = FLOWS[name]
        server = f"203.0.113.{10 + list(FLOWS).index(name)}"
        head = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: lab\r\n"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        req = head.encode() + b"\r\n" + body
        sport = 40000 + i
        frames.append((t, eth(ip4(client, server, 6, tcp(sport, 80, 0, 0x02)))))
        frames.append((t + 0.1, eth(ip4(client, server, 6, tcp(sport, 80, 1, data=req)))))
        t += 1.0
    path.write_bytes(pcap(frames))
    return path


def write_profile(path: Path) -> Path:
    path.write_text(PROFILE, encoding="utf-8")
    return path
