"""Verification of employer and school organisations by the labour authority.

A new organisation is *pending* and cannot publish. Authority (or admin) staff verify it,
suspend it (with a reason) and reinstate it; each decision is kept in
:class:`~portal.accounts.models.OrganisationStatusChange`. Re-exported by
:mod:`portal.accounts.services`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.access import STAFF_ROLES
from portal.accounts.authsessions import DbSession
from portal.accounts.errors import (
    InvalidInput,
    InvalidStatusChange,
    NotFound,
    NotPermitted,
    rollback_on_refusal,
)
from portal.accounts.models import (
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    OrganisationStatusChange,
    User,
)
from portal.models import utcnow

PENDING = OrganisationStatus.PENDING
VERIFIED = OrganisationStatus.VERIFIED
SUSPENDED = OrganisationStatus.SUSPENDED

# action → (statuses it applies to, resulting status)
TRANSITIONS: dict[str, tuple[frozenset[OrganisationStatus], OrganisationStatus]] = {
    "verify": (frozenset({PENDING}), VERIFIED),
    # A pending organisation may be suspended too: that is how a bogus registration is refused.
    "suspend": (frozenset({PENDING, VERIFIED}), SUSPENDED),
    "reinstate": (frozenset({SUSPENDED}), VERIFIED),
}
REASON_MAX = 2000


@rollback_on_refusal
def _change_status(
    session: DbSession, organisation_id: int, actor_id: int, action: str, reason: str
) -> Organisation:
    actor = session.get(User, actor_id)
    if actor is None or actor.disabled or actor.role not in STAFF_ROLES:
        raise NotPermitted()
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_l("This organisation does not exist."))
    allowed_from, to_status = TRANSITIONS[action]
    if organisation.status not in allowed_from:
        raise InvalidStatusChange()
    reason = reason.strip()
    if action == "suspend" and not reason:
        raise InvalidInput(
            _l("Please give the reason for the suspension; the organisation will see it."),
            field="reason",
        )
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            _l("Please keep the reason under %(count)d characters.", count=REASON_MAX),
            field="reason",
        )
    now = utcnow()
    session.add(
        OrganisationStatusChange(
            organisation_id=organisation.id,
            from_status=organisation.status,
            to_status=to_status,
            actor_id=actor.id,
            reason=reason,
            at=now,
        )
    )
    organisation.status = to_status
    organisation.status_changed_at = now
    session.commit()
    return organisation


def verify_organisation(
    session: DbSession, organisation_id: int, actor_id: int, reason: str = ""
) -> Organisation:
    """Verify a pending organisation: from now on it may publish."""
    return _change_status(session, organisation_id, actor_id, "verify", reason)


def suspend_organisation(
    session: DbSession, organisation_id: int, actor_id: int, reason: str
) -> Organisation:
    """Stop a pending or verified organisation from publishing; a reason is required."""
    return _change_status(session, organisation_id, actor_id, "suspend", reason)


def reinstate_organisation(
    session: DbSession, organisation_id: int, actor_id: int, reason: str = ""
) -> Organisation:
    """Lift a suspension: the organisation is verified again."""
    return _change_status(session, organisation_id, actor_id, "reinstate", reason)


def change_organisation_status(
    session: DbSession, organisation_id: int, actor_id: int, action: str, reason: str = ""
) -> Organisation:
    """Apply ``action`` ("verify", "suspend" or "reinstate"), for forms that post the action."""
    if action not in TRANSITIONS:
        raise InvalidStatusChange()
    return _change_status(session, organisation_id, actor_id, action, reason)


def list_organisations(
    session: DbSession,
    *,
    status: OrganisationStatus | str | None = None,
    kind: OrganisationKind | str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Organisation], int]:
    """Organisations for the authority's page: pending first (oldest first), then by name."""
    query = select(Organisation)
    if status:
        query = query.where(Organisation.status == OrganisationStatus(status))
    if kind:
        query = query.where(Organisation.kind == OrganisationKind(kind))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pending_first = (Organisation.status != PENDING).asc()
    rows = session.scalars(
        query.options(
            selectinload(Organisation.users),
            selectinload(Organisation.status_changes).joinedload(OrganisationStatusChange.actor),
        )
        .order_by(pending_first, Organisation.created_at, Organisation.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows.unique()), total
