"""Navigation per role: each domain lists its entries here; only registered endpoints show.

One table rather than ``if role == ...`` blocks in the template, so a role's menu is easy to
review and a new domain adds its entries in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.access import Role


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy string, translated at render time
    roles: frozenset[str] | None = None  # None: everyone; empty frozenset: signed-in users


ALL = None
SIGNED_IN: frozenset[str] = frozenset()

ITEMS: tuple[NavItem, ...] = (
    NavItem("jobs.search", _l("Find jobs"), ALL),
    NavItem("candidates.dashboard", _l("My profile"), frozenset({Role.WORKER})),
    NavItem("jobs.saved_searches", _l("Saved searches"), frozenset({Role.WORKER})),
    NavItem("jobs.employer_dashboard", _l("My vacancies"), frozenset({Role.EMPLOYER})),
    NavItem("training.school_dashboard", _l("My school"), frozenset({Role.SCHOOL})),
    NavItem("accounts.organisations", _l("Organisations"), frozenset({Role.AUTHORITY, Role.ADMIN})),
    NavItem("labour.dashboard", _l("Labour statistics"), frozenset({Role.AUTHORITY, Role.ADMIN})),
    NavItem("accounts.users", _l("Users"), frozenset({Role.ADMIN})),
    NavItem("core.notifications_page", _l("Notifications"), SIGNED_IN),
)


def navigation_items() -> list[dict[str, str]]:
    role = current_user.role if current_user.is_authenticated else None
    result = []
    for item in ITEMS:
        if item.endpoint not in current_app.view_functions:
            continue
        if item.roles is not None and (role is None or (item.roles and role not in item.roles)):
            continue
        result.append({"url": url_for(item.endpoint), "label": str(item.label)})
    return result


def register(app: Flask) -> None:
    app.jinja_env.globals["navigation_items"] = navigation_items
