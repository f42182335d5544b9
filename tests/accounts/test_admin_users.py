"""The administrator's user page: list, disable and enable, create authority accounts."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import select

from portal.access import Role
from portal.accounts import passwords, services
from portal.accounts.errors import NotPermitted
from portal.accounts.models import User
from portal.extensions import db
from tests.accounts.builders import log_in, logged_in_client, logged_link, make_user

CHOSEN = "Chè lam Phú Thái 1945"


def test_admin_lists_and_filters_users(app: Flask, users: dict[Role, User]) -> None:
    client = logged_in_client(app, users[Role.ADMIN])
    html = client.get("/users").get_data(as_text=True)
    for user in users.values():
        assert user.email in html
    html = client.get("/users?role=employer").get_data(as_text=True)
    assert users[Role.EMPLOYER].email in html and users[Role.WORKER].email not in html
    html = client.get("/users?q=" + users[Role.SCHOOL].email[:7]).get_data(as_text=True)
    assert users[Role.SCHOOL].email in html and users[Role.WORKER].email not in html


def test_admin_creates_an_authority_account_that_sets_its_own_password(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="portal.mail")
    client = logged_in_client(app, make_user(Role.ADMIN))
    response = client.post(
        "/users/new",
        data={"full_name": "Phạm Thu Hà", "email": "Ha.Pham@HaiDuong.gov.vn", "phone": ""},
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "ha.pham@haiduong.gov.vn"))
    assert user is not None and user.role == Role.AUTHORITY
    assert user.password_hash == passwords.UNUSABLE_PASSWORD
    # Sent in the new user's language: Vietnamese by default.
    assert "Subject: Đặt mật khẩu cho tài khoản của bạn" in caplog.text

    link = logged_link(caplog.text)
    browser = app.test_client()
    assert browser.post(link, data={"password": CHOSEN, "confirm": CHOSEN}).status_code == 302
    assert log_in(browser, user.email, CHOSEN).status_code == 302
    assert browser.get("/organisations").status_code == 200


def test_create_form_errors_are_shown_next_to_the_fields(app: Flask) -> None:
    admin = make_user(Role.ADMIN)
    client = logged_in_client(app, admin)
    response = client.post("/users/new", data={"full_name": "", "email": admin.email})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="full_name-error"' in html
    response = client.post("/users/new", data={"full_name": "X", "email": admin.email})
    assert "Địa chỉ email này đã được dùng cho một tài khoản khác." in response.get_data(True)


def test_admin_cannot_disable_themself(app: Flask) -> None:
    admin = make_user(Role.ADMIN)
    client = logged_in_client(app, admin)
    response = client.post(f"/users/{admin.id}/disable", follow_redirects=True)
    assert "Bạn không thể vô hiệu hóa tài khoản của chính mình." in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(User, admin.id).disabled  # type: ignore[union-attr]


def test_only_admins_may_disable(app: Flask) -> None:
    authority = make_user(Role.AUTHORITY)
    worker = make_user()
    with pytest.raises(NotPermitted):
        services.disable_user(db.session, worker.id, authority.id)
