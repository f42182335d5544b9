"""Administrative units as a profile uses them: resolve what a worker typed, name a code.

Units are keyed by numeric code plus version (FACTS.md §2): a profile stores codes and its
``unit_version``; names are looked up here, never stored. A commune field accepts what the
autocomplete fills in ("Phường Thành Đông (10507)"), a bare five-digit code, or an exact name
that is unique in the home province; the same code means different communes in the two
versions (10507 is Phường Cẩm Thượng before July 2025 and Phường Thành Đông after), so every
lookup carries the version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, scoped_session

from portal.candidates.errors import InvalidProfileData
from portal.reference import services as reference
from portal.reference.models import (
    COMMUNE,
    DISTRICT,
    LEGACY,
    PROVINCE,
    V2025,
    AdminUnit,
    UnitMapping,
)
from portal.text import fold_key

DbSession = Session | scoped_session[Session]
UNIT_VERSIONS = (V2025, LEGACY)
_CODE_IN_TEXT = re.compile(r"\((\d{5})\)\s*$")


def home_province_code(version: str) -> str:
    key = "HOME_PROVINCE_CODE" if version == V2025 else "HOME_PROVINCE_CODE_LEGACY"
    return str(current_app.config[key])


def get_unit(session: DbSession, version: str, level: str, code: str | None) -> AdminUnit | None:
    if not code:
        return None
    return reference.get_unit(session, code, version, level)


def commune_label(unit: AdminUnit, session: DbSession | None = None) -> str:
    """What the commune field shows: "Phường Thành Đông (10507)"."""
    return f"{unit.name} ({unit.code})"


def resolve_commune(session: DbSession, version: str, text: str | None, field: str) -> str | None:
    """The code of the commune a worker typed or picked, or None when left empty."""
    text = (text or "").strip()
    if not text:
        return None
    if version not in UNIT_VERSIONS:
        raise InvalidProfileData(_l("Please choose a valid list of units."), field="unit_version")
    match = _CODE_IN_TEXT.search(text)
    code = match.group(1) if match else (text if re.fullmatch(r"\d{5}", text) else None)
    if code is not None:
        unit = get_unit(session, version, COMMUNE, code)
        if unit is None:
            raise InvalidProfileData(
                _l("There is no commune with code %(code)s in this list of units.", code=code),
                field=field,
            )
        return unit.code
    folded = fold_key(text)
    candidates = list(
        session.scalars(
            select(AdminUnit).where(
                AdminUnit.version == version,
                AdminUnit.level == COMMUNE,
                AdminUnit.active.is_(True),
                AdminUnit.province_code == home_province_code(version),
            )
        )
    )
    exact = [u for u in candidates if u.name.casefold() == text.casefold()]
    if len(exact) == 1:
        return exact[0].code
    by_folded = [u for u in candidates if folded in (u.name_folded, fold_key(u.short_name))]
    if len(by_folded) == 1:
        return by_folded[0].code
    if by_folded:
        raise InvalidProfileData(
            _l("Several communes have this name; please pick one from the list."), field=field
        )
    raise InvalidProfileData(
        _l("This commune was not found; please pick one from the list as you type."),
        field=field,
    )


def commune_text(session: DbSession, version: str, code: str | None) -> str:
    """The commune field's value for a stored code."""
    unit = get_unit(session, version, COMMUNE, code)
    if unit is None:
        return code or ""
    return commune_label(unit)


def unit_names(
    session: DbSession, version: str, level: str, codes: Iterable[str]
) -> dict[str, str]:
    wanted = sorted({code for code in codes if code})
    if not wanted:
        return {}
    rows = session.execute(
        select(AdminUnit.code, AdminUnit.name).where(
            AdminUnit.version == version, AdminUnit.level == level, AdminUnit.code.in_(wanted)
        )
    )
    return {code: name for code, name in rows}


def province_choices(session: DbSession, version: str) -> list[tuple[str, str]]:
    """(code, name) of every province of a version, home province first."""
    home = home_province_code(version)
    rows = [(unit.code, unit.name) for unit in reference.provinces(session, version)]
    return sorted(rows, key=lambda row: row[0] != home)


def check_province(session: DbSession, version: str, code: str | None, field: str) -> str | None:
    if not code:
        return None
    if get_unit(session, version, PROVINCE, code) is None:
        raise InvalidProfileData(_l("Please choose a province from the list."), field=field)
    return code


def legacy_districts(session: DbSession) -> list[tuple[str, str]]:
    """(code, name) of the former districts of the home province (before July 2025)."""
    units = reference.districts_of_province(session, home_province_code(LEGACY))
    return [(unit.code, unit.name) for unit in units]


def communes_of_former_district(session: DbSession, district_code: str) -> dict[str, set[str]]:
    """The communes a former district covers, per version: its legacy communes and the 2025
    communes they became (wholly or in part)."""
    legacy = set(
        session.scalars(
            select(AdminUnit.code).where(
                AdminUnit.version == LEGACY,
                AdminUnit.level == COMMUNE,
                AdminUnit.parent_code == district_code,
            )
        )
    )
    new: set[str] = set()
    if legacy:
        new = set(
            session.scalars(
                select(UnitMapping.new_code).where(UnitMapping.legacy_code.in_(sorted(legacy)))
            )
        )
    return {LEGACY: legacy, V2025: new}


def legacy_communes_of(session: DbSession, new_code: str) -> set[str]:
    """The legacy communes that became (part of) a 2025 commune."""
    units = reference.legacy_communes_for_new(session, new_code)
    return {unit.code for unit in units}


def area_label(session: DbSession, version: str, commune_code: str | None) -> str:
    """A coarse place for employers: the former district (or districts), else the commune.

    Employers see where a worker lives only this coarsely before the worker shares contact
    details: a commune plus initials can point to one person in a village.
    """
    if not commune_code:
        return ""
    if version == LEGACY:
        unit = get_unit(session, LEGACY, COMMUNE, commune_code)
        district = get_unit(session, LEGACY, DISTRICT, unit.parent_code) if unit else None
        return district.name if district else (unit.name if unit else "")
    legacy_codes = legacy_communes_of(session, commune_code)
    if legacy_codes:
        district_codes = set(
            session.scalars(
                select(AdminUnit.parent_code).where(
                    AdminUnit.version == LEGACY,
                    AdminUnit.level == COMMUNE,
                    AdminUnit.code.in_(sorted(legacy_codes)),
                )
            )
        )
        names = unit_names(session, LEGACY, DISTRICT, (c for c in district_codes if c))
        if names:
            return " / ".join(names[code] for code in sorted(names))
    unit = get_unit(session, V2025, COMMUNE, commune_code)
    if unit is None:
        return ""
    if unit.province_code == home_province_code(V2025):
        return unit.name
    province = get_unit(session, V2025, PROVINCE, unit.province_code)
    return province.name if province else unit.name


def new_communes_of(session: DbSession, legacy_code: str) -> set[str]:
    """The 2025 communes a legacy commune became (one, or several when it was divided)."""
    return set(
        session.scalars(select(UnitMapping.new_code).where(UnitMapping.legacy_code == legacy_code))
    )
