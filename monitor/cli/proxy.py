"""`privmon proxy` (not implemented yet)."""

from __future__ import annotations

import click

from monitor.errors import PrivmonError


@click.command("proxy", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Not implemented yet."""
    raise PrivmonError("'proxy' is not implemented yet")
