"""With CSRF protection on (as in production), the profile forms carry their token and a
post without it is refused."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.access import Role
from portal.accounts import services as accounts
from portal.candidates import services
from portal.candidates.models import ConsentPurpose, Sex
from portal.extensions import db
from tests.candidates.builders import PASSWORD, cccd_for
from tests.conftest import AppFactory, base_test_config, clean_database


@pytest.fixture
def csrf_app(make_app: AppFactory, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(base_test_config(tmp_path, WTF_CSRF_ENABLED=True))
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.session.rollback()
        clean_database()
        db.session.remove()


def token(html: str) -> str:
    match = re.search(r'name="(?:[\w-]+-)?csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def logged_in(application: Flask, email: str) -> FlaskClient:
    client = application.test_client()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token(page)}
    )
    assert response.status_code == 302
    return client


def test_consent_buttons_carry_the_token_and_need_it(csrf_app: Flask) -> None:
    with csrf_app.app_context():
        user = accounts.create_user(
            db.session, email="csrf-worker@example.vn", password=PASSWORD, role=Role.WORKER
        )
        born = dt.date(2000, 1, 2)
        profile = services.save_identity(
            db.session,
            user.id,
            full_name="Mai Văn Phúc",
            date_of_birth=born,
            sex=Sex.MALE,
            cccd=cccd_for(born, Sex.MALE, serial=31),
        )
        profile_id = profile.id
    client = logged_in(csrf_app, "csrf-worker@example.vn")
    refused = client.post("/profile/consent/matching/give", data={})
    assert refused.status_code == 400
    page = client.get("/profile/consent").get_data(as_text=True)
    form = re.search(r'action="/profile/consent/matching/give">(.*?)</form>', page, re.S)
    assert form is not None
    fields = dict(re.findall(r'name="([\w-]+)"[^>]*value="([^"]*)"', form.group(1)))
    assert client.post("/profile/consent/matching/give", data=fields).status_code == 302
    with csrf_app.app_context():
        assert services.has_consent(db.session, profile_id, ConsentPurpose.MATCHING)
