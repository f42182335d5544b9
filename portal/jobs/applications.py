"""Applications and the hiring pipeline: the rules that change them.

applied → shortlisted → interview (date and place) → offered → hired | rejected, and withdrawn
by the worker from any state that is not final. :data:`TRANSITIONS` is the one table of what is
allowed and for whom; every change writes an :class:`~portal.jobs.models.ApplicationEvent` (actor,
time, note) that both sides see.

Hiring writes the worker's :class:`~portal.candidates.models.EmploymentRecord` (one per
application: ``application_id`` is unique) and makes the profile "employed" there, so the
labour statistics follow real hires.

Who may act is checked here as well as in the views: an employer only on its own vacancies'
applications, a worker only on their own. Anything else is :class:`NotFound`, never revealed.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.access import Role
from portal.accounts.models import Organisation, User
from portal.candidates.models import EmploymentRecord, EmploymentStatus, WorkerProfile
from portal.i18n import format_date
from portal.jobs import lookups
from portal.jobs.choices import label
from portal.jobs.errors import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
    rollback_on_refusal,
)
from portal.jobs.models import Application, ApplicationEvent, ApplicationStatus, Vacancy
from portal.jobs.vacancies import is_publicly_open
from portal.jobs.vacancy_rules import FINAL as VACANCY_FINAL
from portal.jobs.vacancy_rules import vietnam_today
from portal.models import utcnow
from portal.notifications import in_locale, notify
from portal.reference.models import LEGACY, V2025, UnitMapping
from portal.text import normalise

APPLIED = ApplicationStatus.APPLIED
SHORTLISTED = ApplicationStatus.SHORTLISTED
INTERVIEW = ApplicationStatus.INTERVIEW
OFFERED = ApplicationStatus.OFFERED
HIRED = ApplicationStatus.HIRED
REJECTED = ApplicationStatus.REJECTED
WITHDRAWN = ApplicationStatus.WITHDRAWN


class Side(enum.StrEnum):
    EMPLOYER = "employer"
    WORKER = "worker"


# from status → {to status: who may make the change}. Interview → interview reschedules.
TRANSITIONS: dict[ApplicationStatus, dict[ApplicationStatus, Side]] = {
    APPLIED: {SHORTLISTED: Side.EMPLOYER, REJECTED: Side.EMPLOYER, WITHDRAWN: Side.WORKER},
    SHORTLISTED: {INTERVIEW: Side.EMPLOYER, REJECTED: Side.EMPLOYER, WITHDRAWN: Side.WORKER},
    INTERVIEW: {
        INTERVIEW: Side.EMPLOYER,
        OFFERED: Side.EMPLOYER,
        REJECTED: Side.EMPLOYER,
        WITHDRAWN: Side.WORKER,
    },
    OFFERED: {HIRED: Side.EMPLOYER, REJECTED: Side.EMPLOYER, WITHDRAWN: Side.WORKER},
    HIRED: {},
    REJECTED: {},
    WITHDRAWN: {},
}
FINAL = frozenset(status for status, moves in TRANSITIONS.items() if not moves)
MAX_NOTE = 2000
NOTIFICATION_KIND = "application"
MAX_START_DAYS = 366


def allowed_moves(status: ApplicationStatus, side: Side) -> list[ApplicationStatus]:
    """The statuses ``side`` may move an application in ``status`` to, in table order."""
    return [to for to, who in TRANSITIONS[ApplicationStatus(status)].items() if who == side]


def get_profile_for_user(session: Session, user_id: int) -> WorkerProfile | None:
    """The worker's profile, through the candidates domain's service."""
    from portal.candidates import services as candidates

    return candidates.get_profile_for_user(session, user_id)


def _clean_note(note: str, field: str = "note") -> str:
    text = unicodedata.normalize("NFC", note or "").strip()
    if len(text) > MAX_NOTE:
        raise InvalidInput(
            _l("Please keep this under %(count)d characters.", count=MAX_NOTE), field=field
        )
    return text


def find_application(session: Session, vacancy_id: int, profile_id: int) -> Application | None:
    return session.scalar(
        select(Application).where(
            Application.vacancy_id == vacancy_id, Application.profile_id == profile_id
        )
    )


@rollback_on_refusal
def apply_to_vacancy(
    session: Session,
    vacancy_id: int,
    user_id: int,
    cover_note: str = "",
    *,
    at: dt.datetime | None = None,
) -> tuple[Application, bool]:
    """Apply with the worker's profile; ``(application, created)``.

    Applying twice (a double click, a resubmitted form, two tabs) returns the first
    application with ``created`` False: the (vacancy, profile) unique constraint settles races.
    """
    now = at or utcnow()
    user = session.get(User, user_id)
    if user is None or user.disabled or user.role != Role.WORKER:
        raise NotPermitted()
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFound()
    profile = get_profile_for_user(session, user_id)
    if profile is None:
        raise NotPermitted(_l("Please create your profile before applying."))
    existing = find_application(session, vacancy.id, profile.id)
    if existing is not None:
        return existing, False
    if not is_publicly_open(vacancy) or vacancy.deadline < vietnam_today(now):
        raise InvalidTransition(_l("This vacancy is no longer taking applications."))
    note = _clean_note(cover_note, "cover_note")
    application = Application(vacancy_id=vacancy.id, profile_id=profile.id, cover_note=note)
    application.status = APPLIED
    application.events.append(
        ApplicationEvent(from_status=None, to_status=APPLIED, actor_id=user.id, at=now)
    )
    session.add(application)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = find_application(session, vacancy_id, profile.id)
        if existing is None:
            raise
        return existing, False
    return application, True


def _side_of(session: Session, actor: User, application: Application, vacancy: Vacancy) -> Side:
    if actor.role == Role.EMPLOYER and actor.organisation_id == vacancy.organisation_id:
        return Side.EMPLOYER
    if actor.role == Role.WORKER:
        profile = session.get(WorkerProfile, application.profile_id)
        if profile is not None and profile.user_id == actor.id:
            return Side.WORKER
    raise NotFound()


def _interview_details(
    interview_at: dt.datetime | None, place: str, now: dt.datetime
) -> tuple[dt.datetime, str]:
    errors = {}
    if interview_at is None:
        errors["interview_at"] = _l("Please give the date and time of the interview.")
    elif interview_at.tzinfo is None:
        raise ValueError("interview_at must be timezone-aware")
    elif vietnam_today(interview_at) < vietnam_today(now):
        errors["interview_at"] = _l("The interview cannot be in the past.")
    place = normalise(place)
    if not place:
        errors["interview_place"] = _l("Please give the place of the interview.")
    elif len(place) > 255:
        errors["interview_place"] = _l("Please keep this under %(count)d characters.", count=255)
    if errors:
        raise InvalidInput(errors=errors)
    assert interview_at is not None
    return interview_at, place


def _workplace(
    session: Session, vacancy: Vacancy, profile: WorkerProfile
) -> tuple[str | None, str | None]:
    """(commune, province) codes of the vacancy's workplace in the profile's unit version.

    A profile keeps all its codes in one version; a vacancy in the other version is mapped
    (legacy → 2025 through the default of the official conversion) or, failing that, gives the
    province only.
    """
    commune = lookups.find_commune(session, vacancy.unit_version, vacancy.commune_code)
    if commune is None:
        return None, None
    if vacancy.unit_version == profile.unit_version:
        return commune.code, commune.province_code
    if vacancy.unit_version == LEGACY and profile.unit_version == V2025:
        mapping = session.scalar(
            select(UnitMapping).where(
                UnitMapping.legacy_code == commune.code, UnitMapping.is_default.is_(True)
            )
        )
        if mapping is not None:
            return mapping.new_code, mapping.new_province_code
    return None, None


def _record_hire(
    session: Session,
    application: Application,
    vacancy: Vacancy,
    start_date: dt.date,
) -> EmploymentRecord:
    existing = session.scalar(
        select(EmploymentRecord).where(EmploymentRecord.application_id == application.id)
    )
    if existing is not None:
        return existing
    profile = session.get(WorkerProfile, application.profile_id)
    organisation = session.get(Organisation, vacancy.organisation_id)
    assert profile is not None and organisation is not None
    commune = lookups.find_commune(session, vacancy.unit_version, vacancy.commune_code)
    record = EmploymentRecord(
        profile_id=profile.id,
        employer_organisation_id=organisation.id,
        employer_name=organisation.name,
        occupation_code=vacancy.occupation_code,
        unit_version=vacancy.unit_version,
        workplace_commune_code=vacancy.commune_code,
        workplace_province_code=commune.province_code if commune is not None else None,
        start_date=start_date,
        source="portal",
        application_id=application.id,
    )
    session.add(record)
    workplace_commune, workplace_province = _workplace(session, vacancy, profile)
    profile.employment_status = EmploymentStatus.EMPLOYED
    profile.unemployed_since = None
    profile.inactive_reason = None
    profile.current_employer_name = organisation.name
    profile.current_occupation_code = vacancy.occupation_code
    profile.workplace_commune_code = workplace_commune
    profile.workplace_province_code = workplace_province
    return record


@rollback_on_refusal
def change_application_status(
    session: Session,
    application_id: int,
    actor_id: int,
    to_status: ApplicationStatus | str,
    *,
    note: str = "",
    interview_at: dt.datetime | None = None,
    interview_place: str = "",
    start_date: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Application:
    """Move an application one step, as :data:`TRANSITIONS` allows for the actor's side.

    ``interview`` needs ``interview_at`` (timezone-aware) and ``interview_place``; ``hired``
    needs ``start_date`` and writes the employment record. An employer can no longer change
    applications once the vacancy is closed or filled; the worker can still withdraw.
    """
    now = at or utcnow()
    try:
        to_status = ApplicationStatus(to_status)
    except ValueError:
        raise InvalidTransition() from None
    actor = session.get(User, actor_id)
    if actor is None or actor.disabled:
        raise NotPermitted()
    application = session.get(
        Application, application_id, with_for_update=True, populate_existing=True
    )
    if application is None:
        raise NotFound()
    vacancy = session.get(Vacancy, application.vacancy_id)
    assert vacancy is not None
    side = _side_of(session, actor, application, vacancy)
    if side == Side.EMPLOYER and vacancy.status in VACANCY_FINAL:
        raise InvalidTransition(
            _l("This vacancy is closed: its applications can no longer be changed.")
        )
    current = ApplicationStatus(application.status)
    if TRANSITIONS[current].get(to_status) != side:
        raise InvalidTransition(
            _l(
                "An application cannot go from “%(current)s” to “%(new)s”.",
                current=label("application_status", current),
                new=label("application_status", to_status),
            )
        )
    note = _clean_note(note)
    event = ApplicationEvent(
        from_status=current, to_status=to_status, actor_id=actor.id, note=note, at=now
    )
    if to_status == INTERVIEW:
        application.interview_at, application.interview_place = _interview_details(
            interview_at, interview_place, now
        )
        event.interview_at = application.interview_at
        event.interview_place = application.interview_place
    if to_status == HIRED:
        today = vietnam_today(now)
        if start_date is None:
            raise InvalidInput(_l("Please give the start date."), field="start_date")
        if abs((start_date - today).days) > MAX_START_DAYS:
            raise InvalidInput(
                _l(
                    "The start date must be within a year of today (%(date)s).",
                    date=format_date(today),
                ),
                field="start_date",
            )
        _record_hire(session, application, vacancy, start_date)
    application.status = to_status
    application.events.append(event)
    if side == Side.EMPLOYER:
        session.flush()  # the event's id keys the notification
        _tell_worker(session, application, vacancy, event)
    try:
        session.commit()
    except IntegrityError as error:  # a concurrent hire of the same application
        session.rollback()
        raise InvalidTransition(_l("This application was changed meanwhile.")) from error
    return application


def application_path(application_id: int) -> str:
    """The worker's page of an application (``jobs.my_application``), without a request."""
    return f"/my/applications/{application_id}"


def _tell_worker(
    session: Session, application: Application, vacancy: Vacancy, event: ApplicationEvent
) -> None:
    """An in-app notification of the employer's step, in the worker's language (joins the
    caller's transaction; one per event, so a retry never notifies twice)."""
    profile = session.get(WorkerProfile, application.profile_id)
    worker = session.get(User, profile.user_id) if profile and profile.user_id else None
    if worker is None:
        return
    employer = session.get(Organisation, vacancy.organisation_id)

    def message() -> str:
        return _(
            "%(employer)s, “%(title)s”: your application is now “%(status)s”.",
            employer=employer.name if employer else "",
            title=vacancy.title,
            status=label("application_status", event.to_status),
        )

    notify(
        session,
        worker.id,
        NOTIFICATION_KIND,
        in_locale(worker.locale, message),
        application_path(application.id),
        dedupe_key=f"application-event:{event.id}",
        at=event.at,
    )


def withdraw_application(
    session: Session,
    application_id: int,
    user_id: int,
    note: str = "",
    *,
    at: dt.datetime | None = None,
) -> Application:
    """The worker withdraws (from any state that is not final)."""
    return change_application_status(session, application_id, user_id, WITHDRAWN, note=note, at=at)


@rollback_on_refusal
def update_employer_notes(
    session: Session, application_id: int, actor_id: int, notes: str
) -> Application:
    """The employer's private notes on an applicant (never shown to the worker)."""
    from portal.jobs.applicants import get_application_for_employer

    actor = session.get(User, actor_id)
    if actor is None or actor.disabled or actor.role != Role.EMPLOYER or not actor.organisation_id:
        raise NotPermitted()
    application = get_application_for_employer(session, application_id, actor.organisation_id)
    text = notes.strip()
    if len(text) > 5000:
        raise InvalidInput(
            _l("Please keep this under %(count)d characters.", count=5000), field="employer_notes"
        )
    application.employer_notes = text
    session.commit()
    return application
