"""Human labels for roles and organisation statuses, shared by templates of every domain."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from portal.access import Role
from portal.accounts.models import OrganisationKind, OrganisationStatus

ROLE_LABELS = {
    Role.WORKER: _l("Worker or graduate"),
    Role.EMPLOYER: _l("Employer"),
    Role.SCHOOL: _l("Vocational school"),
    Role.AUTHORITY: _l("Labour authority staff"),
    Role.ADMIN: _l("Administrator"),
}
STATUS_LABELS = {
    OrganisationStatus.PENDING: _l("Waiting for verification"),
    OrganisationStatus.VERIFIED: _l("Verified"),
    OrganisationStatus.SUSPENDED: _l("Suspended"),
}
KIND_LABELS = {
    OrganisationKind.EMPLOYER: _l("Employer"),
    OrganisationKind.SCHOOL: _l("Vocational school"),
}
STATUS_BADGES = {
    OrganisationStatus.PENDING: "text-bg-warning",
    OrganisationStatus.VERIFIED: "text-bg-success",
    OrganisationStatus.SUSPENDED: "text-bg-danger",
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))  # type: ignore[call-overload]


def organisation_status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))  # type: ignore[call-overload]


def organisation_status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")  # type: ignore[call-overload]


def organisation_kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))  # type: ignore[call-overload]


TEMPLATE_HELPERS: tuple[Callable[[str], str], ...] = (
    role_label,
    organisation_status_label,
    organisation_status_badge,
    organisation_kind_label,
)
