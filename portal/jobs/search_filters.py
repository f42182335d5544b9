"""The search filters as SQL conditions: open vacancies, place, occupation, wage and the rest.

Codes from the reference data (communes, former districts, occupations, qualification levels)
are checked and their lookups remembered per process for a few minutes: the reference data
changes only when the authority reloads it, and a search should not pay a round trip for each
filter.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from portal.accounts.models import Organisation, OrganisationStatus
from portal.i18n import VIETNAM_TZ
from portal.jobs import lookups
from portal.jobs.models import Vacancy, VacancyStatus
from portal.jobs.search_params import ANY_PARK, InvalidSearch, SearchParams
from portal.models import utcnow
from portal.reference.models import (
    COMMUNE,
    DISTRICT,
    LEGACY,
    V2025,
    AdminUnit,
    Occupation,
    QualificationLevel,
    UnitMapping,
)


def _in_units(
    new_codes: set[str], legacy_codes: set[str], col: Callable[[Any], Any]
) -> ColumnElement[bool]:
    version, code = col(Vacancy.unit_version), col(Vacancy.commune_code)
    clauses = []
    if new_codes:
        clauses.append(and_(version == V2025, code.in_(sorted(new_codes))))
    if legacy_codes:
        clauses.append(and_(version == LEGACY, code.in_(sorted(legacy_codes))))
    return or_(*clauses) if clauses else Vacancy.id.is_(None)


# Reference lookups of the filters, remembered per process: reference data changes only when
# the authority reloads it, and a search should not pay a round trip per filter.
REFERENCE_MEMO_SECONDS = 300.0
_reference_memo: dict[tuple[str, ...], tuple[float, Any]] = {}


def _remember(session: Session, key: tuple[str, ...], compute: Callable[[], Any]) -> Any:
    full_key = (str(session.get_bind().url), *key)
    now = time.monotonic()
    found = _reference_memo.get(full_key)
    if found is not None and now - found[0] < REFERENCE_MEMO_SECONDS:
        return found[1]
    value = compute()
    if len(_reference_memo) > 2000:
        _reference_memo.clear()
    _reference_memo[full_key] = (now, value)
    return value


def _commune_units(session: Session, code: str) -> tuple[set[str], set[str]] | None:
    """(2025 codes, legacy codes) a 2025 commune covers: itself and what it was formed from."""
    if lookups.find_commune(session, V2025, code) is None:
        return None
    legacy = session.scalars(select(UnitMapping.legacy_code).where(UnitMapping.new_code == code))
    return {code}, set(legacy)


def _district_units(session: Session, code: str) -> tuple[set[str], set[str]] | None:
    """(2025 codes, legacy codes) of a former district: its legacy communes and every 2025
    commune they became (the whole commune, even a part from a neighbouring district)."""
    district = session.scalar(
        select(AdminUnit.id).where(
            AdminUnit.version == LEGACY, AdminUnit.level == DISTRICT, AdminUnit.code == code
        )
    )
    if district is None:
        return None
    communes = set(
        session.scalars(
            select(AdminUnit.code).where(
                AdminUnit.version == LEGACY,
                AdminUnit.level == COMMUNE,
                AdminUnit.parent_code == code,
            )
        )
    )
    new_codes = session.scalars(
        select(UnitMapping.new_code).where(UnitMapping.legacy_code.in_(sorted(communes)))
    )
    return set(new_codes), communes


def _place_conditions(
    session: Session, params: SearchParams, col: Callable[[Any], Any]
) -> list[ColumnElement[bool]]:
    """Commune and former-district filters, through the old→new unit mapping both ways."""
    conditions = []
    if params.commune:
        commune = params.commune
        units = _remember(session, ("commune", commune), lambda: _commune_units(session, commune))
        if units is None:
            raise InvalidSearch({"commune": _l("Choose a commune from the list.")})
        conditions.append(_in_units(*units, col))
    if params.district:
        district = params.district
        units = _remember(
            session, ("district", district), lambda: _district_units(session, district)
        )
        if units is None:
            raise InvalidSearch({"district": _l("Choose a former district from the list.")})
        conditions.append(_in_units(*units, col))
    return conditions


def _starts(column: Any, digits: str) -> ColumnElement[bool]:
    """``column`` starts with the code ``digits``, as a range the column's B-tree index serves
    (``LIKE 'x%'`` cannot use it under a non-C collation): "72" is ["72", "73")."""
    following = digits[:-1] + chr(ord(digits[-1]) + 1)  # "9" → ":", after every digit
    return and_(column >= digits, column < following)


def wage_reaches(min_wage: int) -> ColumnElement[bool]:
    """The stated wage can reach ``min_wage`` (its maximum, or its minimum when no maximum is
    stated); a vacancy stating no figure at all (negotiable) is kept."""
    top = func.coalesce(Vacancy.wage_max, Vacancy.wage_min)
    return or_(top >= min_wage, and_(Vacancy.wage_max.is_(None), Vacancy.wage_min.is_(None)))


def _shielded(column: Any) -> Any:
    """The column in a form no index matches (``coalesce(c, c)`` is ``c``); see
    :data:`Method.FULL_TEXT`."""
    return func.coalesce(column, column)


def _plain(column: Any) -> Any:
    return column


def filter_conditions(
    session: Session,
    params: SearchParams,
    *,
    now: dt.datetime | None = None,
    shielded: bool = False,
) -> list[ColumnElement[bool]]:
    """Open, not past the deadline, and every chosen filter.

    ``shielded`` writes every condition so that no B-tree index can serve it (for the
    full-text method). Raises :class:`InvalidSearch` for a code the reference data does not
    know.
    """
    now = now or utcnow()
    col = _shielded if shielded else _plain
    conditions: list[ColumnElement[bool]] = [
        col(Vacancy.status) == VacancyStatus.OPEN,
        col(Vacancy.deadline) >= now.astimezone(VIETNAM_TZ).date(),
        col(Vacancy.opened_at).is_not(None),  # always set when opened; the order relies on it
        # A suspended employer's vacancies disappear from search as from the vacancy page.
        col(Vacancy.organisation_id).in_(
            select(Organisation.id).where(Organisation.status == OrganisationStatus.VERIFIED)
        ),
    ]
    conditions += _place_conditions(session, params, col)
    if params.occupation:
        known = _remember(
            session,
            ("occupation", params.occupation),
            lambda: session.scalar(
                select(Occupation.id).where(_starts(Occupation.code, params.occupation))
            ),
        )
        if known is None:
            raise InvalidSearch({"occupation": _l("Choose an occupation from the list.")})
        conditions.append(_starts(col(Vacancy.occupation_code), params.occupation))
    if params.min_wage is not None:
        conditions.append(wage_reaches(params.min_wage))
    if params.qualification:
        levels = _remember(
            session,
            ("qualifications",),
            lambda: dict(
                session.execute(select(QualificationLevel.code, QualificationLevel.rank))
                .tuples()
                .all()
            ),
        )
        if params.qualification not in levels:
            raise InvalidSearch(
                {"qualification": _l("Choose a qualification level from the list.")}
            )
        rank = levels[params.qualification]
        allowed = sorted(code for code, level in levels.items() if level <= rank)
        conditions.append(col(Vacancy.qualification_code).in_(allowed))
    if params.park == ANY_PARK:
        conditions.append(col(Vacancy.industrial_park) != "")
    elif params.park:
        conditions.append(col(Vacancy.industrial_park) == params.park)
    if params.days is not None:
        conditions.append(col(Vacancy.opened_at) >= now - dt.timedelta(days=params.days))
    return conditions
