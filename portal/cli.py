"""Command-line groups (``flask ref ...``, ``flask demo ...``), one per domain."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from portal.demo.cli import demo_group
    from portal.reference.cli import ref_group

    app.cli.add_command(ref_group)
    app.cli.add_command(demo_group)
