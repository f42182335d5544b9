"""Login, registration and password-reset throttling (Flask-Limiter; Redis in production).

Limits are read from the config at request time, so each test sets low ones and pytest's
monkeypatch puts the defaults back.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.accounts.builders import PASSWORD, make_user

WRONG = "not the right password"


def from_ip(number: int) -> dict[str, dict[str, str]]:
    return {"environ_base": {"REMOTE_ADDR": f"203.0.113.{number}"}}


def attempt(client: FlaskClient, email: str, password: str, ip: int) -> int:
    response = client.post("/login", data={"email": email, "password": password}, **from_ip(ip))
    return response.status_code


def test_failed_logins_on_one_account_are_throttled_across_ips(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "3 per 15 minutes")
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_IP", "100 per 15 minutes")
    target = make_user()
    other = make_user()
    # Each attempt from a different address, with the address spelt differently.
    spellings = [target.email, target.email.upper(), f"  {target.email} "]
    for ip, spelling in enumerate(spellings, start=1):
        assert attempt(client, spelling, WRONG, ip) == 200
    response = client.post(
        "/login", data={"email": target.email, "password": PASSWORD}, **from_ip(9)
    )
    assert response.status_code == 429  # even the right password waits
    assert "Quá nhiều lần thử" in response.get_data(as_text=True)
    assert attempt(client, other.email, PASSWORD, 10) == 302  # other accounts are unaffected


def test_successful_logins_do_not_use_up_the_account_limit(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "2 per 15 minutes")
    user = make_user()
    for ip in range(1, 5):
        assert attempt(app.test_client(), user.email, PASSWORD, ip) == 302


def test_logins_from_one_ip_are_throttled(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_IP", "3 per 15 minutes")
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "100 per 15 minutes")
    user = make_user()
    for number in range(3):
        assert attempt(client, f"guess{number}@example.vn", WRONG, ip=1) == 200
    assert attempt(client, user.email, PASSWORD, ip=1) == 429
    assert attempt(client, user.email, PASSWORD, ip=2) == 302  # another address is not blocked


def test_login_page_itself_is_not_throttled(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_IP", "1 per 15 minutes")
    for _ in range(3):
        assert client.get("/login").status_code == 200


def test_registration_is_throttled_per_ip(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "REGISTER_LIMIT_PER_IP", "2 per hour")
    for _ in range(2):
        assert client.post("/register", data={"email": "x"}, **from_ip(1)).status_code == 200
    assert client.post("/register", data={"email": "x"}, **from_ip(1)).status_code == 429


def test_password_reset_requests_are_throttled(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "PASSWORD_RESET_LIMIT_PER_IP", "2 per hour")
    monkeypatch.setitem(app.config, "PASSWORD_RESET_LIMIT_PER_ACCOUNT", "100 per hour")
    for number in range(2):
        data = {"email": f"a{number}@example.vn"}
        assert client.post("/password-reset", data=data, **from_ip(1)).status_code == 302
    assert (
        client.post("/password-reset", data={"email": "b@example.vn"}, **from_ip(1)).status_code
        == 429
    )


def test_password_reset_mails_to_one_address_are_throttled(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "PASSWORD_RESET_LIMIT_PER_ACCOUNT", "1 per hour")
    data = {"email": "victim@example.vn"}
    assert client.post("/password-reset", data=data, **from_ip(1)).status_code == 302
    assert client.post("/password-reset", data=data, **from_ip(2)).status_code == 429
