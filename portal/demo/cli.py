"""``flask demo seed``: load the demo data set and print its logins."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from portal.config import PRODUCTION
from portal.extensions import db

demo_group = AppGroup("demo", help="Demo data for exploring the portal.")


@demo_group.command("seed")
@click.option("--seed", "seed_value", default=20250701, show_default=True, type=int)
@click.option(
    "--allow-production",
    is_flag=True,
    help="Seed even in production mode (creates accounts with a published password).",
)
def seed_command(seed_value: int, allow_production: bool) -> None:
    """Create the small deterministic demo data set (safe to run again)."""
    from portal.demo.seed import DEMO_PASSWORD, seed

    if current_app.config["RUN_MODE"] == PRODUCTION and not allow_production:
        raise click.ClickException(
            "Refusing to create demo accounts with a published password in production mode; "
            "pass --allow-production for a staging database."
        )
    report = seed(db.session, seed_value)
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD})")
    for role, email, note in report.logins:
        click.echo(f"  {role:<10} {email:<36} {note}")
    for what, count in report.counts.items():
        click.echo(f"  {what}: {count}")
