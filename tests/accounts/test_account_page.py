"""The account page: details, organisation notice, profile, language preference."""

from __future__ import annotations

from flask import Flask

from portal.access import Role
from portal.accounts.models import User
from portal.extensions import db
from tests.accounts.builders import logged_in_client, make_user

# Vietnamese (the default language) as the vi catalog translates the notices.
PENDING_FLASH = (
    "Tổ chức của bạn đang chờ cơ quan quản lý lao động xác minh. Bạn có thể chuẩn bị thông tin "
    "ngay bây giờ và đăng tin sau khi tổ chức được xác minh."
)
PENDING_NOTICE = "Trong thời gian này, bạn chưa thể đăng tin tuyển dụng hoặc khóa học."


def test_account_page_shows_details_and_is_not_cached(app: Flask) -> None:
    user = make_user(full_name="Đỗ Minh Khoa")
    response = logged_in_client(app, user).get("/account")
    html = response.get_data(as_text=True)
    assert user.email in html and "Đỗ Minh Khoa" in html
    assert response.headers["Cache-Control"] == "no-store"
    for name in ("profile-full_name", "password-current_password", "locale-locale"):
        assert f'for="{name}"' in html


def test_pending_organisation_notice(app: Flask) -> None:
    employer = make_user(Role.EMPLOYER, organisation_status="pending")
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": employer.email, "password": "Ruong lua Cam Giang 2025"},
        follow_redirects=True,
    )
    assert PENDING_FLASH in response.get_data(as_text=True)
    html = client.get("/account").get_data(as_text=True)
    assert PENDING_NOTICE in html


def test_profile_update_and_validation(app: Flask) -> None:
    user = make_user()
    client = logged_in_client(app, user)
    response = client.post(
        "/account/profile",
        data={"profile-full_name": "Vũ Thị Lan", "profile-phone": "0912 345 678"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(User, user.id)
    assert saved is not None and saved.full_name == "Vũ Thị Lan" and saved.phone == "0912345678"
    response = client.post(
        "/account/profile", data={"profile-full_name": "Vũ Thị Lan", "profile-phone": "abc"}
    )
    assert response.status_code == 400
    assert 'id="profile-phone-error"' in response.get_data(as_text=True)


def test_language_preference_is_saved_and_applied(app: Flask) -> None:
    user = make_user()
    client = logged_in_client(app, user)
    response = client.post("/account/language", data={"locale-locale": "en"})
    assert response.status_code == 302
    assert any("lang=en" in value for value in response.headers.getlist("Set-Cookie"))
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "en"  # type: ignore[union-attr]
    html = client.get("/account").get_data(as_text=True)
    assert '<html lang="en">' in html and '<h1 class="h3 mb-4">My account</h1>' in html
    assert client.post("/account/language", data={"locale-locale": "fr"}).status_code == 400
