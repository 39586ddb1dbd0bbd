"""`privmon signatures` (not implemented yet)."""

from __future__ import annotations

import click

from monitor.errors import PrivmonError


@click.command("signatures", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Not implemented yet."""
    raise PrivmonError("'signatures' is not implemented yet")
