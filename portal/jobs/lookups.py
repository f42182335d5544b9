"""Reference data as the jobs pages and services need it: names, choices and checks.

Administrative units are keyed by (version, level, code): a commune code means nothing without
its version ("2025" after the July 2025 reform, "legacy" before). Choices encode both as
``"2025:10507"`` so a form can never lose the version.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.reference.models import (
    COMMUNE,
    LEGACY,
    V2025,
    AdminUnit,
    Industry,
    Occupation,
    QualificationLevel,
    Skill,
    UnitMapping,
)
from portal.text import fold_key, normalise

UNIT_VERSIONS = (V2025, LEGACY)


def unit_value(version: str, code: str) -> str:
    """The form value of a unit: ``"2025:10507"``."""
    return f"{version}:{code}"


def parse_unit_value(value: str | None) -> tuple[str, str] | None:
    """``(version, code)`` of a form value; a bare code is taken as a 2025 code."""
    value = (value or "").strip()
    if not value:
        return None
    version, _, code = value.rpartition(":")
    version = version or V2025
    if version not in UNIT_VERSIONS or not code.isdigit() or len(code) != 5:
        return None
    return version, code


def find_commune(
    session: Session, version: str, code: str, *, active_only: bool = False
) -> AdminUnit | None:
    query = select(AdminUnit).where(
        AdminUnit.version == version, AdminUnit.level == COMMUNE, AdminUnit.code == code
    )
    if active_only:
        query = query.where(AdminUnit.active.is_(True))
    return session.scalar(query)


def find_commune_by_name(session: Session, text: str, version: str = V2025) -> AdminUnit | None:
    """The one active commune of ``version`` whose name ("Xã Cẩm Giàng") or short name
    ("Cẩm Giàng") is ``text`` exactly (NFC, spacing and case forgiven); None when there is no
    such commune or several (names repeat across provinces: then a code is needed)."""
    wanted = normalise(text).casefold()
    key = fold_key(text)
    if not key:
        return None
    candidates = session.scalars(
        select(AdminUnit).where(
            AdminUnit.version == version,
            AdminUnit.level == COMMUNE,
            AdminUnit.active.is_(True),
            (AdminUnit.name_folded == key) | AdminUnit.name_folded.endswith(" " + key),
        )
    ).all()
    exact = [
        unit for unit in candidates if wanted in (unit.name.casefold(), unit.short_name.casefold())
    ]
    return exact[0] if len(exact) == 1 else None


def commune_names(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Full names ("Xã Cẩm Giàng") of (version, code) pairs, in one query."""
    wanted = {key for key in keys if key[1]}
    if not wanted:
        return {}
    rows = session.execute(
        select(AdminUnit.version, AdminUnit.code, AdminUnit.name).where(
            AdminUnit.level == COMMUNE,
            AdminUnit.code.in_({code for _, code in wanted}),
        )
    )
    return {(v, c): name for v, c, name in rows if (v, c) in wanted}


def commune_name(session: Session, version: str, code: str | None) -> str:
    if not code:
        return ""
    unit = find_commune(session, version, code)
    return unit.name if unit is not None else code


def home_commune_choices(session: Session) -> list[tuple[str, str]]:
    """The 2025 communes of the home province (Hải Phòng), former Hải Dương communes first.

    Most users of the portal live and work in former Hải Dương, so its communes come first;
    the rest of the city follows. Within each group, alphabetical by folded name.
    """
    province = str(current_app.config["HOME_PROVINCE_CODE"])
    legacy_province = str(current_app.config["HOME_PROVINCE_CODE_LEGACY"])
    units = session.scalars(
        select(AdminUnit).where(
            AdminUnit.version == V2025,
            AdminUnit.level == COMMUNE,
            AdminUnit.province_code == province,
            AdminUnit.active.is_(True),
        )
    ).all()
    from_legacy = set(
        session.scalars(
            select(UnitMapping.new_code).where(
                UnitMapping.legacy_province_code == legacy_province,
                UnitMapping.active.is_(True),
            )
        )
    )
    # By the name without "Xã"/"Phường", so a ward and a commune sort where people look.
    units = sorted(units, key=lambda unit: (fold_key(unit.short_name), unit.code))
    first = [u for u in units if u.code in from_legacy]
    rest = [u for u in units if u.code not in from_legacy]
    return [(unit_value(V2025, u.code), u.name) for u in first + rest]


def find_occupation(session: Session, code: str) -> Occupation | None:
    return session.scalar(select(Occupation).where(Occupation.code == code))


def occupation_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    rows = session.execute(
        select(Occupation.code, Occupation.name_vi).where(Occupation.code.in_(wanted))
    )
    return dict(rows.tuples().all())


def occupation_options(session: Session) -> list[tuple[str, str]]:
    """(code, Vietnamese name) of active occupations below the major groups, for a datalist."""
    rows = session.execute(
        select(Occupation.code, Occupation.name_vi)
        .where(Occupation.active.is_(True), Occupation.level >= 2)
        .order_by(Occupation.code)
    )
    return list(rows.tuples().all())


def qualification_choices(session: Session) -> list[tuple[str, str]]:
    rows = session.execute(
        select(QualificationLevel.code, QualificationLevel.name_vi)
        .where(QualificationLevel.active.is_(True))
        .order_by(QualificationLevel.rank)
    )
    return list(rows.tuples().all())


def find_qualification(session: Session, code: str) -> QualificationLevel | None:
    return session.scalar(select(QualificationLevel).where(QualificationLevel.code == code))


def industry_value(version: str, code: str) -> str:
    return f"{version}:{code}"


def industry_choices(session: Session) -> list[tuple[str, str]]:
    """VSIC divisions and finer codes of every loaded version, labelled with the version."""
    rows = session.execute(
        select(Industry.version, Industry.code, Industry.name_vi)
        .where(Industry.active.is_(True), Industry.level >= 2)
        .order_by(Industry.version.desc(), Industry.code)
    )
    return [
        (industry_value(version, code), f"{code} – {name} (VSIC {version})")
        for version, code, name in rows
    ]


def find_industry(session: Session, version: str, code: str) -> Industry | None:
    return session.scalar(
        select(Industry).where(Industry.version == version, Industry.code == code)
    )


def skill_options(session: Session) -> list[str]:
    """Vietnamese skill names for the autocomplete list (aliases resolve on save)."""
    return list(
        session.scalars(select(Skill.name_vi).where(Skill.active.is_(True)).order_by(Skill.name_vi))
    )


def resolve_skill(session: Session, text: str) -> Skill | None:
    """The taxonomy skill ``text`` names exactly (name or alias, ignoring diacritics), if any."""
    from portal.reference import services as reference

    return reference.resolve_skill_exact(session, text)
