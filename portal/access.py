"""Deny-by-default access control: every endpoint declares who may reach it.

A view declares its audience with :func:`public`, :func:`authenticated` or :func:`roles`. A
``before_request`` hook enforces the declaration, and an endpoint with no declaration is refused
with 403, so a forgotten decorator fails closed. ``tests/core/test_route_inventory.py`` walks
``app.url_map`` and fails for any undeclared endpoint, so the gap is caught before it ships.

Endpoints that extensions register (static files) are declared public with
:func:`declare_public` by the app factory.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])


class Role(enum.StrEnum):
    WORKER = "worker"  # job seeker or graduate
    EMPLOYER = "employer"
    SCHOOL = "school"
    AUTHORITY = "authority"  # provincial labour staff
    ADMIN = "admin"


ORGANISATION_ROLES = frozenset({Role.EMPLOYER, Role.SCHOOL})
STAFF_ROLES = frozenset({Role.AUTHORITY, Role.ADMIN})


@dataclass(frozen=True)
class Access:
    """Who may reach an endpoint.

    ``roles`` empty with ``public`` False means any signed-in user. ``verified_org`` further
    requires an employer or school account whose organisation the authority has verified
    (pending or suspended organisations cannot publish anything).
    """

    public: bool = False
    roles: frozenset[Role] = frozenset()
    verified_org: bool = False

    def describe(self) -> str:
        if self.public:
            return "public"
        who = ",".join(sorted(self.roles)) or "authenticated"
        return who + (" (verified organisation)" if self.verified_org else "")


ACCESS_ATTR = "__portal_access__"


def _declare(access: Access) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        setattr(view, ACCESS_ATTR, access)
        return view

    return decorator


def public(view: F) -> F:
    """Anyone, signed in or not."""
    return _declare(Access(public=True))(view)


def authenticated(view: F) -> F:
    """Any signed-in user, whatever the role."""
    return _declare(Access())(view)


def roles(*allowed: Role, verified_org: bool = False) -> Callable[[F], F]:
    """Signed-in users with one of ``allowed`` roles (and a verified organisation if asked)."""
    if not allowed:
        raise ValueError("roles() needs at least one role; use authenticated() for any user")
    return _declare(Access(roles=frozenset(allowed), verified_org=verified_org))


def declare_public(app: Flask, endpoints: Iterable[str]) -> None:
    """Declare endpoints registered by extensions (static files) as public."""
    app.extensions.setdefault("portal_access", {}).update(
        {endpoint: Access(public=True) for endpoint in endpoints}
    )


def access_of(app: Flask, endpoint: str) -> Access | None:
    """The declared access of an endpoint, or None when it declares nothing."""
    declared = app.extensions.get("portal_access", {}).get(endpoint)
    if declared is not None:
        return declared
    view = app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTR, None) if view is not None else None


def organisation_is_verified(user: Any) -> bool:
    """Whether the user's organisation may publish (verified, not suspended)."""
    organisation = getattr(user, "organisation", None)
    return bool(organisation is not None and organisation.can_publish)


def enforce_access() -> Any:
    """``before_request`` hook: refuse whatever the endpoint's declaration does not allow."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route matched: Flask answers 404 or 405 itself
    access = access_of(current_app, endpoint)
    if access is None:
        abort(403)
    if access.public:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    if access.roles and current_user.role not in access.roles:
        abort(403)
    if access.verified_org and not organisation_is_verified(current_user):
        abort(403, description="organisation_not_verified")
    return None
