"""Contact between an employer and a worker: contact requests, and when contact details show.

An employer that found a worker in the search may ask for contact once; the worker accepts
(sharing phone and e-mail with that employer only) or declines, and may stop sharing later.
:func:`contact_visible` is the one rule every page uses to decide whether an organisation sees
a worker's phone and e-mail.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, scoped_session

from portal.accounts.models import Organisation, User
from portal.candidates.consent import has_consent
from portal.candidates.errors import (
    InvalidProfileData,
    NotAllowed,
    ProfileNotFound,
    rollback_on_refusal,
)
from portal.candidates.models import ConsentPurpose, WorkerProfile
from portal.jobs.models import (
    Application,
    ApplicationStatus,
    ContactRequest,
    Notification,
    Vacancy,
    VacancyStatus,
)
from portal.models import utcnow

DbSession = Session | scoped_session[Session]
PENDING = "pending"
ACCEPTED = "accepted"
DECLINED = "declined"
MESSAGE_MAX = 1000


# -- contact visibility --------------------------------------------------------------------


def applied_to_organisation(session: DbSession, organisation_id: int, profile_id: int) -> bool:
    """The worker applied to a vacancy of this organisation, and the employer still holds the
    application: not withdrawn, and the vacancy still open unless the worker was hired (an
    employer's access to a non-hired applicant ends when the vacancy closes)."""
    return bool(
        session.scalar(
            select(Application.id)
            .join(Vacancy, Vacancy.id == Application.vacancy_id)
            .where(
                Vacancy.organisation_id == organisation_id,
                Application.profile_id == profile_id,
                Application.status != ApplicationStatus.WITHDRAWN,
                or_(
                    Vacancy.status == VacancyStatus.OPEN,
                    Application.status == ApplicationStatus.HIRED,
                ),
            )
            .limit(1)
        )
    )


def contact_visible(session: DbSession, organisation_id: int, profile_id: int) -> bool:
    """Whether this organisation may see the worker's phone and e-mail.

    Yes after the worker accepted its contact request (while the worker's consent to be
    contacted holds), or while it holds an application of the worker (see
    :func:`applied_to_organisation`).
    """
    accepted = session.scalar(
        select(ContactRequest.id).where(
            ContactRequest.organisation_id == organisation_id,
            ContactRequest.profile_id == profile_id,
            ContactRequest.status == ACCEPTED,
        )
    )
    if accepted is not None and has_consent(session, profile_id, ConsentPurpose.CONTACT):
        return True
    return applied_to_organisation(session, organisation_id, profile_id)


# -- contact requests ---------------------------------------------------------------------


@rollback_on_refusal
def request_contact(
    session: DbSession,
    organisation_id: int,
    profile_id: int,
    *,
    message: str = "",
    vacancy_id: int | None = None,
    notify_url: str = "",
) -> ContactRequest:
    """Ask a worker found in the search for contact; one request per employer and worker.

    Sending it again returns the existing request (a double click, or a retry), whatever its
    answer: a worker who declined is not asked twice.
    """
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or not organisation.can_publish:
        raise NotAllowed()
    profile = session.get(WorkerProfile, profile_id)
    if (
        profile is None
        or profile.user_id is None
        or not has_consent(session, profile_id, ConsentPurpose.MATCHING)
    ):
        raise ProfileNotFound()
    existing = session.scalar(
        select(ContactRequest).where(
            ContactRequest.organisation_id == organisation_id,
            ContactRequest.profile_id == profile_id,
        )
    )
    if existing is not None:
        return existing
    if not has_consent(session, profile_id, ConsentPurpose.CONTACT):
        raise NotAllowed(_l("This person does not accept contact requests."))
    if vacancy_id is not None:
        vacancy = session.get(Vacancy, vacancy_id)
        if vacancy is None or vacancy.organisation_id != organisation_id:
            raise InvalidProfileData(_l("Please choose one of your vacancies."), field="vacancy_id")
    text = (message or "").strip()
    if len(text) > MESSAGE_MAX:
        raise InvalidProfileData(
            _l("Please keep the message under %(count)d characters.", count=MESSAGE_MAX),
            field="message",
        )
    contact = ContactRequest(
        organisation_id=organisation_id,
        profile_id=profile_id,
        vacancy_id=vacancy_id,
        message=text,
        status=PENDING,
        created_at=utcnow(),
    )
    session.add(contact)
    try:
        session.flush()
    except IntegrityError:  # the same request sent at the same moment from another window
        session.rollback()
        found = session.scalar(
            select(ContactRequest).where(
                ContactRequest.organisation_id == organisation_id,
                ContactRequest.profile_id == profile_id,
            )
        )
        if found is None:
            raise
        return found
    worker = session.get(User, profile.user_id)
    if worker is not None:
        with force_locale(worker.locale):
            session.add(
                Notification(
                    user_id=worker.id,
                    kind="contact_request",
                    message=_(
                        "%(employer)s would like to contact you about a job.",
                        employer=organisation.name,
                    ),
                    url=notify_url,
                    dedupe_key=f"contact-request:{contact.id}",
                    created_at=utcnow(),
                )
            )
    session.commit()
    return contact


def contact_requests_for_worker(
    session: DbSession, profile_id: int
) -> list[tuple[ContactRequest, str]]:
    """The worker's contact requests with the employer's name, newest first."""
    rows = session.execute(
        select(ContactRequest, Organisation.name)
        .join(Organisation, Organisation.id == ContactRequest.organisation_id)
        .where(ContactRequest.profile_id == profile_id)
        .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
    )
    return [(request, name) for request, name in rows]


@rollback_on_refusal
def answer_contact_request(
    session: DbSession, profile_id: int, request_id: int, accept: bool
) -> ContactRequest:
    """Accept or decline (also: stop sharing after accepting) one of the worker's requests."""
    contact = session.get(ContactRequest, request_id)
    if contact is None or contact.profile_id != profile_id:
        raise ProfileNotFound()
    if accept and not has_consent(session, profile_id, ConsentPurpose.CONTACT):
        raise NotAllowed(
            _l(
                "To share your contact details, first give your consent to being contacted on "
                "the consent page."
            )
        )
    contact.status = ACCEPTED if accept else DECLINED
    contact.answered_at = utcnow()
    session.commit()
    return contact
