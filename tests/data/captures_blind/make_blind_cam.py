#!/usr/bin/env python3
"""Deterministic generator for a BLIND labelled capture of cheap-camera P2P traffic.

Writes blind_cam.pcap (classic pcap, Ethernet/IPv4/UDP+TCP) and truth.json next to
this file.  Standard library only, plus `cryptography` for the Tuya 6667 AES-ECB
discovery frame.

Protocol layouts were built from public sources only (see README.md):
  * CS2 PPPP message layouts: pmarrapese/iot p2p/dissector/pppp.fdesc, lansearch.py
  * CS2 P2P_Proprietary_Encrypt: PSK hash + 256-byte table as in a public Wireshark
    Lua PPPP dissector and megajank.py (both adapted from fbertone/lib32100 issue #7)
  * TUTK/Kalay scrambling + ConnectByUID datagrams: AlexxIT/go2rtc pkg/tutk
  * XMEye DVRIP: AlexxIT/go2rtc pkg/dvrip/client.go (header, login JSON, Sofia hash)
  * Tuya LAN discovery: jasonacox/tinytuya udp_helper.py (udpkey = MD5("yGAdlopoPVldABfn"))
  * MQTT 3.1.1 packet formats (OASIS spec, as implemented by eclipse paho)
"""
import binascii
import hashlib
import json
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20250611)
T0 = 1735732800.0  # 2025-01-01 12:00:00 UTC, fixed

# ---------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------
GW = "192.168.50.1"
PHONE = "192.168.50.10"
CAM_A = "192.168.50.21"   # SHIX (clear CS2)
CAM_B = "192.168.50.22"   # VStarcam CGI (clear CS2, LAN)
CAM_C = "192.168.50.23"   # relay
CAM_D = "192.168.50.24"   # CS2 encrypted
CAM_E = "192.168.50.25"   # iLnk style
CAM_F = "192.168.50.31"   # Kalay LAN
CAM_G = "192.168.50.41"   # XMEye
TUYA_H = "192.168.50.51"  # Tuya 3.1
TUYA_I = "192.168.50.52"  # Tuya 3.3
CAM_M = "192.168.50.61"   # MQTT camera
BCAST = "255.255.255.255"

SRV_CS2_1 = "203.0.113.10"
SRV_CS2_2 = "198.51.100.20"   # also the answer for p2p-cs2.camcloud.example
SRV_ILNK = "203.0.113.12"
SRV_RELAY = "198.51.100.30"
SRV_KALAY = "203.0.113.61"    # answer for m1.iotcplatform.com
KALAY_DEV_WAN = "198.51.100.77"
SRV_MQTT = "203.0.113.80"     # answer for mqtt.camcloud.example
SRV_NOISE1 = "203.0.113.200"
SRV_NOISE2 = "198.51.100.91"
SRV_TLS = "198.51.100.90"
SRV_XM_FAKE = "203.0.113.150"

GW_MAC = bytes.fromhex("020000000001")


def mac_for(ip):
    if ip == BCAST:
        return b"\xff" * 6
    a = [int(x) for x in ip.split(".")]
    if a[0] == 192 and a[1] == 168:
        return bytes([0x02, 0x00, 0xC0, 0xA8, a[2], a[3]])
    return GW_MAC  # off-LAN: next hop is the router


# ---------------------------------------------------------------------------
# Packet building
# ---------------------------------------------------------------------------
def ip2b(ip):
    return bytes(int(x) for x in ip.split("."))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


_ip_id = [0x1000]


def ipv4(src, dst, proto, l4):
    _ip_id[0] = (_ip_id[0] + 1) & 0xFFFF
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), _ip_id[0], 0x4000, 64,
                      proto, 0, ip2b(src), ip2b(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + l4


def udp_seg(src, sport, dst, dport, payload):
    ln = 8 + len(payload)
    u = struct.pack("!HHHH", sport, dport, ln, 0) + payload
    ph = ip2b(src) + ip2b(dst) + struct.pack("!BBH", 0, 17, ln)
    c = csum(ph + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def tcp_seg(src, sport, dst, dport, seq, ack, flags, payload=b""):
    t = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                    5 << 4, flags, 64240, 0, 0) + payload
    ph = ip2b(src) + ip2b(dst) + struct.pack("!BBH", 0, 6, len(t))
    c = csum(ph + t)
    return t[:16] + struct.pack("!H", c) + t[18:]


def eth(src, dst, ippkt):
    return mac_for(dst) + mac_for(src) + b"\x08\x00" + ippkt


PACKETS = []          # (ts, frame)
_clock = [T0]


def tick(lo=0.002, hi=0.040):
    _clock[0] += RNG.uniform(lo, hi)
    return _clock[0]


def gap(sec=0.7):
    _clock[0] += sec + RNG.uniform(0, 0.3)


def send_udp(src, sport, dst, dport, payload):
    PACKETS.append((tick(), eth(src, dst, ipv4(src, dst, 17, udp_seg(src, sport, dst, dport, payload)))))


SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01


def tcp_flow(cli, cport, srv, sport, exchanges):
    """exchanges: list of ('c'|'s', payload). Full 3WHS, data with ACKs, FIN close."""
    cs, ss = RNG.randrange(1 << 32), RNG.randrange(1 << 32)

    def put(src, sp, dst, dp, seq, ack, fl, pl=b""):
        PACKETS.append((tick(), eth(src, dst, ipv4(src, dst, 6, tcp_seg(src, sp, dst, dp, seq, ack, fl, pl)))))

    put(cli, cport, srv, sport, cs, 0, SYN)
    put(srv, sport, cli, cport, ss, cs + 1, SYN | ACK)
    cs += 1
    ss += 1
    put(cli, cport, srv, sport, cs, ss, ACK)
    for who, pl in exchanges:
        for off in range(0, len(pl), 1400):
            chunk = pl[off:off + 1400]
            if who == "c":
                put(cli, cport, srv, sport, cs, ss, PSH | ACK, chunk)
                cs += len(chunk)
                put(srv, sport, cli, cport, ss, cs, ACK)
            else:
                put(srv, sport, cli, cport, ss, cs, PSH | ACK, chunk)
                ss += len(chunk)
                put(cli, cport, srv, sport, cs, ss, ACK)
    put(cli, cport, srv, sport, cs, ss, FIN | ACK)
    cs += 1
    put(srv, sport, cli, cport, ss, cs, FIN | ACK)
    ss += 1
    put(cli, cport, srv, sport, cs, ss, ACK)


# ---------------------------------------------------------------------------
# Truth bookkeeping
# ---------------------------------------------------------------------------
FLOWS = []


def flow(proto, client, server, transport, device_ids, messages, notes):
    FLOWS.append({
        "id": len(FLOWS) + 1,
        "proto": proto,
        "client": "%s:%d" % client,
        "server": "%s:%d" % server,
        "transport": transport,
        "device_ids": device_ids,
        "messages": messages,
        "notes": notes,
    })


# ---------------------------------------------------------------------------
# CS2 PPPP
# ---------------------------------------------------------------------------
def pppp(mtype, payload=b"", magic=0xF1):
    return struct.pack("!BBH", magic, mtype, len(payload)) + payload


def uid_bin(prefix, serial, check):
    return prefix.encode().ljust(8, b"\0") + struct.pack("!I", serial) + check.encode().ljust(8, b"\0")


def uid_txt(prefix, serial, check):
    return "%s-%06d-%s" % (prefix, serial, check)


def sockaddr(ip, port):
    # family big-endian (AF_INET=2), port little-endian, IPv4 little-endian, 8 pad (pppp.fdesc)
    return struct.pack(">H", 2) + struct.pack("<H", port) + ip2b(ip)[::-1] + b"\0" * 8


def drw(ch, idx, data):
    return pppp(0xD0, struct.pack("!BBH", 0xD1, ch, idx) + data)


def drw_ack(ch, idxs):
    return pppp(0xD1, struct.pack("!BBH", 0xD1, ch, len(idxs)) + b"".join(struct.pack("!H", i) for i in idxs))


def shix(obj):
    body = json.dumps(obj, separators=(",", ":")).encode()
    return bytes.fromhex("060AA080") + struct.pack("<I", len(body)) + body


def vstarcam_cgi(text):
    body = text.encode()
    return bytes.fromhex("010A0000") + struct.pack("<I", len(body)) + body


API_VER = bytes([0x03, 0x01, 0x0A])  # 3.1.10

# CS2 P2P_Proprietary_Encrypt table
CS2_TABLE = bytes.fromhex(
    "7C9CE84A13DEDCB22F2123E4307B3D8C"
    "BC0B270C3CF79AE7087196009785EFC1"
    "1FC4DBA1C2EBD901FABA3B05B8158783"
    "2872D18B5AD6DA9358FEAACC6E1BF0A3"
    "88AB43C00DB545384F502266207F075B"
    "14981D9BA72AB9A8CBF1FC4947063EB1"
    "0E043A945EEE541134DD4DF9ECC7C9E3"
    "781A6F706BA4BDA95DD5F8E5BB26AF42"
    "37D8E1020AAE5F1CC573094E6924906D"
    "12B319AD748A2940F52DBEA559E0F479"
    "D24BCE8982488425C6912BA2FB8FE9A6"
    "B09E3F65F603312EAC0F952C5CED39B7"
    "336C567EB4A0FD7A815351868D9F77FF"
    "6A80DFE2BF10D775645776F355CDD0C8"
    "18E6364162CF99F2324C67606192CAD3"
    "EA637D16B68ED46835C3529D46441E17"
)
assert len(CS2_TABLE) == 256 and sorted(CS2_TABLE) == list(range(256)), len(CS2_TABLE)


def cs2_key4(psk):
    k = [0, 0, 0, 0]
    for b in psk.encode():
        k[0] = (k[0] + b) & 0xFF
        k[1] = (k[1] - b) & 0xFF
        k[2] = (k[2] + b // 3) & 0xFF
        k[3] ^= b
    return k


def cs2_encrypt(psk, data):
    k = cs2_key4(psk)
    out, prev = bytearray(), 0
    for b in data:
        c = b ^ CS2_TABLE[(k[prev & 3] + prev) & 0xFF]
        out.append(c)
        prev = c
    return bytes(out)


def cs2_decrypt(psk, data):
    k = cs2_key4(psk)
    out, prev = bytearray(), 0
    for c in data:
        out.append(c ^ CS2_TABLE[(k[prev & 3] + prev) & 0xFF])
        prev = c
    return bytes(out)


CS2_PSK = "blindcam-psk-7319"

# ---------------------------------------------------------------------------
# TUTK / Kalay scrambling (go2rtc pkg/tutk/crypto.go TransCodePartial)
# ---------------------------------------------------------------------------
CHARLIE = b"Charlie is the designer of P2P!!"


def rotl32(x, n):
    n %= 32
    return ((x << n) | (x >> (32 - n))) & 0xFFFFFFFF


def _swap(src, n):
    if n == 2:
        return bytes([src[1], src[0]])
    if n == 4:
        return bytes([src[2], src[3], src[0], src[1]])
    if n == 8:
        return bytes([src[7], src[4], src[3], src[2], src[1], src[6], src[5], src[0]])
    if n == 16:
        o = [11, 9, 8, 15, 13, 10, 12, 14, 2, 1, 5, 0, 6, 4, 7, 3]
        return bytes(src[i] for i in o)
    return bytes(src[:n])


def tutk_scramble(src):
    src = bytes(src)
    out = bytearray()
    p = 0
    n = len(src)
    while n - p >= 16:
        blk = src[p:p + 16]
        tmp = b"".join(struct.pack("<I", rotl32(struct.unpack("<I", blk[i:i + 4])[0], -i - 1)) for i in range(0, 16, 4))
        dst = bytes(tmp[i] ^ CHARLIE[i] for i in range(16))
        tmp = _swap(dst, 16)
        dst = b"".join(struct.pack("<I", rotl32(struct.unpack("<I", tmp[i:i + 4])[0], -i - 3)) for i in range(0, 16, 4))
        out += dst
        p += 16
    r = n - p
    tmp = bytes(src[p + i] ^ CHARLIE[i] for i in range(r))
    out += _swap(tmp, r)
    return bytes(out)


def tutk_descramble(src):
    """ReverseTransCodePartial (go2rtc)."""
    src = bytes(src)
    out = bytearray()
    p = 0
    n = len(src)
    while n - p >= 16:
        blk = src[p:p + 16]
        tmp = b"".join(struct.pack("<I", rotl32(struct.unpack("<I", blk[i:i + 4])[0], i + 3)) for i in range(0, 16, 4))
        dst = _swap(tmp, 16)
        tmp = bytes(dst[i] ^ CHARLIE[i] for i in range(16))
        dst = b"".join(struct.pack("<I", rotl32(struct.unpack("<I", tmp[i:i + 4])[0], i + 1)) for i in range(0, 16, 4))
        out += dst
        p += 16
    r = n - p
    tmp = _swap(src[p:], r)
    out += bytes(tmp[i] ^ CHARLIE[i] for i in range(r))
    return bytes(out)


SDK_VER = b"\x06\x00\x03\x03"  # 3.3.0.6 little-endian as in go2rtc


def kalay_msg(cmd3, total, uid, fill=None, stage=0x02):
    b = bytearray(total)
    b[0:3] = b"\x04\x02\x19"
    b[3] = stage
    struct.pack_into("<H", b, 4, total - 16)
    b[8:11] = cmd3
    b[16:16 + len(uid)] = uid.encode()
    if fill:
        for off, data in fill:
            b[off:off + len(data)] = data
    return bytes(b)


# ---------------------------------------------------------------------------
# DNS
# ---------------------------------------------------------------------------
def dns_name(n):
    return b"".join(bytes([len(p)]) + p.encode() for p in n.split(".")) + b"\0"


def dns_query(txid, name):
    return struct.pack("!HHHHHH", txid, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack("!HH", 1, 1)


def dns_answer(txid, name, ip, ttl=300):
    q = dns_name(name) + struct.pack("!HH", 1, 1)
    a = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, ttl, 4) + ip2b(ip)
    return struct.pack("!HHHHHH", txid, 0x8180, 1, 1, 0, 0) + q + a


# ---------------------------------------------------------------------------
# XMEye DVRIP
# ---------------------------------------------------------------------------
def dvrip(direction, session, seq, msgid, obj):
    body = (json.dumps(obj, separators=(",", ":")) if not isinstance(obj, (bytes, str)) else obj)
    if isinstance(body, str):
        body = body.encode()
    body += b"\x0a\x00"
    hdr = struct.pack("<BBBBIIBBHI", 0xFF, direction, 0, 0, session, seq, 0, 0, msgid, len(body))
    return hdr + body


def sofia_hash(pw):
    chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    h = hashlib.md5(pw.encode()).digest()
    return "".join(chars[(h[i] + h[i + 1]) % 62] for i in range(0, 16, 2))


# ---------------------------------------------------------------------------
# Tuya
# ---------------------------------------------------------------------------
TUYA_UDPKEY = hashlib.md5(b"yGAdlopoPVldABfn").digest()


def tuya_frame(cmd, payload, seq=0):
    body = struct.pack(">I", 0) + payload  # retcode 0 (device -> app)
    length = len(body) + 8                  # + crc + suffix
    head = struct.pack(">IIII", 0x000055AA, seq, cmd, length)
    crc = binascii.crc32(head + body) & 0xFFFFFFFF
    return head + body + struct.pack(">II", crc, 0x0000AA55)


def aes_ecb_pkcs7(key, data):
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    pad = 16 - len(data) % 16
    data += bytes([pad]) * pad
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(data) + enc.finalize()


# ---------------------------------------------------------------------------
# MQTT 3.1.1
# ---------------------------------------------------------------------------
def mqtt_varint(n):
    out = bytearray()
    while True:
        b = n % 128
        n //= 128
        if n:
            b |= 0x80
        out.append(b)
        if not n:
            return bytes(out)


def mqtt_str(s):
    s = s.encode() if isinstance(s, str) else s
    return struct.pack("!H", len(s)) + s


def mqtt_pkt(first, body):
    return bytes([first]) + mqtt_varint(len(body)) + body


# ===========================================================================
# Scenes
# ===========================================================================
UID_A = ("DGOA", 123456, "EFGHJ")
UID_B = ("VSTC", 9876, "RSTUV")
UID_C = ("PIXA", 42, "XYZKL")
UID_D = ("DBG", 654321, "MNPRS")
UID_E = ("BATE", 112233, "ABCDE")
TA, TB, TC, TD, TE = (uid_txt(*u) for u in (UID_A, UID_B, UID_C, UID_D, UID_E))
BA, BB, BC, BD, BE = (uid_bin(*u) for u in (UID_A, UID_B, UID_C, UID_D, UID_E))

KALAY_UID_F = "CXPBU8XBKGL6ZK7M111A"
KALAY_UID_R = "RX9DP4WS3NKJ7U2T111A"
XM_SERIAL = "a1b2c3d4e5f60718"
TUYA_GW_H = "bf3c9d2e81a4f7c6d5e0ab"
TUYA_GW_I = "eb12ab34cd56ef78ab90"
MQTT_CLIENT = "cam_7f3a9c21e4b8"
MQTT_USER = "dev7f3a9c21"


def scene_dns(cli, cport, name, ip, txid, note_extra=""):
    send_udp(cli, cport, GW, 53, dns_query(txid, name))
    send_udp(GW, 53, cli, cport, dns_answer(txid, name, ip))
    flow("none", (cli, cport), (GW, 53), "udp", [], ["DNS_QUERY", "DNS_ANSWER"],
         "DNS A %s -> %s. %s" % (name, ip, note_extra))


def main():
    # ---------------- 1. CS2 clear: camera A registers with server ----------------
    c = (CAM_A, 40100)
    s = (SRV_CS2_1, 32100)
    send_udp(*c, *s, pppp(0x00))
    send_udp(*s, *c, pppp(0x01, sockaddr(CAM_A, 40100)))
    send_udp(*c, *s, pppp(0x10, BA + b"\x02" + API_VER + sockaddr(CAM_A, 40100)))
    send_udp(*s, *c, pppp(0x11, bytes([0, 60, 0, 0])))
    send_udp(*c, *s, pppp(0x67, BA))
    send_udp(*s, *c, pppp(0x69, bytes([1, 0, 0, 0]) + sockaddr(SRV_RELAY, 45000)))
    flow("pppp", c, s, "udp", [TA], ["HELLO", "HELLO_ACK", "DEV_LGN", "DEV_LGN_ACK", "LIST_REQ1", "LIST_REQ_ACK"],
         "CS2 clear. Camera A (SHIX prefix DGOA) logs in to P2P server. UID binary at payload offset 0 of DEV_LGN and LIST_REQ1.")
    gap()

    # ---------------- 2. CS2 clear: camera A registers with second server ----------
    c2 = (CAM_A, 40100)
    s2 = (SRV_CS2_2, 32100)
    send_udp(*c2, *s2, pppp(0x00))
    send_udp(*s2, *c2, pppp(0x01, sockaddr(CAM_A, 40100)))
    send_udp(*c2, *s2, pppp(0x10, BA + b"\x02" + API_VER + sockaddr(CAM_A, 40100)))
    send_udp(*s2, *c2, pppp(0x11, bytes([0, 60, 0, 0])))
    flow("pppp", c2, s2, "udp", [TA], ["HELLO", "HELLO_ACK", "DEV_LGN", "DEV_LGN_ACK"],
         "CS2 clear. Same camera A, same source port, redundant second server (separate 5-tuple flow).")
    gap()

    # ---------------- 3. CS2 clear: phone asks server for camera A ----------------
    pc = (PHONE, 51001)
    send_udp(*pc, *s, pppp(0x00))
    send_udp(*s, *pc, pppp(0x01, sockaddr(PHONE, 51001)))
    send_udp(*pc, *s, pppp(0x20, BA + sockaddr(PHONE, 51001)))
    send_udp(*s, *pc, pppp(0x21, b"\x00" + API_VER))
    send_udp(*s, *pc, pppp(0x40, sockaddr(CAM_A, 41872)))
    flow("pppp", pc, s, "udp", [TA], ["HELLO", "HELLO_ACK", "P2P_REQ", "P2P_REQ_ACK", "PUNCH_TO"],
         "CS2 clear. Phone app requests P2P connection to camera A; server answers with PUNCH_TO (camera sockaddr, LE).")
    gap(0.2)

    # ---------------- 4. CS2 clear: phone <-> camera A punch + SHIX login ----------
    pp = (PHONE, 53211)
    cp = (CAM_A, 41872)
    send_udp(*pp, *cp, pppp(0x41, BA))
    send_udp(*cp, *pp, pppp(0x41, BA))
    send_udp(*pp, *cp, pppp(0x42, BA))
    send_udp(*cp, *pp, pppp(0x42, BA))
    login = shix({"pro": "check_user", "cmd": 100, "user": "admin", "pwd": "6789xq"})
    send_udp(*pp, *cp, drw(0, 0, login))
    send_udp(*cp, *pp, drw_ack(0, [0]))
    resp = shix({"pro": "check_user", "cmd": 100, "result": 0, "admin": 1, "mode": 0, "type": 0})
    send_udp(*cp, *pp, drw(0, 0, resp))
    send_udp(*pp, *cp, drw_ack(0, [0]))
    send_udp(*pp, *cp, drw(0, 1, shix({"pro": "stream", "cmd": 111, "video": 1, "user": "admin", "pwd": "6789xq"})))
    send_udp(*cp, *pp, drw_ack(0, [1]))
    send_udp(*pp, *cp, pppp(0xE0))
    send_udp(*cp, *pp, pppp(0xE1))
    send_udp(*pp, *cp, pppp(0xF0))
    flow("pppp", pp, cp, "udp", [TA],
         ["PUNCH_PKT", "P2P_RDY", "DRW", "DRW_ACK", "ALIVE", "ALIVE_ACK", "CLOSE"],
         "CS2 clear peer-to-peer on random high ports. DRW ch0 carries SHIX JSON (06 0A A0 80 + 4-byte LE length) "
         "with user=admin pwd=6789xq (credentials in clear).")
    gap()

    # ---------------- 5/6. LAN search broadcast + camera B reply + VStarcam CGI -----
    lp = (PHONE, 50555)
    send_udp(*lp, BCAST, 32108, pppp(0x30))
    send_udp(CAM_B, 32108, *lp, pppp(0x41, BB))
    send_udp(*lp, CAM_B, 32108, pppp(0x41, BB))
    send_udp(CAM_B, 32108, *lp, pppp(0x42, BB))
    cgi = vstarcam_cgi("GET /check_user.cgi?loginuse=admin&loginpas=888888&user=admin&pwd=888888&")
    send_udp(*lp, CAM_B, 32108, drw(0, 0, cgi))
    send_udp(CAM_B, 32108, *lp, drw_ack(0, [0]))
    send_udp(CAM_B, 32108, *lp, drw(0, 0, vstarcam_cgi("var result=0;\r\nvar current_users=1;\r\n")))
    send_udp(*lp, CAM_B, 32108, drw_ack(0, [0]))
    send_udp(*lp, CAM_B, 32108, pppp(0xE0))
    send_udp(CAM_B, 32108, *lp, pppp(0xE1))
    flow("pppp", lp, (BCAST, 32108), "udp", [], ["LAN_SEARCH"],
         "CS2 LAN_SEARCH F1 30 00 00 broadcast; carries no id.")
    flow("pppp", lp, (CAM_B, 32108), "udp", [TB],
         ["PUNCH_PKT", "P2P_RDY", "DRW", "DRW_ACK", "ALIVE", "ALIVE_ACK"],
         "Camera B (VStarcam prefix VSTC) answers the LAN search unicast with PUNCH_PKT; phone echoes it; "
         "P2P_RDY; DRW carries VStarcam CGI (01 0A 00 00 + 4-byte LE len) with loginuse=admin loginpas=888888.")
    gap()

    # ---------------- 7/8. Relay: phone and camera C via relay server -------------
    rs = (SRV_RELAY, 45000)
    rp = (PHONE, 52000)
    rc = (CAM_C, 40300)
    magic_word = struct.pack("!I", 0x5A3C9E11)
    send_udp(*rp, *rs, pppp(0x70))
    send_udp(*rs, *rp, pppp(0x71))
    send_udp(*rp, *rs, pppp(0x83, magic_word + BC + b"\x00\x00\x00\x00"))
    send_udp(*rc, *rs, pppp(0x70))
    send_udp(*rs, *rc, pppp(0x71))
    send_udp(*rc, *rs, pppp(0x83, magic_word + BC + b"\x01\x00\x00\x00"))
    send_udp(*rs, *rp, pppp(0x84, BC))
    send_udp(*rs, *rc, pppp(0x84, BC))
    send_udp(*rp, *rs, drw(0, 0, shix({"pro": "check_user", "cmd": 100, "user": "admin", "pwd": "relaypw1"})))
    send_udp(*rs, *rp, drw_ack(0, [0]))
    send_udp(*rc, *rs, drw(0, 0, shix({"pro": "check_user", "cmd": 100, "result": 0})))
    send_udp(*rs, *rc, drw_ack(0, [0]))
    flow("pppp", rp, rs, "udp", [TC], ["RLY_HELLO", "RLY_HELLO_ACK", "RLY_PKT", "RLY_RDY", "DRW", "DRW_ACK"],
         "CS2 relay, client side. RLY_PKT F1 83 00 1C: 4-byte magic word then UID (is_device=0). "
         "Serial 42 must be rendered zero-padded as 000042. DRW SHIX login pwd=relaypw1.")
    flow("pppp", rc, rs, "udp", [TC], ["RLY_HELLO", "RLY_HELLO_ACK", "RLY_PKT", "RLY_RDY", "DRW", "DRW_ACK"],
         "CS2 relay, camera side (is_device=1).")
    gap()

    # ---------------- 9-11. CS2 encrypted (P2P_Proprietary_Encrypt) ----------------
    E = lambda m: cs2_encrypt(CS2_PSK, m)
    dc = (CAM_D, 40222)
    ds = (SRV_CS2_2, 32100)
    # DNS first (camera resolves its P2P server)
    scene_dns(CAM_D, 53002, "p2p-cs2.camcloud.example", SRV_CS2_2, 0x2B11,
              "Followed by encrypted CS2 UDP from camera D to that IP:32100.")
    send_udp(*dc, *ds, E(pppp(0x00)))
    send_udp(*ds, *dc, E(pppp(0x01, sockaddr(CAM_D, 40222))))
    send_udp(*dc, *ds, E(pppp(0x10, BD + b"\x02" + API_VER + sockaddr(CAM_D, 40222))))
    send_udp(*ds, *dc, E(pppp(0x11, bytes([0, 60, 0, 0]))))
    send_udp(*dc, *ds, E(pppp(0x10, BD + b"\x02" + API_VER + sockaddr(CAM_D, 40222))))
    send_udp(*ds, *dc, E(pppp(0x11, bytes([0, 60, 0, 0]))))
    flow("pppp", dc, ds, "udp", [TD], ["HELLO", "HELLO_ACK", "DEV_LGN", "DEV_LGN_ACK"],
         "CS2 under P2P_Proprietary_Encrypt (whole datagram incl. header) with PSK in keys.cs2_psk. "
         "3-char prefix DBG (NUL padded). ID only recoverable by decrypting.")
    dp = (PHONE, 51777)
    send_udp(*dp, *ds, E(pppp(0x00)))
    send_udp(*ds, *dp, E(pppp(0x01, sockaddr(PHONE, 51777))))
    send_udp(*dp, *ds, E(pppp(0x20, BD + sockaddr(PHONE, 51777))))
    send_udp(*ds, *dp, E(pppp(0x21, b"\x00" + API_VER)))
    send_udp(*ds, *dp, E(pppp(0x40, sockaddr(CAM_D, 41999))))
    flow("pppp", dp, ds, "udp", [TD], ["HELLO", "HELLO_ACK", "P2P_REQ", "P2P_REQ_ACK", "PUNCH_TO"],
         "CS2 encrypted, phone side P2P_REQ for camera D.")
    pe = (PHONE, 54433)
    ce = (CAM_D, 41999)
    send_udp(*pe, *ce, E(pppp(0x41, BD)))
    send_udp(*ce, *pe, E(pppp(0x41, BD)))
    send_udp(*pe, *ce, E(pppp(0x42, BD)))
    send_udp(*ce, *pe, E(pppp(0x42, BD)))
    send_udp(*pe, *ce, E(drw(0, 0, shix({"pro": "check_user", "cmd": 100, "user": "admin", "pwd": "encpw55"}))))
    send_udp(*ce, *pe, E(drw_ack(0, [0])))
    send_udp(*pe, *ce, E(pppp(0xE0)))
    send_udp(*ce, *pe, E(pppp(0xE1)))
    flow("pppp", pe, ce, "udp", [TD], ["PUNCH_PKT", "P2P_RDY", "DRW", "DRW_ACK", "ALIVE", "ALIVE_ACK"],
         "CS2 encrypted peer flow; DRW SHIX login pwd=encpw55 inside the encryption.")
    gap()

    # ---------------- 12/13. iLnk style --------------------------------------------
    ic = (CAM_E, 40500)
    isv = (SRV_ILNK, 32100)
    send_udp(*ic, *isv, pppp(0x00))
    send_udp(*isv, *ic, pppp(0x01, sockaddr(CAM_E, 40500)))
    send_udp(*ic, *isv, pppp(0x10, BE + b"\x02" + API_VER + sockaddr(CAM_E, 40500)))
    send_udp(*isv, *ic, pppp(0x11, bytes([0, 60, 0, 0])))
    send_udp(*ic, *isv, pppp(0x00, BE, magic=0xA1))
    send_udp(*isv, *ic, pppp(0x01, BE, magic=0xA1))
    send_udp(*ic, *isv, pppp(0x02, BE, magic=0xA1))
    send_udp(*ic, *isv, pppp(0x10, BE, magic=0xF2))
    flow("pppp", ic, isv, "udp", [TE], ["HELLO", "HELLO_ACK", "DEV_LGN", "DEV_LGN_ACK", "ILNK_A1_00", "ILNK_A1_01", "ILNK_A1_02", "ILNK_F2_10"],
         "iLnk-style camera E (YsxLite prefix BATE, legacy A-F check code). Standard F1 login plus 0xA1/0xF2-magic "
         "messages with a 4-byte header (magic,type,BE len) and the 20-byte binary UID as payload. "
         "UNVERIFIED: A1/F2 layout assumed from destinations.md one-liner only.")
    il = (PHONE, 50556)
    send_udp(*il, BCAST, 32108, pppp(0x32))
    send_udp(CAM_E, 32108, *il, pppp(0x41, BE))
    send_udp(CAM_E, 32108, *il, pppp(0x42, BE))
    flow("pppp", il, (BCAST, 32108), "udp", [], ["LAN_SEARCH_EXT"],
         "iLnk LAN search F1 32 00 00 broadcast; no id.")
    flow("pppp", il, (CAM_E, 32108), "udp", [TE], ["PUNCH_PKT", "P2P_RDY"],
         "iLnk camera E answers the 0x32 LAN search with PUNCH_PKT/P2P_RDY (server->client only).")
    gap()

    # ---------------- 14/15. Kalay LAN (direct + broadcast) -------------------------
    sid = bytes.fromhex("5b0d4202070aa8c0")
    kp = (PHONE, 49500)
    kc = (CAM_F, 32761)
    req1 = kalay_msg(b"\x01\x06\x21", 68, KALAY_UID_F, [(52, SDK_VER), (56, sid), (64, b"\x01")])
    rep = kalay_msg(b"\x02\x06\x12", 200, KALAY_UID_F, [(36, sid), (184, b"\x0a\x00\x04\x03")])
    req2 = kalay_msg(b"\x01\x06\x21", 68, KALAY_UID_F, [(52, SDK_VER), (56, sid), (64, b"\x02")])
    send_udp(*kp, *kc, tutk_scramble(req1))
    send_udp(*kc, *kp, tutk_scramble(rep))
    send_udp(*kp, *kc, tutk_scramble(req2))
    flow("kalay", kp, kc, "udp", [KALAY_UID_F], ["KALAY_010621", "KALAY_020612"],
         "TUTK/Kalay LAN direct connect to camera UDP 32761; every datagram scrambled with TransCodePartial "
         "('Charlie is the designer of P2P!!'); descrambled starts 04 02 19, UID ASCII at offset 16. "
         "Reply layout beyond offset 8 is synthetic.")
    kb = (PHONE, 49501)
    send_udp(*kb, BCAST, 32761, tutk_scramble(req1))
    flow("kalay", kb, (BCAST, 32761), "udp", [KALAY_UID_F], ["KALAY_010621"],
         "Kalay LAN search broadcast to 255.255.255.255:32761, UID inside scrambled datagram.")
    gap()

    # ---------------- 16-18. Kalay remote via master (DNS first) --------------------
    scene_dns(PHONE, 53001, "m1.iotcplatform.com", SRV_KALAY, 0x1A2B,
              "Followed by scrambled Kalay UDP from the phone to that IP:10001.")
    kr = (PHONE, 49600)
    km = (SRV_KALAY, 10001)
    sid2 = bytes.fromhex("7ecc93c456c2561f")
    q = kalay_msg(b"\x03\x02\x34", 112, KALAY_UID_R, [(100, sid2), (108, b"\x02")])
    a = kalay_msg(b"\x01\x03\x43", 60, KALAY_UID_R, [(38, struct.pack("!H", 23456)), (40, ip2b(KALAY_DEV_WAN))])
    send_udp(*kr, *km, tutk_scramble(q))
    send_udp(*km, *kr, tutk_scramble(a))
    flow("kalay", kr, km, "udp", [KALAY_UID_R], ["KALAY_030234", "KALAY_010343"],
         "Kalay remote: phone asks master (m1.iotcplatform.com) for device address (03 02 34); reply 01 03 43 "
         "with device WAN port BE @38 and IPv4 @40. UID at 16 in both (reply UID placement assumed).")
    kd = (KALAY_DEV_WAN, 23456)
    ack = kalay_msg(b"\x02\x04\x33", 44, KALAY_UID_R, [(36, sid2)])
    ok = kalay_msg(b"\x04\x04\x33", 52, KALAY_UID_R, [(36, sid2), (48, b"\x0a\x00\x04\x03")])
    fin = kalay_msg(b"\x04\x04\x33", 52, KALAY_UID_R, [(36, sid2), (48, SDK_VER)])
    send_udp(*kr, *kd, tutk_scramble(ack))
    send_udp(*kd, *kr, tutk_scramble(ok))
    send_udp(*kr, *kd, tutk_scramble(fin))
    flow("kalay", kr, kd, "udp", [KALAY_UID_R], ["KALAY_020433", "KALAY_040433"],
         "Kalay remote ack/ok with the device's public address (same phone socket as previous flow).")
    gap()

    # ---------------- 19. XMEye DVRIP TCP 34567 ---------------------------------------
    xc = (PHONE, 50210)
    xs = (CAM_G, 34567)
    sess = 0x0000000B
    ex = [
        ("c", dvrip(0, 0, 0, 1000, {"EncryptType": "MD5", "LoginType": "DVRIP-Web",
                                    "PassWord": sofia_hash("xm2024"), "UserName": "admin"})),
        ("s", dvrip(1, sess, 0, 1001, {"AliveInterval": 21, "ChannelNum": 1, "DeviceType ": "IPC",
                                       "ExtraChannel": 0, "Ret": 100, "SessionID": "0x%08X" % sess})),
        ("c", dvrip(0, sess, 1, 1020, {"Name": "SystemInfo", "SessionID": "0x%08X" % sess})),
        ("s", dvrip(1, sess, 1, 1021, {"Name": "SystemInfo", "Ret": 100, "SessionID": "0x%08X" % sess,
                                       "SystemInfo": {"AlarmInChannel": 1, "AlarmOutChannel": 1, "AudioInChannel": 1,
                                                      "BuildTime": "2023-05-12 10:11:12", "DeviceType": 7,
                                                      "HardWare": "HI3518EV300_50H20AI", "SerialNumber": XM_SERIAL,
                                                      "SoftWareVersion": "V5.00.R02.000529B8.10010.040400.0020000",
                                                      "VideoInChannel": 1}})),
        ("c", dvrip(0, sess, 2, 1006, {"Name": "KeepAlive", "SessionID": "0x%08X" % sess})),
        ("s", dvrip(1, sess, 2, 1007, {"Name": "", "Ret": 100, "SessionID": "0x%08X" % sess})),
    ]
    tcp_flow(*xc, *xs, ex)
    flow("xmeye", xc, xs, "tcp", [XM_SERIAL], ["LOGIN_REQ", "LOGIN_RSP", "SYSINFO_REQ", "SYSINFO_RSP", "KEEPALIVE_REQ", "KEEPALIVE_RSP"],
         "DVRIP: 20-byte header (FF, dir 0/1, session LE@4, seq LE@8, msgid LE@14, len LE@16), JSON + 0A 00. "
         "Login 1000 (Sofia hash of 'xm2024'), SystemInfo 1021 carries SerialNumber.")
    gap()

    # ---------------- 20/21. XMEye UDP 34569 discovery --------------------------------
    xd = (PHONE, 50300)
    send_udp(*xd, BCAST, 34569, dvrip(0, 0, 0, 1530, b"")[:20])
    reply = dvrip(1, 0, 0, 1531, {"NetWork.NetCommon": {
        "BuildDate": "2023-05-12 10:11:12", "ChannelNum": 1, "DeviceType": 7, "GateWay": "0x0132A8C0",
        "HostIP": "0x2932A8C0", "HostName": "IPC", "HttpPort": 80, "MAC": "00:12:41:8a:3c:5e", "MaxBps": 0,
        "MonMode": "TCP", "SN": XM_SERIAL, "SSLPort": 8443, "Submask": "0x00FFFFFF", "TCPMaxConn": 10,
        "TCPPort": 34567, "TransferPlan": "Quality", "UDPPort": 34568, "UseHSDownLoad": False,
        "Version": "V5.00.R02.000529B8.10010.040400.0020000"}, "Ret": 100, "SessionID": "0x00000000"})
    send_udp(CAM_G, 34569, *xd, reply)
    flow("xmeye", xd, (BCAST, 34569), "udp", [], ["IPSEARCH_REQ"],
         "XMEye discovery request (msg 1530, empty body) broadcast; no id.")
    flow("xmeye", xd, (CAM_G, 34569), "udp", [XM_SERIAL], ["IPSEARCH_RSP"],
         "XMEye discovery reply (msg 1531) unicast from camera G:34569 with NetWork.NetCommon.SN.")
    gap()

    # ---------------- 22/23. Tuya LAN discovery ----------------------------------------
    th = (TUYA_H, 63145)
    j31 = json.dumps({"ip": TUYA_H, "gwId": TUYA_GW_H, "active": 2, "ability": 0, "mode": 0, "encrypt": True,
                      "productKey": "keyjup78v54myhan", "version": "3.1"}, separators=(",", ":")).encode()
    send_udp(*th, BCAST, 6666, tuya_frame(0x13, j31))
    gap(0.5)
    send_udp(*th, BCAST, 6666, tuya_frame(0x13, j31))
    flow("tuya", th, (BCAST, 6666), "udp", [TUYA_GW_H], ["UDP_BROADCAST_3.1"],
         "Tuya v3.1 clear broadcast: 000055AA seq cmd=0x13 len retcode JSON crc32 0000AA55; gwId 22 chars.")
    ti = (TUYA_I, 49154)
    j33 = json.dumps({"ip": TUYA_I, "gwId": TUYA_GW_I, "active": 2, "ablilty": 0, "encrypt": True,
                      "productKey": "zq8xk2mb4vjwq1cz", "version": "3.3"}, separators=(",", ":")).encode()
    send_udp(*ti, BCAST, 6667, tuya_frame(0x13, aes_ecb_pkcs7(TUYA_UDPKEY, j33)))
    gap(0.5)
    send_udp(*ti, BCAST, 6667, tuya_frame(0x13, aes_ecb_pkcs7(TUYA_UDPKEY, j33)))
    flow("tuya", ti, (BCAST, 6667), "udp", [TUYA_GW_I], ["UDP_BROADCAST_3.3"],
         "Tuya v3.3 broadcast: same 55AA framing, payload AES-128-ECB/PKCS7 with MD5('yGAdlopoPVldABfn'); gwId 20 chars.")
    gap()

    # ---------------- 24/25. MQTT (DNS first) --------------------------------------------
    scene_dns(CAM_M, 53003, "mqtt.camcloud.example", SRV_MQTT, 0x3C4D,
              "Followed by MQTT TCP 1883 from camera M to that IP.")
    mc = (CAM_M, 43512)
    ms = (SRV_MQTT, 1883)
    connect = mqtt_pkt(0x10, mqtt_str("MQTT") + bytes([4, 0xC2]) + struct.pack("!H", 60) +
                       mqtt_str(MQTT_CLIENT) + mqtt_str(MQTT_USER) + mqtt_str("p4ss-" + MQTT_CLIENT[-6:]))
    sub_topic = "device/%s/cmd" % MQTT_CLIENT
    pub_topic = "device/%s/status" % MQTT_CLIENT
    sub = mqtt_pkt(0x82, struct.pack("!H", 1) + mqtt_str(sub_topic) + b"\x01")
    pub = mqtt_pkt(0x30, mqtt_str(pub_topic) + json.dumps(
        {"online": True, "fw": "2.4.1", "rssi": -51, "ip": CAM_M}, separators=(",", ":")).encode())
    tcp_flow(*mc, *ms, [
        ("c", connect), ("s", bytes([0x20, 2, 0, 0])),
        ("c", sub), ("s", bytes([0x90, 3, 0, 1, 1])),
        ("c", pub),
        ("c", bytes([0xC0, 0])), ("s", bytes([0xD0, 0])),
        ("c", bytes([0xE0, 0])),
    ])
    flow("mqtt", mc, ms, "tcp", [MQTT_CLIENT], ["CONNECT", "CONNACK", "SUBSCRIBE", "SUBACK", "PUBLISH", "PINGREQ", "PINGRESP", "DISCONNECT"],
         "MQTT 3.1.1 clear: client id %s, username %s, password present; topics contain the client id." % (MQTT_CLIENT, MQTT_USER))
    gap()

    # ---------------- DECOYS -------------------------------------------------------------
    # D1 random UDP to 32100 (no byte is F1 at offset 0; does not decrypt to F1 under our PSK)
    d1 = (PHONE, 55001)
    for _ in range(4):
        while True:
            blob = bytes(RNG.randrange(256) for _ in range(RNG.choice([36, 48, 64, 88])))
            if blob[0] != 0xF1 and cs2_decrypt(CS2_PSK, blob)[0] != 0xF1 and blob[0] != 0xA1 \
                    and tutk_descramble(blob)[:2] != b"\x04\x02":
                break
        send_udp(*d1, SRV_NOISE1, 32100, blob)
    flow("none", d1, (SRV_NOISE1, 32100), "udp", [], [],
         "DECOY: random high-entropy UDP to 32100; first byte never F1, not CS2-decryptable with our PSK, not Kalay.")
    # D2 random UDP to 32761
    d2 = (PHONE, 55002)
    for _ in range(3):
        while True:
            blob = bytes(RNG.randrange(256) for _ in range(RNG.choice([52, 68, 100])))
            if tutk_descramble(blob)[:2] != b"\x04\x02" and blob[0] != 0xF1:
                break
        send_udp(*d2, CAM_F, 32761, blob)
    flow("none", d2, (CAM_F, 32761), "udp", [], [],
         "DECOY: random UDP to Kalay LAN port 32761 that does not descramble to 04 02.")
    # D3 F1 datagram with wrong length field, UID-looking text inside
    d3 = (PHONE, 55003)
    bad = b"\xF1\x10\x00\x40" + uid_bin("FAKE", 1, "BCDEF") + b"\x02" + API_VER  # header claims 64, has 24
    send_udp(*d3, SRV_NOISE1, 32100, bad)
    send_udp(*d3, SRV_NOISE1, 32100, b"\xF1\x41\x00\x14" + b"FAKE-000002-BCDEF")  # 21 bytes, claims 24
    flow("none", d3, (SRV_NOISE1, 32100), "udp", [], [],
         "DECOY: 0xF1-first datagrams whose BE length field does not match datagram length (F1 10 00 40 in 28 bytes; "
         "F1 41 00 14 in 21 bytes) although they embed UID-like data FAKE-000001-BCDEF / FAKE-000002-BCDEF. Must be rejected.")
    # D4 DNS only
    scene_dns(PHONE, 53004, "time.example.net", "198.51.100.123", 0x4E5F, "DECOY: DNS-only, no follow-up traffic.")
    FLOWS[-1]["notes"] = "DECOY: " + FLOWS[-1]["notes"]
    # D5 TLS ClientHello to non-camera host
    sni = b"www.example.org"
    ext_sni = struct.pack("!HHHBH", 0, len(sni) + 5, len(sni) + 3, 0, len(sni)) + sni
    ext_sv = struct.pack("!HHB", 43, 5, 4) + b"\x03\x04\x03\x03"
    ext_grp = struct.pack("!HHH", 10, 4, 2) + b"\x00\x1d"
    exts = ext_sni + ext_sv + ext_grp
    rnd = bytes(RNG.randrange(256) for _ in range(32))
    sidb = bytes(RNG.randrange(256) for _ in range(32))
    ciphers = b"\x13\x01\x13\x02\x13\x03\xc0\x2b\xc0\x2f"
    ch_body = b"\x03\x03" + rnd + bytes([32]) + sidb + struct.pack("!H", len(ciphers)) + ciphers + b"\x01\x00" + \
        struct.pack("!H", len(exts)) + exts
    hs = b"\x01" + struct.pack("!I", len(ch_body))[1:] + ch_body
    rec = b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs
    tcp_flow(PHONE, 55005, SRV_TLS, 443, [("c", rec)])
    flow("none", (PHONE, 55005), (SRV_TLS, 443), "tcp", [], [],
         "DECOY: generic TLS 1.3 ClientHello, SNI www.example.org, server never answers (client closes).")
    # D6 random TCP on 34567 not starting with 0xFF
    while True:
        junk1 = bytes(RNG.randrange(256) for _ in range(64))
        if junk1[0] != 0xFF:
            break
    junk2 = bytes([0x47]) + bytes(RNG.randrange(256) for _ in range(40))
    tcp_flow(PHONE, 55006, SRV_XM_FAKE, 34567, [("c", junk1), ("s", junk2)])
    flow("none", (PHONE, 55006), (SRV_XM_FAKE, 34567), "tcp", [], [],
         "DECOY: random bytes on TCP 34567, neither side starts with 0xFF.")
    # D7 20-char alnum token on a non-P2P UDP flow
    d7 = (PHONE, 55007)
    send_udp(*d7, SRV_NOISE2, 5000, b"sync v=2 token=K7Q2M9X4P1L8R3T6W5Z0 seq=17\n")
    send_udp(SRV_NOISE2, 5000, *d7, b"ok seq=17\n")
    flow("none", d7, (SRV_NOISE2, 5000), "udp", [], [],
         "DECOY: plain-text UDP with a 20-char uppercase alnum token (looks like a Kalay UID) outside any P2P context.")

    # ---------------- self checks -----------------------------------------------------------
    assert cs2_decrypt(CS2_PSK, cs2_encrypt(CS2_PSK, b"\xF1\x10\x00\x28" + BD))[:4] == b"\xF1\x10\x00\x28"
    for m in (req1, rep, q, a, ack, ok):
        assert tutk_descramble(tutk_scramble(m)) == m
    # scrambled datagrams must not show the 04 02 magic in clear
    assert tutk_scramble(req1)[:2] != b"\x04\x02"

    # ---------------- write ----------------------------------------------------------------
    PACKETS.sort(key=lambda p: p[0])
    with open(os.path.join(HERE, "blind_cam.pcap"), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for ts, fr in PACKETS:
            sec = int(ts)
            usec = int(round((ts - sec) * 1e6))
            if usec >= 1000000:
                sec, usec = sec + 1, usec - 1000000
            f.write(struct.pack("<IIII", sec, usec, len(fr), len(fr)) + fr)

    truth = {
        "generator": "make_blind_cam.py (deterministic, seed 20250611)",
        "blind": True,
        "flows": FLOWS,
        "keys": {
            "cs2_psk": CS2_PSK,
            "cs2_key4": cs2_key4(CS2_PSK),
            "cs2_cipher": "P2P_Proprietary_Encrypt over whole datagram: key4=[sum, -sum, sum(b//3), xor] of PSK bytes "
                          "(mod 256); c[i]=p[i]^TABLE[(key4[prev&3]+prev)&255], prev=previous ciphertext byte (0 at start)",
            "cs2_encrypted_flows": [f["id"] for f in FLOWS if "P2P_Proprietary_Encrypt" in f["notes"] or "CS2 encrypted" in f["notes"]],
            "tutk_scramble": "go2rtc TransCodePartial, constant 'Charlie is the designer of P2P!!', applied to whole datagram",
            "tuya_udp_key_hex": TUYA_UDPKEY.hex(),
            "tuya_udp_key_source": "MD5('yGAdlopoPVldABfn')",
            "credentials_in_clear": {
                "shix_flow4": {"user": "admin", "pwd": "6789xq"},
                "vstarcam_flow6": {"loginuse": "admin", "loginpas": "888888"},
                "shix_relay": {"user": "admin", "pwd": "relaypw1"},
                "shix_encrypted_inside_cs2": {"user": "admin", "pwd": "encpw55"},
                "xmeye": {"user": "admin", "password": "xm2024", "sofia_hash": sofia_hash("xm2024")},
                "mqtt": {"client_id": MQTT_CLIENT, "username": MQTT_USER},
            },
        },
        "counts": {},
    }
    cnt = {}
    for fl in FLOWS:
        cnt[fl["proto"]] = cnt.get(fl["proto"], 0) + 1
    truth["counts"] = {"flows": len(FLOWS), "packets": len(PACKETS), "per_proto": cnt}
    with open(os.path.join(HERE, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
