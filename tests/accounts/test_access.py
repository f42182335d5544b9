"""Who may reach the accounts pages, and the verified-organisation rule for publishers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Blueprint, Flask

from portal.access import Role, public, roles
from portal.accounts.models import OrganisationStatus, User
from tests.accounts.builders import log_in, logged_in_client, make_user

STAFF_PAGES = ("/organisations", "/users")
# The 403 hint for an unverified publisher, as the vi catalog translates it.
NOT_VERIFIED = (
    "Tổ chức của bạn chưa được cơ quan quản lý lao động xác minh hoặc đã bị đình chỉ. "
    "Bạn có thể đăng tin sau khi tổ chức được xác minh."
)
# Expected status per role: 200 allowed, 403 refused.
MATRIX = {
    Role.WORKER: {"/organisations": 403, "/users": 403},
    Role.EMPLOYER: {"/organisations": 403, "/users": 403},
    Role.SCHOOL: {"/organisations": 403, "/users": 403},
    Role.AUTHORITY: {"/organisations": 200, "/users": 403},
    Role.ADMIN: {"/organisations": 200, "/users": 200},
}


@pytest.mark.parametrize("path", ["/account", "/organisations", "/organisations/1", "/users"])
def test_anonymous_users_are_sent_to_login(app: Flask, path: str) -> None:
    response = app.test_client().get(path)
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize(
    "path", ["/users/1/disable", "/users/new", "/organisations/1/status", "/account/password"]
)
def test_anonymous_posts_are_sent_to_login(app: Flask, path: str) -> None:
    response = app.test_client().post(path)
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_role_matrix(app: Flask, users: dict[Role, User], role: Role) -> None:
    client = logged_in_client(app, users[role])
    assert client.get("/account").status_code == 200
    for path, expected in MATRIX[role].items():
        assert client.get(path).status_code == expected, (role, path)
    target = users[Role.WORKER].id
    organisation = users[Role.EMPLOYER].organisation
    assert organisation is not None
    expected_post = 302 if role == Role.ADMIN else 403
    assert client.post(f"/users/{target}/enable").status_code == expected_post
    expected_decision = 400 if role in (Role.AUTHORITY, Role.ADMIN) else 403
    assert (
        client.post(f"/organisations/{organisation.id}/status", data={"action": "x"}).status_code
        == expected_decision
    )


def test_navigation_follows_the_role(app: Flask, users: dict[Role, User]) -> None:
    authority = logged_in_client(app, users[Role.AUTHORITY]).get("/account").get_data(True)
    admin = logged_in_client(app, users[Role.ADMIN]).get("/account").get_data(True)
    worker = logged_in_client(app, users[Role.WORKER]).get("/account").get_data(True)
    assert 'href="/organisations"' in authority and 'href="/users"' not in authority
    assert 'href="/organisations"' in admin and 'href="/users"' in admin
    assert 'href="/organisations"' not in worker


def probe_blueprint() -> Blueprint:
    probe = Blueprint("probe", __name__)

    @probe.get("/probe/publish")
    @roles(Role.EMPLOYER, verified_org=True)
    def publish() -> str:
        return "published"

    @probe.get("/probe/open")
    @public
    def open_page() -> str:
        return "open"

    return probe


def test_only_verified_organisations_may_publish(separate_app: Callable[..., Flask]) -> None:
    app = separate_app()
    app.register_blueprint(probe_blueprint())  # before the app's first request
    with app.app_context():
        accounts = {
            status: make_user(Role.EMPLOYER, organisation_status=status)
            for status in OrganisationStatus
        }
        worker = make_user(Role.WORKER)
        school = make_user(Role.SCHOOL)
        results = {}
        for status, user in accounts.items():
            client = app.test_client()
            assert log_in(client, user.email).status_code == 302
            results[status] = client.get("/probe/publish")
        assert results[OrganisationStatus.VERIFIED].status_code == 200
        for status in (OrganisationStatus.PENDING, OrganisationStatus.SUSPENDED):
            assert results[status].status_code == 403
            assert NOT_VERIFIED in results[status].get_data(as_text=True)
        for other in (worker, school):
            client = app.test_client()
            log_in(client, other.email)
            assert client.get("/probe/publish").status_code == 403
        anonymous = app.test_client().get("/probe/publish")
        assert anonymous.status_code == 302
