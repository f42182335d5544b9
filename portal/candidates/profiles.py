"""Worker and graduate profiles: create and edit them section by section.

A profile is edited in sections (identity, residence, education, skills, experience,
employment, job wishes) so that each form fits on a phone screen. Every ``save_*`` function
validates its section completely, then commits it in one transaction; a refusal raises
:class:`~portal.candidates.errors.InvalidProfileData` naming the field and saves nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, scoped_session

from portal.access import Role
from portal.accounts.models import User
from portal.candidates import places
from portal.candidates.consent import CONSENT_TEXTS, record_consent
from portal.candidates.errors import (
    InvalidProfileData,
    NotAllowed,
    ProfileNotFound,
    rollback_on_refusal,
)
from portal.candidates.models import (
    ConsentPurpose,
    EmploymentStatus,
    GeneralEducation,
    InactiveReason,
    Sex,
    WorkerProfile,
)
from portal.candidates.validation import (
    check_cccd_matches,
    check_date_of_birth,
    check_employment,
    check_graduation_year,
    clean_cccd,
    clean_email,
    clean_phone,
)
from portal.i18n import to_local
from portal.jobs.choices import SHIFTS
from portal.models import utcnow
from portal.reference.models import (
    COMMUNE,
    Occupation,
    QualificationLevel,
    TrainingOccupation,
)
from portal.text import fold_key, normalise

DbSession = Session | scoped_session[Session]
MAX_PREFERRED_COMMUNES = 10
MAX_WISHED_OCCUPATIONS = 10


def local_today() -> dt.date:
    """Today in Vietnam: ages and "not in the future" checks use the local calendar."""
    return to_local(utcnow()).date()


# -- lookups -----------------------------------------------------------------------------------


def get_profile_for_user(session: DbSession, user_id: int) -> WorkerProfile | None:
    """The profile owned by a worker account, or None when the worker has not made one yet."""
    return session.scalar(select(WorkerProfile).where(WorkerProfile.user_id == user_id))


def get_profile(session: DbSession, profile_id: int) -> WorkerProfile:
    profile = session.get(WorkerProfile, profile_id)
    if profile is None:
        raise ProfileNotFound()
    return profile


def owned_profile(session: DbSession, user_id: int) -> WorkerProfile:
    profile = get_profile_for_user(session, user_id)
    if profile is None:
        raise ProfileNotFound(_l("Please fill in your personal details first."))
    return profile


def clean_text(value: str | None, field: str, max_length: int, *, required: bool = False) -> str:
    text = normalise(value)
    if required and not text:
        raise InvalidProfileData(_l("This field is required."), field=field)
    if len(text) > max_length:
        raise InvalidProfileData(
            _l("Please keep this under %(count)d characters.", count=max_length), field=field
        )
    return text


def check_occupation(session: DbSession, code: str | None, field: str) -> str | None:
    if not code:
        return None
    found = session.scalar(
        select(Occupation.code).where(Occupation.code == code, Occupation.active.is_(True))
    )
    if found is None:
        raise InvalidProfileData(_l("Please choose an occupation from the list."), field=field)
    return found


def commit_profile(session: DbSession) -> None:
    """Commit; a concurrent duplicate CCCD surfaces as the same message as the early check."""
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        if "cccd" in str(error.orig).lower():
            raise InvalidProfileData(CCCD_TAKEN, field="cccd") from error
        raise InvalidProfileData(
            _l("This was saved at the same time from another window; please try again.")
        ) from error


CCCD_TAKEN = _l(
    "This CCCD number is already registered on another profile. If it is yours, please "
    "contact the labour authority to have it checked."
)


# -- identity (creates the profile) ---------------------------------------------------------


@rollback_on_refusal
def save_identity(
    session: DbSession,
    user_id: int,
    *,
    full_name: str,
    date_of_birth: dt.date | None,
    sex: Sex | str | None,
    cccd: str | None,
    consents: Iterable[ConsentPurpose | str] = (),
    today: dt.date | None = None,
) -> WorkerProfile:
    """Create the worker's profile, or update its identity section.

    ``consents`` are the purposes ticked on the first form (never pre-ticked); they are only
    read when the profile is created; afterwards consent is changed on the consent page.
    """
    today = today or local_today()
    user = session.get(User, user_id)
    if user is None or user.disabled or user.role != Role.WORKER:
        raise NotAllowed()
    name = clean_text(full_name, "full_name", 200, required=True)
    check_date_of_birth(date_of_birth, today)
    if not sex:
        raise InvalidProfileData(_l("Please choose your sex."), field="sex")
    sex = Sex(sex)
    digits = clean_cccd(cccd)
    check_cccd_matches(digits, date_of_birth, sex)
    profile = get_profile_for_user(session, user_id)
    if digits is not None:
        holder = session.scalar(select(WorkerProfile.id).where(WorkerProfile.cccd == digits))
        if holder is not None and (profile is None or holder != profile.id):
            raise InvalidProfileData(CCCD_TAKEN, field="cccd")
    creating = profile is None
    if profile is None:
        profile = WorkerProfile(user_id=user_id, email=user.email)
        try:
            profile.phone = clean_phone(user.phone)
        except InvalidProfileData:
            profile.phone = None  # the account's number is not a mobile: ask in the next form
        session.add(profile)
    profile.full_name = name
    profile.name_folded = fold_key(name)
    profile.date_of_birth = date_of_birth
    profile.sex = sex
    profile.cccd = digits
    if creating:
        session.flush()
        for purpose in consents:
            text = CONSENT_TEXTS[ConsentPurpose(purpose)]
            record_consent(session, profile.id, text.purpose, True, text.version)
    commit_profile(session)
    return profile


# -- contact and residence ----------------------------------------------------------------------


@rollback_on_refusal
def save_residence(
    session: DbSession,
    user_id: int,
    *,
    phone: str | None,
    email: str | None,
    unit_version: str,
    permanent_commune: str | None,
    current_commune: str | None,
    address_detail: str = "",
    home_province_code: str | None = None,
) -> WorkerProfile:
    """Phone, e-mail, permanent and current residence (commune codes) and home province.

    Communes are given as the commune field sends them (see :func:`places.resolve_commune`).
    """
    profile = owned_profile(session, user_id)
    if unit_version not in places.UNIT_VERSIONS:
        raise InvalidProfileData(_l("Please choose a valid list of units."), field="unit_version")
    phone_digits = clean_phone(phone)
    email_address = clean_email(email)
    if phone_digits is None and email_address is None:
        raise InvalidProfileData(
            _l("Please give a phone number or an e-mail address."), field="phone"
        )
    permanent = places.resolve_commune(
        session, unit_version, permanent_commune, "permanent_commune"
    )
    current = places.resolve_commune(session, unit_version, current_commune, "current_commune")
    if current is None:
        raise InvalidProfileData(
            _l("Please choose the commune where you live now."), field="current_commune"
        )
    home = places.check_province(session, unit_version, home_province_code, "home_province_code")
    if unit_version != profile.unit_version:
        _check_version_change(session, profile, unit_version)
    profile.phone = phone_digits
    profile.email = email_address
    profile.unit_version = unit_version
    profile.permanent_commune_code = permanent
    profile.current_commune_code = current
    profile.address_detail = clean_text(address_detail, "address_detail", 255)
    profile.home_province_code = home
    commit_profile(session)
    return profile


def _check_version_change(session: DbSession, profile: WorkerProfile, version: str) -> None:
    """Codes of the other sections are only meaningful in the version they were chosen in."""
    province = profile.workplace_province_code
    province_ok = province is None or places.check_province(
        session, version, province, "unit_version"
    )
    if profile.workplace_commune_code or profile.preferred_commune_codes or not province_ok:
        raise InvalidProfileData(
            _l(
                "Your workplace and preferred communes were chosen from the other list of "
                "units. Please clear them in the Employment and Job wishes sections first."
            ),
            field="unit_version",
        )


# -- education and training ---------------------------------------------------------------------


@rollback_on_refusal
def save_education(
    session: DbSession,
    user_id: int,
    *,
    general_education: GeneralEducation | str | None,
    qualification_code: str | None,
    training_field: str = "",
    training_occupation_code: str | None = None,
    school_name: str = "",
    graduation_year: int | None = None,
    today: dt.date | None = None,
) -> WorkerProfile:
    profile = owned_profile(session, user_id)
    if not general_education:
        raise InvalidProfileData(
            _l("Please choose your highest general education."), field="general_education"
        )
    if not qualification_code:
        raise InvalidProfileData(
            _l("Please choose your highest qualification."), field="qualification_code"
        )
    level = session.scalar(
        select(QualificationLevel).where(
            QualificationLevel.code == qualification_code, QualificationLevel.active.is_(True)
        )
    )
    if level is None:
        raise InvalidProfileData(
            _l("Please choose a qualification from the list."), field="qualification_code"
        )
    if training_occupation_code:
        found = session.scalar(
            select(TrainingOccupation.code).where(
                TrainingOccupation.code == training_occupation_code,
                TrainingOccupation.active.is_(True),
            )
        )
        if found is None:
            raise InvalidProfileData(
                _l("Please choose a training occupation from the list."),
                field="training_occupation_code",
            )
    check_graduation_year(graduation_year, profile.date_of_birth, today or local_today())
    profile.general_education = GeneralEducation(general_education)
    profile.qualification_code = level.code
    profile.training_field = clean_text(training_field, "training_field", 255)
    profile.training_occupation_code = training_occupation_code or None
    profile.school_name = clean_text(school_name, "school_name", 255)
    profile.graduation_year = graduation_year
    commit_profile(session)
    return profile


# -- employment status ------------------------------------------------------------------------


@rollback_on_refusal
def save_employment(
    session: DbSession,
    user_id: int,
    *,
    employment_status: EmploymentStatus | str | None,
    unemployed_since: dt.date | None = None,
    inactive_reason: InactiveReason | str | None = None,
    current_occupation_code: str | None = None,
    current_employer_name: str = "",
    workplace_province_code: str | None = None,
    workplace_commune: str | None = None,
    has_bhxh: bool = False,
    has_bhtn: bool = False,
    today: dt.date | None = None,
) -> WorkerProfile:
    """Employment status with its dependent fields, checked for consistency."""
    profile = owned_profile(session, user_id)
    status = EmploymentStatus(employment_status) if employment_status else None
    reason = InactiveReason(inactive_reason) if inactive_reason else None
    employer = clean_text(current_employer_name, "current_employer_name", 255)
    commune_code = places.resolve_commune(
        session, profile.unit_version, workplace_commune, "workplace_commune"
    )
    check_employment(
        status=status,
        unemployed_since=unemployed_since,
        inactive_reason=reason,
        workplace_province_code=workplace_province_code or None,
        current_employer_name=employer,
        date_of_birth=profile.date_of_birth,
        has_bhxh=has_bhxh,
        has_bhtn=has_bhtn,
        today=today or local_today(),
    )
    if commune_code and status != EmploymentStatus.EMPLOYED:
        raise InvalidProfileData(
            _l(
                "A workplace can only be given when you are employed. Clear it, or choose "
                '"Employed" as your status.'
            ),
            field="workplace_commune",
        )
    province = places.check_province(
        session, profile.unit_version, workplace_province_code, "workplace_province_code"
    )
    if commune_code:
        unit = places.get_unit(session, profile.unit_version, COMMUNE, commune_code)
        if unit is not None and unit.province_code != province:
            raise InvalidProfileData(
                _l("This commune is not in the province chosen as your workplace."),
                field="workplace_commune",
            )
    occupation = check_occupation(session, current_occupation_code, "current_occupation_code")
    if occupation and status != EmploymentStatus.EMPLOYED:
        raise InvalidProfileData(
            _l("A current job can only be given when you are employed."),
            field="current_occupation_code",
        )
    profile.employment_status = status
    profile.unemployed_since = unemployed_since
    profile.inactive_reason = reason
    profile.current_occupation_code = occupation
    profile.current_employer_name = employer
    profile.workplace_province_code = province
    profile.workplace_commune_code = commune_code
    profile.has_bhxh = has_bhxh
    profile.has_bhtn = has_bhtn
    commit_profile(session)
    return profile


# -- job wishes -----------------------------------------------------------------------------


@rollback_on_refusal
def save_wishes(
    session: DbSession,
    user_id: int,
    *,
    occupation_codes: Sequence[str] = (),
    preferred_communes: Sequence[str] = (),
    max_commute_km: int | None = None,
    min_wage: int | None = None,
    shifts: Sequence[str] = (),
    willing_to_relocate: bool = False,
    summary: str = "",
) -> WorkerProfile:
    profile = owned_profile(session, user_id)
    occupations: list[str] = []
    for code in occupation_codes:
        found = check_occupation(session, code, "wished_occupation_codes")
        if found and found not in occupations:
            occupations.append(found)
    if len(occupations) > MAX_WISHED_OCCUPATIONS:
        raise InvalidProfileData(
            _l("Please choose at most %(count)d occupations.", count=MAX_WISHED_OCCUPATIONS),
            field="wished_occupation_codes",
        )
    communes: list[str] = []
    for text in preferred_communes:
        code = places.resolve_commune(session, profile.unit_version, text, "preferred_communes")
        if code and code not in communes:
            communes.append(code)
    if len(communes) > MAX_PREFERRED_COMMUNES:
        raise InvalidProfileData(
            _l("Please choose at most %(count)d communes.", count=MAX_PREFERRED_COMMUNES),
            field="preferred_communes",
        )
    if max_commute_km is not None and not 0 < max_commute_km <= 300:
        raise InvalidProfileData(
            _l("Please enter a distance between 1 and 300 km."), field="max_commute_km"
        )
    if min_wage is not None and not 0 <= min_wage <= 1_000_000_000:
        raise InvalidProfileData(
            _l("Please enter a monthly wage in đồng, for example 7000000."), field="min_wage"
        )
    unknown = [shift for shift in shifts if shift not in SHIFTS]
    if unknown:
        raise InvalidProfileData(_l("Please choose shifts from the list."), field="shifts")
    profile.wished_occupation_codes = occupations
    profile.preferred_commune_codes = communes
    profile.max_commute_km = max_commute_km
    profile.min_wage = min_wage
    profile.shifts_accepted = [shift for shift in SHIFTS if shift in shifts]
    profile.willing_to_relocate = willing_to_relocate
    profile.summary = clean_text(summary, "summary", 2000)
    commit_profile(session)
    return profile
