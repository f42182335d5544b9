"""Fixtures of the accounts tests: one user of each role, and apps built for one test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal.access import Role
from portal.accounts.models import User
from portal.extensions import db
from tests.accounts.builders import make_user
from tests.conftest import AppFactory, base_test_config, clean_database


@pytest.fixture
def users(app: Flask) -> dict[Role, User]:
    """One active user per role; employers and schools have verified organisations."""
    return {role: make_user(role) for role in Role}


@pytest.fixture
def separate_app(make_app: AppFactory, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build an app of its own (``**overrides`` on the test config) with its schema created.

    On PostgreSQL it shares the test database, so its rows are removed afterwards.
    """
    built: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        application = make_app(base_test_config(tmp_path, **overrides))
        with application.app_context():
            db.create_all()
        built.append(application)
        return application

    yield factory
    for application in built:
        with application.app_context():
            db.session.rollback()
            clean_database()
            db.session.remove()
