"""Vacancies: drafting and editing, who may see one, and what free-text search reads.

Status flow: draft → open → closed | filled; the changes are in :mod:`.vacancy_status`, the
content rules (including Decree 70/2023) in :mod:`.vacancy_rules`. A pending organisation may
write drafts; only publishing needs verification.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.access import Role
from portal.accounts.models import Organisation, OrganisationKind, User
from portal.jobs import lookups
from portal.jobs.errors import (
    InvalidInput,
    InvalidTransition,
    Message,
    NotFound,
    NotPermitted,
    rollback_on_refusal,
)
from portal.jobs.models import (
    SkillImportance,
    Vacancy,
    VacancySkill,
    VacancyStatus,
    VacancyStatusChange,
)
from portal.jobs.vacancy_rules import (
    EDITABLE,
    VacancyInput,
    check_vacancy,
    vietnam_today,
)
from portal.models import utcnow
from portal.reference.models import Skill
from portal.text import fold_key


def employer_actor(session: Session, actor_id: int, organisation_id: int) -> User:
    actor = session.get(User, actor_id)
    if (
        actor is None
        or actor.disabled
        or actor.role != Role.EMPLOYER
        or actor.organisation_id != organisation_id
    ):
        raise NotPermitted()
    return actor


def get_employer_vacancy(
    session: Session, vacancy_id: int, organisation_id: int, *, lock: bool = False
) -> Vacancy:
    """The organisation's own vacancy; :class:`NotFound` for anyone else's (never revealed).

    ``lock`` takes a row lock (PostgreSQL) so that two clicks on the same button make one
    status change: the second waits, then sees the new status and is refused.
    """
    vacancy = session.get(
        Vacancy, vacancy_id, with_for_update=True if lock else None, populate_existing=lock
    )
    if vacancy is None or vacancy.organisation_id != organisation_id:
        raise NotFound()
    return vacancy


def is_publicly_open(vacancy: Vacancy) -> bool:
    """Open, and its organisation may publish: a suspended employer's vacancies disappear."""
    return vacancy.status == VacancyStatus.OPEN and vacancy.organisation.can_publish


def get_visible_vacancy(
    session: Session, vacancy_id: int, organisation_id: int | None = None
) -> Vacancy:
    """A vacancy as the public sees it (open only); its owner also sees drafts and closed ones."""
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFound()
    if organisation_id is not None and vacancy.organisation_id == organisation_id:
        return vacancy
    if is_publicly_open(vacancy):
        return vacancy
    raise NotFound()


def _set_skills(
    session: Session, vacancy: Vacancy, skills: list[tuple[str, SkillImportance]]
) -> None:
    """Update the skill rows in place: delete-and-reinsert of the same text would break the
    (vacancy, raw_text) unique constraint, as SQLAlchemy inserts before it deletes."""
    current = {row.raw_text: row for row in vacancy.skills}
    wanted = {text for text, _ in skills}
    for text, row in current.items():
        if text not in wanted:
            vacancy.skills.remove(row)
    for text, importance in skills:
        skill = lookups.resolve_skill(session, text)
        row = current.get(text)
        if row is None:
            row = VacancySkill(raw_text=text)
            vacancy.skills.append(row)
        row.importance = importance
        row.skill_id = skill.id if skill is not None else None


def refresh_search_text(session: Session, vacancy: Vacancy) -> str:
    """Recompute ``vacancy.search_text``: what free-text search reads, folded.

    Title, occupation name, every skill as typed plus its taxonomy name and aliases (so
    "thợ hàn" finds a vacancy asking for "Hàn hồ quang tay"), employer name, commune name and
    industrial park. Called on every save; does not commit.
    """
    parts: list[str] = [vacancy.title]
    occupation = lookups.find_occupation(session, vacancy.occupation_code)
    if occupation is not None:
        parts.append(occupation.name_vi)
    skill_ids = {row.skill_id for row in vacancy.skills if row.skill_id is not None}
    skills = (
        session.scalars(
            select(Skill).where(Skill.id.in_(skill_ids)).options(selectinload(Skill.aliases))
        ).all()
        if skill_ids
        else []
    )
    parts.extend(row.raw_text for row in vacancy.skills)
    for skill in skills:
        parts.append(skill.name_vi)
        parts.extend(alias.alias for alias in skill.aliases)
    organisation = session.get(Organisation, vacancy.organisation_id)
    if organisation is not None:
        parts.append(organisation.name)
    parts.append(lookups.commune_name(session, vacancy.unit_version, vacancy.commune_code))
    parts.append(vacancy.industrial_park)
    folded: list[str] = []
    for part in parts:
        key = fold_key(part)
        if key and key not in folded:
            folded.append(key)
    vacancy.search_text = " ".join(folded)
    return vacancy.search_text


def vacancy_problems(
    session: Session,
    organisation_id: int,
    data: VacancyInput,
    vacancy_id: int | None = None,
    *,
    at: dt.datetime | None = None,
) -> dict[str, Message]:
    """What :func:`save_vacancy` would refuse, by field, without saving anything.

    A form whose own parsing failed (a date typed wrong) uses it to show every other problem
    in the same round trip.
    """
    vacancy = get_employer_vacancy(session, vacancy_id, organisation_id) if vacancy_id else None
    try:
        check_vacancy(session, data, vacancy, vietnam_today(at or utcnow()))
    except InvalidInput as error:
        return error.errors
    return {}


@rollback_on_refusal
def save_vacancy(
    session: Session,
    organisation_id: int,
    actor_id: int,
    data: VacancyInput,
    vacancy_id: int | None = None,
    *,
    at: dt.datetime | None = None,
) -> Vacancy:
    """Create a draft (``vacancy_id`` None) or update a draft or open vacancy, all or nothing.

    A pending organisation may write drafts; publishing is :func:`open_vacancy`.
    """
    now = at or utcnow()
    employer_actor(session, actor_id, organisation_id)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != OrganisationKind.EMPLOYER:
        raise NotFound()
    vacancy = None
    if vacancy_id is not None:
        vacancy = get_employer_vacancy(session, vacancy_id, organisation_id, lock=True)
        if vacancy.status not in EDITABLE:
            raise InvalidTransition(_l("A closed or filled vacancy can no longer be edited."))
    values = check_vacancy(session, data, vacancy, vietnam_today(now))
    skills = values.pop("skills")
    if vacancy is None:
        vacancy = Vacancy(organisation_id=organisation_id, status=VacancyStatus.DRAFT)
        session.add(vacancy)
        session.add(
            VacancyStatusChange(
                vacancy=vacancy,
                from_status=None,
                to_status=VacancyStatus.DRAFT,
                actor_id=actor_id,
                at=now,
            )
        )
    for name, value in values.items():
        setattr(vacancy, name, value)
    _set_skills(session, vacancy, skills)  # type: ignore[arg-type]
    refresh_search_text(session, vacancy)
    session.commit()
    return vacancy


def vacancy_status_counts(session: Session, organisation_id: int) -> dict[VacancyStatus, int]:
    rows = session.execute(
        select(Vacancy.status, func.count())
        .where(Vacancy.organisation_id == organisation_id)
        .group_by(Vacancy.status)
    )
    counts = dict.fromkeys(VacancyStatus, 0)
    counts.update({VacancyStatus(status): count for status, count in rows})
    return counts


def list_employer_vacancies(
    session: Session, organisation_id: int, status: VacancyStatus | None = None
) -> list[Vacancy]:
    """The organisation's vacancies: drafts and open ones first, newest first."""
    query = select(Vacancy).where(Vacancy.organisation_id == organisation_id)
    if status is not None:
        query = query.where(Vacancy.status == status)
    finished = Vacancy.status.in_([VacancyStatus.CLOSED, VacancyStatus.FILLED])
    query = query.order_by(finished.asc(), Vacancy.created_at.desc(), Vacancy.id.desc())
    return list(session.scalars(query))
