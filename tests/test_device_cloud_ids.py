"""A connected product's cloud (a camera's, a smart plug's) is told the product's own identifiers: there the
serial number and the device id a request carries are the product's (device_uid), not the phone's serial. The
same request to any other host keeps the phone-side reading. Driven through `privmon analyze` on a HAR file and
read back from the JSON report, as a reviewer would."""

from __future__ import annotations

import json
from pathlib import Path

from har_run import entry as _entry
from har_run import findings as _findings

CAMERA_SERIAL = "BD7319462"  # an EZVIZ-style camera serial: 9 letters and digits
PRODUCT_ID = "7J0A3C5PAZB2F91"  # an Imou-style device id
AID = "3f9c2a71d4b8e605"  # a phone's Android ID under deviceId: keeps its type on a camera cloud too


def test_a_camera_clouds_serial_and_device_id_are_the_products_own(tmp_path: Path) -> None:
    found = _findings(tmp_path, [
        _entry(f"https://apiieu.ezvizlife.com/v3/devices/{CAMERA_SERIAL}/1/1/7/switchStatus",
               f"enable=1&serial={CAMERA_SERIAL}&channelNo=1&type=7", "application/x-www-form-urlencoded"),
        _entry("https://openapi.easy4ip.com/openapi/setDeviceCameraStatus",
               json.dumps({"params": {"deviceId": PRODUCT_ID, "enableType": "closeCamera", "channelId": "0"}}),
               "application/json"),
        _entry("https://openapi.easy4ip.com/openapi/bindDevice",
               json.dumps({"params": {"deviceId": AID, "code": "123456"}}), "application/json"),
    ])
    assert ("device_uid", CAMERA_SERIAL, "apiieu.ezvizlife.com") in found
    assert ("device_uid", PRODUCT_ID, "openapi.easy4ip.com") in found
    assert ("android_id", AID, "openapi.easy4ip.com") in found  # a phone id's shape keeps its type
    assert not any(t == "serial" for t, _, _ in found)  # the camera's serial is not the phone's
    assert not any(v in ("0", "1", "7", "123456") for _, v, _ in found)  # channel numbers and codes are no ids


def test_the_same_fields_elsewhere_keep_the_phone_side_reading(tmp_path: Path) -> None:
    found = _findings(tmp_path, [
        _entry("https://api.example-shop.com/v1/report", f"serial={CAMERA_SERIAL}&channelNo=1",
               "application/x-www-form-urlencoded"),
        _entry("https://api.example-shop.com/v1/state", json.dumps({"deviceId": PRODUCT_ID}), "application/json"),
    ])
    assert ("serial", CAMERA_SERIAL, "api.example-shop.com") in found
    assert not any(t == "device_uid" for t, _, _ in found)


def test_a_device_clouds_path_names_the_device_after_device_and_its_mac_as_a_mac(tmp_path: Path) -> None:
    robot = "6HL2zfniaoYYV01CXHh7Nx"  # a Roborock-style device id in the path
    plug = "2105217598394890852148e1e9a3c7d2"  # a Meross-style plug uuid (32 hex)
    found = _findings(tmp_path, [
        _entry(f"https://api-eu.roborock.com/user/scene/device/{robot}", "", "application/json"),
        _entry("https://webrtc.api.wyzecam.com/signaling/device/2CAA8E4B7D19?use_trickle=true", "",
               "application/json"),
        _entry("https://iotx-eu.meross.com/v1/Hub/getSubDevices", json.dumps({"uuid": plug, "page": "12"}),
               "application/json"),
        # the same shapes on a host that is no device's cloud name no device there (other values: a value found
        # once is recognized wherever it recurs)
        _entry("https://api.example-shop.com/device/7KM3xgpjbpZZW12DYIi8Oy",
               json.dumps({"uuid": "3216328609405901963259f2f0b4d8e3"}), "application/json"),
    ])
    assert ("device_uid", robot, "api-eu.roborock.com") in found
    assert ("mac", "2CAA8E4B7D19", "webrtc.api.wyzecam.com") in found
    assert ("device_uid", plug, "iotx-eu.meross.com") in found
    assert not any(h == "api.example-shop.com" for _, _, h in found)
    assert not any(v in ("v1", "Hub", "getSubDevices", "signaling", "12") for _, v, _ in found)  # path words, counts
