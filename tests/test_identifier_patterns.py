"""Pattern-mode detection (no profile) of camera ids whose form varies between apps."""

from __future__ import annotations

import json

import pytest

from monitor import decode
from monitor.classify.identifiers import Detector
from monitor.profile import EMPTY_PROFILE
from monitor.rules.load import load_rules

DETECTOR = Detector(load_rules().identifiers, EMPTY_PROFILE)


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


IMEI, AID, MAC = "356938035643809", "3f2a9c81d04b7e65", "a4:5e:60:c1:d2:e3"


def sent(body: bytes, ctype: str = "application/json", headers: tuple[tuple[str, str], ...] = (),
         path: str = "/") -> list[tuple[str, str, str]]:
    from monitor.model import Endpoint, HttpExchange

    m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("203.0.113.9", 443), method="POST",
                     host="sdk.example", path=path, request_headers=(("Content-Type", ctype), *headers),
                     request_body=body, status=200, response_headers=(), response_body=b"", evidence="")
    return sorted((h.type, h.value, h.transform) for h in DETECTOR.scan(decode.fields_of_http(m)))


def test_a_json_web_token_payload_is_read() -> None:
    import base64

    claims = base64.urlsafe_b64encode(json.dumps({"imei": IMEI, "android_id": AID}).encode()).rstrip(b"=").decode()
    assert sent(b"", path=f"/v1/t?token=eyJhbGciOiJIUzI1NiJ9.{claims}.c2lnbmF0dXJl") == [
        ("android_id", AID, "jwt > json"), ("imei", IMEI, "jwt > json")]
    assert sent(b"", path="/v1/t?token=eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln") == []  # payload not JSON


def test_a_form_inside_a_value_keeps_its_keys() -> None:
    body = json.dumps({"data": f"imei={IMEI}&android_id={AID}&mac={MAC}"}).encode()
    assert sent(body) == [("android_id", AID, "json > form"), ("imei", IMEI, "json > form"),
                          ("mac", MAC, "json > form")]  # once each: the pairs stand for the string
    assert sent(f"imei={IMEI};android_id={AID}".encode(), "text/plain") == [
        ("android_id", AID, "plain"), ("imei", IMEI, "plain")]
    # a URL with a query is not a form: nothing keyed comes out of "https://...?android_id"
    assert sent(json.dumps({"ref": f"https://x.example/p?q=1&id={AID}"}).encode()) == []


def test_name_value_pair_objects_are_keyed_by_their_name() -> None:
    body = json.dumps({"params": [{"key": "imei", "value": IMEI}, {"name": "android_id", "value": AID},
                                  {"k": "build", "v": "356938035643808"}]}).encode()
    assert sent(body) == [("android_id", AID, "json"), ("imei", IMEI, "json")]


def test_a_keyed_value_that_fails_its_shape_is_still_searched_freely() -> None:
    assert sent(json.dumps({"imei": f"{IMEI};slot2"}).encode()) == [("imei", IMEI, "json")]


def test_credentials_in_a_cgi_request_inside_a_binary_frame() -> None:
    # VStarcam-style DRW: 4-byte app header, then a CGI request carrying the camera login in clear
    frame = (b"\xf1\xd0\x00\x60\xd1\x00\x00\x01\x01\x0a\x00\x00"
             b"GET /get_params.cgi?loginuse=admin&loginpas=Secr3t-x&next_url=1 HTTP/1.1\r\n\r\n")
    hits = DETECTOR.scan(decode.fields_of_payload(frame, "udp"))
    assert [(h.type, h.value, h.transform) for h in hits] == [("credentials", "Secr3t-x", "form")]


def test_key_value_lines_in_a_body_keep_their_keys() -> None:
    """An ini-style check-in body (k=v per line, no '&') is read as pairs, so keyed ids are found."""
    from monitor import decode
    from monitor.model import Endpoint, HttpExchange

    body = b"computer=lab-laptop\nlan_ip=192.168.2.16\nserial=S9999999T9943A1106\nversion=1169\n"
    m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("198.51.100.7", 80),
                     method="POST", host="u.example", path="/check", request_body=body)
    got = {(f.location, f.value) for f in decode.fields_of_http(m)}
    assert ("form:serial", "S9999999T9943A1106") in got and ("form:lan_ip", "192.168.2.16") in got
    prose = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("198.51.100.7", 80),
                         method="POST", host="u.example", path="/note",
                         request_body=b"a=1 means\nthat the second line is prose, not a pair\nand so is this\n")
    assert not any(f.location == "form:that" for f in decode.fields_of_http(prose))


@pytest.mark.parametrize(("note", "expected"), [
    ("x" * 900 + f" {IMEI} " + "y" * 900, [("imei", IMEI)]),  # one run in a long value: found
    ("a1" * 13 + "x" * 900 + IMEI, [("imei", IMEI)]),  # more digits elsewhere, the run at the very end
    ("x" * 900 + "7" + IMEI + "x", []),  # a run of 16 digits is not an IMEI
    ("x" * 900 + IMEI + "1234", []),  # nor one of 19 that fails the ICCID checks
    ("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 " + "x" * 900, []),  # many digits, no run of 14
    ("x" * 900 + "٣٥٦٩٣٨٠٣٥٦٤٣٨٠٩", []),  # Arabic-Indic digits: a run, but no TAC the rules know
    ("x" * 900 + f" {MAC} " + "-" * 3, [("mac", MAC)]),  # five separators at least: the MAC search runs
    ("x" * 900 + " a4:5e:60:c1 " + "-" * 2, []),
])
def test_ids_without_a_key_in_long_values(note: str, expected: list[tuple[str, str]]) -> None:
    """Long values are searched for digit runs and MACs only when they hold enough digits or separators; what
    is there is found wherever it sits."""
    assert found({"note": note}) == expected
