"""Account services used by other domains, the seed and the CLI, without any request."""

from __future__ import annotations

import unicodedata

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.access import Role
from portal.accounts import passwords, services
from portal.accounts.errors import EmailTaken, InvalidInput, NotPermitted, PasswordRejected
from portal.accounts.models import Organisation, OrganisationStatus, User
from portal.extensions import db
from tests.accounts.builders import PASSWORD, make_user


def test_email_is_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "  Tên.Người@Example.VN ")
    assert services.normalise_email(decomposed) == unicodedata.normalize(
        "NFC", "tên.người@example.vn"
    )


TOO_COMMON = "Mật khẩu này quá phổ biến và dễ đoán. Vui lòng chọn mật khẩu khác."


# The messages in Vietnamese (the default language), as the vi catalog translates them.
@pytest.mark.parametrize(
    ("password", "problem"),
    [
        pytest.param("short", "Mật khẩu phải có ít nhất 10 ký tự.", id="too-short"),
        pytest.param("1234567890", TOO_COMMON, id="too-common"),
        pytest.param("MatKhau123", TOO_COMMON, id="too-common-vietnamese"),
        pytest.param(
            "an@example.vn", "Mật khẩu không được trùng với địa chỉ email của bạn.", id="the-email"
        ),
        pytest.param("x" * 300, "Mật khẩu chỉ được có tối đa 256 ký tự.", id="too-long"),
    ],
)
def test_password_policy(app: Flask, password: str, problem: str) -> None:
    problems = [str(p) for p in passwords.password_problems(password, "an@example.vn")]
    assert any(problem in text for text in problems), problems


def test_good_password_passes(app: Flask) -> None:
    assert passwords.password_problems(PASSWORD, "an@example.vn") == []


def test_create_user_applies_the_policy_and_saves_nothing_on_refusal(app: Flask) -> None:
    with pytest.raises(PasswordRejected):
        services.create_user(
            db.session,
            email="weak@example.vn",
            password="password123",
            role=Role.EMPLOYER,
            organisation_name="Công ty Yếu",
        )
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_create_user_with_verified_organisation_and_joining_it(app: Flask) -> None:
    first = make_user(Role.EMPLOYER, organisation_status="verified")
    assert first.organisation is not None and first.organisation.can_publish
    second = services.create_user(
        db.session,
        email="hr2@example.vn",
        password=PASSWORD,
        role=Role.EMPLOYER,
        organisation_id=first.organisation.id,
    )
    assert second.organisation_id == first.organisation_id


def test_reserved_demo_domains_are_accepted_by_the_service(app: Flask) -> None:
    user = services.create_user(
        db.session, email="admin@demo.vieclam.local", password=PASSWORD, role=Role.ADMIN
    )
    assert user.email == "admin@demo.vieclam.local"


def test_duplicate_email_is_refused(app: Flask) -> None:
    make_user(email="same@example.vn")
    with pytest.raises(EmailTaken):
        make_user(email=" SAME@example.vn")


def test_worker_cannot_have_an_organisation(app: Flask) -> None:
    with pytest.raises(InvalidInput):
        services.create_user(
            db.session,
            email="w@example.vn",
            password=PASSWORD,
            role=Role.WORKER,
            organisation_name="Công ty",
        )


def test_register_user_refuses_staff_roles(app: Flask) -> None:
    for role in (Role.AUTHORITY, Role.ADMIN):
        with pytest.raises(NotPermitted):
            services.register_user(
                db.session, email="x@example.vn", password=PASSWORD, full_name="X", role=role
            )


def test_register_employer_starts_pending(app: Flask) -> None:
    user = services.register_user(
        db.session,
        email="hr@example.vn",
        password=PASSWORD,
        full_name="Hoàng Văn Đức",
        role=Role.EMPLOYER,
        organisation_name="Công ty CP Bánh đậu xanh Rồng Vàng",
    )
    assert user.organisation is not None
    assert user.organisation.status == OrganisationStatus.PENDING


def test_set_user_locale(app: Flask) -> None:
    user = make_user()
    services.set_user_locale(db.session, user.id, "en")
    assert db.session.get(User, user.id).locale == "en"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        services.set_user_locale(db.session, user.id, "fr")


def test_display_name_falls_back_to_the_address(app: Flask) -> None:
    assert make_user(full_name="").display_name.startswith("worker")
