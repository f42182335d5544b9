"""Consent per purpose: the texts a worker agrees to, their versions, and the consent log.

Each purpose has one text with a version. Giving or withdrawing consent appends a
:class:`~portal.candidates.models.ConsentEvent` (time, purpose, text version); the latest event
per purpose is the current state, so a withdrawal takes effect for every query at once. When a
text changes, change its version here too: earlier events keep the version the person saw.

Nothing is ever pre-ticked: a profile starts with no consent for any purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, scoped_session

from portal.candidates.errors import InvalidProfileData, ProfileNotFound, rollback_on_refusal
from portal.candidates.models import ConsentEvent, ConsentPurpose, WorkerProfile
from portal.models import utcnow

DbSession = Session | scoped_session[Session]


@dataclass(frozen=True)
class ConsentText:
    purpose: ConsentPurpose
    version: str
    title: LazyString
    text: LazyString


CONSENT_TEXTS: dict[ConsentPurpose, ConsentText] = {
    ConsentPurpose.MATCHING: ConsentText(
        ConsentPurpose.MATCHING,
        "matching-2025-08",
        _l("Job matching and being found by employers"),
        _l(
            "I agree that the portal uses my profile (skills, qualifications, experience, job "
            "wishes and the area where I live) to suggest jobs to me, and shows it without my "
            "full name and contact details to verified employers who search for workers. I can "
            "withdraw this at any time on the consent page of my profile; my profile then "
            "disappears from employers' searches at once."
        ),
    ),
    ConsentPurpose.CONTACT: ConsentText(
        ConsentPurpose.CONTACT,
        "contact-2025-08",
        _l("Being contacted by employers"),
        _l(
            "I agree that verified employers who find my profile may send me contact requests "
            "through the portal. An employer sees my phone number and e-mail address only after "
            "I accept its request, or when I apply to one of its vacancies. I can withdraw this "
            "at any time; employers then stop seeing my contact details through requests I "
            "accepted."
        ),
    ),
    ConsentPurpose.STATISTICS: ConsentText(
        ConsentPurpose.STATISTICS,
        "statistics-2025-08",
        _l("Labour statistics"),
        _l(
            "I agree that the labour authority uses my profile, together with everyone else's, "
            "for the labour-market statistics of the city (Circular 01/2022/TT-BLĐTBXH). "
            "Statistics never show individual people. I can withdraw this at any time."
        ),
    ),
}
PURPOSES: tuple[ConsentPurpose, ...] = tuple(CONSENT_TEXTS)


def consent_text(purpose: ConsentPurpose | str) -> ConsentText:
    try:
        return CONSENT_TEXTS[ConsentPurpose(purpose)]
    except ValueError as error:
        raise ProfileNotFound() from error


# -- reading the state -------------------------------------------------------------------------


def _latest_event_ids(purpose: ConsentPurpose) -> ColumnElement[bool]:
    """Rows that are the newest event of their profile for ``purpose``."""
    newest = (
        select(func.max(ConsentEvent.id))
        .where(ConsentEvent.purpose == purpose)
        .group_by(ConsentEvent.profile_id)
    )
    return ConsentEvent.id.in_(newest)


def consented_profiles_clause(purpose: ConsentPurpose | str) -> ColumnElement[bool]:
    """A condition on ``WorkerProfile.id``: the profile's latest event for ``purpose`` grants.

    For queries that must leave out everyone who has not (or no longer) consented, such as the
    employers' worker search and the matcher.
    """
    purpose = ConsentPurpose(purpose)
    granted = select(ConsentEvent.profile_id).where(
        _latest_event_ids(purpose), ConsentEvent.granted.is_(True)
    )
    return WorkerProfile.id.in_(granted)


def consenting_profile_ids(
    session: DbSession, purpose: ConsentPurpose | str, profile_ids: Iterable[int] | None = None
) -> set[int]:
    """Ids of the profiles whose current consent for ``purpose`` is given (optionally among
    ``profile_ids``)."""
    purpose = ConsentPurpose(purpose)
    query = select(ConsentEvent.profile_id).where(
        _latest_event_ids(purpose), ConsentEvent.granted.is_(True)
    )
    if profile_ids is not None:
        wanted = sorted(set(profile_ids))
        if not wanted:
            return set()
        query = query.where(ConsentEvent.profile_id.in_(wanted))
    return set(session.scalars(query))


def latest_event(
    session: DbSession, profile_id: int, purpose: ConsentPurpose | str
) -> ConsentEvent | None:
    return session.scalar(
        select(ConsentEvent)
        .where(
            ConsentEvent.profile_id == profile_id,
            ConsentEvent.purpose == ConsentPurpose(purpose),
        )
        .order_by(ConsentEvent.id.desc())
        .limit(1)
    )


def has_consent(session: DbSession, profile_id: int, purpose: ConsentPurpose | str) -> bool:
    """Whether the profile's latest event for ``purpose`` grants it (no event: no consent)."""
    event = latest_event(session, profile_id, purpose)
    return bool(event is not None and event.granted)


def consent_states(
    session: DbSession, profile_id: int
) -> dict[ConsentPurpose, ConsentEvent | None]:
    """The latest event of each purpose (None where the person has never decided)."""
    return {purpose: latest_event(session, profile_id, purpose) for purpose in PURPOSES}


def consent_history(session: DbSession, profile_id: int) -> list[ConsentEvent]:
    """Every consent event of a profile, newest first."""
    return list(
        session.scalars(
            select(ConsentEvent)
            .where(ConsentEvent.profile_id == profile_id)
            .order_by(ConsentEvent.id.desc())
        )
    )


# -- changing it -----------------------------------------------------------------------------


def record_consent(
    session: DbSession,
    profile_id: int,
    purpose: ConsentPurpose | str,
    granted: bool,
    text_version: str | None = None,
) -> ConsentEvent | None:
    """Append an event in the current transaction (no commit); None when nothing changes.

    ``text_version`` is the version of the text the person was shown; giving consent to an
    outdated text is refused, so the log never records agreement to words nobody read.
    """
    text = consent_text(purpose)
    if granted and text_version is not None and text_version != text.version:
        raise InvalidProfileData(
            _l("The text of this consent has changed. Please read it again before agreeing."),
            field=text.purpose.value,
        )
    current = latest_event(session, profile_id, text.purpose)
    if (
        current is not None
        and current.granted == granted
        and (not granted or current.text_version == text.version)
    ):
        return None  # a double click, or withdrawing what was never given
    if current is None and not granted:
        return None
    event = ConsentEvent(
        profile_id=profile_id,
        purpose=text.purpose,
        granted=granted,
        text_version=text.version,
        at=utcnow(),
    )
    session.add(event)
    return event


@rollback_on_refusal
def give_consent(
    session: DbSession, profile_id: int, purpose: ConsentPurpose | str, text_version: str
) -> ConsentEvent | None:
    """Record consent to ``purpose`` with the version of the text shown; idempotent."""
    if session.get(WorkerProfile, profile_id) is None:
        raise ProfileNotFound()
    event = record_consent(session, profile_id, purpose, True, text_version)
    session.commit()
    return event


@rollback_on_refusal
def withdraw_consent(
    session: DbSession, profile_id: int, purpose: ConsentPurpose | str
) -> ConsentEvent | None:
    """Withdraw consent to ``purpose``; effective for every later query at once."""
    if session.get(WorkerProfile, profile_id) is None:
        raise ProfileNotFound()
    event = record_consent(session, profile_id, purpose, False)
    session.commit()
    return event
