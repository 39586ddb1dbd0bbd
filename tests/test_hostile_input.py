"""Hostile input beyond whole files (issue 15): decompression, field floods, damaged gzip,
malformed HAR/flow files, hostile policies, non-regular files. Fast, in-process where possible."""

from __future__ import annotations

import copy
import gzip
import io
import json
import os
import random
import resource
import struct
import subprocess
import sys
import tracemalloc
import zlib
from dataclasses import replace
from pathlib import Path

import brotli
import pytest
from mitmproxy import io as mio
from mitmproxy.io import tnetstring
from mitmproxy.test import tflow

from monitor.context import build_context
from monitor.decode import MAX_DECODED, MAX_FIELDS, _Budget, decompress, fields_of_http, fields_of_payload
from monitor.engine import Engine
from monitor.errors import BadInput
from monitor.ingest import analyze_file
from monitor.model import Endpoint, HttpExchange
from monitor.policy.text import MAX_POLICY_BYTES, MAX_POLICY_CHARS, read_policy_text
from monitor.sources import open_capture
from monitor.store import Store
from tests.hostile.make_hostile import pcap_header, record, udp_frame

HOSTILE = Path(__file__).resolve().parent / "hostile"


def _post(body: bytes, headers: tuple[tuple[str, str], ...]) -> HttpExchange:
    return HttpExchange(ts=1.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("203.0.113.5", 80),
                        method="POST", host="api.example.cn", path="/v1/up", request_headers=headers,
                        request_body=body)


def test_brotli_bomb_is_bounded_like_gzip() -> None:
    bomb = (HOSTILE / "brotli-bomb-256MB.br").read_bytes()  # ~400 bytes that expand to 256 MiB
    assert len(bomb) < 2048
    tracemalloc.start()
    try:
        fields = fields_of_http(_post(bomb, (("Content-Encoding", "br"), ("Content-Type", "application/json"))))
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak >> 20} MiB"
    assert fields  # the part within the cap is still decoded


def test_brotli_body_within_the_cap_decodes_whole() -> None:
    body = b'{"imei": "356938035643809", "n": 1}' * 1000
    out = decompress(brotli.compress(body), "br", _Budget())
    assert out == body
    big = decompress(brotli.compress(b"x" * (MAX_DECODED + 5000)), "br", _Budget())
    assert big is not None and len(big) == MAX_DECODED


def _har_with(body: str, ctype: str = "application/x-www-form-urlencoded", n: int = 1) -> str:
    entry = {"startedDateTime": "2026-11-01T10:00:00.000Z",
             "request": {"method": "POST", "url": "http://api.example.cn/v1/x?imei=356938035643809",
                         "headers": [{"name": "Content-Type", "value": ctype}],
                         "postData": {"mimeType": ctype, "text": body}},
             "response": {"status": 200, "headers": [], "content": {"size": 0, "text": ""}}}
    second = dict(entry, request=dict(entry["request"], url="http://api.example.cn/v2/y?mac=a4:5e:60:c2:11:07",
                                      postData={"mimeType": "text/plain", "text": "hello"}))
    return json.dumps({"log": {"version": "1.2", "entries": [entry] * n + [second]}})


def test_a_message_with_too_many_form_fields_is_capped_flagged_and_the_capture_kept(tmp_path: Path) -> None:
    flood = "&".join(f"f{i}=v{i}" for i in range(6000)) + "&android_id=9774d56d682e549c"
    har = tmp_path / "flood.har"
    har.write_text(_har_with(flood), encoding="utf-8")
    db = tmp_path / "lab.db"
    with Store.open(db) as store:
        summary = analyze_file(har, store, build_context())
    assert any("more than 5000 fields" in w and "truncated" in w for w in summary.warnings), summary.warnings
    with Store.open(db, readonly=True) as store:
        rows = store.rows("SELECT url, body_truncated FROM messages ORDER BY id")
        assert [r["body_truncated"] for r in rows] == [1, 0]  # the flooded one flagged, the next decoded
        types = {r["type"] for r in store.rows("SELECT type FROM findings")}
        assert {"imei", "mac"} <= types  # query of the flooded message and the message after it
        (cap,) = store.captures()
        assert "more than 5000 fields" in cap["warnings"]


def test_field_cap_bounds_every_form_parser() -> None:
    many = "&".join(f"k{i}=v{i}" for i in range(MAX_FIELDS + 10))
    form = _post(many.encode(), (("Content-Type", "application/x-www-form-urlencoded"),))
    for m in (form, replace(form, request_body=b"", path="/q?" + many),
              replace(form, request_body=b'{"d": "' + many.encode() + b'"}', request_headers=())):
        fields = fields_of_http(m)
        assert len(fields) <= MAX_FIELDS and fields.truncated
    payload = ("GET /a.cgi?" + "&".join(f"p{i}=x{i}" for i in range(300))).encode()
    assert fields_of_payload(payload, "udp")  # more than 200 pairs in a UDP payload: no ValueError
    assert not fields_of_http(replace(form, request_body=b"a=1&b=2")).truncated


def _gz_capture(n: int) -> tuple[bytes, bytes]:
    """(pcap bytes, gzip of them): n UDP packets with distinct payloads (so deflate has work to do)."""
    rnd = random.Random(15)
    pcap = pcap_header() + b"".join(record(1_700_000_000 + i, udp_frame(bytes(rnd.randrange(256) for _ in range(60))))
                                     for i in range(n))
    return pcap, gzip.compress(pcap, compresslevel=6, mtime=0)


def _records_in(data: bytes) -> int:
    i, n = 24, 0
    while i + 16 <= len(data):
        incl = struct.unpack_from("<I", data, i + 8)[0]
        if i + 16 + incl > len(data):
            break
        i += 16 + incl
        n += 1
    return n


def _zcat(gz: bytes) -> bytes:
    """What `zcat` gets out of damaged gzip data: everything up to the damage."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = []
    for i in range(len(gz)):
        try:
            out.append(d.decompress(gz[i:i + 1]))
        except zlib.error:
            break
    return b"".join(out)


def _analyze(path: Path, db: Path) -> tuple[int, list[str]]:
    with Store.open(db) as store:
        summary = analyze_file(path, store, build_context())
        (cap,) = [c for c in store.captures() if c["path"] == str(path)]
        return cap["packets"], summary.warnings


def test_truncated_pcap_gz_keeps_what_decompresses_and_names_the_offset(tmp_path: Path) -> None:
    pcap, gz = _gz_capture(3000)
    cut = gz[: len(gz) * 6 // 10]
    path = tmp_path / "cut.pcap.gz"
    path.write_bytes(cut)
    packets, warnings = _analyze(path, tmp_path / "a.db")
    expect = _records_in(_zcat(cut))
    assert expect > 1000
    assert packets == expect, (packets, expect)
    assert any(f"byte {len(cut)}" in w and "truncated" in w for w in warnings), warnings


def test_crc_damaged_pcap_gz_keeps_every_packet_with_a_warning(tmp_path: Path) -> None:
    pcap, gz = _gz_capture(500)
    bad = bytearray(gz)
    bad[-8] ^= 0xFF  # the CRC-32 of the trailer
    path = tmp_path / "crc.pcap.gz"
    path.write_bytes(bytes(bad))
    packets, warnings = _analyze(path, tmp_path / "a.db")
    assert packets == 500
    assert any("damaged at byte" in w for w in warnings), warnings


def test_pcap_gz_damaged_in_the_middle_keeps_the_frames_before(tmp_path: Path) -> None:
    _pcap, gz = _gz_capture(3000)
    bad = bytearray(gz)
    for i in range(len(gz) // 2, len(gz) // 2 + 64):
        bad[i] ^= 0x5A
    path = tmp_path / "mid.pcap.gz"
    path.write_bytes(bytes(bad))
    packets, warnings = _analyze(path, tmp_path / "a.db")
    # the damage decompresses to garbage before zlib notices: the frames before it are kept
    assert 1400 <= packets <= _records_in(_zcat(bytes(bad))), packets
    assert any("damaged at byte" in w for w in warnings), warnings


def test_gzip_damaged_before_any_capture_byte_is_one_clear_error(tmp_path: Path) -> None:
    _pcap, gz = _gz_capture(10)
    path = tmp_path / "stub.pcap.gz"
    path.write_bytes(gz[:12])  # the gzip header and nothing of the stream
    with pytest.raises(BadInput) as err:
        open_capture(path)
    assert "gzip data ends at byte" in str(err.value) and "empty" not in str(err.value)


# -- malformed HAR and mitmproxy flow files: one line, exit 2, or the good part kept; never a traceback

_WRONG = [None, 1, -1, 1.5, True, "x", "", [], {}, [1], {"a": 1}, 10**30]


def _paths(node: object, p: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [p]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, p + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, p + (i,))
    return out


def _set(doc: object, p: tuple[object, ...], v: object) -> object:
    if not p:
        return v
    doc = copy.deepcopy(doc)
    d: object = doc
    for k in p[:-1]:
        d = d[k]  # type: ignore[index]
    d[p[-1]] = v  # type: ignore[index]
    return doc


def _read_all(path: Path) -> list[str]:
    """Everything a capture yields through the engine, as stored rows would be; BadInput allowed.

    Returns problems: exceptions other than BadInput, strings SQLite could not store, ints over 64 bits.
    """
    try:
        source = open_capture(path)
        if "ctx" not in _CTX:
            _CTX["ctx"] = build_context()
        engine = Engine(_CTX["ctx"], iter(range(1, 10**6)).__next__)  # type: ignore[arg-type]
        for item in source.messages():
            engine.process(item)
        batch = engine.take_batch(final=True)
    except BadInput:
        return []
    except Exception as exc:  # noqa: BLE001 - the test reports any crash
        return [f"{type(exc).__name__}: {exc}"]
    problems = []
    for m in batch.messages:
        for k in m.__dataclass_fields__:
            v = getattr(m, k)
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    problems.append(f"{k} not storable")
            elif isinstance(v, int) and abs(v) >= 1 << 63:
                problems.append(f"{k} too large")
    return problems


_CTX: dict[str, object] = {}


def test_har_with_wrong_types_anywhere_is_refused_or_read(tmp_path: Path) -> None:
    base = json.loads(_har_with("imei=356938035643809", n=1))
    bad: dict[str, list[str]] = {}
    f = tmp_path / "x.har"
    for p in _paths(base):
        for w in _WRONG:
            f.write_text(json.dumps(_set(base, p, w)), encoding="utf-8")
            problems = _read_all(f)
            if problems:
                bad[f"{p}={w!r}"] = problems
    for text in ('{"log": 1}', "[]", '{"log": {"entries": {}}}', '{"log": {"entries": [' + "9" * 5000 + "]}}",
                 "{" * 100_000, '{"log": {"entries": [], "x": 1e999}}'):
        f.write_text(text, encoding="utf-8")
        if problems := _read_all(f):
            bad[text[:40]] = problems
    assert not bad, bad


def _flows() -> bytes:
    buf = io.BytesIO()
    w = mio.FlowWriter(buf)
    for _ in range(2):
        flow = tflow.tflow(resp=True)
        flow.request.content = b"imei=356938035643809"
        w.add(flow)
    return buf.getvalue()


def test_flow_files_with_wrong_types_truncation_or_versions_are_refused_or_read(tmp_path: Path) -> None:
    valid = _flows()
    state = tnetstring.loads(valid)
    one = tnetstring.dumps(state)
    f = tmp_path / "x.mitm"
    bad: dict[str, list[str]] = {}
    cases: list[tuple[str, bytes]] = []
    for p in _paths(state):
        for w in (None, 1, b"x", b"\xff\xfe", [], {}, 10**30, [b"x"]):
            try:
                data = tnetstring.dumps(_set(state, p, w))
            except (ValueError, TypeError):
                continue
            cases.append((f"{p}={w!r}", data + one))
    cases += [(f"cut {n}", one[:n]) for n in range(1, len(one), 23)]
    cases += [(f"second cut {n}", one + one[:n]) for n in range(1, len(one), 97)]
    cases += [(f"version {v}", tnetstring.dumps({**state, "version": v})) for v in (1, 99, -1, b"x")]
    cases += [(repr(b), b) for b in (b"5:hello,", b"3:abc]", b"0:~", b"999999999999:", b"4:true!", b"12:" + b"\xff" * 40)]
    for label, data in cases:
        f.write_bytes(data)
        if problems := _read_all(f):
            bad[label] = problems
    assert not bad, dict(list(bad.items())[:10])
    assert len(cases) > 300


def test_malformed_har_and_flow_files_are_one_line_exit_2(tmp_path: Path) -> None:
    one = tnetstring.dumps(tnetstring.loads(_flows()))
    files = {"log-is-a-number.har": b'{"log": 1}', "cut.mitm": one[:300],
             "future.mitm": tnetstring.dumps({**tnetstring.loads(one), "version": 99}),
             "state-none.mitm": tnetstring.dumps(None)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name in files:
        out = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(tmp_path / name), "--db",
                              str(tmp_path / "lab.db"), "-q"], capture_output=True, text=True, timeout=120)
        lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
        assert out.returncode == 2 and len(lines) == 1 and name in lines[0], (name, out.stderr)
        assert "internal error" not in lines[0]


# -- policies and non-regular files

def _cli(*args: str, timeout: float = 60) -> tuple[int, list[str]]:
    out = subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in out.stderr, out.stderr
    return out.returncode, [ln for ln in out.stderr.splitlines() if ln.strip()]


def test_binary_file_is_refused_as_a_policy_by_policy_report_and_check(tmp_path: Path) -> None:
    rnd = random.Random(9)
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(4000)))
    blob = tmp_path / "policy.txt"  # a binary file with a text name
    blob.write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    har = tmp_path / "c.har"
    har.write_text(_har_with("imei=356938035643809"), encoding="utf-8")
    db = tmp_path / "lab.db"
    assert _cli("analyze", str(har), "--db", str(db), "-q")[0] == 0
    for pol in (png, blob):
        for args in (["policy", str(pol)], ["report", "--db", str(db), "--policy", str(pol)],
                     ["check", str(har), "--policy", str(pol)]):
            code, lines = _cli(*args)
            assert code == 2 and len(lines) == 1, (args, lines)
            assert str(pol) in lines[0] and "not a policy" in lines[0], lines


def test_text_policies_in_other_encodings_are_still_read(tmp_path: Path) -> None:
    text = "We collect your IMEI and share it with Umeng.\nНикаких данных. 我们收集设备标识符。\n"
    for enc in ("utf-8", "utf-16", "gb18030"):
        f = tmp_path / f"p-{enc}.txt"
        f.write_bytes(text.encode(enc))
        assert "IMEI" in read_policy_text(f)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Données collectées: IMEI, adresse MAC.\n".encode("cp1252"))
    assert "IMEI" in read_policy_text(latin)


def test_a_text_policy_padded_with_nul_bytes_is_read_and_nuls_inside_are_refused(tmp_path: Path) -> None:
    # a crawler's file: NUL bytes before the text (fresh-bz's Whirlpool had 67 of them)
    padded = tmp_path / "padded.txt"
    padded.write_bytes(b"\0" * 67 + b"Privacy Notice\r\nWe collect your IMEI and e-mail address.\r\n" + b"\0" * 5)
    assert read_policy_text(padded).startswith("Privacy Notice\nWe collect your IMEI")
    inside = tmp_path / "inside.bin"
    inside.write_bytes(b"We collect\0\0\0your IMEI" * 10)
    with pytest.raises(BadInput, match="binary data"):
        read_policy_text(inside)
    only = tmp_path / "zeros.txt"
    only.write_bytes(b"\0" * 100)
    with pytest.raises(BadInput):
        read_policy_text(only)


def test_a_long_utf8_policy_is_read_wherever_its_first_64k_end(tmp_path: Path) -> None:
    # the binary sniff looks at the first 64 KiB; a Chinese UTF-8 policy longer than that is cut inside a
    # three-byte character there at two of three offsets, which must not make it "binary data"
    for pad in range(3):
        body = "a" * pad + "我们收集您的设备标识符（IMEI）和位置信息。" * 3000
        f = tmp_path / f"zh-{pad}.txt"
        f.write_bytes(body.encode("utf-8"))
        assert len(f.read_bytes()) > 65536
        assert "IMEI" in read_policy_text(f)


def test_policy_size_is_checked_before_reading_and_dev_zero_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_POLICY_BYTES * 50)  # 1 GB sparse: reading it whole would show in the peak RSS
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(BadInput, match="larger than 20 MB"):
        read_policy_text(big)
    with pytest.raises(BadInput, match="character device"):
        read_policy_text("/dev/zero")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB


def test_pdf_policy_over_pypdf_limits_is_one_line_and_pypdf_stays_quiet(tmp_path: Path) -> None:
    # a page whose content stream inflates far past pypdf's decompression limit (and a broken xref
    # table, which pypdf reports through logging)
    stream = zlib.compress(b"BT /F1 12 Tf (" + b"A" * (120 << 20) + b") Tj ET", 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    body = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n" for i, o in enumerate(objs))
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(body + b"xref\n0 6\nbroken\ntrailer\n<< /Root 1 0 R /Size 6 >>\nstartxref\n999999\n%%EOF\n")
    code, lines = _cli("policy", str(pdf))
    assert code == 2 and len(lines) == 1 and str(pdf) in lines[0] and "PDF" in lines[0], lines


def test_policy_text_over_the_character_bound_is_one_line_and_read_in_no_time(tmp_path: Path) -> None:
    # 1.2 MB of plausible policy prose (well under the 20 MB file bound): reading it would take ~25 s of CPU
    sentence = "We collect your device identifiers and share them with our advertising partners. "
    big = tmp_path / "site-dump.txt"
    big.write_text(sentence * (MAX_POLICY_CHARS // len(sentence) + 1), encoding="utf-8")
    code, lines = _cli("policy", str(big), timeout=30)
    assert code == 2 and len(lines) == 1 and str(big) in lines[0] and "1,000,000" in lines[0], lines
    # the bound is on the text, not the file: markup around a policy does not count
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<div class='x' style='margin:0'>" * 40_000 + "<p>We collect your IMEI.</p>"
                    + "</div>" * 40_000 + "</body></html>", encoding="utf-8")
    assert page.stat().st_size > MAX_POLICY_CHARS
    assert "IMEI" in read_policy_text(page)


def test_fifo_and_devices_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "cap.pcap"
    os.mkfifo(fifo)
    db = tmp_path / "lab.db"
    for args in (["analyze", str(fifo), "--db", str(db)], ["analyze", "/dev/zero", "--db", str(db)],
                 ["policy", str(fifo)], ["policy", "/dev/zero"],
                 ["analyze", str(HOSTILE / "ok-ten-packets.pcap"), "--db", str(db), "--profile", str(fifo)],
                 ["analyze", str(HOSTILE / "ok-ten-packets.pcap"), "--db", str(db), "--keylog", str(fifo)]):
        code, lines = _cli(*args, timeout=30)  # a blocked open would hit the timeout
        assert code == 2 and len(lines) == 1, (args, lines)
        assert "not a regular file" in lines[0], lines
