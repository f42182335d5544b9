"""Vacancy status changes: publish, close, mark filled, and close past their deadline.

Status flow: draft → open → closed | filled. Every change is a
:class:`~portal.jobs.models.VacancyStatusChange` with its actor (None for the portal itself),
time and reason. Only a verified organisation with an employer profile may open a vacancy, and
a Decree 70/2023 vacancy stays open at least 15 days (:mod:`.vacancy_rules`).
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Organisation, User
from portal.jobs.choices import DEADLINE_PASSED
from portal.jobs.errors import (
    InvalidInput,
    InvalidTransition,
    NotPermitted,
    rollback_on_refusal,
)
from portal.jobs.models import EmployerProfile, Vacancy, VacancyStatus, VacancyStatusChange
from portal.jobs.vacancies import employer_actor, get_employer_vacancy, refresh_search_text
from portal.jobs.vacancy_rules import (
    FOREIGN_WORKER_MIN_DAYS,
    decree70_message,
    earliest_close_date,
    vietnam_today,
)
from portal.models import utcnow
from portal.text import normalise


def _record(
    session: Session,
    vacancy: Vacancy,
    to_status: VacancyStatus,
    actor_id: int | None,
    reason: str,
    at: dt.datetime,
) -> None:
    session.add(
        VacancyStatusChange(
            vacancy=vacancy,
            from_status=vacancy.status,
            to_status=to_status,
            actor_id=actor_id,
            reason=normalise(reason)[:255],
            at=at,
        )
    )
    vacancy.status = to_status


@rollback_on_refusal
def open_vacancy(
    session: Session, vacancy_id: int, actor_id: int, *, at: dt.datetime | None = None
) -> Vacancy:
    """Publish a draft. Needs a verified organisation with an employer profile."""
    now = at or utcnow()
    actor = session.get(User, actor_id)
    if actor is None or actor.organisation_id is None:
        raise NotPermitted()
    vacancy = get_employer_vacancy(session, vacancy_id, actor.organisation_id, lock=True)
    employer_actor(session, actor_id, vacancy.organisation_id)
    organisation = session.get(Organisation, vacancy.organisation_id)
    if organisation is None or not organisation.can_publish:
        raise NotPermitted(
            _l(
                "Your organisation has not been verified by the labour authority yet, or it has "
                "been suspended. You can publish once it is verified."
            )
        )
    if vacancy.status != VacancyStatus.DRAFT:
        raise InvalidTransition(_l("Only a draft can be published."))
    if session.get(EmployerProfile, vacancy.organisation_id) is None:
        raise NotPermitted(_l("Please complete your organisation's profile before publishing."))
    today = vietnam_today(now)
    if vacancy.deadline < today:
        raise InvalidInput(
            _l("The deadline has passed; please set a new one before publishing."),
            field="deadline",
        )
    if vacancy.foreign_worker_position:
        earliest = today + dt.timedelta(days=FOREIGN_WORKER_MIN_DAYS)
        if vacancy.deadline < earliest:
            raise InvalidInput(decree70_message(earliest), field="deadline")
    _record(session, vacancy, VacancyStatus.OPEN, actor_id, "", now)
    vacancy.opened_at = now
    vacancy.closed_at = None
    refresh_search_text(session, vacancy)
    session.commit()
    return vacancy


def _end(
    session: Session,
    vacancy_id: int,
    actor_id: int,
    to_status: VacancyStatus,
    reason: str,
    at: dt.datetime | None,
) -> Vacancy:
    now = at or utcnow()
    actor = session.get(User, actor_id)
    if actor is None or actor.organisation_id is None:
        raise NotPermitted()
    vacancy = get_employer_vacancy(session, vacancy_id, actor.organisation_id, lock=True)
    employer_actor(session, actor_id, vacancy.organisation_id)
    if vacancy.status != VacancyStatus.OPEN:
        raise InvalidTransition(_l("Only an open vacancy can be closed or marked as filled."))
    earliest = earliest_close_date(vacancy)
    if earliest is not None and vietnam_today(now) < earliest:
        raise InvalidTransition(decree70_message(earliest))
    if len(reason.strip()) > 255:
        raise InvalidInput(
            _l("Please keep the reason under %(count)d characters.", count=255), field="reason"
        )
    _record(session, vacancy, to_status, actor_id, reason, now)
    vacancy.closed_at = now
    session.commit()
    return vacancy


@rollback_on_refusal
def close_vacancy(
    session: Session,
    vacancy_id: int,
    actor_id: int,
    reason: str = "",
    *,
    at: dt.datetime | None = None,
) -> Vacancy:
    """Stop taking applications. Access to non-hired applicants' data ends with it."""
    return _end(session, vacancy_id, actor_id, VacancyStatus.CLOSED, reason, at)


@rollback_on_refusal
def mark_vacancy_filled(
    session: Session,
    vacancy_id: int,
    actor_id: int,
    reason: str = "",
    *,
    at: dt.datetime | None = None,
) -> Vacancy:
    """Close the vacancy as filled (offered once the hires reach the number of positions)."""
    return _end(session, vacancy_id, actor_id, VacancyStatus.FILLED, reason, at)


def close_expired_vacancies(session: Session, today: dt.date) -> int:
    """Close every open vacancy whose deadline is before ``today``; the number closed.

    Idempotent: a second run finds nothing to close. Run hourly by Celery beat
    (:func:`portal.jobs.tasks.close_expired_vacancies`). A Decree 70 vacancy cannot reach its
    deadline before its minimum period ends (opening checks it), but the check is repeated.
    """
    now = utcnow()
    expired = session.scalars(
        select(Vacancy)
        .where(Vacancy.status == VacancyStatus.OPEN, Vacancy.deadline < today)
        .order_by(Vacancy.id)
        .with_for_update(skip_locked=True)
    ).all()
    closed = 0
    for vacancy in expired:
        earliest = earliest_close_date(vacancy)
        if earliest is not None and today < earliest:
            continue
        _record(session, vacancy, VacancyStatus.CLOSED, None, DEADLINE_PASSED, now)
        vacancy.closed_at = now
        closed += 1
    session.commit()
    return closed
