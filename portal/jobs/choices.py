"""Codes the jobs domain stores and the translatable labels people read.

Codes are stored (JSON lists on the vacancy, enum values); labels are lazy translations, so a
page shows them in the reader's language and a renamed label never changes stored data.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.jobs.models import ApplicationStatus, EnterpriseType, SizeBand, VacancyStatus

SHIFTS: dict[str, LazyString] = {
    "office": _l("Office hours (hành chính)"),
    "two_shifts": _l("Two shifts (ca 2)"),
    "three_shifts": _l("Three shifts (ca 3)"),
    "rotating": _l("Rotating shifts (ca xoay)"),
    "night": _l("Night shift"),
    "part_time": _l("Part-time"),
}

BENEFITS: dict[str, LazyString] = {
    "bhxh": _l("Social insurance (BHXH)"),
    "bhtn": _l("Unemployment insurance (BHTN)"),
    "bhyt": _l("Health insurance (BHYT)"),
    "meals": _l("Meals at work"),
    "dormitory": _l("Dormitory"),
    "shuttle": _l("Shuttle bus"),
    "thirteenth_month": _l("13th-month salary"),
    "attendance_bonus": _l("Attendance bonus"),
    "housing_allowance": _l("Housing or travel allowance"),
    "paid_training": _l("Paid training"),
    "paid_overtime": _l("Paid overtime"),
    "health_checks": _l("Regular health checks"),
}

ENTERPRISE_TYPES: dict[str, LazyString] = {
    EnterpriseType.STATE: _l("State-owned enterprise"),
    EnterpriseType.PRIVATE: _l("Private enterprise"),
    EnterpriseType.FDI: _l("Foreign-invested enterprise (FDI)"),
    EnterpriseType.COOPERATIVE: _l("Cooperative"),
    EnterpriseType.HOUSEHOLD: _l("Household business"),
}

SIZE_BANDS: dict[str, LazyString] = {
    SizeBand.MICRO: _l("Up to 10 employees"),
    SizeBand.SMALL: _l("11 to 100 employees"),
    SizeBand.MEDIUM: _l("101 to 200 employees"),
    SizeBand.LARGE: _l("More than 200 employees"),
}

VACANCY_STATUSES: dict[str, LazyString] = {
    VacancyStatus.DRAFT: _l("Draft"),
    VacancyStatus.OPEN: _l("Open"),
    VacancyStatus.CLOSED: _l("Closed"),
    VacancyStatus.FILLED: _l("Filled"),
}

APPLICATION_STATUSES: dict[str, LazyString] = {
    ApplicationStatus.APPLIED: _l("Applied"),
    ApplicationStatus.SHORTLISTED: _l("Shortlisted"),
    ApplicationStatus.INTERVIEW: _l("Interview"),
    ApplicationStatus.OFFERED: _l("Offered"),
    ApplicationStatus.HIRED: _l("Hired"),
    ApplicationStatus.REJECTED: _l("Not selected"),
    ApplicationStatus.WITHDRAWN: _l("Withdrawn"),
}

# Reasons the portal itself records in the vacancy history (people's reasons are kept as typed).
DEADLINE_PASSED = "deadline_passed"
SYSTEM_REASONS: dict[str, LazyString] = {
    DEADLINE_PASSED: _l("The application deadline passed."),
}

LABELS: dict[str, dict[str, LazyString]] = {
    "shift": SHIFTS,
    "benefit": BENEFITS,
    "enterprise_type": ENTERPRISE_TYPES,
    "size": SIZE_BANDS,
    "vacancy_status": VACANCY_STATUSES,
    "application_status": APPLICATION_STATUSES,
    "reason": SYSTEM_REASONS,
}


def label(kind: str, value: object) -> str:
    """The reader's label of a stored code; unknown codes are shown as stored."""
    if value is None:
        return ""
    text = LABELS.get(kind, {}).get(str(value))
    return str(text) if text is not None else str(value)
