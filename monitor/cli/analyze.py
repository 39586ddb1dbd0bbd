"""`privmon analyze`: capture files into the database, then a summary."""

from __future__ import annotations

import contextlib
import gc
import struct
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from monitor.cli.common import build_context, geoip_option, profile_option, signatures_option
from monitor.cli.consent import consent_option, record_consent
from monitor.engine import EngineContext
from monitor.errors import BadInput, PrivmonError
from monitor.ingest import analyze_file, expand_inputs, record_country_source
from monitor.model import Summary
from monitor.store import Store

if TYPE_CHECKING:
    from rich.console import Console

PROGRESS_MIN_BYTES = 4 * 1024 * 1024


@click.command("analyze")
@click.argument("captures", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite database to write.")
@profile_option
@click.option("--keylog", "keylogs", multiple=True, type=click.Path(dir_okay=False),
              help="TLS key log (SSLKEYLOGFILE format); may be given several times.")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Privacy policy to check against; prints the verdicts after the summary.")
@click.option("--force", is_flag=True, help="Re-ingest files already in the database.")
@consent_option
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Captures analyzed and stored in parallel worker processes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: map captures to Dask distributed workers (needs privmon[dask]).")
@click.option("--scheduler", help="Dask scheduler address (default: a LocalCluster with --jobs workers).")
@signatures_option
@geoip_option
def command(captures: tuple[str, ...], db_path: str, profile_path: str | None, keylogs: tuple[str, ...],
            policy_path: str | None, force: bool, consent_at: str | None, quiet: bool, jobs: int, engine: str,
            scheduler: str | None, signature_dirs: tuple[str, ...], geoip: str | None) -> None:
    """Ingest pcap, pcapng (also .gz), HAR and mitmproxy flow files (or folders of them) into DB.

    Re-running on the same file adds nothing twice (files are identified by SHA-256).
    """
    # what is loaded now lives until the end: the collector does not run while the rules load (nothing cyclic
    # to find), then stops walking them, and runs less often over the many short-lived objects of packets
    # (10 MB capture: 3,432M -> 3,348M instructions with 10,000 instead of 700, callgrind). 100,000: a pass over the
    # young objects costs ~0.2 us each and found nothing to free in a whole run of any bench capture (gc.callbacks:
    # with 10,000, 7 passes and 14.6 ms of CPU on the 50 MB HTTP-heavy capture, 11 and 50 ms on the 500 MB bench
    # mix; with 100,000, none and 1 (21 ms); the same peak RSS) (put back when the command ends: tests run it in
    # their own process)
    threshold, collecting = gc.get_threshold(), gc.isenabled()
    click.get_current_context().call_on_close(lambda: _collector_back(threshold, collecting))
    gc.disable()
    ctx = build_context(signature_dirs, profile_path, geoip)
    gc.freeze()
    gc.set_threshold(100_000, *threshold[1:])
    if collecting:
        gc.enable()
    from monitor.files import check_regular

    for k in keylogs:
        check_regular(k, "key log")
    files = expand_inputs(captures)
    if not files:
        raise BadInput(" ".join(captures), "no capture files found")
    console = _console(quiet)
    errors = 0
    with Store.open(db_path) as store:
        store.set_devices([d.as_row() for d in ctx.profile.devices])
        if ctx.profile.app.name:  # report --format sarif names the upload after the app without the profile
            store.set_meta("app_name", ctx.profile.app.name)
        if jobs > 1 or engine == "dask":
            # the workers classify; this process only writes. It loads its own country table (for the
            # data date recorded below) while they start, not after they finish (local workers:
            # analyze_with_processes loads it, before forking them with this context)
            geo_ready = threading.Thread(target=_load_country_table, args=(ctx,), daemon=True)
            if engine == "dask":
                geo_ready.start()
            errors = _parallel(store, files, signature_dirs, profile_path, geoip, keylogs, force, quiet, jobs, engine,
                               scheduler, console, ctx)
            if engine == "dask":
                geo_ready.join()
            record_country_source(store, ctx)
        one_by_one = files if jobs == 1 and engine == "local" else ()
        # (the WAL checkpoints of the run's commits in a thread of their own, one for all its files:
        # Store.background_checkpoints)
        with store.background_checkpoints() if one_by_one else contextlib.nullcontext():
            for path in one_by_one:
                try:
                    summary = _one(path, store, ctx, keylogs, force, quiet, console)
                except BadInput as exc:
                    click.echo(f"privmon: {_terminal(exc.line())}", err=True)
                    errors += 1
                    continue
                except (ValueError, IndexError, KeyError, struct.error, RecursionError, MemoryError) as exc:
                    # a parser bug must not cost the other files; the partial capture stays hidden
                    # ('ingesting') and is replaced by the next run
                    click.echo(_terminal(f"privmon: {path}: internal error while reading ({type(exc).__name__}: {exc}); "
                                         "please report it"), err=True)
                    errors += 1
                    continue
                for w in summary.warnings:
                    click.echo(_terminal(f"privmon: warning: {path}: {w}"), err=True)
                if console is not None:
                    _print_summary(console, path, summary)
        if consent_at:
            record_consent(store, consent_at)
        if console is not None:
            _print_findings(console, store)
        if policy_path and console is not None:
            from monitor.cli.report import print_verdicts

            print_verdicts(console, store, policy_path, ctx)
    if errors:
        sys.exit(2)


def _terminal(text: str) -> str:
    """A line for the terminal (report.safe.terminal, imported here: html and its entity table are ~1 ms of CPU
    that a run printing nothing does not pay)."""
    from monitor.report.safe import terminal

    return terminal(text, False)


def _console(quiet: bool) -> Console | None:
    """Where the summary and the progress bar go; None with -q, which prints neither: rich's console is then
    not imported (~17 ms CPU per run, -X importtime)."""
    if quiet:
        return None
    from rich.console import Console

    return Console(stderr=False, highlight=False)


def _collector_back(threshold: tuple[int, int, int], collecting: bool) -> None:
    gc.unfreeze()
    gc.set_threshold(*threshold)
    if collecting:
        gc.enable()


def _load_country_table(ctx: EngineContext) -> None:
    if ctx.geo is not None:
        ctx.geo.describe()


def _parallel(store: Store, files: list[Path], signature_dirs: tuple[str, ...], profile_path: str | None,
              geoip: str | None, keylogs: tuple[str, ...], force: bool, quiet: bool, jobs: int, engine: str, scheduler: str | None,
              console: Console | None, ctx: EngineContext | None = None) -> int:
    from monitor.parallel import ContextArgs, analyze_with_dask, analyze_with_processes

    errors = 0

    def report(outcome: tuple[Path, object]) -> None:
        nonlocal errors
        path, result = outcome
        if isinstance(result, PrivmonError):
            click.echo(f"privmon: {_terminal(result.line())}", err=True)
            errors += 1
            return
        assert isinstance(result, Summary)
        for w in result.warnings:
            click.echo(_terminal(f"privmon: warning: {path}: {w}"), err=True)
        if console is not None:
            _print_summary(console, path, result)

    args = ContextArgs(tuple(signature_dirs), profile_path, geoip)
    if engine == "dask":
        analyze_with_dask(store, files, args, scheduler, jobs, keylogs, force, on_done=report)
    else:
        analyze_with_processes(store, files, args, jobs, keylogs, force, on_done=report, ctx=ctx)
    return errors


def _one(path: Path, store: Store, ctx, keylogs, force: bool, quiet: bool, console: Console | None) -> Summary:  # type: ignore[no-untyped-def]
    size = path.stat().st_size if path.exists() else 0
    if quiet or console is None or size < PROGRESS_MIN_BYTES or not console.is_terminal:
        return analyze_file(path, store, ctx, keylogs=keylogs, force=force)
    # imported here: rich's progress bar and tables cost ~13 ms of CPU per run (python -c, process_time),
    # and `analyze -q` or a run in a pipe shows neither
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(_terminal(path.name), total=size)
        return analyze_file(path, store, ctx, keylogs=keylogs, force=force,
                            progress=lambda n: bar.update(task, completed=n))


def _print_summary(console: Console, path: Path, s: Summary) -> None:
    from monitor.report.safe import safe_text

    if s.skipped:
        console.print(safe_text(f"{path}: already in the database ({s.packets} packets), nothing added"))
        return
    from rich.table import Table  # (see _one)

    # the path on a line of its own: as a table title it was centred and broken inside the name at 80 columns
    console.print(safe_text(str(path)), soft_wrap=True)
    t = Table(show_header=False, box=None)
    for label, value in (
        ("packets", s.packets), ("flows", s.flows), ("HTTP requests", s.http_requests),
        ("DNS names", s.dns_names), ("TLS names", s.tls_names), ("UDP flows", s.udp_flows),
        ("destinations", s.destinations), ("identifier hits", s.findings),
        ("TLS sessions decrypted", s.decrypted_sessions), ("TLS encrypted, no key", s.encrypted_no_key),
        ("time", f"{s.seconds:.2f} s"),
    ):
        t.add_row(label, str(value))
    console.print(t)


def _print_findings(console: Console, store: Store) -> None:
    from monitor.report.safe import safe_text

    rows = store.findings_by_type_and_destination()
    if not rows:
        console.print("no identifiers found")
        return
    from rich.table import Table  # (see _one)

    t = Table(title="identifiers by type and destination")
    for col in ("type", "destination", "sdk", "count"):
        t.add_column(col)
    for r in rows:
        t.add_row(safe_text(r["type"]), safe_text(r["dest"] or ""), safe_text(r["sdk"] or ""), str(r["n"]))
    console.print(t)
