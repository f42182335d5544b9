"""Deny by default: every endpoint states who may reach it, and undeclared ones are refused."""

from __future__ import annotations

from flask import Blueprint, Flask

from portal.access import access_of, public
from tests.conftest import AppFactory, base_test_config


def undeclared_endpoints(app: Flask) -> dict[str, list[str]]:
    """Endpoints with no access declaration, with the URL rules that reach them."""
    offenders: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if access_of(app, rule.endpoint) is None:
            offenders.setdefault(rule.endpoint, []).append(rule.rule)
    return offenders


def test_every_endpoint_declares_who_may_reach_it(app: Flask) -> None:
    offenders = undeclared_endpoints(app)
    listing = "\n".join(
        f"  {endpoint}: {', '.join(sorted(rules))}" for endpoint, rules in sorted(offenders.items())
    )
    assert not offenders, (
        "These endpoints declare no access; add @public, @authenticated or @roles(...) "
        "(portal.access):\n" + listing
    )


def test_the_inventory_sees_every_blueprint(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    for expected in ("core.home", "core.set_language", "core.health", "static"):
        assert expected in endpoints
    assert {"core", "accounts", "reference"} <= set(app.blueprints)


def test_protected_pages_send_anonymous_visitors_away(app: Flask) -> None:
    """Every argument-free GET page that is not public refuses a visitor who is not signed in."""
    client = app.test_client()
    leaks = []
    for rule in app.url_map.iter_rules():
        access = access_of(app, rule.endpoint)
        if access is None or access.public or rule.arguments or "GET" not in (rule.methods or ()):
            continue
        response = client.get(rule.rule)
        if response.status_code not in (302, 303, 401, 403):
            leaks.append(f"{rule.rule} answered {response.status_code}")
    assert not leaks, "Pages reachable without signing in:\n" + "\n".join(leaks)


def test_an_endpoint_without_a_declaration_is_refused(make_app: AppFactory, tmp_path) -> None:
    probe = Blueprint("inventory_probe", __name__)

    @probe.get("/probe/forgotten")
    def forgotten() -> str:  # no decorator: somebody forgot to say who may see it
        return "secret"

    @probe.get("/probe/declared")
    @public
    def declared() -> str:
        return "fine"

    application = make_app(base_test_config(tmp_path))
    application.register_blueprint(probe)

    assert set(undeclared_endpoints(application)) == {"inventory_probe.forgotten"}
    client = application.test_client()
    refused = client.get("/probe/forgotten")
    assert refused.status_code == 403
    assert b"secret" not in refused.data
    assert client.get("/probe/declared").status_code == 200
