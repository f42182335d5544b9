"""Logging in: success, wrong password, unknown address, disabled account, safe redirects,
and the Argon2id password hashes behind them."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.access import Role
from portal.accounts import passwords, services
from portal.accounts.errors import AccountDisabled, InvalidCredentials
from portal.accounts.models import AuthSession, User
from portal.accounts.views import safe_next
from portal.extensions import db
from tests.accounts.builders import PASSWORD, is_signed_in, log_in, make_user

# Vietnamese (the default language) as the vi catalog translates the messages.
WRONG = "Địa chỉ email hoặc mật khẩu không đúng."
DISABLED = "Tài khoản này đã bị vô hiệu hóa."


def session_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuthSession)) or 0


def test_login_page_has_labelled_fields(client: FlaskClient) -> None:
    html = client.get("/login").get_data(as_text=True)
    assert '<label class="form-label" for="email"' in html
    assert '<label class="form-label" for="password"' in html
    assert 'autocomplete="current-password"' in html


def test_login_succeeds_and_records_a_server_side_session(client: FlaskClient) -> None:
    user = make_user()
    response = log_in(client, "  " + user.email.upper() + " ")
    assert response.status_code == 302
    assert is_signed_in(client)
    record = db.session.scalar(select(AuthSession))
    assert record is not None and record.user_id == user.id and record.revoked_at is None
    assert len(record.id) == 64  # the SHA-256 of the token, never the token itself
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None  # type: ignore[union-attr]


def test_wrong_password_and_unknown_address_get_the_same_answer(client: FlaskClient) -> None:
    user = make_user()
    wrong = log_in(client, user.email, "not the right password")
    unknown = log_in(client, "nobody@example.vn", "not the right password")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)
    assert not is_signed_in(client)
    assert session_count() == 0


def test_wrong_password_answer_in_english(client: FlaskClient) -> None:
    user = make_user()
    assert client.post("/language", data={"lang": "en"}).status_code == 302
    response = log_in(client, user.email, "not the right password")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "The e-mail address or the password is not correct." in html
    assert WRONG not in html
    assert not is_signed_in(client)


def test_disabled_account_cannot_log_in(client: FlaskClient) -> None:
    user = make_user(disabled=True)
    response = log_in(client, user.email)
    assert response.status_code == 200
    assert DISABLED in response.get_data(as_text=True)
    assert not is_signed_in(client)
    assert session_count() == 0


def test_disabled_account_is_reported_only_with_the_right_password(app: Flask) -> None:
    user = make_user(disabled=True)
    with pytest.raises(InvalidCredentials):
        services.authenticate(db.session, user.email, "not the right password")
    with pytest.raises(AccountDisabled):
        services.authenticate(db.session, user.email, PASSWORD)


def test_login_redirects_only_to_local_paths(client: FlaskClient) -> None:
    user = make_user()
    page = client.get("/login?next=/account").get_data(as_text=True)
    assert 'value="/account"' in page
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "next": "/account"}
    )
    assert response.headers["Location"].endswith("/account")
    client.post("/logout")
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "next": "https://evil.example/x"},
    )
    assert response.headers["Location"] in ("/", "http://portal.test/")


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "evil", "/\x00x", "", None],
)
def test_safe_next_refuses_other_sites(target: str | None) -> None:
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/account", "/jobs?q=may%20mac&page=2"])
def test_safe_next_keeps_local_paths(target: str) -> None:
    assert safe_next(target) == target


def test_anonymous_user_is_sent_to_login_with_next(client: FlaskClient) -> None:
    response = client.get("/account")
    assert response.status_code == 302
    assert "/login?next=%2Faccount" in response.headers["Location"]


def test_passwords_are_hashed_with_argon2id_rfc9106_low_memory(app: Flask) -> None:
    user = make_user()
    assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in user.password_hash


def test_outdated_hash_is_upgraded_at_login(client: FlaskClient) -> None:
    user = make_user()
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    user.password_hash = weak
    db.session.commit()
    assert passwords.needs_rehash(weak)
    assert log_in(client, user.email).status_code == 302
    db.session.expire_all()
    upgraded = db.session.get(User, user.id).password_hash  # type: ignore[union-attr]
    assert upgraded != weak and upgraded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_account_without_a_password_cannot_log_in(client: FlaskClient) -> None:
    user = services.create_user(
        db.session, email="invited@example.vn", password=None, role=Role.AUTHORITY
    )
    assert log_in(client, user.email, passwords.UNUSABLE_PASSWORD).status_code == 200
    assert not is_signed_in(client)


def test_logout_is_post_only(client: FlaskClient) -> None:
    assert client.get("/logout").status_code == 405
