"""The `privmon` command line: a click group with one thin module per verb.

This package is the only place where expected failures (PrivmonError) become one stderr line
and exit code 2.
"""

from __future__ import annotations

import sys

import click

from monitor import __version__
from monitor.errors import PrivmonError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="privmon")
def cli() -> None:
    """privmon: check the identifiers apps, SDKs and P2P cameras send against their privacy policy.

    Nothing privmon does sends any traffic anywhere; it only reads captures and watches.
    """


def _register() -> None:
    from monitor.cli import (
        analyze,
        check,
        demo,
        export,
        policy,
        proxy,
        report,
        signatures,
        sniff,
        tui,
    )

    for mod in (analyze, report, policy, check, proxy, sniff, tui, demo, signatures, export):
        cli.add_command(mod.command)


_register()


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="privmon", standalone_mode=True)
    except PrivmonError as exc:
        click.echo(f"privmon: {exc.line()}", err=True)
        sys.exit(2)
