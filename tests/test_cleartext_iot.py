"""Clear-text LAN/IoT protocols end to end (frames -> engine): SSH never scanned, RTSP credentials,
TP-Link smart home, SSDP/UPnP and WS-Discovery device ids (issue 17, items 3 and 11)."""

from __future__ import annotations

import base64
import json
import struct

from engine_run import recognize, run
from pcapgen import eth, ip4, tcp, udp
from test_identifiers_negotiation import kexinit

from monitor.classify.cleartext import tplink_decrypt
from monitor.records import Destination, Finding

PHONE, CAM, PLUG = "192.168.1.20", "192.168.1.64", "192.168.1.77"


def tcp_conv(client: str, server: str, sport: int, dport: int, chunks: list[tuple[bool, bytes]]) -> list[bytes]:
    """A TCP connection (handshake, then each chunk in its direction) as Ethernet frames."""
    out = [eth(ip4(client, server, 6, tcp(sport, dport, 0, flags=0x02))),
           eth(ip4(server, client, 6, tcp(dport, sport, 0, flags=0x12)))]
    seq = {True: 1, False: 1}
    for outbound, data in chunks:
        a, b, sp, dp = (client, server, sport, dport) if outbound else (server, client, dport, sport)
        out.append(eth(ip4(a, b, 6, tcp(sp, dp, seq[outbound], data=data))))
        seq[outbound] += len(data)
    return out


def types(findings: list[Finding]) -> list[tuple[object, object]]:
    return sorted((f.type, f.value) for f in findings)


def protocols(dests: list[Destination]) -> dict[int, object]:
    return {d.port: d.protocol for d in dests}


def test_an_ssh_session_gives_no_identifier_and_is_named_ssh() -> None:
    frames = tcp_conv(PHONE, "203.0.113.22", 51000, 22, [
        (False, b"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"), (True, b"SSH-2.0-OpenSSH_9.2\r\n"),
        (True, kexinit()), (False, kexinit()), (True, b"\x00\x00\x00\x2c\x06\x15" + bytes(44))])
    findings, dests = run(frames)
    assert findings == []
    assert protocols(dests)[22] == "ssh"


RTSP_DESCRIBE = (b"DESCRIBE rtsp://admin:Cam%40pass9@192.168.1.64:554/live/ch0?devid=HKV20231234567 RTSP/1.0\r\n"
                 b"CSeq: 2\r\nAuthorization: Basic " + base64.b64encode(b"viewer:S3cret!x") + b"\r\n"
                 b"User-Agent: LibVLC/3.0.18\r\nX-Serial-Number: DS2CD2143G0I20230101\r\n\r\n")


def test_rtsp_credentials_and_device_serial() -> None:
    m = recognize(RTSP_DESCRIBE, 554, 51000, "tcp")
    assert m is not None and (m.protocol, m.message) == ("rtsp", "DESCRIBE")
    frames = tcp_conv(PHONE, CAM, 51001, 554, [
        (True, b"OPTIONS rtsp://192.168.1.64:554/live RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
        (False, b"RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n"),
        (True, RTSP_DESCRIBE)])
    findings, dests = run(frames)
    got = {(f.type, f.value, f.location) for f in findings}
    assert ("credentials", "Cam@pass9", "rtsp:url") in got
    assert ("credentials", "S3cret!x", "rtsp:Authorization") in got
    assert ("serial", "DS2CD2143G0I20230101", "rtsp:header:X-Serial-Number") in got
    assert protocols(dests)[554] == "rtsp"
    # Digest sends a hash, not the password; a URL without a password has no credential
    digest = (b"DESCRIBE rtsp://admin@192.168.1.64/live RTSP/1.0\r\nCSeq: 3\r\nAuthorization: Digest "
              b'username="admin", realm="IP Camera", nonce="a1b2", uri="rtsp://192.168.1.64/live", '
              b'response="5f4dcc3b5aa765d61d8327deb882cf99"\r\n\r\n')
    assert run(tcp_conv(PHONE, CAM, 51002, 8554, [(True, digest)]))[0] == []


def tplink(doc: dict[str, object], transport: str) -> bytes:
    raw = json.dumps(doc).encode()
    key, out = 171, bytearray()
    for b in raw:
        key = b ^ key
        out.append(key)
    assert tplink_decrypt(bytes(out)) == raw
    return struct.pack("!I", len(out)) + bytes(out) if transport == "tcp" else bytes(out)


SYSINFO = {"system": {"get_sysinfo": {
    "sw_ver": "1.5.6 Build 191125 Rel.083657", "hw_ver": "2.0", "model": "HS110(EU)",
    "deviceId": "8006F2C1A4B3D2E1F0A9B8C7D6E5F4A3B2C1D0E9", "oemId": "1998A14DAA86E4E001FD7CAF42868B5E",
    "hwId": "044A516EE63C875F9458DA25C2CCC5A0", "mac": "50:C7:BF:2A:3B:4C", "alias": "Kitchen",
    "latitude_i": 523702, "longitude_i": 48952, "rssi": -61, "err_code": 0}}}


def test_tplink_smart_home_over_tcp_and_udp() -> None:
    frames = tcp_conv(PHONE, PLUG, 51003, 9999, [(True, tplink({"system": {"get_sysinfo": {}}}, "tcp")),
                                                 (False, tplink(SYSINFO, "tcp"))])
    frames.append(eth(ip4(PHONE, "255.255.255.255", 17, udp(50100, 9999, tplink({"system": {"get_sysinfo": None}},
                                                                                   "udp")))))
    frames.append(eth(ip4(PLUG, PHONE, 17, udp(9999, 50100, tplink(SYSINFO, "udp")))))
    stainfo = {"netif": {"set_stainfo": {"ssid": "Zhou-Home_2G", "password": "wifi-pass-77", "key_type": 3}}}
    frames += tcp_conv(PHONE, PLUG, 51004, 9999, [(True, tplink(stainfo, "tcp"))])
    findings, dests = run(frames)
    got = {(f.type, f.value) for f in findings}
    assert {("device_uid", "8006F2C1A4B3D2E1F0A9B8C7D6E5F4A3B2C1D0E9"), ("mac", "50:C7:BF:2A:3B:4C"),
            ("location_precise", "52.3702,4.8952"), ("ssid", "Zhou-Home_2G"),
            ("credentials", "wifi-pass-77")} <= got
    assert not {v for t, v in got if v in ("1998A14DAA86E4E001FD7CAF42868B5E", "044A516EE63C875F9458DA25C2CCC5A0")}
    assert all(str(f.transform).startswith("tplink-xor") for f in findings)
    assert set(protocols(dests).values()) == {"tplink"}
    # random bytes on 9999 are not TP-Link
    assert recognize(b"\xd0\x01\x02\x03garbage", 9999, 50000, "udp") is None
    assert recognize(b"\x00\x00\x00\x05\xd0\x01\x02\x03\x04", 9999, 50000, "tcp") is None


NOTIFY = (b"NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
          b"LOCATION: http://192.168.1.64:49152/description.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
          b"SERVER: Linux/3.10 UPnP/1.0 IPCam/1.0\r\n"
          b"USN: uuid:2f402f80-da50-11e1-9b23-001788255a1c::upnp:rootdevice\r\n\r\n")
MSEARCH = (b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\n'
           b"ST: ssdp:all\r\nUSER-AGENT: Android/13 UPnP/1.1 App/2.3\r\n\r\n")


def test_ssdp_notify_gives_the_device_uuid_and_its_mac() -> None:
    frames = [eth(ip4(PHONE, "239.255.255.250", 17, udp(50200, 1900, MSEARCH))),
              eth(ip4(CAM, "239.255.255.250", 17, udp(1900, 1900, NOTIFY)))]
    findings, dests = run(frames)
    assert types(findings) == [("device_uid", "2f402f80-da50-11e1-9b23-001788255a1c"), ("mac", "00:17:88:25:5a:1c")]
    assert protocols(dests)[1900] == "ssdp"
    # a version-4 UUID has no MAC in it
    v4 = NOTIFY.replace(b"2f402f80-da50-11e1", b"2f402f80-da50-41e1")
    got = types(run([eth(ip4(CAM, "239.255.255.250", 17, udp(1900, 1900, v4)))])[0])
    assert got == [("device_uid", "2f402f80-da50-41e1-9b23-001788255a1c")]


DESCRIPTION = (b'<?xml version="1.0"?>\n<root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
               b"<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>IPCam</friendlyName>"
               b"<manufacturer>ACME</manufacturer><modelName>C6N</modelName>"
               b"<serialNumber>F1A2B3C4D5E6</serialNumber><macAddress>a4:5e:60:c1:22:9f</macAddress>"
               b"<UDN>uuid:7d444840-9dc0-11d1-b245-5ffdce74fad2</UDN></device></root>")


def test_upnp_device_description_serial_mac_and_udn() -> None:
    resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + str(len(DESCRIPTION)).encode()
            + b"\r\n\r\n" + DESCRIPTION)
    frames = tcp_conv(PHONE, CAM, 51005, 49152, [
        (True, b"GET /description.xml HTTP/1.1\r\nHost: 192.168.1.64:49152\r\n\r\n"), (False, resp)])
    findings, dests = run(frames)
    got = {(f.type, f.value) for f in findings}
    assert got == {("serial", "F1A2B3C4D5E6"), ("mac", "a4:5e:60:c1:22:9f"),
                   ("device_uid", "7d444840-9dc0-11d1-b245-5ffdce74fad2")}
    assert protocols(dests)[49152] == "upnp"


PROBE = (b'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
         b'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
         b'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Header>'
         b"<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
         b"<a:MessageID>urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a</a:MessageID></s:Header>"
         b"<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>")
MATCHES = (b'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
           b'xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
           b'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><env:Header>'
           b"<wsa:MessageID>uuid:5a3f0c12-7b9e-4d21-8f6a-2c4b9e1d7a30</wsa:MessageID>"
           b"<wsa:RelatesTo>urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a</wsa:RelatesTo>"
           b"<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></env:Header>"
           b"<env:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference>"
           b"<wsa:Address>urn:uuid:3fa1c2d4-11e2-4b7c-9a55-bc3d9e4f6a71</wsa:Address></wsa:EndpointReference>"
           b"<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/type/video_encoder "
           b"onvif://www.onvif.org/hardware/IPC-HFW1230S onvif://www.onvif.org/name/Dahua "
           b"onvif://www.onvif.org/MAC/3c:ef:8c:12:34:56 onvif://www.onvif.org/serial/4L0A1B2PAJ3C4D5 "
           b"onvif://www.onvif.org/location/country/china</d:Scopes>"
           b"<d:XAddrs>http://192.168.1.64/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>"
           b"</d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>")


def test_ws_discovery_probe_matches_device_ids() -> None:
    frames = [eth(ip4(PHONE, "239.255.255.250", 17, udp(50300, 3702, PROBE))),
              eth(ip4(CAM, PHONE, 17, udp(3702, 50300, MATCHES)))]
    findings, dests = run(frames)
    assert types(findings) == [("device_uid", "3fa1c2d4-11e2-4b7c-9a55-bc3d9e4f6a71"), ("mac", "3c:ef:8c:12:34:56"),
                               ("serial", "4L0A1B2PAJ3C4D5")]  # the message ids of probe and reply are not ids
    assert protocols(dests)[3702] == "ws-discovery"
    m = recognize(PROBE, 3702, 50300, "udp")
    assert m is not None and (m.protocol, m.message, m.hits) == ("ws-discovery", "Probe", ())


def test_random_bytes_on_the_iot_ports_give_no_ids() -> None:
    import random

    rng = random.Random(11)
    for _ in range(700):
        size = rng.choice((1, 5, 40, 300, 1400))
        data = bytes(rng.randrange(256) for _ in range(size))
        for port, tr in ((554, "tcp"), (8554, "tcp"), (9999, "tcp"), (9999, "udp"), (1900, "udp"), (3702, "udp"),
                         (22, "tcp")):
            for head in (b"", b"\xd0", b"\x00\x00\x00\x10\xd0", b"SSH-2.0-", b"DESCRIBE ", b"NOTIFY * HTTP/1.1\r\n"):
                m = recognize(head + data, port, 50000, tr)
                assert m is None or not m.hits, (port, tr, (head + data).hex())


def soap(password_type: str) -> bytes:
    body = ('<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">'
            '<s:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/'
            'oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>admin</wsse:Username>'
            f'<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0'
            f'#{password_type}">Onvif-Pass1</wsse:Password></wsse:UsernameToken></wsse:Security></s:Header>'
            '<s:Body><GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>')
    data = body.encode()
    return (b"POST /onvif/device_service HTTP/1.1\r\nHost: 192.168.1.64\r\nContent-Type: application/soap+xml\r\n"
            b"Content-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)


def test_onvif_soap_password_text_is_a_credential_digest_is_not() -> None:
    clear = run(tcp_conv(PHONE, CAM, 51010, 80, [(True, soap("PasswordText"))]))[0]
    assert [(f.type, f.value, f.location) for f in clear] == [
        ("credentials", "Onvif-Pass1", "xml:wsse:Password")]
    assert run(tcp_conv(PHONE, CAM, 51011, 80, [(True, soap("PasswordDigest"))]))[0] == []
