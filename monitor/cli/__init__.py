"""The `privmon` command line: a click group with one thin module per verb.

This package is the only place where expected failures (PrivmonError) become one stderr line
and exit code 2.
"""

from __future__ import annotations

import gc
import importlib
import sys

import click

from monitor import __version__
from monitor.errors import PrivmonError

VERBS = {
    "analyze": "monitor.cli.analyze", "report": "monitor.cli.report", "policy": "monitor.cli.policy",
    "check": "monitor.cli.check", "proxy": "monitor.cli.proxy", "sniff": "monitor.cli.sniff", "tui": "monitor.cli.tui",
    "demo": "monitor.cli.demo", "signatures": "monitor.cli.signatures", "export": "monitor.cli.export",
    "labels": "monitor.cli.labels",
}


class LazyGroup(click.Group):
    """Imports a verb's module only when that verb runs (start-up time counts on every capture)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in VERBS:
            return None
        # no cyclic garbage to look for while modules load (analyze's imports: ~26 collections, ~3 ms of CPU), and
        # what they made lives as long as the process: frozen, the collector does not walk it afterwards either
        # (the first collection after the imports would), until the command ends (tests run commands in-process)
        collecting = gc.isenabled()
        gc.disable()
        try:
            return importlib.import_module(VERBS[name]).command  # type: ignore[no-any-return]
        finally:
            if collecting:
                if ctx is not None:
                    gc.freeze()
                    ctx.call_on_close(gc.unfreeze)
                gc.enable()


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--version: privmon's version and which packet walk this install runs (compiled by mypyc or pure Python)."""
    if not value or ctx.resilient_parsing:
        return
    from monitor.compiled import walk

    click.echo(f"privmon, version {__version__} (packet walk: {walk()})")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and which packet walk runs (compiled or pure Python), and exit.")
def cli() -> None:
    """privmon: check the identifiers apps, SDKs and P2P cameras send against their privacy policy.

    Nothing privmon does sends any traffic anywhere; it only reads captures and watches.
    """


def main(argv: list[str] | None = None) -> None:
    """The `privmon` process (the console script, `python -m monitor`): the command, then the process ends."""
    try:
        cli.main(args=argv, prog_name="privmon", standalone_mode=True)
    except PrivmonError as exc:
        from monitor.report.safe import terminal

        click.echo(f"privmon: {terminal(exc.line(), newlines=False)}", err=True)
        sys.exit(2)
    finally:
        # what is left lives until the process ends, in a moment: frozen, the collections of the interpreter's
        # shutdown do not walk it (~10 ms of CPU after `analyze` of one small capture); it is still freed
        gc.freeze()
