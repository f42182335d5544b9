"""Shared fixtures: one app and schema per test session, a clean database for every test.

The suite runs on SQLite by default and on PostgreSQL and Redis when
``PORTAL_TEST_DATABASE_URL`` and ``PORTAL_TEST_REDIS_URL`` are set (``.ci/run`` does both).
Reference data (administrative units, occupations, skills…) is loaded once per session by the
real ``flask ref load`` code; every other table is emptied after each test, so tests never see
each other's rows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import celery._state
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete

from portal import create_app
from portal.extensions import db, limiter

TEST_DATABASE_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "")
TEST_REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "")

requires_postgres = pytest.mark.skipif(
    not TEST_DATABASE_URL, reason="PORTAL_TEST_DATABASE_URL is not set: PostgreSQL tests skipped"
)
requires_redis = pytest.mark.skipif(
    not TEST_REDIS_URL, reason="PORTAL_TEST_REDIS_URL is not set: Redis tests skipped"
)


class RequestIsolatingClient(FlaskClient):
    """A test client that runs every request (and redirect hop) in its own app context.

    Tests hold an app context open for direct service calls (see ``_isolated``). Flask reuses
    an app context that is already pushed for the same app, so without this every request of a
    test would share one ``g`` and one database session: Flask-Login's cached ``g._login_user``
    and Flask-Babel's cached locale would leak from one request into the next (a revoked session
    would look alive, a language switch would not show). Production gives each request a fresh
    context; so does this client. Commit before a request: it uses its own session.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if self.preserve_context:  # ``with client:`` keeps the request's contexts on purpose
            return super().open(*args, **kwargs)
        with self.application.app_context():
            return super().open(*args, **kwargs)


def base_test_config(instance_path: Path, **overrides: Any) -> dict[str, Any]:
    """The configuration every test app starts from (CSRF off; a test turns it on itself)."""
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "WTF_CSRF_ENABLED": False,
        "DATABASE_URL": TEST_DATABASE_URL or "sqlite:///" + str(instance_path / "test.sqlite3"),
        "REDIS_URL": TEST_REDIS_URL,
        "SERVER_NAME": "portal.test",
    }
    config.update(overrides)
    return config


def reference_tables() -> set[str]:
    """Tables that hold reference data (marked ``info={"reference": True}``)."""
    return {t.name for t in db.metadata.sorted_tables if t.info.get("reference")}


def clean_database() -> None:
    """Empty every non-reference table, children first."""
    keep = reference_tables()
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in keep:
            db.session.execute(delete(table))
    db.session.commit()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    os.environ["PORTAL_INSTANCE_PATH"] = str(instance)
    application = create_app(base_test_config(instance))
    application.test_client_class = RequestIsolatingClient
    with application.app_context():
        db.drop_all()
        db.create_all()
        from portal.reference.loader import load_all

        load_all(db.session)
    yield application
    with application.app_context():
        db.session.remove()
        if TEST_DATABASE_URL:
            db.drop_all()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture(autouse=True)
def _isolated(request: pytest.FixtureRequest) -> Iterator[None]:
    """Give each test that uses the app an empty database and fresh rate-limit counters."""
    if "app" not in request.fixturenames:
        yield
        return
    application: Flask = request.getfixturevalue("app")
    with application.app_context():
        limiter.reset()
        yield
        db.session.rollback()
        clean_database()
        db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


AppFactory = Callable[..., Flask]


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppFactory]:
    """Build extra apps (config, modes, error pages) in a private instance folder.

    ``make_app(test_config)`` calls the real :func:`portal.create_app`. Each new app's Celery
    app makes itself Celery's current and default app, and ``limiter.init_app`` replaces the
    limiter's storage (Flask-Limiter keeps it on the extension object, not per app); all of it
    is put back afterwards, so the session app keeps its own broker, tasks and rate limits.
    """
    instance = tmp_path / "instance"
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(instance))
    previous_current = celery._state._tls.current_app
    previous_default = celery._state.default_app
    previous_limiter = dict(vars(limiter))
    built: list[Flask] = []

    def factory(test_config: Mapping[str, Any] | None = None) -> Flask:
        application = create_app(test_config)
        application.test_client_class = RequestIsolatingClient
        built.append(application)
        return application

    yield factory
    for application in built:
        application.extensions["celery"].close()
        with application.app_context():
            for engine in db.engines.values():
                engine.dispose()
    celery._state._set_current_app(previous_current)
    celery._state.set_default_app(previous_default)
    vars(limiter).clear()
    vars(limiter).update(previous_limiter)
