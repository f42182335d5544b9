"""Alembic environment, run by Flask-Migrate inside the portal's app context.

The database comes from the Flask app (``PORTAL_DATABASE_URL`` or the embedded SQLite file),
so ``flask db upgrade`` migrates whatever database the portal itself would use. Revisions are
rendered in batch mode (set by the app factory) so one revision runs on SQLite and PostgreSQL.

Autogenerate compares column types and server defaults as well as tables and columns, so a
changed type or default is never silently missed; ``tests/core/test_migrations.py`` uses this
same environment to assert that models and revisions agree.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from logging.config import fileConfig
from typing import Any

from alembic import context
from flask import current_app
from sqlalchemy.sql.elements import False_, True_
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.schema import DefaultClause

config = context.config

if config.config_file_name is not None and not logging.getLogger().handlers:
    # Configure logging only when nothing else has (the `flask db` commands); under pytest or
    # an embedding program, leave their handlers and levels alone.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def import_all_models() -> None:
    """Import every ``portal.<domain>.models`` module so the metadata holds every table.

    A model module that no view happens to import would otherwise be invisible to autogenerate,
    which would then propose dropping its table.
    """
    import portal

    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if module.name.rsplit(".", 1)[-1] == "models":
            importlib.import_module(module.name)


def get_engine() -> Any:
    return current_app.extensions["migrate"].db.engine


def get_metadata() -> Any:
    return current_app.extensions["migrate"].db.metadata


_CAST = re.compile(r"::[a-z ]+(\[\])?")
_NOW = {
    "now()",
    "current_timestamp",
    "current_timestamp()",
    "localtimestamp",
    "statement_timestamp()",
}


def _normalise_default(text: str | None) -> str | None:
    """A comparable form of a rendered server default (quotes, casts, parentheses, case)."""
    if text is None:
        return None
    value = text.strip().lower()
    value = _CAST.sub("", value)
    while value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    value = value.strip("'\"")
    if value in _NOW:
        return "now()"
    return {"true": "1", "false": "0"}.get(value, value)


def compare_server_default(
    _context: Any,
    _inspected_column: Any,
    _metadata_column: Any,
    inspected_default: str | None,
    _metadata_default: Any,
    rendered_metadata_default: str | None,
) -> bool | None:
    """Report a changed server default, ignoring how each database spells the same value.

    PostgreSQL reflects ``now()`` and ``'x'::character varying``; SQLite reflects
    ``(CURRENT_TIMESTAMP)`` and ``'0'``. Differences of spelling only are not changes;
    anything left undecided (None) goes to Alembic's own per-dialect comparison.
    """
    inspected = _normalise_default(inspected_default)
    rendered = _normalise_default(rendered_metadata_default)
    if inspected == rendered:
        return False
    if inspected is None or rendered is None:
        return True
    return None


def render_item(type_: str, obj: Any, _autogen_context: Any) -> str | bool:
    """Render portable server defaults, whichever database the revision is generated against.

    Alembic renders a default as the SQL of the database it compares with: ``now()`` from
    PostgreSQL (SQLite has no such function) or ``0`` for false from SQLite (PostgreSQL refuses
    an integer default on a boolean). ``sa.func.now()``, ``sa.true()`` and ``sa.false()``
    compile correctly on both, so one revision serves both databases.
    """
    if type_ == "server_default" and isinstance(obj, DefaultClause):
        arg = obj.arg
        if isinstance(arg, True_):
            return "sa.true()"
        if isinstance(arg, False_):
            return "sa.false()"
        if isinstance(arg, FunctionElement) and not list(arg.clauses):
            return f"sa.func.{arg.name}()"
    return False


def configure_args() -> dict[str, Any]:
    """Options shared by online and offline runs (and by the migrations test)."""
    args = dict(current_app.extensions["migrate"].configure_args)
    args.setdefault("compare_type", True)
    args.setdefault("compare_server_default", compare_server_default)
    args.setdefault("render_as_batch", True)
    args.setdefault("render_item", render_item)
    return args


def run_migrations_offline() -> None:
    """Emit SQL to stdout (``flask db upgrade --sql``) without connecting."""
    url = get_engine().url.render_as_string(hide_password=False)
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True, **configure_args()
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def process_revision_directives(_context: Any, _revision: Any, directives: list[Any]) -> None:
        # `flask db migrate` with no model change writes no empty revision file.
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    args = configure_args()
    args.setdefault("process_revision_directives", process_revision_directives)
    with get_engine().connect() as connection:
        context.configure(connection=connection, target_metadata=get_metadata(), **args)
        with context.begin_transaction():
            context.run_migrations()


import_all_models()
if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
