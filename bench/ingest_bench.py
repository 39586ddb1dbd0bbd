"""The issue-20 measures in one run: privmon analyze vs tshark, peak RSS, the classifier alone, --jobs 2 vs 1,
the proxy addon, a capture of several GB for flat memory, and the start-up per file; a summary of every ratio at
the end.

    python bench/ingest_bench.py [--sizes 50,500] [--rounds 3] [--baseline /path/to/other/checkout]
                                 [--mixes bench,http] [--http-share 0.3] [--skip startup,classifier,jobs,proxy,huge]
                                 [--startup-runs 20]
                                 [--jobs-captures 4] [--jobs-mb 500] [--jobs-mixes bench,http] [--jobs-packets 150000]
                                 [--huge-gb 5]

Makes the captures in /tmp/privmon-bench/ (bench/make_bigpcap.py). Every measure runs its
variants in alternating order, round after round, on a warm page cache:
  * ingest: `privmon analyze F --db fresh.db -q` (identifier detection on) and
    `tshark -r F -T fields ... -Y "http.request or dns or tls.handshake.type==1"`: median wall time,
    median of per-round ratios, peak RSS (wait4); on two mixes of each size: the original one (~5 % of
    the bytes in clear-text HTTP) and an HTTP-heavy one (--http-share of the packets in SDK HTTP
    connections). Every privmon run is checked: all the capture's packets counted, every identifier
    the generator planted found; and the stored rows (findings, destinations, messages, DNS) must be
    the same in every run of every tree (with --baseline: the same as the other checkout's);
  * classifier: bench/classifier_bench.py (decode + identifier scan, one core), median req/s;
  * jobs: `privmon analyze FOLDER --jobs 1` and `--jobs 2` on --jobs-mb MB of the bench mix in --jobs-captures
    captures (--jobs-mixes http: of the HTTP-heavy mix; or the crash test's P2P captures): median times, the median of per-round speed-ups, the CPU of all
    processes, and every run's stored rows compared;
  * proxy: bench/proxy_bench.py (bare mitmdump vs mitmdump + privmon's addon), its lines passed on;
  * huge: a capture of --huge-gb GB made by bench/make_bigpcap.py in /tmp (only when `df` shows room
    for it with 2 GB to spare, else a smaller one, said so), analyzed once for its peak RSS, then deleted;
  * startup: `privmon analyze EMPTY --db fresh.db -q` on a capture with no packets (a pcap header), --startup-runs
    times per tree, and a bare `python -c pass` beside them: what every file costs before its first packet
    (studies run thousands of captures; every --jobs worker started without fork pays it too).
Every privmon command runs with its bytecode cached (PYTHONDONTWRITEBYTECODE, set in some shells
here, is dropped for the children), as in an installed privmon, and once before the rounds to write
that cache: compiling privmon's sources on every run cost ~0.15-0.2 s of CPU that no user pays.
The machine this runs on is usually shared: next to wall-time ratios the summary gives CPU-time
ratios (rusage), which another tenant's load disturbs much less.
With --baseline, the same privmon commands also run from that checkout in the same rounds
(before/after in the same conditions); its ratios are printed beside this tree's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("/tmp/privmon-bench")
SUMMARY: list[str] = []  # one line per issue-20 measure, printed together at the end
CHECKS: list[str] = []  # what a run got wrong (packets not all stored, a planted identifier missed, trees differ)
TSHARK = ["-T", "fields", "-e", "frame.number", "-e", "ip.dst", "-e", "tcp.dstport", "-e", "http.host", "-e",
          "http.request.uri", "-e", "dns.qry.name", "-e", "tls.handshake.extensions_server_name", "-Y",
          "http.request or dns or tls.handshake.type==1"]


def child_env(root: Path) -> dict[str, str]:
    """The environment of a measured command: `root` first on the import path, bytecode cached."""
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm(root: Path, python: str = sys.executable) -> None:
    """One small analyze run from `root`, so that its bytecode cache and the packed country table in the user's cache
    exist before the rounds."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([python, "-m", "monitor", "analyze", str(root / "monitor" / "demo" / "phone-app.pcap"),
                        "--db", f"{tmp}/w.db", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root,
                       env=child_env(root), check=True)


def timed(cmd: list[str], root: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds of one command run with `root` first on the import path."""
    env = child_env(root)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root, env=env)
    _pid, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def python_of(a: argparse.Namespace, name: str) -> str:
    """The interpreter a tree's runs use: the bench's own, or --baseline-python for the baseline (the same tree under
    another interpreter measures what the interpreter's own start-up adds: a venv's against a system Python whose
    site-packages run .pth files at every start)."""
    return a.baseline_python if name == "baseline" and a.baseline_python else sys.executable


def trees(a: argparse.Namespace) -> dict[str, Path]:
    out = {"this": ROOT}
    if a.baseline:
        out["baseline"] = Path(a.baseline).resolve()
    return out


def capture(a: argparse.Namespace, size: int, mix: str) -> tuple[Path, dict]:
    """The bench capture of `size` MB and `mix` ("bench": the original mix, "http": --http-share of the packets in
    clear-text SDK HTTP), made when missing (or made before the generator wrote its truth file), and its truth."""
    cap = OUT / (f"big{size}.pcap" if mix == "bench" else f"big{size}-http{round(a.http_share * 100)}.pcap")
    truth = Path(f"{cap}.truth.json")
    if not cap.exists() or not truth.exists():  # made aside, then renamed: another bench may be reading the old file
        extra = [] if mix == "bench" else ["--http-share", str(a.http_share)]
        part = cap.with_name(f"{cap.name}.{os.getpid()}.part")
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_bigpcap.py"), str(part), "--size-mb", str(size),
                        *extra], check=True)
        os.replace(f"{part}.truth.json", truth)
        os.replace(part, cap)
    return cap, json.loads(truth.read_text())


def stored(db: Path, truth: dict) -> tuple[list[str], str]:
    """What a run must have stored (the packet count, every planted identifier), the problems found, and a digest of
    every stored finding, destination, message and DNS row (ids left out) to compare trees with."""
    problems = []
    conn = sqlite3.connect(db)
    try:
        (packets,) = conn.execute("SELECT sum(packets) FROM captures").fetchone()
        if packets != truth["packets"]:
            problems.append(f"{packets} packets stored, the capture has {truth['packets']}")
        found = {(t, v) for t, v in conn.execute("SELECT type, value FROM findings")}
        missed = sorted(tuple(x) for x in truth["planted"] if tuple(x) not in found)
        if missed:
            problems.append(f"planted identifiers not found: {missed}")
        digest = hashlib.sha256()
        for table in ("findings", "destinations", "messages", "dns"):
            cols = [f"t.{r[1]}" for r in conn.execute(f"PRAGMA table_info({table})")
                    if r[1] not in ("id", "capture_id", "message_id")]
            # a finding's message by what it is, not by its id (ids follow the time-based batches of a run)
            join = (", m.kind, m.ts, m.client_port, m.server_ip, m.evidence FROM findings t LEFT JOIN messages m ON "
                    "m.id = t.message_id" if table == "findings" else f" FROM {table} t")
            # sorted by SQLite and streamed: rows held here would make this process large, and a child forked
            # from it starts with its pages (wait4's ru_maxrss, kept across exec, would report this process's size)
            order = ", ".join(str(i + 1) for i in range(len(cols) + (5 if table == "findings" else 0)))
            for row in conn.execute(f"SELECT {', '.join(cols)}{join} ORDER BY {order}"):
                digest.update(repr(tuple(row)).encode())
        return problems, digest.hexdigest()
    finally:
        conn.close()


def ingest(a: argparse.Namespace, size: int, mix: str) -> None:
    cap, truth = capture(a, size, mix)
    label = f"{size} MB {mix:5}"
    subprocess.run(["cat", str(cap)], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    tshark = shutil.which("tshark")
    variants = list(trees(a)) + (["tshark"] if tshark else [])
    res: dict[str, list[tuple[float, float, float]]] = {v: [] for v in variants}
    trees_rss: dict[str, list[float]] = {}  # RSS summed over analyze's processes (it forks a reader for big files)
    digests: dict[str, set[str]] = {}
    for r in range(a.rounds):
        order = variants[r % len(variants):] + variants[:r % len(variants)]  # rotate who goes first
        for name in order:
            with tempfile.TemporaryDirectory() as tmp:
                if name == "tshark":
                    res[name].append(timed([str(tshark), "-r", str(cap), *TSHARK], ROOT))
                else:
                    cmd = [python_of(a, name), "-m", "monitor", "analyze", str(cap), "--db", f"{tmp}/b.db", "-q"]
                    wall, rss, cpu, tree, _ = timed_tree(cmd, trees(a)[name])
                    res[name].append((wall, rss, cpu))
                    trees_rss.setdefault(name, []).append(tree)
                    problems, digest = stored(Path(tmp) / "b.db", truth)
                    digests.setdefault(name, set()).add(digest)
                    if problems:
                        CHECKS.append(f"ingest {label} ({name}): {'; '.join(problems)}")
    share = f", {truth['sdk_packets'] / truth['packets']:.0%} of the packets in SDK HTTP" if mix != "bench" else ""
    print(f"ingest {label}  {cap.name}: {truth['packets']:,} packets{share}; every run stored them all and found the "
          f"{len(truth['planted'])} planted identifiers" if not any(c.startswith(f"ingest {label}") for c in CHECKS)
          else f"ingest {label}  {cap.name}: CHECK FAILED (see the end)", flush=True)
    if len(set().union(*digests.values())) > 1:
        CHECKS.append(f"ingest {label}: stored rows differ between runs or trees: "
                      + ", ".join(f"{n} {sorted(d)}" for n, d in digests.items()))
    elif len(digests) > 1:
        print(f"ingest {label}  same findings, destinations, messages and DNS rows in every run of "
              f"{' and '.join(digests)}", flush=True)
    for name in variants:
        walls = [w for w, _, _ in res[name]]
        line = (f"ingest {label}  {name:8}  median {statistics.median(walls):7.2f} s "
                f"(CPU {statistics.median(c for _, _, c in res[name]):7.2f} s)  "
                f"peak RSS {max(m for _, m, _ in res[name]):5.0f} MB")
        if name in trees_rss:
            line += f" ({max(trees_rss[name]):.0f} MB all processes)"
        if name != "tshark" and "tshark" in res:
            ratio = statistics.median(p[0] / t[0] for p, t in zip(res[name], res["tshark"], strict=True))
            cpu_ratio = statistics.median(p[2] / t[2] for p, t in zip(res[name], res["tshark"], strict=True))
            line += f"  analyze/tshark x{ratio:.2f} (CPU x{cpu_ratio:.2f})"
            SUMMARY.append(f"analyze/tshark {label} ({name}): wall x{ratio:.2f}, CPU x{cpu_ratio:.2f}; peak RSS "
                           f"{max(m for _, m, _ in res[name]):.0f} MB per process, "
                           f"{max(trees_rss.get(name, [0.0])):.0f} MB all processes, "
                           f"vs tshark {max(m for _, m, _ in res['tshark']):.0f} MB")
        if name == "this" and "baseline" in res:
            speed = statistics.median(b[0] / p[0] for p, b in zip(res["this"], res["baseline"], strict=True))
            cpu = statistics.median(b[2] / p[2] for p, b in zip(res["this"], res["baseline"], strict=True))
            line += f"  baseline/this x{speed:.2f} (CPU x{cpu:.2f})"
            SUMMARY.append(f"this tree vs baseline {label}: x{speed:.2f} faster wall, x{cpu:.2f} CPU")
        print(line, flush=True)


def startup(a: argparse.Namespace) -> None:
    cap = OUT / "empty.pcap"
    cap.write_bytes(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # a pcap header, no packets
    variants = [*trees(a), "python"]
    res: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for r in range(a.startup_runs):
        for name in variants[r % len(variants):] + variants[:r % len(variants)]:
            root = trees(a).get(name, ROOT)
            with tempfile.TemporaryDirectory() as tmp:
                cmd = ([sys.executable, "-c", "pass"] if name == "python" else
                       [python_of(a, name), "-m", "monitor", "analyze", str(cap), "--db", f"{tmp}/s.db", "-q"])
                wall, _, cpu = timed(cmd, root)
            res[name].append((wall * 1000, cpu * 1000))
    wall = {n: statistics.median(w for w, _ in v) for n, v in res.items()}
    cpu = {n: statistics.median(c for _, c in v) for n, v in res.items()}
    for name in variants:
        what = "python -c pass" if name == "python" else "analyze, empty capture, new database"
        line = f"start-up {name:8}  {what}: median {wall[name]:4.0f} ms wall (CPU {cpu[name]:4.0f} ms)"
        if name == "this" and "baseline" in res:
            line += f"  this - baseline {wall['this'] - wall['baseline']:+.0f} ms wall ({cpu['this'] - cpu['baseline']:+.0f} ms CPU)"
        print(line, flush=True)
    SUMMARY.append(f"start-up per file (analyze on an empty capture, new database; {a.startup_runs} runs): "
                   + ", ".join(f"{n} {wall[n]:.0f} ms wall (CPU {cpu[n]:.0f} ms)" for n in variants if n != "python")
                   + f"; python -c pass {wall['python']:.0f} ms (CPU {cpu['python']:.0f} ms)")


def classifier(a: argparse.Namespace) -> None:
    res: dict[str, list[tuple[float, float]]] = {name: [] for name in trees(a)}
    names = list(res)
    for r in range(a.rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            root = trees(a)[name]
            out = subprocess.run([sys.executable, str(root / "bench" / "classifier_bench.py"), "--seconds",
                                  str(a.classifier_seconds)], capture_output=True, text=True, check=True,
                                 cwd=root, env=child_env(root)).stdout
            nums = [float(x.replace(",", "")) for x in re.findall(r"([\d,]+) requests/s", out)]
            res[name].append((nums[0], nums[1]))
    for name in names:
        without = statistics.median(x for x, _ in res[name])
        with_p = statistics.median(y for _, y in res[name])
        line = f"classifier {name:8}  without profile {without:8,.0f} req/s  with a profile {with_p:8,.0f} req/s"
        if name == "this" and "baseline" in res:
            r1 = statistics.median(t[0] / b[0] for t, b in zip(res["this"], res["baseline"], strict=True))
            r2 = statistics.median(t[1] / b[1] for t, b in zip(res["this"], res["baseline"], strict=True))
            line += f"  this/baseline x{r1:.2f} and x{r2:.2f}"
        print(line, flush=True)
        SUMMARY.append(f"classifier ({name}): {without:,.0f} req/s without a profile, {with_p:,.0f} with one")


def jobs_captures(a: argparse.Namespace, folder: Path, mix: str = "bench") -> tuple[Path, dict | None]:
    """The folder of captures for the jobs row: --jobs-mb MB of the bench mix in --jobs-captures parts (seeds 1, 2, ...;
    kept in OUT; mix "http": --http-share of the packets in SDK HTTP), or with --jobs-mb 0 the crash test's P2P
    captures (--jobs-packets datagrams each) in `folder`."""
    if a.jobs_mb <= 0:
        sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
        from test_crash_and_scale import write_capture

        folder.mkdir()
        for i in range(a.jobs_captures):
            write_capture(folder / f"c{i}.pcap", a.jobs_packets, seed=i)
        return folder, None
    extra = [] if mix == "bench" else ["--http-share", str(a.http_share)]
    parts = OUT / (f"jobs{a.jobs_mb}x{a.jobs_captures}" + ("" if mix == "bench" else f"-http{round(a.http_share * 100)}"))
    parts.mkdir(exist_ok=True)
    truth: dict = {"packets": 0, "planted": []}
    for i in range(a.jobs_captures):
        cap = parts / f"part{i + 1}.pcap"
        if not cap.exists() or not Path(f"{cap}.truth.json").exists():
            part = cap.with_name(f"{cap.name}.{os.getpid()}.part")
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_bigpcap.py"), str(part), "--size-mb",
                            str(a.jobs_mb / a.jobs_captures), "--seed", str(i + 1), *extra], check=True, capture_output=True)
            os.replace(f"{part}.truth.json", f"{cap}.truth.json")
            os.replace(part, cap)
        t = json.loads(Path(f"{cap}.truth.json").read_text())
        truth["packets"] += t["packets"]
        truth["planted"] += [x for x in t["planted"] if x not in truth["planted"]]
    return parts, truth


def jobs(a: argparse.Namespace, mix: str = "bench") -> None:
    """`analyze FOLDER --jobs 1` and `--jobs 2` from each tree, interleaved: wall and CPU (all processes), and the
    stored rows of every run compared (--jobs 2 must store what --jobs 1 does)."""
    with tempfile.TemporaryDirectory(prefix="privmon-jobs-") as tmp:
        folder, truth = jobs_captures(a, Path(tmp) / "caps", mix)
        mb = sum(f.stat().st_size for f in folder.glob("*.pcap")) / 1e6
        what = f"{a.jobs_captures} captures {mb:.0f} MB" + (f" ({mix} mix)" if truth else " (P2P)")
        variants = [(name, j) for name in trees(a) for j in (1, 2)]
        res: dict[tuple[str, int], list[float]] = {v: [] for v in variants}
        cpu: dict[tuple[str, int], list[float]] = {v: [] for v in variants}
        digests: dict[str, set[tuple[str, int]]] = {}
        for r in range(a.rounds):
            for name, j in variants[r % len(variants):] + variants[:r % len(variants)]:
                db = Path(tmp) / f"r{r}-{name}-{j}.db"
                cmd = [sys.executable, "-m", "monitor", "analyze", str(folder), "--db", str(db), "-q", "--jobs", str(j)]
                wall, _rss, used = timed(cmd, trees(a)[name])
                res[(name, j)].append(wall)
                cpu[(name, j)].append(used)
                if truth is not None:
                    problems, digest = stored(db, truth)
                    CHECKS.extend(f"jobs {what} {name} --jobs {j}: {p}" for p in problems)
                    digests.setdefault(digest, set()).add((name, j))
                for f in Path(tmp).glob(f"r{r}-{name}-{j}.db*"):
                    f.unlink()
        if len(digests) > 1:
            CHECKS.append(f"jobs {what}: stored rows differ between runs: {sorted(digests.values())}")
        elif digests:
            print(f"jobs {what}: the same findings, destinations, messages and DNS rows in every run", flush=True)
        for name in trees(a):
            one, two = res[(name, 1)], res[(name, 2)]
            speed = statistics.median(x / y for x, y in zip(one, two, strict=True))
            c1, c2 = statistics.median(cpu[(name, 1)]), statistics.median(cpu[(name, 2)])
            w1, w2 = statistics.median(one), statistics.median(two)
            # --jobs 1 is no longer one core's work: its capture's digest runs in a thread beside the reading (session
            # 37), so the bound of --jobs 2 on two idle cores is --jobs 1's wall over --jobs 2's CPU spread on both
            # cores, and "cores used" says how much of the two --jobs 2 keeps busy
            bound = w1 / (c2 / 2) if c2 else 0.0
            print(f"jobs {what}  {name:8}  --jobs 1 {w1:6.2f} s  --jobs 2 {w2:6.2f} s"
                  f"  speed-up x{speed:.2f} (on {os.cpu_count()} cores; CPU of all processes {c1:.2f} s and {c2:.2f} s; "
                  f"cores used {c1 / w1:.2f} and {c2 / w2:.2f}; no more than x{bound:.2f} on 2 idle cores)", flush=True)
            SUMMARY.append(f"--jobs 2 vs --jobs 1, {what} ({name}): x{speed:.2f} wall on {os.cpu_count()} cores (CPU "
                           f"{c1:.2f} s vs {c2:.2f} s; cores used {c1 / w1:.2f} and {c2 / w2:.2f}; bound x{bound:.2f})")


def proxy(a: argparse.Namespace) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "proxy_bench.py"), "--rounds", str(a.proxy_rounds),
                          "--concurrency", "8"], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    for ln in lines:
        print(f"proxy  {ln}", flush=True)
    if out.returncode != 0:
        print(f"proxy  failed: {out.stderr.strip().splitlines()[-1:]}", flush=True)
        return
    SUMMARY.extend(f"proxy: {ln.strip()}" for ln in lines if ln.startswith("c="))


def huge(a: argparse.Namespace) -> None:
    """Flat memory: analyze one capture of several GB (made here, deleted after) and report its peak RSS."""
    if a.huge_capture:  # made beforehand (bench/make_bigpcap.py), kept
        huge_run(Path(a.huge_capture), f"{a.huge_capture}: {Path(a.huge_capture).stat().st_size / 1e6:.0f} MB", "")
        return
    free_gb = shutil.disk_usage("/tmp").free / 1e9
    gb = min(a.huge_gb, max(0.0, (free_gb - 2) / 1.02))  # the capture plus its database (small) and 2 GB to spare
    if gb < 0.5:
        print(f"huge   skipped: {free_gb:.1f} GB free in /tmp", flush=True)
        SUMMARY.append(f"huge capture: skipped ({free_gb:.1f} GB free in /tmp)")
        return
    note = "" if gb >= a.huge_gb else f" (only {free_gb:.1f} GB free in /tmp: {gb:.1f} GB instead of {a.huge_gb:g})"
    with tempfile.TemporaryDirectory(prefix="privmon-huge-", dir="/tmp") as tmp:
        cap = Path(tmp) / "huge.pcap"
        made = subprocess.run([sys.executable, str(ROOT / "bench" / "make_bigpcap.py"), str(cap), "--size-mb",
                               str(int(gb * 1000))], capture_output=True, text=True, check=True).stdout.strip()
        huge_run(cap, made, note)


def huge_run(cap: Path, made: str, note: str) -> None:
    with tempfile.TemporaryDirectory(prefix="privmon-huge-db-", dir="/tmp") as tmp:
        cmd = [sys.executable, "-m", "monitor", "analyze", str(cap), "--db", f"{tmp}/h.db", "-q"]
        wall, rss, cpu, tree, samples = timed_tree(cmd, ROOT)
        line = (f"huge   {made}: analyze {wall:.1f} s (CPU {cpu:.1f} s), peak RSS {rss:.0f} MB (largest process), "
                f"{tree:.0f} MB (all its processes together); RSS every tenth of the run: {samples}{note}")
        print(line, flush=True)
        SUMMARY.append(f"huge capture {cap.stat().st_size / 1e9:.1f} GB: peak RSS {rss:.0f} MB per process, {tree:.0f} MB "
                       f"all processes, CPU {cpu:.1f} s{note}")


def _tree_rss(pid: int) -> float:
    """Resident MB of a process and its descendants (from /proc)."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, AttributeError, ValueError):
            continue
    return total


def timed_tree(cmd: list[str], root: Path) -> tuple[float, float, float, float, str]:
    """timed(), and the peak of the RSS summed over the process tree (sampled every 0.2 s) with a profile of it."""
    env = child_env(root)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root, env=env)
    series: list[float] = []
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        series.append(_tree_rss(p.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    tenth = [series[int(i * len(series) / 10)] for i in range(10)] if series else []
    return (wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, max(series, default=0.0),
            " ".join(f"{x:.0f}" for x in tenth))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50,500")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", help="another privmon checkout to measure in the same rounds (before/after)")
    ap.add_argument("--baseline-python", help="the interpreter of the baseline's runs (the ingest and start-up rows; "
                    "default: the bench's own): e.g. the same checkout as --baseline under the system Python while the "
                    "bench runs from a venv")
    ap.add_argument("--skip", default="", help="comma-separated: startup,ingest,classifier,jobs,proxy,huge")
    ap.add_argument("--startup-runs", type=int, default=20, help="runs per tree of the start-up row")
    ap.add_argument("--mixes", default="bench,http", help="comma-separated: bench (the original mix, ~5 %% HTTP), "
                    "http (--http-share of the packets in clear-text SDK HTTP)")
    ap.add_argument("--http-share", type=float, default=0.3)
    ap.add_argument("--proxy-rounds", type=int, default=2)
    ap.add_argument("--huge-gb", type=float, default=5.0)
    ap.add_argument("--huge-capture", help="use this capture (made beforehand, kept) instead of making one")
    ap.add_argument("--classifier-seconds", type=float, default=3)
    ap.add_argument("--jobs-captures", type=int, default=4)
    ap.add_argument("--jobs-mixes", default="bench", help="comma-separated mixes of the jobs row: bench, http")
    ap.add_argument("--jobs-packets", type=int, default=150_000, help="with --jobs-mb 0: datagrams per P2P capture")
    ap.add_argument("--jobs-mb", type=int, default=500, help="MB of the bench mix, in --jobs-captures parts, for the "
                    "jobs row (0: the crash test's P2P captures, the row's old set)")
    a = ap.parse_args()
    skip = set(a.skip.split(","))
    OUT.mkdir(exist_ok=True)
    print(f"{a.rounds} rounds, interleaved; load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
          flush=True)
    for name, root in trees(a).items():
        warm(root, python_of(a, name))
        # which packet walk each tree runs: compiled by mypyc (its extension modules beside the .py) or pure Python
        version = subprocess.run([python_of(a, name), "-m", "monitor", "--version"], capture_output=True, text=True,
                                 cwd=root, env=child_env(root), check=True).stdout.strip()
        print(f"{name} ({root}, {python_of(a, name)}): {version}", flush=True)
    if "startup" not in skip:
        startup(a)
    if "classifier" not in skip:
        classifier(a)
    if "jobs" not in skip:
        for mix in a.jobs_mixes.split(","):
            jobs(a, mix)
    if "ingest" not in skip:
        for size in [int(s) for s in a.sizes.split(",") if s]:
            for mix in a.mixes.split(","):
                ingest(a, size, mix)
    if "proxy" not in skip:
        proxy(a)
    if "huge" not in skip:
        huge(a)
    print(f"\nissue 20, every measure of this run (load average now {os.getloadavg()[0]:.1f}):")
    for line in SUMMARY:
        print(f"  {line}")
    for line in CHECKS:
        print(f"  CHECK FAILED: {line}")
    if CHECKS:
        sys.exit(1)


if __name__ == "__main__":
    main()
