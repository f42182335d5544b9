"""Vietnamese error pages (HTML) and JSON errors under /api/, for each status we answer with.

A probe blueprint on a separate app provokes each error the way the portal would meet it: a
refused access, a missing page, a wrong method, an oversized upload, a tripped rate limit and an
unhandled exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Blueprint, Flask, abort, request, template_rendered
from flask_babel import force_locale

from portal.access import public
from portal.extensions import limiter
from portal.web import ERROR_TITLES
from tests.conftest import AppFactory, base_test_config

UPLOAD_LIMIT = 1024


@pytest.fixture
def probe_app(make_app: AppFactory, tmp_path: Path) -> Flask:
    application = make_app(
        base_test_config(
            tmp_path,
            PROPAGATE_EXCEPTIONS=False,  # answer 500 like production instead of raising
            MAX_CONTENT_LENGTH=UPLOAD_LIMIT,
            RATELIMIT_STORAGE_URI="memory://",
        )
    )
    probe = Blueprint("error_probe", __name__)

    @probe.get("/probe/forbidden")
    @public
    def forbidden() -> str:
        abort(403)

    @probe.get("/probe/broken")
    @public
    def broken() -> str:
        raise RuntimeError("a bug")

    @probe.post("/probe/upload")
    @public
    def upload() -> str:
        return str(len(request.form))

    @probe.get("/probe/throttled")
    @public
    @limiter.limit("1 per hour")
    def throttled() -> str:
        return "ok"

    @probe.get("/api/v1/probe/broken")
    @public
    def api_broken() -> dict[str, str]:
        raise RuntimeError("a bug behind the API")

    application.register_blueprint(probe)
    with application.app_context():
        limiter.reset()
    return application


@contextmanager
def rendered_templates(app: Flask) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    seen: list[tuple[str, dict[str, Any]]] = []

    def record(_sender: Flask, template: Any, context: dict[str, Any], **_: Any) -> None:
        seen.append((template.name, context))

    template_rendered.connect(record, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record, app)


def provoke(app: Flask, code: int) -> Any:
    client = app.test_client()
    if code == 403:
        return client.get("/probe/forbidden")
    if code == 404:
        return client.get("/no/such/page")
    if code == 405:
        return client.get("/language")  # the language switch only accepts POST
    if code == 413:
        return client.post("/probe/upload", data={"file": "x" * (UPLOAD_LIMIT * 4)})
    if code == 429:
        assert client.get("/probe/throttled").status_code == 200
        return client.get("/probe/throttled")
    if code == 500:
        return client.get("/probe/broken")
    raise AssertionError(code)


def vietnamese_title(app: Flask, code: int) -> str:
    with app.test_request_context("/"), force_locale("vi"):
        return str(ERROR_TITLES[code]())


@pytest.mark.parametrize("code", [403, 404, 405, 413, 429, 500])
def test_error_pages_are_vietnamese_html(probe_app: Flask, code: int) -> None:
    with rendered_templates(probe_app) as templates:
        response = provoke(probe_app, code)
    assert response.status_code == code
    assert response.mimetype == "text/html"
    assert [name for name, _ in templates][:1] == ["errors/error.html"]
    assert templates[0][1]["code"] == code
    page = response.get_data(as_text=True)
    assert '<html lang="vi">' in page
    title = vietnamese_title(probe_app, code)
    assert title in page  # the vi catalog's title (the English msgid until it is translated)
    assert "a bug" not in page  # no internals leak into the page
    # Security headers are on error pages too.
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_error_pages_follow_the_chosen_language(probe_app: Flask) -> None:
    client = probe_app.test_client()
    client.post("/language", data={"lang": "en", "next": "/"})
    page = client.get("/no/such/page").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Page not found" in page


def test_rate_limited_responses_say_when_to_retry(probe_app: Flask) -> None:
    response = provoke(probe_app, 429)
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize(
    "path, code",
    [("/api/v1/no-such-endpoint", 404), ("/api/v1/probe/broken", 500)],
)
def test_api_errors_are_json(probe_app: Flask, path: str, code: int) -> None:
    response = probe_app.test_client().get(path)
    assert response.status_code == code
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["title"] == vietnamese_title(probe_app, code)
    assert error["detail"]
    assert "a bug" not in response.get_data(as_text=True)


def test_clients_asking_for_json_get_json_errors(probe_app: Flask) -> None:
    response = probe_app.test_client().get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == 404


def test_session_app_answers_404_in_vietnamese(client: Any) -> None:
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert '<html lang="vi">' in response.get_data(as_text=True)
