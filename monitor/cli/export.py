"""`privmon export`: the database's tables as Parquet or CSV files."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.export import export_tables
from monitor.store import Store


@click.command("export")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Directory to write captures, destinations, findings, messages and dns files into.")
@click.option("--redact", is_flag=True, help="Mask identifier values.")
def command(db_path: str, fmt: str, out_dir: str, redact: bool) -> None:
    """Export the tables (bodies left out) for analysis in pandas, DuckDB or Spark."""
    with Store.open(db_path, readonly=True) as store:
        counts = export_tables(store, Path(out_dir), fmt, redact)
    for name, n in counts.items():
        click.echo(f"{name}: {n} rows -> {Path(out_dir) / (name + '.' + fmt)}")
