"""What :func:`portal.create_app` binds: extensions, blueprints, request hooks and CLI.

Blueprints are registered from one list so that the route inventory test sees all of them.
"""

from __future__ import annotations

from flask import Flask

from portal import access
from portal.celery_app import celery_init_app
from portal.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate

MIGRATIONS_DIR = "migrations"

# Every domain's models module, imported before the metadata is used (create_all, Alembic).
MODEL_MODULES = (
    "portal.reference.models",
    "portal.accounts.models",
    "portal.candidates.models",
    "portal.jobs.models",
)

VIEW_MODULES = (
    "portal.jobs.views",
    "portal.jobs.search_views",
    "portal.candidates.views",
    "portal.core.notification_views",
)


def import_models() -> None:
    import importlib

    for module in MODEL_MODULES:
        importlib.import_module(module)


def bind_extensions(app: Flask) -> None:
    import os

    from portal import i18n

    import_models()
    db.init_app(app)
    root = os.path.dirname(app.root_path)
    migrate.init_app(app, db, directory=os.path.join(root, MIGRATIONS_DIR), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=None)
    app.config.setdefault("BOOTSTRAP_SERVE_LOCAL", True)
    app.config["BOOTSTRAP_SERVE_LOCAL"] = True  # offline intranet: never a CDN
    bootstrap.init_app(app)
    limiter.init_app(app)
    celery_init_app(app)
    access.declare_public(app, ["static", "bootstrap.static"])


def register_blueprints(app: Flask) -> None:
    import importlib

    from portal.accounts.views import bp as accounts_bp
    from portal.candidates.blueprint import bp as candidates_bp
    from portal.core.views import bp as core_bp
    from portal.jobs.blueprint import bp as jobs_bp
    from portal.reference.views import bp as reference_bp

    # Modules that attach routes to the shared blueprints above.
    for module in VIEW_MODULES:
        importlib.import_module(module)
    for blueprint in (core_bp, accounts_bp, reference_bp, jobs_bp, candidates_bp):
        app.register_blueprint(blueprint)


def register_hooks(app: Flask) -> None:
    from portal import cli, i18n, navigation, web
    from portal.accounts import sessions

    sessions.init_login_manager(login_manager)
    app.before_request(access.enforce_access)
    app.after_request(web.security_headers)
    web.register_error_pages(app)
    i18n.register_template_helpers(app)
    navigation.register(app)
    cli.register(app)
