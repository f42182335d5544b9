"""Translatable labels of the codes a profile stores (enums, sections, consent states)."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from portal.candidates.models import (
    ConsentPurpose,
    EmploymentStatus,
    GeneralEducation,
    InactiveReason,
    Sex,
)
from portal.reference.models import LEGACY, V2025

SEX: dict[str, LazyString] = {Sex.MALE: _l("Male"), Sex.FEMALE: _l("Female")}

GENERAL_EDUCATION: dict[str, LazyString] = {
    GeneralEducation.NONE: _l("Did not finish primary school"),
    GeneralEducation.PRIMARY: _l("Primary school (grade 5)"),
    GeneralEducation.LOWER_SECONDARY: _l("Lower secondary school (grade 9)"),
    GeneralEducation.UPPER_SECONDARY: _l("Upper secondary school (grade 12)"),
}

EMPLOYMENT_STATUS: dict[str, LazyString] = {
    EmploymentStatus.EMPLOYED: _l("Employed (I have a job)"),
    EmploymentStatus.UNEMPLOYED: _l("Unemployed (no job, looking for work and ready to start)"),
    EmploymentStatus.NOT_IN_LABOUR_FORCE: _l("Not working and not looking for work"),
    EmploymentStatus.STUDENT: _l("Pupil or student"),
}

INACTIVE_REASON: dict[str, LazyString] = {
    InactiveReason.STUDYING: _l("Studying"),
    InactiveReason.HOUSEWORK: _l("Housework or caring for family"),
    InactiveReason.RETIRED: _l("Retired"),
    InactiveReason.ILLNESS_DISABILITY: _l("Illness or disability"),
    InactiveReason.OTHER: _l("Other reason"),
}

UNIT_VERSION: dict[str, LazyString] = {
    V2025: _l("Current communes (from 1 July 2025)"),
    LEGACY: _l("Former communes and districts (before 1 July 2025)"),
}

CONSENT_PURPOSE: dict[str, LazyString] = {
    ConsentPurpose.MATCHING: _l("Job matching and being found by employers"),
    ConsentPurpose.CONTACT: _l("Being contacted by employers"),
    ConsentPurpose.STATISTICS: _l("Labour statistics"),
}

SECTION: dict[str, LazyString] = {
    "identity": _l("Personal details"),
    "residence": _l("Contact and residence"),
    "education": _l("Education and training"),
    "skills": _l("Skills"),
    "experience": _l("Work experience"),
    "employment": _l("Current employment"),
    "wishes": _l("Job wishes"),
}

CONTACT_REQUEST_STATUS: dict[str, LazyString] = {
    "pending": _l("Waiting for the worker's answer"),
    "accepted": _l("Accepted: contact details shared"),
    "declined": _l("Declined"),
}

LABELS: dict[str, dict[str, LazyString]] = {
    "sex": SEX,
    "general_education": GENERAL_EDUCATION,
    "employment_status": EMPLOYMENT_STATUS,
    "inactive_reason": INACTIVE_REASON,
    "unit_version": UNIT_VERSION,
    "consent_purpose": CONSENT_PURPOSE,
    "section": SECTION,
    "contact_request": CONTACT_REQUEST_STATUS,
}


def label(kind: str, value: object) -> str:
    """The reader's label of a stored code; unknown codes are shown as stored."""
    if value is None:
        return ""
    text = LABELS.get(kind, {}).get(str(value))
    return str(text) if text is not None else str(value)


def choices(kind: str, *, blank: LazyString | None = None) -> list[SelectChoice]:
    """Form choices of a kind of code, optionally after a blank "Choose…" entry."""
    items = [SelectChoice(code, text) for code, text in LABELS[kind].items()]
    return ([SelectChoice("", blank)] if blank is not None else []) + items
