"""Security headers on public pages, error pages and signed-in pages; assets served locally."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal.access import Role
from portal.extensions import db

PASSWORD = "Mật-khẩu-thử-2025!"


def assert_common_headers(response: TestResponse) -> None:
    csp = response.headers["Content-Security-Policy"]
    directives = dict(
        ([*part.strip().split(" ", 1), ""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http:" not in csp and "https:" not in csp  # no external origin, no CDN
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def sign_in(app: Flask, client: FlaskClient, role: Role = Role.WORKER) -> str:
    """Create a user and log in through the real login form; returns the name the page shows."""
    from portal.accounts.services import create_user

    with app.app_context():
        create_user(
            db.session,
            email="nguyen.van.an@example.vn",
            password=PASSWORD,
            role=role,
            full_name="Nguyễn Văn An",
        )
    response = client.post(
        "/login", data={"email": "nguyen.van.an@example.vn", "password": PASSWORD}
    )
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    return "Nguyễn Văn An"


def test_public_page_headers(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert_common_headers(response)


def test_error_page_headers(client: FlaskClient) -> None:
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert_common_headers(response)


def test_signed_in_pages_are_never_stored(app: Flask, client: FlaskClient) -> None:
    name = sign_in(app, client)
    response = client.get("/")
    assert response.status_code == 200
    assert name in response.get_data(as_text=True)  # really signed in
    assert_common_headers(response)
    assert response.headers["Cache-Control"] == "no-store"

    error = client.get("/khong-co-trang-nay")
    assert error.status_code == 404
    assert error.headers["Cache-Control"] == "no-store"
    assert_common_headers(error)


def test_static_assets_stay_cacheable_for_signed_in_users(app: Flask, client: FlaskClient) -> None:
    sign_in(app, client)
    response = client.get("/static/portal.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


def test_pages_need_no_inline_script_or_style_and_no_cdn(client: FlaskClient) -> None:
    """The CSP forbids inline code; a page that used some would silently break in browsers."""
    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r"<script\b([^>]*)>", page)
    assert scripts, "the layout loads Bootstrap's and the portal's scripts"
    assert all("src=" in attributes for attributes in scripts), scripts
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"""\bon[a-z]+=["']""", page)  # no inline event handlers
    for url in re.findall(r"""(?:src|href)=["']([^"']+)["']""", page):
        assert not url.startswith(("http:", "https:", "//")), url


def test_bootstrap_is_served_by_the_portal_itself(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    css = re.search(r"""href=["'](/bootstrap/static/[^"']+\.css)["']""", page)
    js = re.search(r"""src=["'](/bootstrap/static/[^"']+\.js)["']""", page)
    assert css and js
    for url in (css.group(1), js.group(1)):
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()
