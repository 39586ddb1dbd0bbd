"""Pattern-mode detection (no profile) of camera ids whose form varies between apps."""

from __future__ import annotations

import json

import pytest

from monitor import decode
from monitor.classify.identifiers import Detector
from monitor.profile import EMPTY_PROFILE
from monitor.signatures import load_signatures

DETECTOR = Detector(load_signatures().identifiers, EMPTY_PROFILE)


def found(body: dict[str, object]) -> list[tuple[str, str]]:
    return sorted((h.type, h.value) for h in DETECTOR.scan(decode.fields_of_payload(json.dumps(body).encode(), "tcp")))


@pytest.mark.parametrize(("body", "expected"), [
    ({"deviceId": "VSTC123456ABCDE"}, [("device_uid", "VSTC123456ABCDE")]),  # dashes dropped, device-ish key
    ({"camera": "EEEE000123XKPTV"}, [("device_uid", "EEEE000123XKPTV")]),
    ({"note": "see VSTC-123456-ABCDE"}, [("device_uid", "VSTC-123456-ABCDE")]),  # with dashes: any key
    ({"model": "VSTC123456ABCDE"}, []),  # without dashes and without a device-ish key: not claimed
    ({"deviceId": "3f6a2b9c81d04e57"}, [("android_id", "3f6a2b9c81d04e57")]),  # not a camera id shape
    ({"deviceId": "VSTC123456ABCDEXYZ"}, []),  # the whole value must be the id
])
def test_camera_ids_with_and_without_dashes(body: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected
