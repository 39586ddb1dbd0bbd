"""identifiers without a profile, one row per case: a field (key, value) in, the identifiers found out
(type, value, confidence). Valid and invalid shapes of each type, and decoys that must not match."""

from __future__ import annotations

import hashlib
import json

import pytest
from engine_run import SIGS

from monitor import decode
from monitor.classify.identifiers import Detector
from monitor.model import Endpoint, Field, HttpExchange
from monitor.profile import EMPTY_PROFILE

DETECTOR = Detector(SIGS.identifiers, EMPTY_PROFILE)
IMEI = "356938035643809"  # Luhn-valid, TAC prefix 35
IMEI_BAD = "356938035643808"  # last digit off: fails Luhn
IDFA = "6D92078A-8246-4BA4-AE5B-76104861E7DC"
GAID = "5a1c9e4b-7d23-4f8a-b6e1-0c2d9f3a7b54"
AID = "3f9c2a71d4b8e605"
MAC = "a4:5e:60:c1:d2:e3"
ZERO_UUID = "00000000-0000-0000-0000-000000000000"
MD5_IMEI = hashlib.md5(IMEI.encode()).hexdigest()
MD5_EMPTY, SHA1_EMPTY = hashlib.md5(b"").hexdigest(), hashlib.sha1(b"").hexdigest()
SHA1_AID = hashlib.sha1(AID.encode()).hexdigest()
MEID = "A00000611E3E28"  # 14 hex, region code A0: the form CDMA phones give for their device id

# (case, key, value, identifiers found: (type, value, confidence))
ROWS: list[tuple[str, str, str, set[tuple[str, str, str]]]] = [
    # IMEI
    ("imei: keyed, Luhn-valid", "imei", IMEI, {("imei", IMEI, "checksum")}),
    ("imei: keyed, fails Luhn, still reported as a pattern", "imei", IMEI_BAD, {("imei", IMEI_BAD, "pattern")}),
    ("imei: key spelled another way", "device-IMEI", IMEI, {("imei", IMEI, "checksum")}),
    ("imei: in free text, Luhn-valid with a known TAC", "note", f"dev {IMEI} ok", {("imei", IMEI, "checksum")}),
    ("imei: in free text, failing Luhn is nothing", "note", f"dev {IMEI_BAD} ok", set()),
    ("imei: 14 digits is not an IMEI", "imei", IMEI[:14], set()),
    ("imei: placeholder zeros", "imei", "000000000000000", set()),
    ("imei: md5 under a hashed-IMEI key", "imei_md5", MD5_IMEI, {("imei", MD5_IMEI, "pattern")}),
    ("gaid: AppMetrica's adv_id", "adv_id", GAID, {("gaid", GAID, "pattern")}),
    ("serial: Build.SERIAL under a prefixed name", "mobBuildSerial", "52003c4f8a6b1473",
     {("serial", "52003c4f8a6b1473", "pattern")}),
    ("gaid: a prefixed Google ad id name", "mobGoogleAid", GAID, {("gaid", GAID, "pattern")}),
    ("location_coarse: a placeholder the server fills in is no place", "city", "(detect)", set()),
    ("location_coarse: a city is one", "city", "San Francisco", {("location_coarse", "San Francisco", "pattern")}),
    # MAC
    ("mac: keyed, colons", "mac", MAC, {("mac", MAC, "pattern")}),
    ("mac: keyed, bare hex", "wifi_mac", "a45e60c1d2e3", {("mac", "a45e60c1d2e3", "pattern")}),
    ("mac: in free text", "note", f"seen {MAC} here", {("mac", MAC, "pattern")}),
    ("mac: multicast is no device's", "mac", "01:00:5e:00:00:fb", set()),
    ("mac: Android's masked 02:00:00:00:00:00", "mac", "02:00:00:00:00:00", set()),
    ("mac: five groups is not a MAC", "mac", "a4:5e:60:c1:d2", set()),
    # advertising ids
    ("idfa: keyed uuid", "idfa", IDFA, {("idfa", IDFA, "pattern")}),
    ("idfa: all zeros (tracking limited)", "idfa", ZERO_UUID, set()),
    ("gaid: under advertising_id", "advertising_id", GAID, {("gaid", GAID, "pattern")}),
    ("gaid: not a uuid", "gaid", "not-an-id", set()),
    ("oaid: uuid form", "oaid", GAID, {("oaid", GAID, "pattern")}),
    ("oaid: 16 hex", "oaid", AID, {("oaid", AID, "pattern")}),
    ("oaid: all zeros", "oaid", "0000000000000000", set()),
    # Android ID
    ("android_id: 16 hex", "android_id", AID, {("android_id", AID, "pattern")}),
    ("android_id: ANDROID_ prefix dropped from the value", "androidId", f"ANDROID_{AID}", {("android_id", AID, "pattern")}),
    ("android_id: the emulator's shared 9774d56d682e549c", "android_id", "9774d56d682e549c", set()),
    ("android_id: 15 hex (a 64-bit id printed without its leading zero)", "android_id", AID[:15],
     {("android_id", AID[:15], "pattern")}),
    ("android_id: a decimal number is not one (an IMEI, a server-issued id)", "device_id", "1213500227850904", set()),
    ("android_id: 14 hex is not one", "android_id", AID[:14], set()),
    ("android_id: 16 hex under adid (Chinese ad APIs send the Android ID there)", "adid", AID,
     {("android_id", AID, "pattern")}),
    ("gaid: a UUID under adid is still the advertising id", "adid", GAID, {("gaid", GAID, "pattern")}),
    ("android_id: 15 hex under OpenRTB's ifa", "ifa", "2f3191f1154e246", {("android_id", "2f3191f1154e246", "pattern")}),
    ("gaid: Google ad requests' rdid", "rdid", GAID, {("gaid", GAID, "pattern")}),
    ("android_id: under andId", "andId", AID, {("android_id", AID, "pattern")}),
    # phone and e-mail
    ("phone: keyed E.164", "phone", "+8615827364519", {("phone_number", "+8615827364519", "pattern")}),
    ("phone: keyed with dashes", "mobile", "158-2736-4519", {("phone_number", "158-2736-4519", "pattern")}),
    ("phone: E.164 in free text", "note", "call +8615827364519 now", {("phone_number", "+8615827364519", "pattern")}),
    ("phone: a run of one digit", "phone", "1111111", set()),
    ("email: keyed", "email", "zhou.lab@example.com", {("email", "zhou.lab@example.com", "pattern")}),
    ("email: in free text", "note", "from zhou.lab@example.com.", {("email", "zhou.lab@example.com", "pattern")}),
    ("email: an SSH algorithm name is no mailbox", "kex", "curve25519-sha256@libssh.org", set()),
    # camera ids
    ("camera uid: CS2 with dashes under a uid key", "uid", "VSTC-123456-ABCDE", {("device_uid", "VSTC-123456-ABCDE", "pattern")}),
    ("camera uid: CS2 with dashes in free text", "note", "see VSTC-123456-ABCDE", {("device_uid", "VSTC-123456-ABCDE", "pattern")}),
    ("camera uid: no dashes, device-ish key", "cameraId", "VSTC123456ABCDE", {("device_uid", "VSTC123456ABCDE", "pattern")}),
    ("camera uid: no dashes, other key", "model", "VSTC123456ABCDE", set()),
    ("camera uid: Kalay's 20 characters", "did", "A1B2C3D4E5F6G7H8J9K0", {("device_uid", "A1B2C3D4E5F6G7H8J9K0", "pattern")}),
    # SIM
    ("imsi: keyed, Chinese MCC", "imsi", "460017183542096", {("imsi", "460017183542096", "pattern")}),
    ("imsi: unknown MCC", "imsi", "999017183542096", set()),
    ("iccid: keyed, 89 prefix", "iccid", "89860118802373925311", {("iccid", "89860118802373925311", "checksum")}),
    ("iccid: the BCD filler F kept in the value", "iccid", "898600810115F0387588",
     {("iccid", "898600810115F0387588", "pattern")}),
    ("iccid: two letters is not one", "iccid", "8986008101FF0387588", set()),
    ("imsi: apps send it under 'sim'", "sim", "460018125610392", {("imsi", "460018125610392", "pattern")}),
    ("imsi: a SIM state under 'sim' is nothing", "sim", "5", set()),
    ("installed_apps: package names joined by '|' in one form value, whatever its key", "dataApp",
     "com.tencent.mm|com.sankuai.meituan|com.qihoo.appstore|com.tencent.news",
     {("installed_apps", "com.tencent.mm|com.sankuai.meituan|com.qihoo.appstore|com.tencent.news", "pattern")}),
    ("installed_apps: comma-joined host names are no app list", "hosts",
     "api.example.com,cdn.example.com,img.example.net,static.example.org", set()),
    ("installed_apps: two joined package names are too few", "pkgs_seen", "com.a.b|com.c.d", set()),
    ("imei: 15 digits with a TAC prefix under device_id, the check digit failing", "device_id", IMEI_BAD,
     {("imei", IMEI_BAD, "pattern")}),
    ("imei: 15 digits without a TAC prefix under device_id are nothing", "device_id", "271828182845904", set()),
    ("location_coarse: a city name", "city", "Hangzhou", {("location_coarse", "Hangzhou", "pattern")}),
    ("location_coarse: a city code", "cityCode", "101010200", {("location_coarse", "101010200", "pattern")}),
    ("location_coarse: an administrative district code", "adcode", "330108", {("location_coarse", "330108", "pattern")}),
    ("location_coarse: a flag under a place key is nothing", "city", "0", set()),
    ("location_coarse: a country is not a place here (a locale's country)", "country", "US", set()),
    # decoys
    ("decoy: Luhn-valid number under an order id", "order_id", IMEI, set()),
    ("decoy: build number", "build", IMEI, set()),
    ("decoy: Android build id", "os_build", "TP1A.220624.014", set()),
    ("decoy: millisecond timestamp", "client_time_ms", "1701612345123", set()),
    ("decoy: timestamp under ts", "ts", "1701612345123456", set()),
    ("decoy: version string", "app_version", "8.0.35.2401", set()),
    ("decoy: user agent with a build", "user-agent", "Dalvik/2.1.0 (Linux; U; Android 13; SM-G998B Build/TP1A.220624.014)", set()),
    ("decoy: request id uuid", "request_id", GAID, set()),
    ("decoy: trace id uuid", "X-B3-TraceId", GAID, set()),
    ("decoy: a uuid with no identifier key", "nonce_v4", GAID, set()),
    ("decoy: md5 under a checksum key", "content_md5", MD5_IMEI, set()),
    ("decoy: a hash in free text", "note", MD5_IMEI, set()),
    # real SDK requests (bench/request_corpus.py on a corpus copied from public issue threads and code)
    ("imei: a hash under the IMEI's own name (a header 'imei: <md5>')", "imei", MD5_IMEI,
     {("imei", MD5_IMEI, "pattern")}),
    ("imei: OpenRTB didmd5 (the hardware device id hashed)", "didmd5", MD5_IMEI, {("imei", MD5_IMEI, "pattern")}),
    ("android_id: OpenRTB dpidsha1 (the platform device id hashed)", "dpidsha1", SHA1_AID,
     {("android_id", SHA1_AID, "pattern")}),
    ("meid: a CDMA phone's MEID sent where the app asked for the IMEI", "imei", MEID, {("meid", MEID, "pattern")}),
    ("meid: ... or for the Android ID", "AndroidId", MEID, {("meid", MEID, "pattern")}),
    ("meid: 14 hex starting below A0 is no MEID", "imei", "9" + MEID[1:], set()),
    ("imsi: the name with a generic tail ('imsiCode')", "imsiCode", "460017155377271",
     {("imsi", "460017155377271", "pattern")}),
    ("gaid: OpenRTB device.ifa", "ifa", GAID, {("gaid", GAID, "pattern")}),
    ("gaid: Singular's aifa", "aifa", GAID, {("gaid", GAID, "pattern")}),
    ("decoy: the installer package is no app list", "installer_source", "com.android.vending", set()),
    ("gaid: Amplitude's androidADID", "androidADID", GAID, {("gaid", GAID, "pattern")}),
    ("gaid: Unity Ads' advertisingTrackingId", "advertisingTrackingId", GAID, {("gaid", GAID, "pattern")}),
    ("idfa: Mixpanel's $ios_ifa", "$ios_ifa", IDFA, {("idfa", IDFA, "pattern")}),
    ("android_id: a Chinese ad API's anid", "anid", AID, {("android_id", AID, "pattern")}),
]


def found(key: str, value: str) -> set[tuple[str, str, str]]:
    return {(h.type, h.value, h.confidence) for h in DETECTOR.scan([Field(f"json:$.{key}", key, value, ("json",))])}


@pytest.mark.parametrize(("key", "value", "want"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_identifier(key: str, value: str, want: set[tuple[str, str, str]]) -> None:
    assert found(key, value) == want


@pytest.mark.parametrize("key", ["imei_md5", "android_id_md5"])
@pytest.mark.parametrize("digest", [MD5_EMPTY, SHA1_EMPTY], ids=["md5('')", "sha1('')"])
def test_a_hash_of_nothing_is_no_identifier(key: str, digest: str) -> None:
    """An app with no IMEI to hand sends md5("") under its hashed-IMEI key: that names no device."""
    assert found(key, digest) == set()


def scan(*fields: tuple[str, str]) -> set[tuple[str, str]]:
    """(type, value) of what one request's fields (key, value) give; keys starting "header:" are headers."""
    fl = [Field(k if k.startswith("header:") else f"json:$.{k}", k.split(":", 1)[-1], v, ()) for k, v in fields]
    return {(h.type, h.value) for h in DETECTOR.scan(fl)}


@pytest.mark.parametrize(("case", "fields", "want"), [
    ("AppsFlyer on iOS: advertiserId beside systemname iOS is the IDFA",
     [("advertiserId", IDFA), ("systemname", "iOS")], {("idfa", IDFA)}),
    ("OpenRTB on iOS: device.ifa beside os iOS", [("ifa", IDFA), ("os", "iOS")], {("idfa", IDFA)}),
    ("platform iPhone8,1", [("advertiserId", IDFA), ("platform", "iPhone8,1")], {("idfa", IDFA)}),
    ("an iOS User-Agent", [("advertisingId", IDFA), ("header:User-Agent", "MyApp/2.0 CFNetwork/1240 Darwin/20.3")],
     {("idfa", IDFA)}),
    ("an iOS SDK's own User-Agent (Facebook's FBiOSSDK)",
     [("advertiser_id", IDFA), ("header:User-Agent", "FBiOSSDK.4.14.0")], {("idfa", IDFA)}),
    ("on Android it stays the GAID", [("advertiserId", GAID), ("os", "android")], {("gaid", GAID)}),
    ("a key that names the GAID stays the GAID", [("gaid", GAID), ("os", "iOS")], {("gaid", GAID)}),
])
def test_an_advertising_id_takes_the_platform_the_request_names(case: str, fields: list[tuple[str, str]],
                                                               want: set[tuple[str, str]]) -> None:
    assert scan(*fields) == want


@pytest.mark.parametrize(("case", "fields", "want"), [
    ("gps_latitude / gps_longitude", [("gps_latitude", "31.246367"), ("gps_longitude", "121.450745")],
     {("location_precise", "31.246367,121.450745")}),
    ("curLat / curLng", [("curLat", "31.2463"), ("curLng", "121.4507")], {("location_precise", "31.2463,121.4507")}),
    ("a Java double's 15 decimals", [("latitude", "51.205220064245005"), ("longitude", "4.404250681132969")],
     {("location_precise", "51.205220064245005,4.404250681132969")}),
    ("a location header 'lon,lat'", [("header:location-data", "120.17698,30.185791")],
     {("location_precise", "120.17698,30.185791")}),
    ("'plat' and 'flat' name no latitude", [("plat", "31.2463"), ("lng", "121.4507")], set()),
])
def test_coordinates_under_the_names_apps_give_them(case: str, fields: list[tuple[str, str]],
                                                    want: set[tuple[str, str]]) -> None:
    assert scan(*fields) == want


APPS = "com.tencent.mm\ncom.eg.android.AlipayGphone\ncom.ss.android.ugc.aweme"


# (case, a field scanned first, then the same key and value where they give something else, cleartext the second time)
@pytest.mark.parametrize(("first", "then", "cleartext"), [
    (Field("json:$.ssid", "ssid", "HomeWifi", ("json",)), Field("cookie:ssid", "ssid", "HomeWifi", ()), True),
    (Field("json:$.x", "x", APPS, ("json",)), Field("json:$.x", "x", APPS, ("json", "list")), True),
    (Field("body", "", "see admin@camera.local", ()), Field("body@40", "", "see admin@camera.local", ()), True),
    (Field("form:password", "password", "hunter22", ()), Field("form:password", "password", "hunter22", ()), False),
], ids=["a cookie bans the ssid", "a list of package names", "an address cut out of binary bytes",
        "a password sent encrypted"])
def test_what_a_key_and_value_gave_is_not_reused_where_they_give_something_else(first: Field, then: Field,
                                                                                 cleartext: bool) -> None:
    """The Detector remembers what a key and value give (a device sends the same ids in request after request);
    the location, transforms and cleartext that change it are part of what it remembers them by."""
    det = Detector(SIGS.identifiers, EMPTY_PROFILE)
    before = det.scan([first])
    got = det.scan([then], cleartext=cleartext)
    assert got == Detector(SIGS.identifiers, EMPTY_PROFILE).scan([then], cleartext=cleartext)
    assert {(h.type, h.value) for h in got} != {(h.type, h.value) for h in before}


def test_an_id_whose_parent_is_the_device_is_a_device_id() -> None:
    """Segment's context.device.id: the Android ID under a name only its parent gives."""
    def at(location: str) -> set[tuple[str, str]]:
        return {(h.type, h.value) for h in DETECTOR.scan([Field(location, "id", AID, ())])}

    assert at("json:$.batch[0].context.device.id") == {("android_id", AID)}
    assert at("json:$.batch[0].context.user.id") == set()  # a user's or an event's id is no device's


def test_a_decoded_id_whose_parent_is_the_device_is_a_device_id_up_to_the_location_cut() -> None:
    """The same rule on a JSON body's fields (a number is stored with its parent's path, its location built when
    read): an event's "id" is nothing, and a location cut at 512 characters no longer ends in .device.id. (An IMEI
    whose check digit fails is one only under a device key.)"""
    def found(parent_len: int) -> set[tuple[str, str]]:
        pad = "p" * (parent_len - len("json:$..device"))
        body = json.dumps({pad: {"device": {"id": int(IMEI_BAD)}}, "events": [{"id": IMEI_BAD}]}).encode()
        m = HttpExchange(ts=0.0, client=Endpoint("10.0.0.2", 1), server=Endpoint("203.0.113.9", 80), method="POST",
                         host="x.example", path="/", request_body=body)
        return {(h.type, h.location) for h in DETECTOR.scan(decode.fields_of_http(m))}

    assert found(60) == {("imei", "json:$." + "p" * 46 + ".device.id")}
    assert found(509) == {("imei", "json:$." + "p" * 495 + ".device.id")}  # 512 characters
    assert found(510) == set()  # json:$.ppp...device.i: cut
