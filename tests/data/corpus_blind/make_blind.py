#!/usr/bin/env python3
"""Build a BLIND labelled HAR corpus of mobile-SDK requests with planted device identifiers.

Written without reading privmon's code, rules, corpus or tests. Standard library only,
deterministic (fixed seed, gzip mtime=0). Outputs next to this file:
profile.toml, blind.har, truth.json (README.md is written by hand).
Run:  python3 make_blind.py
"""
import base64, gzip, hashlib, json, os, random, re, struct, uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode, quote, unquote_plus, urlsplit, parse_qsl

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240502)

# ---------------------------------------------------------------- helpers
def luhn_digit(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        s += d
    return str((10 - s % 10) % 10)

def luhn_ok(num):
    return luhn_digit(num[:-1]) == num[-1]

md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
sha1 = lambda s: hashlib.sha1(s.encode()).hexdigest()
sha256 = lambda s: hashlib.sha256(s.encode()).hexdigest()
b64 = lambda s: base64.b64encode(s.encode() if isinstance(s, str) else s).decode()
b64url = lambda s: base64.urlsafe_b64encode(s.encode() if isinstance(s, str) else s).decode().rstrip("=")
def gz_b64(obj):
    raw = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()
    return b64(gzip.compress(raw, mtime=0))
def md5_nopad(s):
    """Java-bug MD5: each byte via Integer.toHexString -> leading zero of a byte dropped."""
    return "".join("%x" % b for b in hashlib.md5(s.encode()).digest())
def jdump(o): return json.dumps(o, separators=(",", ":"), ensure_ascii=False)
def ruuid(): return str(uuid.UUID(int=rng.getrandbits(128), version=4))
def rhex(n): return "".join(rng.choice("0123456789abcdef") for _ in range(n))
def rdig(n): return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))
def non_luhn15():
    while True:
        x = rdig(15)
        if not luhn_ok(x): return x
def jwt(payload):
    h = b64url(jdump({"alg": "HS256", "typ": "JWT"}))
    p = b64url(jdump(payload))
    return h + "." + p + "." + b64url(bytes(rng.getrandbits(8) for _ in range(32)))
def pb_varint(n):
    out = b""
    while True:
        b = n & 0x7F; n >>= 7
        if n: out += bytes([b | 0x80])
        else: return out + bytes([b])
def pb_str(field, s):
    data = s.encode() if isinstance(s, str) else s
    return pb_varint(field << 3 | 2) + pb_varint(len(data)) + data
def pb_int(field, n): return pb_varint(field << 3) + pb_varint(n)

# ---------------------------------------------------------------- the devices
IMEI1 = "86482703519274"; IMEI1 += luhn_digit(IMEI1)
IMEI2 = "86482703519282"; IMEI2 += luhn_digit(IMEI2)
ICCID = "8986011880237392531"; ICCID += luhn_digit(ICCID)
P = dict(
    imei=[IMEI1, IMEI2], meid="A1000049C3F2E7", imsi="460017183542096", iccid=ICCID,
    mac="64:cc:2e:7a:19:b3", bssid="d4:ee:07:5c:a1:38", ssid="Lab-Wifi-Zhou_5G",
    android_id="3f9c2a71d4b8e605", gaid="5a1c9e4b-7d23-4f8a-b6e1-0c2d9f3a7b54",
    oaid="a7e3b19c5d20f846", serial="a5f2c81d", phone_number="+8615827364519",
    email="zhou.lab.tester@example.com", latitude=31.230416, longitude=121.473701)
I = dict(idfa="6D92078A-8246-4BA4-AE5B-76104861E7DC", idfv="C3B9E1F2-4A7D-4E58-9B06-D2F17A8C3E41")
C = dict(device_uid=["VSTB-482913-KRTZW", "TKXH7NE2B9MRCW4PZ1LD"], mac="9c:a3:aa:41:0e:7d",
         serial="VC7S23A0418652", bssid=P["bssid"], ssid=P["ssid"])
for m in (P["mac"], C["mac"], P["bssid"]):
    assert int(m[:2], 16) & 0x03 == 0, m   # unicast, globally administered
assert luhn_ok(IMEI1) and luhn_ok(IMEI2) and luhn_ok(ICCID)
UID1, UID2 = C["device_uid"]
LAT, LON = P["latitude"], P["longitude"]
LOCV = "%s,%s" % (LAT, LON)
MAC, MACU = P["mac"], P["mac"].upper()
MAC_NC, MACU_NC = MAC.replace(":", ""), MACU.replace(":", "")
APPS = ["com.tencent.mm", "com.eg.android.AlipayGphone", "com.ss.android.ugc.aweme",
        "com.taobao.taobao", "com.sankuai.meituan", "com.jingdong.app.mall",
        "com.xingin.xhs", "com.icbc", "com.tencent.mobileqq", "com.secuhome.app"]
APPSV = ",".join(APPS)

def toml_val(v):
    if isinstance(v, list): return "[" + ", ".join(toml_val(x) for x in v) + "]"
    if isinstance(v, float): return repr(v)
    return json.dumps(v)
def write_profile():
    lines = ["# privmon device profile for the blind corpus (fake values; see README.md)", ""]
    for name, ip, d in (("lab-redmi-android", "10.42.0.23", P), ("lab-iphone", "10.42.0.31", I),
                        ("lab-camera-vstb", "10.42.0.57", C)):
        lines += ["[[device]]", "name = %s" % json.dumps(name), "ip = %s" % json.dumps(ip)]
        lines += ["%s = %s" % (k, toml_val(v)) for k, v in d.items()]
        lines.append("")
    lines += ["[app]", 'name = "SecuHome"', 'first_party = ["secuhome.example"]', ""]
    open(os.path.join(OUT, "profile.toml"), "w").write("\n".join(lines))

# ---------------------------------------------------------------- HAR building
ENTRIES, TRUTH, DECOYS = [], [], []
T0 = datetime(2024, 5, 2, 9, 30, 0, tzinfo=timezone(timedelta(hours=8)))
clock = [T0]
UA_ANDROID = "Dalvik/2.1.0 (Linux; U; Android 13; 22081212C Build/TKQ1.220829.002)"
UA_IOS = "SecuHome/5.3.1 (iPhone; iOS 17.4.1; Scale/3.00)"
UA_CAM = "okhttp/4.9.3"

class E:
    """One request under construction; .plant/.decoy record labels with the exact sent string."""
    def __init__(self, method, url, headers=None, body=None, mime=None, cookies=None, ua=UA_ANDROID):
        self.method, self.url, self.body, self.mime = method, url, body, mime
        self.headers = [("User-Agent", ua)] + list((headers or {}).items() if isinstance(headers, dict) else headers or [])
        self.cookies = cookies or []
        self.idx = len(ENTRIES); ENTRIES.append(self)
    def plant(self, typ, value, form, sent):
        TRUTH.append({"entry": self.idx, "type": typ, "value": value, "form": form, "sent": sent})
        return sent
    def decoy(self, value, why):
        DECOYS.append({"entry": self.idx, "value": value, "why": why})
        return value
    def to_har(self):
        clock[0] += timedelta(milliseconds=rng.randint(300, 9000))
        u = urlsplit(self.url)
        hdrs = [("Host", u.netloc)] + self.headers
        if self.cookies:
            hdrs.append(("Cookie", "; ".join("%s=%s" % c for c in self.cookies)))
        if self.body is not None:
            hdrs.append(("Content-Type", self.mime))
            hdrs.append(("Content-Length", str(len(self.body.encode("utf-8")))))
        req = {"method": self.method, "url": self.url, "httpVersion": "HTTP/1.1",
               "headers": [{"name": k, "value": v} for k, v in hdrs],
               "queryString": [{"name": k, "value": v} for k, v in parse_qsl(u.query, keep_blank_values=True)],
               "cookies": [{"name": k, "value": v} for k, v in self.cookies],
               "headersSize": -1, "bodySize": len(self.body.encode("utf-8")) if self.body is not None else 0}
        if self.body is not None:
            req["postData"] = {"mimeType": self.mime, "text": self.body}
        resp_text = jdump({"code": 0, "msg": "ok"})
        wait = rng.randint(20, 400)
        return {"startedDateTime": clock[0].isoformat(timespec="milliseconds"), "time": wait + 3,
                "request": req,
                "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                             "headers": [{"name": "Content-Type", "value": "application/json;charset=UTF-8"}],
                             "cookies": [], "content": {"size": len(resp_text), "mimeType": "application/json", "text": resp_text},
                             "redirectURL": "", "headersSize": -1, "bodySize": len(resp_text)},
                "cache": {}, "timings": {"blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 1, "wait": wait, "receive": 2}}

FORM = "application/x-www-form-urlencoded"
JSONM = "application/json; charset=utf-8"
def ts_ms(): return str(int(clock[0].timestamp() * 1000) + rng.randint(0, 99999))

# ================================================================ entries
# --- Umeng (analytics)
e = E("POST", "https://ulogs.umeng.com/unify_logs", {"Msg-Type": "envelope/json", "X-Umeng-Sdk": "Android/9.6.3"}, mime=JSONM)
e.body = jdump({"header": {"appkey": "5f3c9a1be4b0c21d3a8f7e60", "channel": "xiaomi", "sdk_version": "9.6.3",
    "idmd5": e.plant("imei", IMEI1, "md5 upper of imei in json (Umeng idmd5)", md5(IMEI1).upper()),
    "mac_address": e.plant("mac", MAC, "plain lower with colons in json", MAC),
    "android_id": e.plant("android_id", P["android_id"], "plain in nested json", P["android_id"]),
    "oaid": e.plant("oaid", P["oaid"], "plain in nested json", P["oaid"]),
    "session_id": e.decoy(ruuid(), "random per-session UUID"),
    "ts": e.decoy(ts_ms(), "13-digit ms timestamp")}, "analytics": {"ekv": [{"id": "page_view", "ts": 1714613400000}]}})

e = E("GET", "https://audid.umeng.com/api/v2/audid?" + urlencode({"ak": "5f3c9a1be4b0c21d3a8f7e60"}))
e.url += "&" + urlencode({"imei": e.plant("imei", IMEI2, "plain in query (second SIM slot IMEI)", IMEI2),
    "mc": e.plant("mac", MAC, "upper without colons in query", MACU_NC),
    "umid": e.decoy(rhex(32), "Umeng's own umid (random 32 hex, MD5-shaped)"), "v": "1.2.0"})

# --- JPush / Jiguang (push)
e = E("POST", "https://stats.jpush.cn/v3/report", {"X-App-Key": "b5e1c7d39f0a4e2d8c6b1a73", "Accept-Encoding": "gzip"}, mime=JSONM)
e.body = jdump({"platform": "a", "content": [{"type": "device_info", "itime": 1714613410,
    "imei": [e.plant("imei", IMEI1, "plain in json array", IMEI1), e.plant("imei", IMEI2, "plain in json array", IMEI2)],
    "meid": e.plant("meid", P["meid"], "plain upper in json", P["meid"]),
    "imsi": e.plant("imsi", P["imsi"], "plain in json", P["imsi"]),
    "iccid": e.plant("iccid", ICCID, "plain in json", ICCID),
    "wifi": {"ssid": e.plant("ssid", P["ssid"], "plain in nested json", P["ssid"]),
             "bssid": e.plant("bssid", P["bssid"], "plain lower with colons in nested json", P["bssid"]), "rssi": -52},
    "msg_id": e.decoy(non_luhn15(), "15-digit message id, fails Luhn (IMEI-shaped)")}]})

e = E("POST", "https://ali-stats.jpush.cn/v3/report?" + urlencode({"gz": "1"}), mime=FORM)
inner = {"type": "app_list", "itime": 1714613422, "pkgs": APPS,
         "loc": {"lat": LAT, "lng": LON, "acc": 35.0}}
e.plant("installed_apps", APPSV, "package list in json array, gzip+base64 in form field", APPS[0])
e.plant("location_precise", LOCV, "lat/lng 6 decimals, json in gzip+base64 form field", "%s" % LAT)
e.body = urlencode({"appkey": "b5e1c7d39f0a4e2d8c6b1a73", "data": gz_b64(inner), "sign": rhex(32)})
e.decoy(e.body.split("sign=")[1], "request signature (random 32 hex)")

# --- Getui (push)
e = E("POST", "https://sdk-open-phone.getui.com/api.php", mime=FORM)
e.body = urlencode({"action": "register", "appid": "Xc8qP3kZ2w7Tn1yVb9Lm4R",
    "imei": e.plant("imei", IMEI2, "plain in form", IMEI2),
    "mac": e.plant("mac", MAC, "lower with hyphens in form", MAC.replace(":", "-")),
    "cid": e.decoy(rhex(32), "Getui client id (random 32 hex)"), "model": "22081212C", "ver": "3.3.4.0"})

e = E("POST", "https://s-gt.getui.com/api.php", mime=FORM)
dj = {"deviceid": e.plant("android_id", P["android_id"], "prefixed 'A-' in json inside form", "A-" + P["android_id"]),
      "oaid": e.plant("oaid", P["oaid"], "plain in json inside form", P["oaid"]),
      "phone": e.plant("phone_number", P["phone_number"], "+86 E.164 in json inside form (url-encoded)", P["phone_number"]),
      "ts": 1714613455123}
e.body = urlencode({"action": "sdkconfig", "data": jdump(dj)})

# --- Tencent Bugly (crash)
aid = ruuid()
e = E("POST", "https://android.bugly.qq.com/rqd/async?" + urlencode({"aid": aid}),
      {"Device-Id": "", "bea": "1", "wup_version": "3.0", "prodId": "9a1c2b3d4e"}, mime=JSONM)
e.decoy(aid, "Bugly per-install UUID in query aid")
e.headers[1] = ("Device-Id", e.plant("android_id", P["android_id"], "plain in request header", P["android_id"]))
e.body = jdump({"crashId": e.decoy(ruuid(), "crash report UUID"), "model": "22081212C",
    "serial": e.plant("serial", P["serial"], "plain in json", P["serial"]),
    "app_version": e.decoy("12.4511", "app version shaped like a coordinate"),
    "sdk_ver": "4.1.9.3", "exception": "java.lang.NullPointerException at com.secuhome.ui.Main.onResume(Main.java:88)"})

# --- Tencent GDT (ads)
e = E("POST", "https://mi.gdt.qq.com/gdt_mview.fcg", mime=JSONM)
e.body = jdump({"adposcount": 1, "posid": "5061468463693481", "c_device": {
    "muid": e.plant("imei", IMEI1, "md5 lower of imei in json (muid)", md5(IMEI1)),
    "hash_android_id": e.plant("android_id", P["android_id"], "md5 lower in json", md5(P["android_id"])),
    "hash_oaid": e.plant("oaid", P["oaid"], "md5 lower in json", md5(P["oaid"])),
    "hash_mac": e.plant("mac", MAC, "md5 lower of mac upper without colons in json", md5(MACU_NC))},
    "req_id": e.decoy(rhex(32), "ad request id (random 32 hex)")})

e = E("GET", "https://sdk.e.qq.com/launch?")
e.url += urlencode({"appid": "1110923456",
    "muid": e.plant("imei", IMEI2, "md5 UPPER of imei in query", md5(IMEI2).upper()),
    "lat": e.plant("location_coarse", LOCV, "2 decimals lat/lng in query", "%.2f" % LAT), "lng": "%.2f" % LON,
    "order_id": e.decoy("GDT" + rdig(18), "order id with digits")})

# --- Pangle / CSJ (ads)
e = E("POST", "https://api-access.pangolin-sdk-toutiao.com/api/ad/union/sdk/get_ads/", mime=JSONM)
e.body = jdump({"request_id": e.decoy(ruuid(), "ad request UUID"), "ad_sdk_version": "5.8.0.8",
    "app": {"appid": "5123456", "package_name": "com.secuhome.app"},
    "device": {"os": 1, "imei": e.plant("imei", IMEI1, "plain in nested json", IMEI1),
        "oaid": e.plant("oaid", P["oaid"], "plain in nested json", P["oaid"]),
        "android_id": e.plant("android_id", P["android_id"], "upper-cased in nested json", P["android_id"].upper()),
        "mac": e.plant("mac", MAC, "upper with colons in nested json", MACU),
        "sec_did": e.decoy("MS4wLjABAAAA" + b64url(bytes(rng.getrandbits(8) for _ in range(24))), "ByteDance-issued sec_did token"),
        "geo": {"latitude": round(LAT, 4), "longitude": round(LON, 4)}},
    "adslots": [{"id": "887654321", "adtype": 3}]})
e.plant("location_precise", LOCV, "4 decimals as json numbers latitude/longitude", "%.4f" % LAT)

e = E("POST", "https://log-api.pangolin-sdk-toutiao.com/service/2/app_log/?" + urlencode({"aid": "1371", "tt_data": "a"}), mime=JSONM)
hdr = {"openudid": e.plant("android_id", P["android_id"], "plain as openudid, json gzip+base64 in json", P["android_id"]),
       "google_aid": e.plant("gaid", P["gaid"], "plain google_aid, json gzip+base64 in json", P["gaid"]),
       "udid": e.plant("imei", IMEI1, "plain udid, json gzip+base64 in json", IMEI1),
       "clientudid": e.decoy(ruuid(), "ByteDance clientudid: random UUID per install"),
       "cdid": e.decoy(ruuid(), "ByteDance cdid: random UUID"), "device_model": "22081212C"}
e.body = jdump({"magic_tag": "ss_app_log", "encrypted": False, "payload": gz_b64({"header": hdr, "event_v3": [{"event": "launch"}]})})

e = E("POST", "https://api16-access-sg.pangle.io/api/ad/union/sdk/get_ads/", mime=JSONM)
e.body = jdump({"req_id": e.decoy(rhex(16), "16-hex request id under req_id (android_id-shaped)"),
    "device": {"gaid": e.plant("gaid", P["gaid"], "UPPER-cased in nested json", P["gaid"].upper()),
               "limit_ad_track": 0, "carrier_name": "CMCC", "model": "22081212C"}})

# --- Baidu Mobads (ads)
e = E("GET", "https://mobads.baidu.com/cpro/ui/mads.php?")
e.url += urlencode({"code2": "", "apid": "2058622", "pk": "com.secuhome.app",
    "im": e.plant("imsi", P["imsi"], "plain under Baidu key im (query)", P["imsi"]),
    "g": e.plant("location_precise", LOCV, "lng_lat_acc underscore-joined, lng first, 6 decimals (query g)", "%s_%s" % (LON, LAT)) + "_20",
    "wi": e.plant("bssid", P["bssid"], "lower no colons in '|'-joined wifi list (query wi)", P["bssid"].replace(":", "")) + "|-45|" + "1",
    "cuid": md5(IMEI1 + P["android_id"]).upper() + "|" + e.plant("imei", IMEI1, "reversed imei after '|' in Baidu CUID (query)", IMEI1[::-1]),
    "trace_id": e.decoy(rhex(16), "16-hex trace id (android_id-shaped)"), "nop": "46001", "v": "android_9.33"})

e = E("POST", "https://mobads-logs.baidu.com/dz.zb?" + urlencode({"type": "403"}), mime=FORM)
e.body = urlencode({"androidid": e.plant("android_id", P["android_id"], "UPPER-cased in form", P["android_id"].upper()),
    "iccid": e.plant("iccid", ICCID, "plain in form", ICCID),
    "ssid": e.plant("ssid", P["ssid"], "plain in form", P["ssid"]),
    "ts": e.decoy(ts_ms(), "ms timestamp")})

# --- Kuaishou ad union
e = E("POST", "https://open.e.kuaishou.com/rest/e/v3/open/univ", mime=JSONM)
e.body = jdump({"appInfo": {"appId": "512300007", "name": "SecuHome"}, "deviceInfo": {
    "imei1": e.plant("imei", IMEI1, "plain in nested json (imei1)", IMEI1),
    "imei2": e.plant("imei", IMEI2, "plain in nested json (imei2)", IMEI2),
    "meid": e.plant("meid", P["meid"], "lower-cased in nested json", P["meid"].lower()),
    "oaid": e.plant("oaid", P["oaid"], "plain in nested json", P["oaid"]),
    "deviceId": e.plant("android_id", P["android_id"], "prefixed 'ANDROID_' in nested json", "ANDROID_" + P["android_id"]),
    "imei": e.decoy("000000000000000", "all-zero placeholder IMEI (emulator / no permission)")},
    "geoInfo": {"latitude": LAT, "longitude": LON},
    "appList": [{"pkg": a} for a in APPS[:6]]})
e.plant("location_precise", LOCV, "6 decimals json numbers geoInfo.latitude/longitude", str(LAT))
e.plant("installed_apps", ",".join(APPS[:6]), "list of {pkg:..} objects in json", APPS[1])

e = E("GET", "https://wlog.kuaishou.com/rest/wd/common/log/collect/misc2?")
e.url += urlencode({"imei_sha256": e.plant("imei", IMEI1, "sha256 lower of imei in query", sha256(IMEI1)),
    "oaid_md5": e.plant("oaid", P["oaid"], "md5 UPPER of oaid in query", md5(P["oaid"]).upper()),
    "gaid": e.decoy("00000000-0000-0000-0000-000000000000", "zero GAID placeholder (limit ad tracking)"),
    "did": e.decoy("ANDROID_" + rhex(16), "Kuaishou-generated did, random 16 hex")})

# --- Sensors Data (self-hosted analytics)
e = E("POST", "https://sa.secuhome-cdp.cn/sa?" + urlencode({"project": "production"}), mime=FORM)
evs = [{"_track_id": rng.randint(10**8, 2**31), "time": 1714613500123, "type": "track", "event": "$AppStart",
        "distinct_id": P["android_id"], "login_id": "15827364519",
        "properties": {"$device_id": P["android_id"], "$latitude": int(round(LAT * 1e6)), "$longitude": int(round(LON * 1e6)),
                       "$lib_version": "6.6.9", "$os": "Android"}}]
e.plant("android_id", P["android_id"], "distinct_id/$device_id, json array gzip+base64 in form data_list", P["android_id"])
e.plant("location_precise", LOCV, "integer micro-degrees ($latitude=lat*1e6), gzip+base64 in form", str(int(round(LAT * 1e6))))
e.plant("phone_number", P["phone_number"], "11 digits without +86 (login_id), gzip+base64 in form", "15827364519")
e.decoy(str(evs[0]["_track_id"]), "random _track_id integer (inside gzip)")
e.body = urlencode({"crc": str(rng.randint(-2**31, 2**31)), "gzip": "1", "data_list": gz_b64(evs)})

e = E("POST", "https://sa.secuhome-cdp.cn/sa?" + urlencode({"project": "production"}), mime=FORM)
evs = [{"type": "profile_set", "time": 1714613520456, "distinct_id": "15827364519",
        "properties": {"$email": P["email"], "$oaid": P["oaid"], "feedback_to": "support@secuhome.example"}}]
e.plant("email", P["email"], "plain in json, base64 (no gzip) in form data_list", P["email"])
e.plant("oaid", P["oaid"], "plain in json, base64 (no gzip) in form data_list", P["oaid"])
e.plant("phone_number", P["phone_number"], "11 digits as distinct_id, base64 json in form", "15827364519")
e.decoy("support@secuhome.example", "the app's support address, not the user's (inside base64)")
e.body = urlencode({"crc": str(rng.randint(-2**31, 2**31)), "gzip": "0", "data_list": b64(jdump(evs))})

# --- TalkingData
e = E("POST", "https://cloud.xdrig.com/g/d", mime=JSONM)
e.body = jdump({"tdid": e.decoy("h" + rhex(32), "TalkingData tdid (own random id)"),
    "imeis": [e.plant("imei", IMEI1, "plain in json array", IMEI1), e.plant("imei", IMEI2, "plain in json array", IMEI2)],
    "mac": e.plant("mac", MAC, "plain in json", MAC),
    "wifi": [{"bssid": e.plant("bssid", P["bssid"], "UPPER with colons in json array of objects", P["bssid"].upper()),
              "ssid": e.plant("ssid", P["ssid"], "plain in json array of objects", P["ssid"]), "level": -55}],
    "wifiMac": e.decoy("02:00:00:00:00:00", "Android 6+ placeholder MAC")})

# --- AppsFlyer
e = E("POST", "https://launches.appsflyer.com/api/v6.12/androidevent?" + urlencode({"app_id": "com.secuhome.app", "buildnumber": "6.12.2"}), mime=JSONM)
afuid = "1714613400123-" + rdig(19)
e.body = jdump({"advertiserId": e.plant("gaid", P["gaid"], "plain advertiserId in json", P["gaid"]),
    "advertiserIdEnabled": "true", "oaid": e.plant("oaid", P["oaid"], "plain in json", P["oaid"]),
    "uid": e.decoy(afuid, "AppsFlyer uid = ms timestamp + random digits"),
    "af_timestamp": e.decoy(ts_ms(), "ms timestamp"), "installDate": "2024-05-01_083012+0800",
    "deviceData": {"arch": "", "build_display_id": "TKQ1.220829.002", "cpu_abi": "arm64-v8a", "dim": {"x_px": "1080", "y_px": "2400"}}})

e = E("POST", "https://inapps.appsflyer.com/api/v6.12/androidevent?" + urlencode({"app_id": "com.secuhome.app"}), mime=JSONM)
ev = {"af_content_id": "sub_monthly", "af_revenue": "12.00", "af_order_id": e.decoy("2024050209" + rdig(11), "21-digit order id"),
      "contact_phone": e.plant("phone_number", P["phone_number"], "+86 in JSON string nested inside JSON (eventValue)", P["phone_number"])}
e.body = jdump({"eventName": "af_purchase", "eventValue": jdump(ev),
    "advertiserId": e.plant("gaid", P["gaid"], "plain in json", P["gaid"]),
    "appUserId": e.plant("email", P["email"], "plain customer user id in json", P["email"])})

# --- Adjust
e = E("POST", "https://app.adjust.com/session", {"Client-SDK": "android4.33.5"}, mime=FORM)
e.body = urlencode({"app_token": "2fm9gkqubvpc", "created_at": "2024-05-02T09:31:22.123Z+0800",
    "gps_adid": e.plant("gaid", P["gaid"], "plain in form", P["gaid"]),
    "android_uuid": e.decoy(ruuid(), "Adjust android_uuid: random UUID per install"),
    "mac_sha1": e.plant("mac", MAC, "sha1 lower of mac UPPER with colons in form", sha1(MACU)),
    "android_id": e.plant("android_id", P["android_id"], "plain in form", P["android_id"]),
    "session_count": "3"})

e = E("POST", "https://app.adjust.com/sdk_click", {"Client-SDK": "android4.33.5"}, mime=FORM)
e.body = urlencode({"app_token": "2fm9gkqubvpc", "source": "reftag",
    "mac_md5": e.plant("mac", MAC, "md5 lower of mac lower without colons in form", md5(MAC_NC)),
    "callback_params": jdump({"user_email": e.plant("email", P["email"], "plain in json inside form", P["email"])}),
    "gps_adid": e.plant("gaid", P["gaid"], "without dashes in form", P["gaid"].replace("-", ""))})

e = E("POST", "https://app.adjust.com/session", {"Client-SDK": "ios4.37.0"}, mime=FORM, ua=UA_IOS)
e.body = urlencode({"app_token": "2fm9gkqubvpc",
    "idfa": e.plant("idfa", I["idfa"], "plain upper in form", I["idfa"]),
    "idfv": e.plant("idfv", I["idfv"], "plain upper in form", I["idfv"]),
    "ios_uuid": e.decoy(ruuid().upper(), "Adjust ios_uuid: random UUID upper")})

# --- Firebase
pb = (pb_int(1, 1) + pb_str(2, pb_str(14, "1:734512098765:android:9f1e2d3c4b5a6978") + pb_str(16, "5.3.1")
      + pb_str(19, P["gaid"]) + pb_int(20, 0) + pb_str(27, rhex(32)) + pb_str(21, "22081212C")))
e = E("POST", "https://app-measurement.com/a", mime="application/x-www-form-urlencoded")
e.plant("gaid", P["gaid"], "length-delimited string in protobuf field 19 (body as latin-1 text)", P["gaid"])
e.body = pb.decode("latin-1")
e.decoy(re.findall(r"[0-9a-f]{32}", pb.decode("latin-1"))[0], "Firebase app_instance_id (random 32 hex, protobuf field 27)")

e = E("POST", "https://firebaseinstallations.googleapis.com/v1/projects/secuhome-app/installations",
      {"x-goog-api-key": "AIzaSy" + b64url(bytes(rng.getrandbits(8) for _ in range(25)))[:33]}, mime=JSONM)
fid = "c" + b64url(bytes(rng.getrandbits(8) for _ in range(16)))[:21]
e.body = jdump({"fid": e.decoy(fid, "Firebase installation id (22-char base64url, random)"),
                "appId": "1:734512098765:android:9f1e2d3c4b5a6978", "authVersion": "FIS_v2", "sdkVersion": "a:17.1.3"})

e = E("POST", "https://crashlyticsreports-pa.googleapis.com/v1/firelog/legacy/batchlog", mime=JSONM)
e.body = jdump({"logRequest": [{"requestTimeMs": 1714613600000, "logEvent": [{"eventTimeMs": 1714613599000,
    "sourceExtensionJsonProto3": jdump({"installationUuid": e.decoy(rhex(32), "Crashlytics installation UUID (random 32 hex)"),
        "userId": e.plant("email", P["email"], "plain in JSON string inside JSON (Crashlytics userId)", P["email"]),
        "device": {"model": "22081212C", "orientation": 1}})}]}]})

# --- Facebook
e = E("POST", "https://graph.facebook.com/v17.0/1234567890123456/activities", mime=FORM)
ud = {"em": e.plant("email", P["email"], "sha256 lower of email in json inside form (ud.em)", sha256(P["email"])),
      "ph": e.plant("phone_number", P["phone_number"], "sha256 lower of digits-only '8615827364519' (ud.ph)", sha256("8615827364519"))}
e.body = urlencode({"event": "CUSTOM_APP_EVENTS",
    "advertiser_id": e.plant("gaid", P["gaid"], "plain advertiser_id in form", P["gaid"]),
    "advertiser_tracking_enabled": "1", "anon_id": e.decoy("XZ" + ruuid(), "Facebook anon_id (XZ + random UUID)"),
    "extinfo": jdump(["a2", "com.secuhome.app", 531, "5.3.1", "13", "22081212C", "zh_CN", "GMT+08:00", "China Mobile", 1080, 2400, "2.75", 8, 112, 98, "Asia/Shanghai"]),
    "custom_events": jdump([{"_eventName": "fb_mobile_complete_registration", "_logTime": 1714613610, "fb_registration_method": "phone"}]),
    "ud": jdump(ud)})

e = E("POST", "https://graph.facebook.com/network_ads_common", mime=FORM, ua=UA_IOS)
e.body = urlencode({"IDFA": e.plant("idfa", I["idfa"], "plain upper in form", I["idfa"]),
    "SESSION_ID": e.decoy(ruuid(), "random session UUID"), "ROOTED": "0", "MAKE": "Apple", "MODEL": "iPhone14,5",
    "PLACEMENT_ID": "1234567890123456_7890123456789012"})

# --- Tuya (IoT cloud API, phone app)
e = E("POST", "https://a1.tuyacn.com/api.json?", mime=FORM)
e.url += urlencode({"a": "tuya.m.user.email.password.login", "v": "1.0", "clientId": "ekmnwp9f5pnh3trdtpgy",
    "lat": e.plant("location_coarse", LOCV, "2 decimals lat/lon in query", "%.2f" % LAT), "lon": "%.2f" % LON,
    "time": "1714613630", "sign": e.decoy(rhex(64), "request signature (SHA-256-shaped, random)")})
e.body = urlencode({"postData": jdump({"countryCode": "86",
    "email": e.plant("email", P["email"], "plain in json inside form postData", P["email"]),
    "passwd": e.decoy(md5("hunter2-Secu"), "MD5 of the account password, not an identifier")})})

e = E("POST", "https://a1.tuyacn.com/api.json?" + urlencode({"a": "tuya.m.user.mobile.code.send", "v": "1.0"}), mime=FORM)
e.body = urlencode({"countryCode": "86",
    "phoneNumber": e.plant("phone_number", P["phone_number"], "national 11 digits, country code in separate field (form)", "15827364519"),
    "service_tel": e.decoy("13800138000", "well-known placeholder/service mobile number")})

# --- Camera apps (VStarcam/Eye4-style cloud + Kalay)
e = E("GET", "https://api.eye4.cn/device/status?", ua=UA_CAM)
e.url += urlencode({"uid": e.plant("device_uid", UID1, "UID without dashes in query", UID1.replace("-", "")), "t": "1714613650"})

e = E("POST", "https://push.eye4.cn/device/bind", mime=JSONM, ua=UA_CAM)
e.body = jdump({"uid": e.plant("device_uid", UID1, "plain with dashes in json", UID1),
    "mac": e.plant("mac", C["mac"], "camera mac lower with colons in json", C["mac"]),
    "wifi": {"ssid": e.plant("ssid", P["ssid"], "plain in nested json (camera binding)", P["ssid"]),
             "bssid": e.plant("bssid", P["bssid"], "UPPER no colons in nested json", P["bssid"].replace(":", "").upper())},
    "order": e.decoy("VSTB" + rdig(12), "cloud-storage order number starting with the UID prefix")})

e = E("POST", "https://kalayservice.com/api/v1/push/register", mime=FORM, ua=UA_CAM)
e.body = urlencode({"uid": e.plant("device_uid", UID2, "Kalay UID lower-cased in form", UID2.lower()),
    "token": e.decoy("f" + b64url(bytes(rng.getrandbits(8) for _ in range(20)))[:21] + ":APA91b" + b64url(bytes(rng.getrandbits(8) for _ in range(100))), "FCM push token"),
    "os": "android", "lang": "zh"})

e = E("GET", "https://push.iotcplatform.com/tpns?", ua=UA_CAM)
e.url += urlencode({"cmd": "client", "os": "android", "appid": "com.secuhome.cam",
    "uid": e.plant("device_uid", UID2, "plain Kalay UID in query", UID2),
    "udid": e.plant("android_id", P["android_id"], "md5 lower as udid in query", md5(P["android_id"])),
    "token": e.decoy(rhex(64), "push token (64 hex)")})

e = E("GET", "https://rt.vstarcam.cn/upgrade/check?", ua=UA_CAM)
e.url += urlencode({"uid": e.plant("device_uid", UID1, "lower-cased with dashes in query", UID1.lower()),
    "sn": e.plant("serial", C["serial"], "camera serial plain in query", C["serial"]),
    "mac": e.plant("mac", C["mac"], "camera mac UPPER no colons in query", C["mac"].replace(":", "").upper()),
    "fw": "48.54.112.21"})
e.decoy("48.54.112.21", "firmware version shaped like an IPv4 / coordinate pair")

tok = jwt({"sub": P["email"], "uid": UID1, "iat": 1714613700, "exp": 1714700100, "jti": ruuid()})
e = E("POST", "https://api.eye4.cn/user/devices", {"Authorization": "Bearer " + tok}, mime=JSONM, ua=UA_CAM)
e.plant("email", P["email"], "inside JWT payload (base64url) in Authorization header", P["email"])
e.plant("device_uid", UID1, "inside JWT payload (base64url) in Authorization header", UID1)
e.decoy(tok.split(".")[2], "JWT signature (random base64url)")
e.body = jdump({"page": 1, "size": 20})

e = E("GET", "https://cloud.eye4.cn/storage/list?page=1", ua=UA_CAM,
      cookies=[("dev", ""), ("sid", "")])
e.cookies = [("dev", e.plant("device_uid", UID1, "plain in cookie", UID1)), ("sid", e.decoy(rhex(40), "session cookie 40 hex (SHA-1-shaped)"))]

e = E("GET", "https://kalayservice.com/api/v1/device/info", ua=UA_CAM)
e.headers.append(("X-Device-UID", e.plant("device_uid", UID2, "base64 in request header", b64(UID2))))

# --- Amap / Baidu / Tencent location
e = E("GET", "https://restapi.amap.com/v3/geocode/regeo?")
e.url += urlencode({"key": rhex(32), "location": e.plant("location_precise", LOCV, "'lng,lat' lng first 6 decimals in query", "%s,%s" % (LON, LAT)), "extensions": "base"})

e = E("POST", "https://adiu.amap.com/ws/device/adius", mime=FORM)
e.body = urlencode({"imei": e.plant("imei", IMEI1, "base64 of imei in form", b64(IMEI1)),
    "mac": e.plant("mac", MAC, "base64 of mac lower with colons in form", b64(MAC)),
    "adiu": e.decoy(b64(bytes(rng.getrandbits(8) for _ in range(24))), "Amap adiu (random base64 device token)")})

e = E("POST", "https://loc.map.baidu.com/sdk.php", mime=FORM)
e.body = urlencode({"wf": e.plant("bssid", P["bssid"], "UPPER no colons in ';'-joined wifi scan string (form)", P["bssid"].replace(":", "").upper()) + ";-52;" + P["ssid"] + "|",
    "prod": "secuhome:com.secuhome.app", "cl": "460|0|6243|47391|", "coor": "bd09ll",
    "last": e.decoy("0.000000,0.000000", "coordinates 0,0 (no fix)")})
e.plant("ssid", P["ssid"], "plain inside ';'-joined wifi scan string (form)", P["ssid"])

e = E("GET", "https://apis.map.qq.com/ws/geocoder/v1/?")
e.url += urlencode({"location": e.plant("location_precise", LOCV, "'lat,lng' 4 decimals in query", "%.4f,%.4f" % (LAT, LON)), "key": "OB4BZ-D4W3U-B7VVO-4PJWW-6TKDJ-WPB77", "get_poi": "0"})

# --- WeChat / Alipay / HMS / Xiaomi / InMobi
e = E("GET", "https://api.weixin.qq.com/sns/userinfo?")
e.url += urlencode({"access_token": e.decoy(b64url(bytes(rng.getrandbits(8) for _ in range(60))), "OAuth access token"),
    "openid": e.decoy("o" + b64url(bytes(rng.getrandbits(8) for _ in range(20)))[:27], "WeChat openid (per-app user id)")})

e = E("POST", "https://mobilegw.alipay.com/mgw.htm", {"Operation-Type": "alipay.security.vkeyDFP.staticData.upload",
      "utdid": ""}, mime=FORM)
e.headers[2] = ("utdid", e.decoy(b64(bytes(rng.getrandbits(8) for _ in range(18))), "Alipay utdid (24-char random base64)"))
e.body = urlencode({"requestData": jdump([{"imei": e.plant("imei", IMEI1, "plain in json array inside form", IMEI1),
    "imsi": e.plant("imsi", P["imsi"], "plain in json array inside form", P["imsi"]),
    "mac": e.plant("mac", MAC, "UPPER with hyphens in json inside form", MACU.replace(":", "-"))}])})

e = E("POST", "https://grs.dbankcloud.com/grs/2.0/router", mime=JSONM)
e.headers.append(("X-DeviceID", e.plant("serial", P["serial"], "sha256 UPPER in request header", sha256(P["serial"]).upper())))
e.body = jdump({"services": ["com.huawei.cloud.pushv3"], "routeBy": "ser_country"})

e = E("POST", "https://register.xmpush.xiaomi.com/pass/v2/register", mime=FORM)
e.body = urlencode({"devid": e.plant("android_id", P["android_id"], "'a-' + sha1 UPPER in form", "a-" + sha1(P["android_id"]).upper()),
    "imei_md5": e.plant("imei", IMEI1, "sha1 lower of imei in form (key says md5)", sha1(IMEI1)),
    "oaid": e.plant("oaid", P["oaid"], "plain in form", P["oaid"]),
    "sn": e.plant("serial", P["serial"], "plain in form", P["serial"]), "appid": "2882303761517400865"})

e = E("POST", "https://i.w.inmobi.com/showad/v3", mime=FORM)
e.body = urlencode({"u-id-map": b64(jdump({"GPID": e.plant("gaid", P["gaid"], "plain in base64 json in form (u-id-map)", P["gaid"]),
        "UM5": e.plant("android_id", P["android_id"], "md5 lower in base64 json in form", md5(P["android_id"])),
        "IMID": e.decoy(ruuid(), "InMobi own id (random UUID)")})),
    "d-loc": e.plant("location_precise", LOCV, "3 decimals 'lat,lng,acc' string (form)", "%.3f,%.3f" % (LAT, LON)) + ",65",
    "u-s-id": e.decoy(ruuid(), "session UUID")})

# --- iPhone: GDT, Branch, Umeng iOS
e = E("POST", "https://mi.gdt.qq.com/api/v3", mime=JSONM, ua=UA_IOS)
e.body = jdump({"device": {"muid": e.plant("idfa", I["idfa"], "md5 lower of idfa upper in json (muid)", md5(I["idfa"])),
    "idfv": e.plant("idfv", I["idfv"], "lower-cased in json", I["idfv"].lower()), "os": "ios"}})

e = E("POST", "https://api2.branch.io/v1/open", mime=JSONM, ua=UA_IOS)
e.body = jdump({"hardware_id": e.plant("idfv", I["idfv"], "plain upper (hardware_id + ios_vendor_id) in json", I["idfv"]),
    "is_hardware_id_real": True, "ios_vendor_id": I["idfv"],
    "advertising_ids": {"idfa": e.plant("idfa", I["idfa"], "plain in nested json advertising_ids.idfa", I["idfa"])},
    "identity_id": e.decoy(rdig(19), "Branch identity_id (19 digits)"),
    "device_fingerprint_id": e.decoy(rdig(19), "Branch device_fingerprint_id"),
    "local_ip": "192.168.1.23", "lat_val": 0})

e = E("POST", "https://ulogs.umeng.com/unify_logs", {"Msg-Type": "envelope/json", "X-Umeng-Sdk": "iOS/7.4.4"}, mime=JSONM, ua=UA_IOS)
e.body = jdump({"header": {"appkey": "5f3c9a1be4b0c21d3a8f7e61",
    "idfa": e.plant("idfa", I["idfa"], "lower-cased without dashes in json", I["idfa"].replace("-", "").lower()),
    "idfv": e.plant("idfv", I["idfv"], "sha1 UPPER in json", sha1(I["idfv"]).upper()),
    "utdid": e.decoy(b64(bytes(rng.getrandbits(8) for _ in range(18))), "utdid random base64")}})

# --- more Android variants (hard / exotic forms)
e = E("POST", "https://sdk.e.qq.com/report?" + urlencode({"r": "1"}), mime=JSONM)
e.body = jdump({"hash_imei": e.plant("imei", IMEI1, "md5 of 14-digit imei (no check digit) lower in json", md5(IMEI1[:14])),
    "hash_mac": e.plant("mac", MAC, "sha256 lower of mac lower with colons in json", sha256(MAC)),
    "ad_id": e.decoy(non_luhn15(), "15-digit ad id failing Luhn (IMEI-shaped)")})

e = E("POST", "https://log.zijieapi.com/service/2/device_register/", mime=JSONM)
e.body = jdump({"magic_tag": "ss_app_log", "header": {
    "google_aid": e.plant("gaid", P["gaid"], "md5 with per-byte leading zeros dropped (Java toHexString bug)", md5_nopad(P["gaid"])),
    "serial_number": e.plant("serial", P["serial"], "UPPER-cased in json", P["serial"].upper()),
    "sim_serial_number": [{"sim_serial_number": e.plant("iccid", ICCID, "plain in json array of objects", ICCID)}],
    "install_id": e.decoy(rdig(19), "ByteDance install_id (19 digits)")}})

e = E("POST", "https://sdk.beizi.biz/mb/sdk/req", mime=JSONM)
payload = b64url(jdump({"oaid": P["oaid"], "gaid": P["gaid"], "imsi": P["imsi"]}))
e.body = jdump({"v": "4.90.2.21", "d": payload})
e.plant("oaid", P["oaid"], "plain in url-safe base64 (unpadded) json", P["oaid"])
e.plant("gaid", P["gaid"], "plain in url-safe base64 (unpadded) json", P["gaid"])
e.plant("imsi", P["imsi"], "plain in url-safe base64 (unpadded) json", P["imsi"])

e = E("GET", "https://hm.baidu.com/hm.gif?" + urlencode({"si": rhex(32), "et": "0", "v": "1.3.1"}))
e.cookies = [("BAIDUID", e.decoy(rhex(32).upper() + ":FG=1", "Baidu BAIDUID cookie (random)")),
             ("MCUID", e.plant("mac", MAC, "md5 UPPER of mac lower with colons in cookie", md5(MAC).upper()))]

e = E("POST", "https://sdk.open.phone.igexin.com/api.php", mime=FORM)
e.headers.append(("X-GT-IMSI", e.plant("imsi", P["imsi"], "plain in request header", P["imsi"])))
e.cookies = [("gt_did", e.plant("gaid", P["gaid"], "plain in cookie", P["gaid"]))]
e.body = urlencode({"action": "heartbeat", "seq": str(rng.randint(1, 999))})

e = E("POST", "https://plbslog.umeng.com/plbs", mime=JSONM)
e.body = jdump({"loc": [{"lat": "%.5f" % LAT, "lon": "%.5f" % LON, "ts": 1714613800}],
    "phone": e.plant("phone_number", P["phone_number"], "'+86 158 2736 4519' with spaces in json", "+86 158 2736 4519"),
    "apps": b64("|".join(APPS))})
e.plant("location_precise", LOCV, "5 decimals as json strings in array of objects", "%.5f" % LAT)
e.plant("installed_apps", APPSV, "'|'-joined package list, base64 in json", APPS[2])

e = E("POST", "https://api-push.meizu.com/garcia/api/client/message/registerPush", mime=FORM)
e.body = urlencode({"deviceId": e.plant("imei", IMEI2, "sha1 UPPER of imei in form", sha1(IMEI2).upper()),
    "appId": "135790", "ts": e.decoy(ts_ms(), "ms timestamp")})

e = E("POST", "https://grs.dbankcloud.com/grs/1.0/router", {"x-hms-serial": ""}, mime=JSONM)
e.headers[1] = ("x-hms-serial", e.decoy(rhex(16).upper(), "16-hex request serial (not device serial)"))
e.body = jdump({"udid": e.plant("android_id", P["android_id"], "sha256 UPPER in json", sha256(P["android_id"]).upper()),
    "oaid": e.decoy("00000000-0000-0000-0000-000000000000", "all-zero OAID (ad tracking limited)")})

e = E("POST", "https://sdk.e.qq.com/ext", mime=JSONM)
e.body = jdump({"ext": {"contacts": {"tel": e.plant("phone_number", P["phone_number"], "md5 lower of +86 E.164 in nested json", md5(P["phone_number"])),
                                     "mail": e.plant("email", P["email"], "md5 lower of email in nested json", md5(P["email"]))}},
    "version": e.decoy("22.5431", "version string shaped like a latitude")})

e = E("POST", "https://api.appsflyer.com/api/v6.12/androidevent?" + urlencode({"app_id": "com.secuhome.app"}), mime=JSONM)
e.body = jdump({"advertiserId": e.decoy("00000000-0000-0000-0000-000000000000", "zero GAID (opted out)"),
    "advertiserIdEnabled": "false", "lat": e.decoy("0.0", "coordinate 0,0"), "lon": "0.0",
    "af_timestamp": ts_ms(), "app_version_name": "31.0.1"})   # pure-decoy entry: plants nothing

e = E("GET", "https://c.w.inmobi.com/c.asm/" + b64url("imei=%s&mac=%s" % (IMEI2, MAC_NC)) + "?" + urlencode({"r": "1"}))
e.plant("imei", IMEI2, "form string base64url-encoded in URL path", IMEI2)
e.plant("mac", MAC, "lower no colons in form string base64url-encoded in URL path", MAC_NC)

# ---------------------------------------------------------------- verification
def layers(text, depth=0):
    out = [text]
    if depth > 3: return out
    u = unquote_plus(text)
    if u != text: out += layers(u, depth + 1)
    for tok in set(re.findall(r"[A-Za-z0-9+/_-]{16,}={0,2}", text)):
        for dec in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                raw = dec(tok + "=" * (-len(tok) % 4))
            except Exception:
                continue
            if raw[:2] == b"\x1f\x8b":
                try: raw = gzip.decompress(raw)
                except Exception: continue
            try: s = raw.decode("utf-8")
            except UnicodeDecodeError: continue
            if s.isprintable() and len(s) >= 4: out += layers(s, depth + 1)
    return out

def entry_text(h):
    r = h["request"]
    parts = [r["url"]] + ["%s: %s" % (x["name"], x["value"]) for x in r["headers"]] + [c["value"] for c in r["cookies"]]
    if "postData" in r: parts.append(r["postData"]["text"])
    return "\n".join(parts)

def variants(v):
    vs = {v, v.lower(), v.upper()}
    if re.fullmatch(r"([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}", v): vs |= {v.replace(":", ""), v.replace(":", "").upper(), v.replace(":", "-"), v.upper().replace(":", "-")}
    if v.startswith("+86"): vs |= {v[1:], v[3:]}
    if "-" in v: vs |= {x.replace("-", "") for x in list(vs)}
    hs = set()
    for x in vs:
        for f in (md5, sha1, sha256):
            hs |= {f(x), f(x).upper()}
    return {x.lower() for x in vs | hs if len(x) >= 6}

def verify(har):
    texts = [" ".join(layers(entry_text(h))).lower() for h in har["log"]["entries"]]
    for t in TRUTH:
        assert t["sent"].lower() in texts[t["entry"]], ("plant not found", t)
    known = []
    for d in (P, I, C):
        for k, v in d.items():
            if k in ("latitude", "longitude"): continue
            for x in (v if isinstance(v, list) else [v]):
                known.append((k, x))
    labelled = {(t["entry"], t["type"], t["value"]) for t in TRUTH}
    for i, t in enumerate(texts):
        for k, x in known:
            if any(n in t for n in variants(x)):
                assert (i, k, x) in labelled, ("unlabelled occurrence", i, k, x)
    for dcy in DECOYS:
        assert dcy["value"].lower() in texts[dcy["entry"]], ("decoy not found", dcy)

def main():
    write_profile()
    har = {"log": {"version": "1.2", "creator": {"name": "privmon-blind-corpus/make_blind.py", "version": "1.0"},
                   "pages": [], "entries": [e.to_har() for e in ENTRIES]}}
    verify(har)
    with open(os.path.join(OUT, "blind.har"), "w") as f:
        json.dump(har, f, indent=1, ensure_ascii=False)
    truth = {"profile": "profile.toml", "har": "blind.har", "planted": TRUTH, "decoys": DECOYS}
    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
    from collections import Counter
    print("entries", len(ENTRIES), "planted", len(TRUTH), "decoys", len(DECOYS))
    print("per type", dict(Counter(t["type"] for t in TRUTH)))
    print("entries without plants", sorted(set(range(len(ENTRIES))) - {t["entry"] for t in TRUTH}))

if __name__ == "__main__":
    main()
