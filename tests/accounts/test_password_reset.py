"""Password reset end to end: the link arrives in the log (embedded mode), works once, and
expires; the answer never reveals whether an address has an account."""

from __future__ import annotations

import logging
import time
import types

import itsdangerous.timed
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.accounts.builders import (
    PASSWORD,
    is_signed_in,
    log_in,
    logged_in_client,
    logged_link,
    make_user,
)

NEW_PASSWORD = "Vải thiều Thanh Hà 2025"
# Vietnamese (the default language) as the vi catalog translates the messages.
SENT = "Nếu có tài khoản đăng ký bằng địa chỉ này, chúng tôi đã gửi tới địa chỉ đó một đường dẫn"
USED_OR_EXPIRED = "đã được sử dụng hoặc đã hết hạn"


@pytest.fixture
def mail_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="portal.mail")
    return caplog


def request_link(client: FlaskClient, email: str, caplog: pytest.LogCaptureFixture) -> str:
    response = client.post("/password-reset", data={"email": email}, follow_redirects=True)
    assert response.status_code == 200
    assert SENT in response.get_data(as_text=True)
    return logged_link(caplog.text)


def choose(client: FlaskClient, link: str, password: str = NEW_PASSWORD) -> int:
    return client.post(link, data={"password": password, "confirm": password}).status_code


def test_reset_link_works_once(
    app: Flask, client: FlaskClient, mail_log: pytest.LogCaptureFixture
) -> None:
    user = make_user()
    signed_in_elsewhere = logged_in_client(app, user)
    link = request_link(client, user.email.upper(), mail_log)
    assert user.email in mail_log.text
    assert "http://portal.test/password-reset/" in mail_log.text  # an absolute link

    page = client.get(link)
    assert page.status_code == 200
    assert 'autocomplete="new-password"' in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert choose(client, link) == 302

    assert log_in(app.test_client(), user.email, PASSWORD).status_code == 200
    assert log_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    assert not is_signed_in(signed_in_elsewhere)  # a reset ends every session

    second = client.get(link)
    assert second.status_code == 400
    assert USED_OR_EXPIRED in second.get_data(as_text=True)
    assert choose(client, link, "Một mật khẩu khác hẳn 99") == 400
    assert log_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client: FlaskClient, mail_log: pytest.LogCaptureFixture
) -> None:
    response = client.post(
        "/password-reset", data={"email": "nobody@example.vn"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert SENT in response.get_data(as_text=True)
    assert "/password-reset/" not in mail_log.text


def test_expired_link_is_refused(
    app: Flask,
    client: FlaskClient,
    mail_log: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user = make_user()
    link = request_link(client, user.email, mail_log)
    later = time.time() + app.config["PASSWORD_RESET_MAX_AGE"] + 60
    monkeypatch.setattr(itsdangerous.timed, "time", types.SimpleNamespace(time=lambda: later))
    assert client.get(link).status_code == 400
    assert choose(client, link) == 400
    assert log_in(app.test_client(), user.email, PASSWORD).status_code == 302


def test_tampered_link_is_refused(client: FlaskClient, mail_log: pytest.LogCaptureFixture) -> None:
    user = make_user()
    link = request_link(client, user.email, mail_log)
    assert client.get(link[:-3] + "abc").status_code == 400


def test_new_password_must_follow_the_policy(
    client: FlaskClient, mail_log: pytest.LogCaptureFixture
) -> None:
    user = make_user()
    link = request_link(client, user.email, mail_log)
    response = client.post(link, data={"password": "1234567890", "confirm": "1234567890"})
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến" in response.get_data(as_text=True)
    assert client.get(link).status_code == 200  # the refused attempt did not use the link up


def test_disabled_account_gets_no_link(
    client: FlaskClient, mail_log: pytest.LogCaptureFixture
) -> None:
    user = make_user(disabled=True)
    client.post("/password-reset", data={"email": user.email})
    assert "/password-reset/" not in mail_log.text
