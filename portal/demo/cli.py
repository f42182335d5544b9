"""``flask demo seed``: load the demo data set and print its logins."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db

demo_group = AppGroup("demo", help="Demo data for exploring the portal.")


@demo_group.command("seed")
@click.option("--seed", "seed_value", default=20250701, show_default=True, type=int)
def seed_command(seed_value: int) -> None:
    """Create the small deterministic demo data set (safe to run again)."""
    from portal.demo.seed import DEMO_PASSWORD, seed

    report = seed(db.session, seed_value)
    click.echo("Demo logins (password for all: %s)" % DEMO_PASSWORD)
    for role, email, note in report.logins:
        click.echo(f"  {role:<10} {email:<36} {note}")
