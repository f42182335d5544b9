"""Skills and work experience: the lists a worker adds to and removes from.

Skills are kept as typed (NFC) and linked to the taxonomy when the text names a known skill
exactly (:func:`portal.reference.services.resolve_skill_exact`), so "han dien" is stored as
typed and matched as "Hàn hồ quang tay". Adding the same entry twice keeps one.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, scoped_session

from portal.candidates.errors import InvalidProfileData, ProfileNotFound, rollback_on_refusal
from portal.candidates.models import Experience, WorkerSkill
from portal.candidates.profiles import (
    check_occupation,
    clean_text,
    commit_profile,
    local_today,
    owned_profile,
)
from portal.reference import services as reference
from portal.text import fold_key

DbSession = Session | scoped_session[Session]
MAX_SKILLS = 50
MAX_EXPERIENCES = 30


# -- skills ------------------------------------------------------------------------------------


def resolve_skill(session: DbSession, text: str) -> int | None:
    """The id of the taxonomy skill a typed phrase names exactly (name or alias), if any."""
    skill = reference.resolve_skill_exact(session, text)
    return skill.id if skill is not None else None


@rollback_on_refusal
def add_skill(
    session: DbSession, user_id: int, raw_text: str, years: int | None = None
) -> WorkerSkill:
    """Add a skill as typed (NFC), linked to the taxonomy when the text names a known skill.

    Adding the same skill twice (a double click, or another spelling of the same words) keeps
    one row.
    """
    profile = owned_profile(session, user_id)
    text = clean_text(raw_text, "raw_text", 150, required=True)
    folded = fold_key(text)
    if not folded:
        raise InvalidProfileData(_l("Please type a skill."), field="raw_text")
    if years is not None and not 0 <= years <= 60:
        raise InvalidProfileData(_l("Please enter a number of years from 0 to 60."), field="years")
    for existing in profile.skills:
        if existing.text_folded == folded or existing.raw_text == text:
            return existing
    if len(profile.skills) >= MAX_SKILLS:
        raise InvalidProfileData(
            _l("A profile can list at most %(count)d skills.", count=MAX_SKILLS), field="raw_text"
        )
    skill = WorkerSkill(
        raw_text=text, text_folded=folded, skill_id=resolve_skill(session, text), years=years
    )
    profile.skills.append(skill)
    commit_profile(session)
    return skill


@rollback_on_refusal
def remove_skill(session: DbSession, user_id: int, skill_row_id: int) -> None:
    profile = owned_profile(session, user_id)
    skill = session.get(WorkerSkill, skill_row_id)
    if skill is None or skill.profile_id != profile.id:
        raise ProfileNotFound()
    profile.skills.remove(skill)
    commit_profile(session)


# -- experience --------------------------------------------------------------------------------


@rollback_on_refusal
def add_experience(
    session: DbSession,
    user_id: int,
    *,
    employer_name: str,
    job_title: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    occupation_code: str | None = None,
    description: str = "",
    today: dt.date | None = None,
) -> Experience:
    profile = owned_profile(session, user_id)
    today = today or local_today()
    employer = clean_text(employer_name, "employer_name", 255, required=True)
    title = clean_text(job_title, "job_title", 255, required=True)
    if start_date is None:
        raise InvalidProfileData(
            _l("Please enter the start date (dd/mm/yyyy)."), field="start_date"
        )
    if start_date > today:
        raise InvalidProfileData(_l("This date cannot be in the future."), field="start_date")
    if profile.date_of_birth is not None and start_date < profile.date_of_birth:
        raise InvalidProfileData(_l("This date is before your date of birth."), field="start_date")
    if end_date is not None and end_date < start_date:
        raise InvalidProfileData(_l("The end date must be after the start date."), field="end_date")
    if end_date is not None and end_date > today:
        raise InvalidProfileData(_l("This date cannot be in the future."), field="end_date")
    occupation = check_occupation(session, occupation_code, "occupation_code")
    for existing in profile.experiences:
        if (existing.employer_name, existing.job_title, existing.start_date) == (
            employer,
            title,
            start_date,
        ):
            return existing  # a double click
    if len(profile.experiences) >= MAX_EXPERIENCES:
        raise InvalidProfileData(
            _l("A profile can list at most %(count)d jobs.", count=MAX_EXPERIENCES),
            field="employer_name",
        )
    experience = Experience(
        employer_name=employer,
        job_title=title,
        occupation_code=occupation,
        start_date=start_date,
        end_date=end_date,
        description=clean_text(description, "description", 2000),
    )
    profile.experiences.append(experience)
    commit_profile(session)
    return experience


@rollback_on_refusal
def remove_experience(session: DbSession, user_id: int, experience_id: int) -> None:
    profile = owned_profile(session, user_id)
    experience = session.get(Experience, experience_id)
    if experience is None or experience.profile_id != profile.id:
        raise ProfileNotFound()
    profile.experiences.remove(experience)
    commit_profile(session)
