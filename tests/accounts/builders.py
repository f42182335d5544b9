"""Small data builders and a real-login helper for the accounts tests."""

from __future__ import annotations

import functools
import itertools
import re

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal.access import ORGANISATION_ROLES, Role
from portal.accounts import passwords, services
from portal.accounts.models import OrganisationStatus, User
from portal.extensions import db
from portal.models import utcnow

PASSWORD = "Ruong lua Cam Giang 2025"  # passes the policy: long, not common, not the e-mail
COOKIE = "portal_session"
HOST = "portal.test"  # SERVER_NAME of the test apps: cookies live on this domain

_serial = itertools.count(1)


def make_user(
    role: Role = Role.WORKER,
    *,
    email: str | None = None,
    password: str = PASSWORD,
    organisation_status: OrganisationStatus | str = OrganisationStatus.VERIFIED,
    disabled: bool = False,
    full_name: str = "Nguyễn Văn An",
) -> User:
    """A user of ``role`` (employers and schools get their own organisation).

    With the default password the Argon2id hash is computed once per test session and reused:
    hashing costs a quarter of a second by design, and the builders make hundreds of users.
    Logging in still verifies it for real.
    """
    number = next(_serial)
    user = services.create_user(
        db.session,
        email=email or f"{role.value}{number}@example.vn",
        password=None if password == PASSWORD else password,
        role=role,
        full_name=full_name,
        organisation_name=(
            f"Công ty TNHH Thử nghiệm {number}" if role in ORGANISATION_ROLES else None
        ),
        organisation_status=organisation_status,
        disabled=disabled,
    )
    if password == PASSWORD:
        user.password_hash = _default_hash()
        user.password_changed_at = utcnow()
        db.session.commit()
    return user


@functools.cache
def _default_hash() -> str:
    return passwords.hash_password(PASSWORD)


def log_in(
    client: FlaskClient, email: str, password: str = PASSWORD, **kwargs: object
) -> TestResponse:
    """Log in through the real login form."""
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def logged_in_client(app: Flask, user: User, password: str = PASSWORD) -> FlaskClient:
    client = app.test_client()
    response = log_in(client, user.email, password)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE, domain=HOST)
    assert cookie is not None, "no session cookie"
    return cookie.value


def client_with_cookie(app: Flask, value: str) -> FlaskClient:
    """A fresh browser that presents ``value`` as its session cookie (a replay)."""
    client = app.test_client()
    client.set_cookie(COOKIE, value, domain=HOST)
    return client


def is_signed_in(client: FlaskClient) -> bool:
    response = client.get("/account")
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    return False


def logged_link(text: str) -> str:
    """The path of the last password link in the captured log."""
    links = re.findall(r"https?://[^/\s]+(/password-reset/\S+)", text)
    assert links, "no password link in the log:\n" + text
    return links[-1]
