"""CSRF protection is on in the real configuration: a POST without a token saves nothing."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models import AuthSession, User
from portal.extensions import db
from tests.accounts.builders import PASSWORD, make_user


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_posts_without_a_csrf_token_are_refused(separate_app: Callable[..., Flask]) -> None:
    app = separate_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        user = make_user()
        email = user.email

        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 400
        assert "Không thể xử lý yêu cầu" in response.get_data(as_text=True)
        assert count(AuthSession) == 0

        response = client.post(
            "/register",
            data={
                "role": "worker",
                "full_name": "Lê Văn Cường",
                "email": "cuong@example.vn",
                "password": PASSWORD,
                "confirm": PASSWORD,
            },
        )
        assert response.status_code == 400
        assert count(User) == 1

        response = client.post("/password-reset", data={"email": email})
        assert response.status_code == 400


def test_login_form_carries_a_token(separate_app: Callable[..., Flask]) -> None:
    app = separate_app(WTF_CSRF_ENABLED=True)
    html = app.test_client().get("/login").get_data(as_text=True)
    assert 'name="csrf_token"' in html
