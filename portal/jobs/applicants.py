"""What each side may read about applications: object-level access, lists and views.

- An employer sees only applications to its own vacancies. Its access to a non-hired
  applicant's personal data ends when the vacancy is closed or filled, or when the applicant
  withdraws; hired applicants stay visible (they are now its staff).
- A worker sees only their own applications, with the history, never the employer's notes.

Whatever an actor may not read is :class:`NotFound`: the answer never reveals that it exists.
The applicant view is an explicit list of fields (:class:`ApplicantView`), so a template
cannot reach sensitive data (:class:`~portal.candidates.models.SensitiveData`) or the CCCD.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import User
from portal.candidates.models import WorkerProfile
from portal.jobs import lookups
from portal.jobs.errors import NotFound
from portal.jobs.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Vacancy,
)
from portal.jobs.vacancy_rules import FINAL as VACANCY_FINAL
from portal.reference.models import QualificationLevel

HIRED = ApplicationStatus.HIRED
WITHDRAWN = ApplicationStatus.WITHDRAWN


def personal_data_visible(application: Application, vacancy: Vacancy) -> bool:
    """Whether the employer may still see this applicant's personal data: a hired applicant
    always; any other only while the vacancy is open and the application not withdrawn (the
    same rule as ``portal.candidates.contact.applied_to_organisation``)."""
    if application.status == HIRED:
        return True
    return vacancy.status not in VACANCY_FINAL and application.status != WITHDRAWN


def get_application_for_employer(
    session: Session, application_id: int, organisation_id: int
) -> Application:
    """An application to one of the organisation's vacancies whose data it may still see."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound()
    vacancy = application.vacancy
    if vacancy.organisation_id != organisation_id or not personal_data_visible(
        application, vacancy
    ):
        raise NotFound()
    return application


def get_application_for_worker(session: Session, application_id: int, user_id: int) -> Application:
    application = session.get(Application, application_id)
    if application is None or application.profile.user_id != user_id:
        raise NotFound()
    return application


@dataclass(frozen=True)
class ApplicantRow:
    application: Application
    full_name: str


@dataclass(frozen=True)
class ApplicantList:
    rows: list[ApplicantRow]
    counts: dict[ApplicationStatus, int]  # every application, whatever its visibility
    hidden: int  # withdrawn, or not hired on a closed vacancy: personal data no longer shown


def list_applicants(
    session: Session,
    vacancy: Vacancy,
    status: ApplicationStatus | None = None,
) -> ApplicantList:
    """The applicants of the employer's vacancy (the caller checked it is theirs)."""
    applications = session.scalars(
        select(Application)
        .where(Application.vacancy_id == vacancy.id)
        .options(selectinload(Application.profile))
        .order_by(Application.created_at, Application.id)
    ).all()
    counts = dict.fromkeys(ApplicationStatus, 0)
    counts.update(Counter(ApplicationStatus(a.status) for a in applications))
    visible = [a for a in applications if personal_data_visible(a, vacancy)]
    rows = [
        ApplicantRow(application=a, full_name=a.profile.full_name)
        for a in visible
        if status is None or a.status == status
    ]
    return ApplicantList(rows=rows, counts=counts, hidden=len(applications) - len(visible))


def application_counts(
    session: Session, vacancy_ids: Iterable[int]
) -> dict[int, dict[ApplicationStatus, int]]:
    """Applications per status for each vacancy, in one query."""
    ids = list(vacancy_ids)
    result: dict[int, dict[ApplicationStatus, int]] = {
        vacancy_id: dict.fromkeys(ApplicationStatus, 0) for vacancy_id in ids
    }
    if not ids:
        return result
    rows = session.execute(
        select(Application.vacancy_id, Application.status, func.count())
        .where(Application.vacancy_id.in_(ids))
        .group_by(Application.vacancy_id, Application.status)
    )
    for vacancy_id, status, count in rows:
        result[vacancy_id][ApplicationStatus(status)] = count
    return result


def hires_count(session: Session, vacancy_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Application.vacancy_id == vacancy_id, Application.status == HIRED
            )
        )
        or 0
    )


@dataclass(frozen=True)
class ExperienceView:
    employer_name: str
    job_title: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True)
class ApplicantView:
    """The profile content relevant to hiring. Contact details are included because the worker
    applied; sensitive data, the CCCD, sex and the exact date of birth are not."""

    full_name: str
    birth_year: int | None
    phone: str
    email: str
    commune_name: str
    qualification: str
    training_field: str
    school_name: str
    graduation_year: int | None
    skills: list[str]
    experiences: list[ExperienceView]
    min_wage: int | None
    shifts_accepted: list[str]
    willing_to_relocate: bool
    summary: str


def applicant_view(session: Session, application: Application) -> ApplicantView:
    profile: WorkerProfile = application.profile
    user = session.get(User, profile.user_id) if profile.user_id is not None else None
    qualification = (
        session.scalar(
            select(QualificationLevel.name_vi).where(
                QualificationLevel.code == profile.qualification_code
            )
        )
        if profile.qualification_code
        else None
    )
    return ApplicantView(
        full_name=profile.full_name,
        birth_year=profile.date_of_birth.year if profile.date_of_birth else None,
        phone=profile.phone or (user.phone if user is not None else None) or "",
        email=profile.email or (user.email if user is not None else ""),
        commune_name=lookups.commune_name(
            session, profile.unit_version, profile.current_commune_code
        ),
        qualification=qualification or "",
        training_field=profile.training_field,
        school_name=profile.school_name,
        graduation_year=profile.graduation_year,
        skills=[skill.raw_text for skill in profile.skills],
        experiences=[
            ExperienceView(e.employer_name, e.job_title, e.start_date, e.end_date)
            for e in profile.experiences
        ],
        min_wage=profile.min_wage,
        shifts_accepted=list(profile.shifts_accepted or []),
        willing_to_relocate=profile.willing_to_relocate,
        summary=profile.summary,
    )


def list_worker_applications(session: Session, user_id: int) -> list[Application]:
    """The worker's applications, newest first, with their vacancies and history loaded."""
    return list(
        session.scalars(
            select(Application)
            .join(WorkerProfile, WorkerProfile.id == Application.profile_id)
            .where(WorkerProfile.user_id == user_id)
            .options(
                selectinload(Application.vacancy).selectinload(Vacancy.organisation),
                selectinload(Application.events),
            )
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


@dataclass(frozen=True)
class EventView:
    event: ApplicationEvent
    actor: str  # as the reader should see it


def history_for_employer(session: Session, application: Application) -> list[EventView]:
    """Each step with its actor: the organisation's own staff by name, the applicant by name."""
    views = []
    for event in application.events:
        actor = session.get(User, event.actor_id) if event.actor_id else None
        if actor is None:
            name = ""
        elif actor.id == application.profile.user_id:
            name = application.profile.full_name
        else:
            name = actor.display_name
        views.append(EventView(event, name))
    return views


def history_for_worker(
    session: Session, application: Application, you: str, portal: str
) -> list[EventView]:
    """Each step with its actor as the worker sees it: "you" or the employer's name (the
    employer's staff are not named to the worker)."""
    employer = application.vacancy.organisation.name
    views = []
    for event in application.events:
        if event.actor_id is None:
            name = portal
        elif event.actor_id == application.profile.user_id:
            name = you
        else:
            name = employer
        views.append(EventView(event, name))
    return views
