"""The employer profile: the enterprise behind an employer organisation (FACTS.md §4).

A pending organisation may fill its profile (the authority reads it before verifying); only
publishing needs verification. Once the organisation is verified, the tax code is what the
authority verified, so the employer can no longer change it alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.access import Role
from portal.accounts.models import Organisation, OrganisationKind, OrganisationStatus, User
from portal.jobs import lookups
from portal.jobs.errors import InvalidInput, Message, NotFound, NotPermitted, rollback_on_refusal
from portal.jobs.industrial_parks import canonical_park_name
from portal.jobs.models import EmployerIndustry, EmployerProfile, EnterpriseType, SizeBand
from portal.jobs.validation import clean_email, clean_phone, clean_tax_code
from portal.text import normalise

MAX_INDUSTRIES = 5

TAX_CODE_INVALID = _l(
    "A tax code has 10 digits, or 10 digits, a dash and 3 digits for a branch "
    "(for example 0800123456 or 0800123456-001)."
)
TAX_CODE_TAKEN = _l(
    "This tax code is already registered for another organisation on the portal. If it is "
    "yours, please contact the labour authority."
)


@dataclass
class EmployerProfileInput:
    """What the employer types; every text is checked and normalised by the service."""

    tax_code: str
    enterprise_type: str
    industries: list[str]  # "2018:2930" (VSIC version and code)
    commune: str  # "2025:10507" (unit version and commune code)
    contact_person: str
    phone: str
    email: str
    size: str
    address_detail: str = ""
    industrial_park: str = ""
    website: str = ""
    description: str = ""


def get_employer_profile(session: Session, organisation_id: int) -> EmployerProfile | None:
    return session.get(EmployerProfile, organisation_id)


def _employer_user(session: Session, actor_id: int, organisation_id: int) -> User:
    actor = session.get(User, actor_id)
    if (
        actor is None
        or actor.disabled
        or actor.role != Role.EMPLOYER
        or actor.organisation_id != organisation_id
    ):
        raise NotPermitted()
    return actor


def _check(
    session: Session, data: EmployerProfileInput, existing: EmployerProfile | None
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    errors: dict[str, Message] = {}
    values: dict[str, object] = {}

    tax_code = clean_tax_code(data.tax_code)
    if tax_code is None:
        errors["tax_code"] = TAX_CODE_INVALID
    values["tax_code"] = tax_code

    try:
        values["enterprise_type"] = EnterpriseType(data.enterprise_type)
    except ValueError:
        errors["enterprise_type"] = _l("Please choose the type of enterprise.")
    try:
        values["size"] = SizeBand(data.size)
    except ValueError:
        errors["size"] = _l("Please choose the size of the enterprise.")

    industries: list[tuple[str, str]] = []
    for value in data.industries:
        version, _, code = value.partition(":")
        if lookups.find_industry(session, version, code) is None:
            errors["industries"] = _l("Please choose the industries from the list.")
            break
        if (version, code) not in industries:
            industries.append((version, code))
    if not industries and "industries" not in errors:
        errors["industries"] = _l("Please choose at least one main industry.")
    elif len(industries) > MAX_INDUSTRIES:
        errors["industries"] = _l(
            "Please choose at most %(count)d main industries.", count=MAX_INDUSTRIES
        )

    unit = lookups.parse_unit_value(data.commune)
    commune = lookups.find_commune(session, *unit) if unit else None
    if unit is None or commune is None:
        errors["commune"] = _l("Please choose the commune of the address from the list.")
    elif not commune.active and not (
        existing is not None
        and (existing.unit_version, existing.commune_code) == (commune.version, commune.code)
    ):
        errors["commune"] = _l("This commune no longer exists; please choose its successor.")
    else:
        values["unit_version"], values["commune_code"] = commune.version, commune.code

    contact = normalise(data.contact_person)
    if not contact:
        errors["contact_person"] = _l("Please enter the name of the contact person.")
    values["contact_person"] = contact[:200]

    phone = clean_phone(data.phone)
    if phone is None:
        errors["phone"] = _l(
            "Please enter a Vietnamese phone number: a mobile (10 digits, e.g. 0912 345 678) "
            "or a landline with its area code (e.g. 0220 3854 568)."
        )
    values["phone"] = phone

    email = clean_email(data.email)
    if email is None:
        errors["email"] = _l("Please enter a valid e-mail address.")
    values["email"] = email

    for name, limit in (
        ("address_detail", 255),
        ("industrial_park", 120),
        ("website", 255),
        ("description", 5000),
    ):
        raw = getattr(data, name) or ""
        # Line breaks matter in a description; elsewhere spacing is normalised.
        if name == "description":
            text = unicodedata.normalize("NFC", raw).strip()
        else:
            text = normalise(raw)
        if len(text) > limit:
            errors[name] = _l("Please keep this under %(count)d characters.", count=limit)
        values[name] = text
    values["industrial_park"] = canonical_park_name(str(values["industrial_park"]))

    if errors:
        raise InvalidInput(errors=errors)
    return values, industries


@rollback_on_refusal
def save_employer_profile(
    session: Session, organisation_id: int, actor_id: int, data: EmployerProfileInput
) -> EmployerProfile:
    """Create or update the profile of the actor's own organisation, all or nothing."""
    _employer_user(session, actor_id, organisation_id)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != OrganisationKind.EMPLOYER:
        raise NotFound()
    profile = session.get(EmployerProfile, organisation_id)
    values, industries = _check(session, data, profile)

    if (
        profile is not None
        and organisation.status != OrganisationStatus.PENDING
        and values["tax_code"] != profile.tax_code
    ):
        raise InvalidInput(
            _l(
                "The tax code was checked when your organisation was verified. To change it, "
                "please contact the labour authority."
            ),
            field="tax_code",
        )
    duplicate = session.scalar(
        select(EmployerProfile.organisation_id).where(
            EmployerProfile.tax_code == values["tax_code"],
            EmployerProfile.organisation_id != organisation_id,
        )
    )
    if duplicate is not None:
        raise InvalidInput(TAX_CODE_TAKEN, field="tax_code")

    if profile is None:
        profile = EmployerProfile(organisation_id=organisation_id)
        session.add(profile)
    for name, value in values.items():
        setattr(profile, name, value)

    wanted = set(industries)
    for row in list(profile.industries):
        if (row.vsic_version, row.vsic_code) not in wanted:
            profile.industries.remove(row)
    have = {(row.vsic_version, row.vsic_code) for row in profile.industries}
    for version, code in industries:
        if (version, code) not in have:
            profile.industries.append(EmployerIndustry(vsic_version=version, vsic_code=code))
    try:
        session.commit()
    except IntegrityError as error:  # another organisation took the tax code meanwhile
        session.rollback()
        raise InvalidInput(TAX_CODE_TAKEN, field="tax_code") from error
    return profile


@dataclass(frozen=True)
class EmployerProfileSummary:
    """A profile with its codes turned into names, for display."""

    profile: EmployerProfile
    commune_name: str
    industries: list[str]


def employer_profile_summary(
    session: Session, organisation_id: int
) -> EmployerProfileSummary | None:
    profile = session.get(EmployerProfile, organisation_id)
    if profile is None:
        return None
    names = []
    for row in profile.industries:
        industry = lookups.find_industry(session, row.vsic_version, row.vsic_code)
        label = industry.name_vi if industry is not None else ""
        names.append(f"{row.vsic_code} – {label} (VSIC {row.vsic_version})")
    return EmployerProfileSummary(
        profile=profile,
        commune_name=lookups.commune_name(session, profile.unit_version, profile.commune_code),
        industries=names,
    )
