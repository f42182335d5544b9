"""Data builders and a real-login helper for the candidates tests.

Users are made with the accounts services; profiles with the candidates services, so a
builder can never create a profile the forms would refuse.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.access import ORGANISATION_ROLES, Role
from portal.accounts import services as accounts
from portal.accounts.models import OrganisationStatus, User
from portal.candidates import services
from portal.candidates.models import ConsentPurpose, Sex, WorkerProfile
from portal.candidates.validation import century_sex_digit
from portal.extensions import db
from portal.reference import services as reference
from portal.reference.models import COMMUNE, LEGACY, V2025, AdminUnit

PASSWORD = "Vai thieu Thanh Ha 2025"  # passes the policy
COOKIE = "portal_session"
HOST = "portal.test"

_serial = itertools.count(1)


def make_user(
    role: Role = Role.WORKER,
    *,
    full_name: str = "Nguyễn Văn An",
    organisation_status: OrganisationStatus = OrganisationStatus.VERIFIED,
) -> User:
    number = next(_serial)
    return accounts.create_user(
        db.session,
        email=f"{role.value}{number}@example.vn",
        password=PASSWORD,
        role=role,
        full_name=full_name,
        organisation_name=(
            f"Công ty TNHH Thử nghiệm {number}" if role in ORGANISATION_ROLES else None
        ),
        organisation_status=organisation_status,
    )


def log_in(client: FlaskClient, email: str, password: str = PASSWORD) -> TestResponse:
    """Log in through the real login form."""
    return client.post("/login", data={"email": email, "password": password})


def client_for(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    response = log_in(client, user.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE, domain=HOST)
    assert cookie is not None
    return cookie.value


def client_with_cookie(app: Flask, value: str) -> FlaskClient:
    client = app.test_client()
    client.set_cookie(COOKIE, value, domain=HOST)
    return client


def cccd_for(
    date_of_birth: dt.date, sex: Sex, *, province: str = "030", serial: int | None = None
) -> str:
    """A CCCD number that fits the date of birth and sex (the structure the validator checks)."""
    number = next(_serial) if serial is None else serial
    return (
        province
        + century_sex_digit(date_of_birth, sex)
        + f"{date_of_birth.year % 100:02d}"
        + f"{number:06d}"
    )


def home_communes() -> list[AdminUnit]:
    """2025 communes formed from former Hải Dương communes, by code."""
    return reference.communes_from_former_haiduong(db.session)


def legacy_commune(district_code: str = "295") -> AdminUnit:
    """A legacy commune of a former district (295: Cẩm Giàng)."""
    return db.session.scalars(
        select(AdminUnit)
        .where(
            AdminUnit.version == LEGACY,
            AdminUnit.level == COMMUNE,
            AdminUnit.parent_code == district_code,
        )
        .order_by(AdminUnit.code)
    ).first()


def new_commune_of(legacy_code: str) -> AdminUnit:
    unit = reference.new_commune_for_legacy(db.session, legacy_code)
    assert unit is not None
    return unit


def make_worker_with_profile(
    *,
    full_name: str = "Nguyễn Thị Hoa",
    sex: Sex = Sex.FEMALE,
    date_of_birth: dt.date = dt.date(1998, 3, 25),
    phone: str | None = None,
    commune: AdminUnit | None = None,
    qualification: str = "trung_cap",
    skills: tuple[str, ...] = ("Hàn hồ quang tay",),
    wished: tuple[str, ...] = ("7212",),
    consents: tuple[ConsentPurpose, ...] = (),
) -> tuple[User, WorkerProfile]:
    """A worker account with a complete, valid profile."""
    user = make_user(Role.WORKER, full_name=full_name)
    services.save_identity(
        db.session,
        user.id,
        full_name=full_name,
        date_of_birth=date_of_birth,
        sex=sex,
        cccd=cccd_for(date_of_birth, sex),
        consents=consents,
    )
    unit = commune or home_communes()[0]
    services.save_residence(
        db.session,
        user.id,
        phone=phone or f"09{next(_serial):08d}",
        email=user.email,
        unit_version=unit.version,
        permanent_commune=None,
        current_commune=unit.code,
    )
    services.save_education(
        db.session,
        user.id,
        general_education="upper_secondary",
        qualification_code=qualification,
    )
    for skill in skills:
        services.add_skill(db.session, user.id, skill)
    services.save_employment(
        db.session, user.id, employment_status="unemployed", unemployed_since=dt.date(2025, 1, 2)
    )
    services.save_wishes(db.session, user.id, occupation_codes=list(wished))
    profile = services.get_profile_for_user(db.session, user.id)
    assert profile is not None
    return user, profile


def field_error(html: str, field_id: str) -> str:
    """The error text shown next to a field (the accessible ``<id>-error`` element)."""
    match = re.search(rf'id="{re.escape(field_id)}-error"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no error next to {field_id}"
    return unescape(match.group(1))


def in_vietnamese(msgid: str, **variables: object) -> str:
    """A message as a Vietnamese reader sees it (English until the catalogue translates it)."""
    with force_locale("vi"):
        return gettext(msgid, **variables)


V2025_VERSION = V2025
