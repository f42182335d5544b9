"""Fixtures of the jobs tests: logged-in browsers for any user, reading English.

Tests compare messages with their English msgids, which do not change when the Vietnamese
catalog is edited: browsers here carry the language cookie for English, and :func:`en` renders
a service's lazy message in English.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale

from portal.accounts.models import User
from portal.i18n import LANG_COOKIE
from tests.accounts.builders import HOST, logged_in_client

Login = Callable[[User], FlaskClient]


def in_english(client: FlaskClient) -> FlaskClient:
    client.set_cookie(LANG_COOKIE, "en", domain=HOST)
    return client


def en(message: object) -> str:
    """A (lazy) message as English readers see it."""
    with force_locale("en"):
        return str(message)


@pytest.fixture
def login(app: Flask) -> Login:
    """``login(user)``: a browser signed in as ``user`` through the real login form."""

    def factory(user: User) -> FlaskClient:
        return in_english(logged_in_client(app, user))

    return factory


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """An anonymous browser reading English."""
    return in_english(app.test_client())
