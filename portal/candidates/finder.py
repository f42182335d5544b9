"""Employers search worker profiles, and see one worker as an employer may.

Only verified employers search (the views declare it), and only profiles whose latest
*matching* consent grants are found: a withdrawal removes the person from the next search.
Results show a short name (initials and given name), skills, qualification and a coarse area;
never contact details, identifiers or sensitive data. Contact details become visible to one
employer only (:func:`portal.candidates.contact.contact_visible`) after the worker accepts its
contact request or applies to one of its vacancies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Text, and_, cast, exists, func, or_, select
from sqlalchemy.orm import Session, scoped_session, selectinload

from portal.accounts.models import User
from portal.candidates import places
from portal.candidates.consent import consented_profiles_clause, has_consent
from portal.candidates.contact import contact_visible
from portal.candidates.errors import (
    InvalidProfileData,
    ProfileNotFound,
)
from portal.candidates.models import ConsentPurpose, Experience, WorkerProfile, WorkerSkill
from portal.candidates.validation import mask_cccd
from portal.jobs.models import (
    ContactRequest,
)
from portal.reference.models import LEGACY, V2025, QualificationLevel, Skill, SkillAlias
from portal.text import fold_key

DbSession = Session | scoped_session[Session]
PER_PAGE = 20


# -- what employers see -----------------------------------------------------------------------


def short_name(full_name: str) -> str:
    """Initials of the family and middle names, then the given name: "N.T. Hoa".

    Vietnamese names put the given name last; the short form lets an employer address the
    person without identifying them.
    """
    words = full_name.split()
    if len(words) <= 1:
        return full_name
    return "".join(word[0].upper() + "." for word in words[:-1]) + " " + words[-1]


@dataclass
class WorkerCard:
    """One search result: nothing that identifies or contacts the person."""

    profile_id: int
    short_name: str
    skills: list[str]
    qualification_code: str | None
    area: str
    wished_occupation_codes: list[str]
    current_occupation_code: str | None
    request_status: str | None = None


@dataclass
class EmployerWorkerView(WorkerCard):
    """The profile page an employer sees; contact fields are filled only when visible."""

    experiences: list[tuple[str, str | None, dt.date, dt.date | None]] = field(default_factory=list)
    shifts_accepted: list[str] = field(default_factory=list)
    willing_to_relocate: bool = False
    accepts_contact: bool = False
    contact_visible: bool = False
    full_name: str = ""
    phone: str = ""
    email: str = ""
    masked_cccd: str = ""


@dataclass(frozen=True)
class WorkerFilters:
    occupation: str = ""  # VSCO code: the group and everything under it
    skill: str = ""  # typed text, matched folded against skills and the taxonomy's aliases
    commune: str = ""  # a 2025 commune code ("2025:10507" or "10507") or "legacy:10507"
    district: str = ""  # a former district code of the home province (before July 2025)
    qualification: str = ""  # at least this level


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


def _in_units(new_codes: set[str], legacy_codes: set[str]) -> ColumnElement[bool]:
    clauses = []
    if new_codes:
        clauses.append(
            and_(
                WorkerProfile.unit_version == V2025,
                WorkerProfile.current_commune_code.in_(sorted(new_codes)),
            )
        )
    if legacy_codes:
        clauses.append(
            and_(
                WorkerProfile.unit_version == LEGACY,
                WorkerProfile.current_commune_code.in_(sorted(legacy_codes)),
            )
        )
    return or_(*clauses) if clauses else WorkerProfile.id.is_(None)


def filter_conditions(session: DbSession, filters: WorkerFilters) -> list[ColumnElement[bool]]:
    """The SQL conditions of the chosen filters; refuses codes that do not exist."""
    conditions: list[ColumnElement[bool]] = []
    if filters.occupation:
        code = filters.occupation.strip()
        if not code.isdigit():
            raise InvalidProfileData(
                _l("Please choose an occupation from the list."), field="occupation"
            )
        # JSON lists are stored as text on both databases ('["7212", "7223"]'): a quoted prefix
        # finds a code and everything under it, without a second table.
        conditions.append(
            or_(
                WorkerProfile.current_occupation_code.startswith(code),
                cast(WorkerProfile.wished_occupation_codes, Text).like(f'%"{code}%'),
                exists().where(
                    Experience.profile_id == WorkerProfile.id,
                    Experience.occupation_code.startswith(code),
                ),
            )
        )
    if filters.skill.strip():
        folded = fold_key(filters.skill)
        if folded:
            pattern = f"%{_like_escape(folded)}%"
            taxonomy = (
                select(SkillAlias.skill_id)
                .where(SkillAlias.alias_folded.like(pattern, escape="\\"))
                .union(select(Skill.id).where(Skill.name_folded.like(pattern, escape="\\")))
            )
            conditions.append(
                exists().where(
                    WorkerSkill.profile_id == WorkerProfile.id,
                    or_(
                        WorkerSkill.text_folded.like(pattern, escape="\\"),
                        WorkerSkill.skill_id.in_(taxonomy),
                    ),
                )
            )
    if filters.commune:
        version, _sep, code = filters.commune.rpartition(":")
        version = version or V2025
        unit = places.get_unit(session, version, "commune", code)
        if unit is None:
            raise InvalidProfileData(_l("Please choose a commune from the list."), field="commune")
        if version == V2025:
            conditions.append(_in_units({code}, places.legacy_communes_of(session, code)))
        else:
            conditions.append(_in_units(places.new_communes_of(session, code), {code}))
    if filters.district:
        if places.get_unit(session, LEGACY, "district", filters.district) is None:
            raise InvalidProfileData(
                _l("Please choose a former district from the list."), field="district"
            )
        communes = places.communes_of_former_district(session, filters.district)
        conditions.append(_in_units(communes[V2025], communes[LEGACY]))
    if filters.qualification:
        rank = session.scalar(
            select(QualificationLevel.rank).where(QualificationLevel.code == filters.qualification)
        )
        if rank is None:
            raise InvalidProfileData(
                _l("Please choose a qualification from the list."), field="qualification"
            )
        at_least = select(QualificationLevel.code).where(QualificationLevel.rank >= rank)
        conditions.append(WorkerProfile.qualification_code.in_(at_least))
    return conditions


def searchable_profiles() -> list[ColumnElement[bool]]:
    """Profiles any verified employer may find: consented to matching, active account."""
    active_owner = select(User.id).where(User.disabled.is_(False))
    return [
        consented_profiles_clause(ConsentPurpose.MATCHING),
        WorkerProfile.user_id.in_(active_owner),
    ]


def search_workers(
    session: DbSession,
    organisation_id: int,
    filters: WorkerFilters,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> tuple[list[WorkerCard], int]:
    """A page of consenting workers matching ``filters``, most recently updated first."""
    conditions = searchable_profiles() + filter_conditions(session, filters)
    total = session.scalar(select(func.count()).select_from(WorkerProfile).where(*conditions)) or 0
    profiles = session.scalars(
        select(WorkerProfile)
        .where(*conditions)
        .options(selectinload(WorkerProfile.skills))
        .order_by(WorkerProfile.updated_at.desc(), WorkerProfile.id.desc())
        .limit(per_page)
        .offset(max(page - 1, 0) * per_page)
    ).all()
    statuses = _request_statuses(session, organisation_id, [p.id for p in profiles])
    areas: dict[tuple[str, str | None], str] = {}
    cards = []
    for profile in profiles:
        key = (profile.unit_version, profile.current_commune_code)
        if key not in areas:
            areas[key] = places.area_label(session, *key)
        cards.append(_card(profile, areas[key], statuses.get(profile.id)))
    return cards, total


def _card(profile: WorkerProfile, area: str, request_status: str | None) -> WorkerCard:
    return WorkerCard(
        profile_id=profile.id,
        short_name=short_name(profile.full_name),
        skills=[skill.raw_text for skill in profile.skills],
        qualification_code=profile.qualification_code,
        area=area,
        wished_occupation_codes=list(profile.wished_occupation_codes or []),
        current_occupation_code=profile.current_occupation_code,
        request_status=request_status,
    )


def _request_statuses(
    session: DbSession, organisation_id: int, profile_ids: list[int]
) -> dict[int, str]:
    if not profile_ids:
        return {}
    rows = session.execute(
        select(ContactRequest.profile_id, ContactRequest.status).where(
            ContactRequest.organisation_id == organisation_id,
            ContactRequest.profile_id.in_(profile_ids),
        )
    )
    return {profile_id: status for profile_id, status in rows}


# -- one worker, as an employer sees them ----------------------------------------------


def employer_view(session: DbSession, organisation_id: int, profile_id: int) -> EmployerWorkerView:
    """What an employer may see of one worker; :class:`ProfileNotFound` when nothing.

    A worker is visible while consenting to matching, or while the employer holds contact
    (an accepted request or an application). Never sensitive data, never the full CCCD.
    """
    profile = session.get(WorkerProfile, profile_id)
    if profile is None or profile.user_id is None:
        raise ProfileNotFound()
    owner = session.get(User, profile.user_id)
    if owner is None or owner.disabled:
        raise ProfileNotFound()
    visible_contact = contact_visible(session, organisation_id, profile_id)
    if not visible_contact and not has_consent(session, profile_id, ConsentPurpose.MATCHING):
        raise ProfileNotFound()
    request = session.scalar(
        select(ContactRequest).where(
            ContactRequest.organisation_id == organisation_id,
            ContactRequest.profile_id == profile_id,
        )
    )
    view = EmployerWorkerView(
        **vars(
            _card(
                profile,
                places.area_label(session, profile.unit_version, profile.current_commune_code),
                request.status if request else None,
            )
        ),
        experiences=[
            (e.job_title, e.occupation_code, e.start_date, e.end_date) for e in profile.experiences
        ],
        shifts_accepted=list(profile.shifts_accepted or []),
        willing_to_relocate=profile.willing_to_relocate,
        accepts_contact=has_consent(session, profile_id, ConsentPurpose.CONTACT),
        contact_visible=visible_contact,
    )
    if visible_contact:
        view.full_name = profile.full_name
        view.phone = profile.phone or ""
        view.email = profile.email or ""
        view.masked_cccd = mask_cccd(profile.cccd)
    return view
