"""Self-registration: validation messages next to the fields, roles, pending organisations."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.access import Role
from portal.accounts.models import Organisation, OrganisationStatus, User
from portal.extensions import db
from tests.accounts.builders import PASSWORD, is_signed_in, make_user


def form(**overrides: Any) -> dict[str, Any]:
    data = {
        "role": "worker",
        "organisation_name": "",
        "full_name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "phone": "",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    data.update(overrides)
    return data


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0


def test_register_page_labels_every_field(client: FlaskClient) -> None:
    html = client.get("/register").get_data(as_text=True)
    for name in ("organisation_name", "full_name", "email", "phone", "password", "confirm"):
        assert f'<label class="form-label" for="{name}"' in html
    assert "<legend" in html  # the account type radio group


def test_worker_registers_and_is_signed_in(client: FlaskClient) -> None:
    response = client.post("/register", data=form(email="  Binh.Tran@Example.VN "))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account")
    user = db.session.scalar(select(User))
    assert user is not None
    assert user.email == "binh.tran@example.vn"  # stored normalised
    assert user.role == Role.WORKER
    assert user.organisation is None
    assert user.password_hash.startswith("$argon2id$")
    assert is_signed_in(client)


def test_employer_registration_creates_a_pending_organisation(client: FlaskClient) -> None:
    response = client.post(
        "/register",
        data=form(role="employer", organisation_name="Công ty TNHH Gốm Chu Đậu"),
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tổ chức của bạn đang chờ cơ quan quản lý lao động xác minh." in html
    organisation = db.session.scalar(select(Organisation))
    assert organisation is not None
    assert organisation.name == "Công ty TNHH Gốm Chu Đậu"
    assert organisation.status == OrganisationStatus.PENDING
    assert not organisation.can_publish
    assert [change.to_status for change in organisation.status_changes] == ["pending"]


def test_school_needs_an_organisation_name(client: FlaskClient) -> None:
    response = client.post("/register", data=form(role="school"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="organisation_name-error"' in html
    assert "Vui lòng nhập tên doanh nghiệp hoặc cơ sở đào tạo của bạn." in html
    assert user_count() == 0


def test_validation_messages_are_shown_next_to_their_fields(client: FlaskClient) -> None:
    response = client.post(
        "/register",
        data=form(full_name="", email="not-an-address", password="short", confirm="other"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="full_name-error"' in html and "Vui lòng nhập họ và tên của bạn." in html
    assert 'id="email-error"' in html and "Vui lòng nhập địa chỉ email hợp lệ." in html
    assert 'id="password-error"' in html
    assert "Mật khẩu phải có ít nhất 10 ký tự." in html
    assert 'id="confirm-error"' in html and "Hai mật khẩu không khớp nhau." in html
    assert 'aria-invalid="true"' in html
    assert user_count() == 0


def test_password_policy_refuses_common_and_email_passwords(client: FlaskClient) -> None:
    html = client.post(
        "/register", data=form(password="matkhau123", confirm="matkhau123")
    ).get_data(as_text=True)
    assert "Mật khẩu này quá phổ biến" in html
    html = client.post(
        "/register",
        data=form(
            email="binh.tran@example.vn",
            password="Binh.Tran@Example.vn",
            confirm="Binh.Tran@Example.vn",
        ),
    ).get_data(as_text=True)
    assert "Mật khẩu không được trùng với địa chỉ email của bạn." in html
    assert user_count() == 0


def test_duplicate_address_is_refused(client: FlaskClient, app: Flask) -> None:
    make_user(email="binh@example.vn")
    response = client.post("/register", data=form(email="BINH@example.vn"))
    html = response.get_data(as_text=True)
    assert "Địa chỉ email này đã được dùng cho một tài khoản khác." in html
    assert user_count() == 1


def test_authority_and_admin_accounts_cannot_be_self_registered(client: FlaskClient) -> None:
    for role in ("authority", "admin"):
        response = client.post("/register", data=form(role=role))
        assert response.status_code == 200
        assert 'id="role-error"' in response.get_data(as_text=True)
    assert user_count() == 0


def test_signed_in_user_is_sent_to_the_account_page(app: Flask, client: FlaskClient) -> None:
    client.post("/register", data=form())
    response = client.get("/register")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account")
