"""The rules a vacancy's content must meet, checked all at once so a form shows every problem.

Decree 70/2023/NĐ-CP: before hiring a foreign worker, an employer must advertise the position
to Vietnamese workers for at least 15 days. A vacancy flagged ``foreign_worker_position`` is
therefore opened only with a deadline at least 15 days after the opening date, and cannot be
closed or marked filled before that date (:mod:`.vacancy_status`). The flag is fixed once the
vacancy has been opened. Dates are Vietnam's calendar dates (UTC+7).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.i18n import format_date, format_money, to_local
from portal.jobs import lookups
from portal.jobs.choices import BENEFITS, SHIFTS
from portal.jobs.errors import InvalidInput, Message
from portal.jobs.industrial_parks import canonical_park_name
from portal.jobs.models import SkillImportance, Vacancy, VacancyStatus
from portal.models import utcnow
from portal.text import fold_key, normalise

FOREIGN_WORKER_MIN_DAYS = 15  # Decree 70/2023/NĐ-CP
WAGE_FLOOR = 1_000_000  # VND per month; below is almost surely a typing slip (8.5 for 8.5 M)
WAGE_CEILING = 500_000_000
MAX_POSITIONS = 10_000
MAX_EXPERIENCE_MONTHS = 600
MAX_DEADLINE_DAYS = 366
MAX_SKILLS = 20
EDITABLE = frozenset({VacancyStatus.DRAFT, VacancyStatus.OPEN})
FINAL = frozenset({VacancyStatus.CLOSED, VacancyStatus.FILLED})


def vietnam_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam: deadlines and the Decree 70 period count calendar days there."""
    return to_local(now or utcnow()).date()


def earliest_close_date(vacancy: Vacancy) -> dt.date | None:
    """For a Decree 70 vacancy that has opened: the first day it may be closed or filled."""
    if not vacancy.foreign_worker_position or vacancy.opened_at is None:
        return None
    return vietnam_today(vacancy.opened_at) + dt.timedelta(days=FOREIGN_WORKER_MIN_DAYS)


@dataclass
class VacancyInput:
    """What the employer types; the service checks and normalises every value."""

    title: str
    occupation_code: str
    commune: str  # "2025:10507"
    deadline: dt.date | None
    positions: int | None = 1
    wage_min: int | None = None
    wage_max: int | None = None
    wage_negotiable: bool = False
    industrial_park: str = ""
    qualification_code: str = "none"
    min_experience_months: int | None = 0
    working_hours: str = ""
    shifts: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    must_skills: list[str] = field(default_factory=list)
    nice_skills: list[str] = field(default_factory=list)
    description: str = ""
    foreign_worker_position: bool = False


def _skill_texts(values: list[str], errors: dict[str, Message], name: str) -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = normalise(value)
        key = fold_key(text)
        if not key or key in seen:
            continue
        if len(text) > 150:
            errors[name] = _l("Please keep each skill under 150 characters.")
            continue
        seen.add(key)
        texts.append(text)
    if len(texts) > MAX_SKILLS:
        errors[name] = _l("Please list at most %(count)d skills.", count=MAX_SKILLS)
    return texts


def check_vacancy(
    session: Session, data: VacancyInput, vacancy: Vacancy | None, today: dt.date
) -> dict[str, object]:
    """The cleaned values of ``data``, or :class:`InvalidInput` with every problem at once,
    keyed by form field. ``vacancy`` is the vacancy being edited (None for a new one)."""
    errors: dict[str, Message] = {}
    values: dict[str, object] = {}

    title = normalise(data.title)
    if not title:
        errors["title"] = _l("Please enter the job title.")
    elif len(title) > 200:
        errors["title"] = _l("Please keep the title under %(count)d characters.", count=200)
    values["title"] = title

    code = (data.occupation_code or "").strip()
    occupation = lookups.find_occupation(session, code) if code else None
    if occupation is None or not occupation.active:
        errors["occupation"] = _l("Please choose the occupation from the list.")
    values["occupation_code"] = code

    positions = data.positions
    if positions is None or not 1 <= positions <= MAX_POSITIONS:
        errors["positions"] = _l(
            "The number of positions must be between 1 and %(count)d.", count=MAX_POSITIONS
        )
    values["positions"] = positions

    values["wage_negotiable"] = bool(data.wage_negotiable)
    wage_min, wage_max = data.wage_min, data.wage_max
    bounds = _l(
        "A monthly wage must be between %(low)s and %(high)s.",
        low=format_money(WAGE_FLOOR),
        high=format_money(WAGE_CEILING),
    )
    if wage_min is None and not data.wage_negotiable:
        errors["wage_min"] = _l("Please enter the minimum monthly wage, or tick “negotiable”.")
    for name, amount in (("wage_min", wage_min), ("wage_max", wage_max)):
        if amount is not None and not WAGE_FLOOR <= amount <= WAGE_CEILING:
            errors[name] = bounds
    if (
        wage_min is not None
        and wage_max is not None
        and wage_min > wage_max
        and "wage_max" not in errors
    ):
        errors["wage_max"] = _l("The maximum wage cannot be lower than the minimum wage.")
    values["wage_min"], values["wage_max"] = wage_min, wage_max

    unit = lookups.parse_unit_value(data.commune)
    commune = lookups.find_commune(session, *unit) if unit else None
    unchanged = (
        commune is not None
        and vacancy is not None
        and (vacancy.unit_version, vacancy.commune_code) == (commune.version, commune.code)
    )
    if commune is None:
        errors["commune"] = _l("Please choose the commune where the work is.")
    elif not commune.active and not unchanged:
        errors["commune"] = _l("This commune no longer exists; please choose its successor.")
    else:
        values["unit_version"], values["commune_code"] = commune.version, commune.code

    park = canonical_park_name(data.industrial_park)
    if len(park) > 120:
        errors["industrial_park"] = _l("Please keep this under %(count)d characters.", count=120)
    values["industrial_park"] = park

    qualification = lookups.find_qualification(session, data.qualification_code or "")
    if qualification is None:
        errors["qualification_code"] = _l("Please choose the qualification level.")
    values["qualification_code"] = data.qualification_code

    months = data.min_experience_months
    if months is None or not 0 <= months <= MAX_EXPERIENCE_MONTHS:
        errors["min_experience_months"] = _l(
            "The minimum experience must be between 0 and %(count)d months.",
            count=MAX_EXPERIENCE_MONTHS,
        )
    values["min_experience_months"] = months

    hours = normalise(data.working_hours)
    if len(hours) > 255:
        errors["working_hours"] = _l("Please keep this under %(count)d characters.", count=255)
    values["working_hours"] = hours
    if set(data.shifts) - set(SHIFTS):
        errors["shifts"] = _l("Please choose the shifts from the list.")
    values["shifts"] = [code for code in SHIFTS if code in data.shifts]
    if set(data.benefits) - set(BENEFITS):
        errors["benefits"] = _l("Please choose the benefits from the list.")
    values["benefits"] = [code for code in BENEFITS if code in data.benefits]

    deadline = data.deadline
    if deadline is None:
        errors["deadline"] = _l("Please enter the application deadline (dd/mm/yyyy).")
    elif deadline < today:
        errors["deadline"] = _l("The deadline cannot be in the past.")
    elif deadline > today + dt.timedelta(days=MAX_DEADLINE_DAYS):
        errors["deadline"] = _l("The deadline must be within a year from today.")
    elif (
        vacancy is not None
        and (earliest := earliest_close_date(vacancy)) is not None
        and deadline < earliest
    ):
        errors["deadline"] = decree70_message(earliest)
    values["deadline"] = deadline

    description = unicodedata.normalize("NFC", data.description or "").strip()
    if len(description) > 10_000:
        errors["description"] = _l("Please keep the description under 10,000 characters.")
    values["description"] = description

    foreign = bool(data.foreign_worker_position)
    if (
        vacancy is not None
        and vacancy.opened_at is not None
        and foreign != vacancy.foreign_worker_position
    ):
        errors["foreign_worker_position"] = _l(
            "This cannot be changed after the vacancy has been published."
        )
    values["foreign_worker_position"] = foreign

    must = _skill_texts(data.must_skills, errors, "must_skills")
    must_keys = {fold_key(text) for text in must}
    nice = [
        t
        for t in _skill_texts(data.nice_skills, errors, "nice_skills")
        if fold_key(t) not in must_keys
    ]
    values["skills"] = [(t, SkillImportance.MUST) for t in must] + [
        (t, SkillImportance.NICE) for t in nice
    ]

    if errors:
        raise InvalidInput(errors=errors)
    return values


def decree70_message(earliest: dt.date) -> Message:
    return _l(
        "This vacancy is advertised for a position to be offered to a foreign worker: under "
        "Decree 70/2023/NĐ-CP it must stay open to Vietnamese workers for at least 15 days, "
        "until %(date)s.",
        date=format_date(earliest),
    )
