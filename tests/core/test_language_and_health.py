"""The language switch (Vietnamese by default, English on request) and the health check."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import AppFactory, base_test_config


def test_vietnamese_is_the_default(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in page


def test_switching_to_english_sets_a_cookie_and_returns_to_the_page(client: FlaskClient) -> None:
    response = client.post("/language", data={"lang": "en", "next": "/?trang=2"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/?trang=2"
    cookie = client.get_cookie("lang", domain="portal.test")
    assert cookie is not None and cookie.value == "en"
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)

    client.post("/language", data={"lang": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)


def test_an_unsupported_language_changes_nothing(client: FlaskClient) -> None:
    response = client.post("/language", data={"lang": "fr", "next": "/"})
    assert response.status_code == 302
    assert client.get_cookie("lang", domain="portal.test") is None
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_the_switch_never_redirects_off_site(client: FlaskClient, target: str) -> None:
    response = client.post("/language", data={"lang": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_switch_refuses_a_backslash_redirect(client: FlaskClient) -> None:
    response = client.post("/language", data={"lang": "en", "next": "/\\evil.example"})
    assert response.headers["Location"] == "/"


def test_the_switch_needs_a_csrf_token(make_app: AppFactory, tmp_path: Path) -> None:
    application = make_app(base_test_config(tmp_path, WTF_CSRF_ENABLED=True))
    response = application.test_client().post("/language", data={"lang": "en", "next": "/"})
    assert response.status_code == 400


def test_health_check_reports_the_mode_and_reaches_the_database(
    app: Flask, client: FlaskClient
) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "mode": app.config["RUN_MODE"]}


@pytest.mark.parametrize(
    "target, safe",
    [
        ("/", True),
        ("/viec-lam?q=th%E1%BB%A3+h%C3%A0n&trang=2", True),
        ("/tai-khoan#mat-khau", True),
        ("", False),
        (None, False),
        ("viec-lam", False),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("/\t/evil.example", False),
        ("/\n/evil.example", False),
        ("https://evil.example/", False),
        ("javascript:alert(1)", False),
    ],
)
def test_safe_redirect_targets(target: str | None, safe: bool) -> None:
    from portal.web import is_safe_redirect_target

    assert is_safe_redirect_target(target) is safe
