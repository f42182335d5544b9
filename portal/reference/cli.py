"""``flask ref load``: load or refresh the reference data (idempotent; safe to re-run)."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.reference.loader import LISTS, ReferenceDataError, load
from portal.reference.units_source import UnitSourceError

ref_group = AppGroup("ref", help="Reference data: administrative units, occupations, skills…")


@ref_group.command("load")
@click.option(
    "--only",
    "only",
    multiple=True,
    type=click.Choice(LISTS),
    help="Load only this list (repeatable). Default: all of them.",
)
def load_command(only: tuple[str, ...]) -> None:
    """Load the reference lists from the package and data files (plus instance overrides).

    Rows are inserted or updated by their code; rows that left a file are marked inactive,
    never deleted. Prints, per table, the rows in the source, written and retired.
    """
    started = time.perf_counter()
    try:
        report = load(db.session, only or None)
    except (ReferenceDataError, UnitSourceError) as error:
        raise click.ClickException(str(error)) from error
    width = max(len(entry.table) for entry in report)
    click.echo(f"{'table':<{width}}  {'rows':>7}  {'written':>7}  {'retired':>7}")
    for entry in report:
        click.echo(
            f"{entry.table:<{width}}  {entry.rows:>7}  {entry.written:>7}  {entry.retired:>7}"
        )
    click.echo(f"Reference data loaded in {time.perf_counter() - started:.1f} s.")
