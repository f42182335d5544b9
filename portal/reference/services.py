"""Read-only questions other domains ask about reference data.

Plain typed functions over a session, no request or app state. Administrative units are always
identified by numeric code *and* version: a legacy commune code and a 2025 commune code can be
the same digits for different places, and two communes can have names that fold alike.
Searches fold the query like the stored ``*_folded`` columns (:func:`portal.text.fold_key`), so
"han dien" finds "Hàn điện" and "cam giang" finds both "Cẩm Giang" and "Cẩm Giàng"; the caller
still picks a code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, literal, select
from sqlalchemy.orm import Session

from portal.reference.models import (
    COMMUNE,
    DISTRICT,
    LEGACY,
    PROVINCE,
    V2025,
    VSIC_2018,
    AdminUnit,
    Industry,
    Occupation,
    QualificationLevel,
    Skill,
    SkillAlias,
    TrainingOccupation,
    UnitMapping,
)
from portal.text import fold_key

# Hải Dương before 1 July 2025, and Hải Phòng, which it became part of (GSO codes). The app's
# settings hold the same codes (HOME_PROVINCE_CODE_LEGACY / HOME_PROVINCE_CODE) for views.
FORMER_HAI_DUONG = "30"
HAI_PHONG = "31"

MAX_RESULTS = 50
EARTH_RADIUS_KM = 6371.0088
_LEVEL_BY_CODE_LENGTH = {2: PROVINCE, 3: DISTRICT, 5: COMMUNE}
_LEVEL_ORDER = {PROVINCE: 0, DISTRICT: 1, COMMUNE: 2}


def _clamp(limit: int) -> int:
    return max(1, min(int(limit), MAX_RESULTS))


def _word_match(column: Any, query: str) -> tuple[ColumnElement[bool], ColumnElement[int]]:
    """A filter (every query word starts a word of ``column``) and a rank (0 best).

    Ranks: 0 the value equals the query, 1 its last words do ("xa cam giang" for "cam giang":
    the unit type or a verb comes first), 2 it starts with the query, 3 the query appears as a
    phrase, 4 only its words appear.
    """
    spaced = literal(" ") + column
    words = query.split(" ")
    condition = and_(*(spaced.contains(" " + word, autoescape=True) for word in words))
    rank = case(
        (column == query, 0),
        (spaced.endswith(" " + query, autoescape=True), 1),
        (column.startswith(query, autoescape=True), 2),
        (spaced.contains(" " + query, autoescape=True), 3),
        else_=4,
    )
    return condition, rank


# ---------------------------------------------------------------------------------------------
# Administrative units


def get_unit(
    session: Session, code: str, version: str = V2025, level: str | None = None
) -> AdminUnit | None:
    """The unit with this code in this version; the level follows from the code's length
    (2 digits province, 3 district, 5 commune) unless given."""
    level = level or _LEVEL_BY_CODE_LENGTH.get(len(code))
    if level is None:
        return None
    return session.scalar(
        select(AdminUnit).where(
            AdminUnit.version == version, AdminUnit.level == level, AdminUnit.code == code
        )
    )


def provinces(session: Session, version: str = V2025) -> list[AdminUnit]:
    """All provinces of a version (34 from July 2025, 63 before), by name."""
    return list(
        session.scalars(
            select(AdminUnit)
            .where(AdminUnit.version == version, AdminUnit.level == PROVINCE, AdminUnit.active)
            .order_by(AdminUnit.name_folded, AdminUnit.code)
        )
    )


def districts_of_province(session: Session, province_code: str) -> list[AdminUnit]:
    """Legacy districts of a province (there are no districts from July 2025)."""
    return list(
        session.scalars(
            select(AdminUnit)
            .where(
                AdminUnit.version == LEGACY,
                AdminUnit.level == DISTRICT,
                AdminUnit.province_code == province_code,
                AdminUnit.active,
            )
            .order_by(AdminUnit.code)
        )
    )


def communes_of(session: Session, parent_code: str, version: str) -> list[AdminUnit]:
    """Communes directly under a unit: a legacy district, or a 2025 province."""
    return list(
        session.scalars(
            select(AdminUnit)
            .where(
                AdminUnit.version == version,
                AdminUnit.level == COMMUNE,
                AdminUnit.parent_code == parent_code,
                AdminUnit.active,
            )
            .order_by(AdminUnit.code)
        )
    )


def communes_of_province(session: Session, province_code: str, version: str) -> list[AdminUnit]:
    """Every commune of a province in a version, by code (legacy: across its districts)."""
    return list(
        session.scalars(
            select(AdminUnit)
            .where(
                AdminUnit.version == version,
                AdminUnit.level == COMMUNE,
                AdminUnit.province_code == province_code,
                AdminUnit.active,
            )
            .order_by(AdminUnit.code)
        )
    )


def communes_of_former_haiduong(session: Session) -> list[AdminUnit]:
    """The 207 legacy communes of the former Hải Dương province (code 30)."""
    return communes_of_province(session, FORMER_HAI_DUONG, LEGACY)


def districts_of_former_haiduong(session: Session) -> list[AdminUnit]:
    """The 12 legacy district-level units of the former Hải Dương province."""
    return districts_of_province(session, FORMER_HAI_DUONG)


def communes_from_former_haiduong(session: Session) -> list[AdminUnit]:
    """The 2025 communes of Hải Phòng formed (wholly or as default target) from former Hải
    Dương communes: the portal's area after 1 July 2025."""
    new_codes = select(UnitMapping.new_code).where(
        UnitMapping.legacy_province_code == FORMER_HAI_DUONG,
        UnitMapping.is_default,
        UnitMapping.active,
    )
    return list(
        session.scalars(
            select(AdminUnit)
            .where(
                AdminUnit.version == V2025,
                AdminUnit.level == COMMUNE,
                AdminUnit.code.in_(new_codes),
            )
            .order_by(AdminUnit.code)
        )
    )


def former_district_of(session: Session, legacy_commune_code: str) -> AdminUnit | None:
    """The legacy district a legacy commune belonged to (for district-level statistics)."""
    commune = get_unit(session, legacy_commune_code, LEGACY, COMMUNE)
    if commune is None or commune.parent_code is None:
        return None
    return get_unit(session, commune.parent_code, LEGACY, DISTRICT)


def new_communes_for_legacy(session: Session, legacy_code: str) -> list[tuple[AdminUnit, bool]]:
    """Every 2025 commune a legacy commune went into, with whether it is the default one.

    A divided commune has several; an address with a street may belong to any of them.
    """
    rows = session.execute(
        select(AdminUnit, UnitMapping.is_default)
        .join(
            UnitMapping,
            and_(
                UnitMapping.new_code == AdminUnit.code,
                AdminUnit.version == V2025,
                AdminUnit.level == COMMUNE,
            ),
        )
        .where(UnitMapping.legacy_code == legacy_code, UnitMapping.active)
        .order_by(UnitMapping.is_default.desc(), AdminUnit.code)
    )
    return [(unit, bool(is_default)) for unit, is_default in rows.tuples()]


def new_commune_for_legacy(session: Session, legacy_code: str) -> AdminUnit | None:
    """The 2025 commune a legacy commune is counted in when a series crosses 1 July 2025
    (for a divided commune: the default target, as the official conversion does)."""
    for unit, is_default in new_communes_for_legacy(session, legacy_code):
        if is_default:
            return unit
    return None


def legacy_communes_for_new(
    session: Session, new_code: str, *, defaults_only: bool = False
) -> list[AdminUnit]:
    """The legacy communes (wholly or partly) merged into a 2025 commune, by code.

    ``defaults_only`` keeps the legacy communes counted in it, so back-series add up.
    """
    query = select(UnitMapping.legacy_code).where(
        UnitMapping.new_code == new_code, UnitMapping.active
    )
    if defaults_only:
        query = query.where(UnitMapping.is_default)
    return list(
        session.scalars(
            select(AdminUnit)
            .where(
                AdminUnit.version == LEGACY,
                AdminUnit.level.in_((COMMUNE, DISTRICT)),
                AdminUnit.code.in_(query),
            )
            .order_by(AdminUnit.code)
        )
    )


def unit_labels(session: Session, units: Iterable[AdminUnit]) -> dict[int, str]:
    """Full labels by unit id: "Xã Cẩm Giàng, Huyện Cẩm Giàng, Tỉnh Hải Dương".

    Parents are fetched in one query, so labelling a page of results costs one round trip.
    """
    units = list(units)
    wanted = {
        (unit.version, code)
        for unit in units
        for code in (unit.parent_code, unit.province_code)
        if code and code != unit.code
    }
    parents: dict[tuple[str, str], AdminUnit] = {}
    if wanted:
        versions = {version for version, _ in wanted}
        codes = {code for _, code in wanted}
        for parent in session.scalars(
            select(AdminUnit).where(
                AdminUnit.version.in_(versions),
                AdminUnit.code.in_(codes),
                AdminUnit.level.in_((PROVINCE, DISTRICT)),
            )
        ):
            parents[(parent.version, parent.code)] = parent
    labels: dict[int, str] = {}
    for unit in units:
        parts = [unit.name]
        for code in dict.fromkeys((unit.parent_code, unit.province_code)):
            parent = parents.get((unit.version, code)) if code and code != unit.code else None
            if parent is not None:
                parts.append(parent.name)
        labels[unit.id] = ", ".join(parts)
    return labels


def unit_choices(
    session: Session,
    version: str,
    level: str,
    *,
    parent_code: str | None = None,
    province_code: str | None = None,
) -> list[tuple[str, str]]:
    """``(code, name)`` pairs for a select field, by name (codes are the values to store)."""
    query = select(AdminUnit.code, AdminUnit.name).where(
        AdminUnit.version == version, AdminUnit.level == level, AdminUnit.active
    )
    if parent_code is not None:
        query = query.where(AdminUnit.parent_code == parent_code)
    if province_code is not None:
        query = query.where(AdminUnit.province_code == province_code)
    return [
        (code, name)
        for code, name in session.execute(
            query.order_by(AdminUnit.name_folded, AdminUnit.name, AdminUnit.code)
        ).tuples()
    ]


def search_units(
    session: Session,
    q: str,
    limit: int = 10,
    *,
    version: str | None = None,
    level: str | None = None,
    province_code: str | None = None,
    prefer_province_codes: Sequence[str] = (),
) -> list[AdminUnit]:
    """Units whose folded name contains the query's words, best matches first.

    ``prefer_province_codes`` lists first the units of those provinces (the portal's own), so
    "cam giang" offers the Hải Dương commune before the Thanh Hóa one.
    """
    query = fold_key(q)
    if not query:
        return []
    condition, rank = _word_match(AdminUnit.name_folded, query)
    statement = select(AdminUnit).where(condition, AdminUnit.active)
    if version is not None:
        statement = statement.where(AdminUnit.version == version)
    if level is not None:
        statement = statement.where(AdminUnit.level == level)
    if province_code is not None:
        statement = statement.where(AdminUnit.province_code == province_code)
    order: list[Any] = []
    if prefer_province_codes:
        order.append(case((AdminUnit.province_code.in_(prefer_province_codes), 0), else_=1))
    level_order = case(_LEVEL_ORDER, value=AdminUnit.level, else_=3)
    current_first = case((AdminUnit.version == V2025, 0), else_=1)
    order += [rank, level_order, AdminUnit.name_folded, current_first, AdminUnit.code]
    return list(session.scalars(statement.order_by(*order).limit(_clamp(limit))))


def distance_km(unit_a: AdminUnit, unit_b: AdminUnit) -> float | None:
    """Great-circle distance between two units' centroids, or None without coordinates.

    The package's centroids were geocoded: good to a few km, enough to rank jobs by commute.
    """
    if None in (unit_a.latitude, unit_a.longitude, unit_b.latitude, unit_b.longitude):
        return None
    return haversine_km(
        unit_a.latitude,  # type: ignore[arg-type]
        unit_a.longitude,  # type: ignore[arg-type]
        unit_b.latitude,  # type: ignore[arg-type]
        unit_b.longitude,  # type: ignore[arg-type]
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------------------------------------
# Skills


def search_skills(session: Session, q: str, limit: int = 10) -> list[Skill]:
    """Skills whose name or an alias contains the query's words (folded), best first.

    For autocomplete: "han dien" → Hàn hồ quang tay; "QC" → Kiểm tra chất lượng first.
    """
    query = fold_key(q)
    if not query:
        return []
    condition, rank = _word_match(SkillAlias.alias_folded, query)
    rows = session.execute(
        select(Skill, rank)
        .join(SkillAlias, SkillAlias.skill_id == Skill.id)
        .where(condition, Skill.active)
        .order_by(rank, Skill.name_folded, Skill.id)
        .limit(MAX_RESULTS * 5)
    ).tuples()
    found: dict[int, Skill] = {}
    for skill, _ in rows:
        found.setdefault(skill.id, skill)
        if len(found) >= _clamp(limit):
            break
    return list(found.values())


def resolve_skill_exact(session: Session, text: str) -> Skill | None:
    """The skill whose name or alias folds exactly like ``text`` (imports, CV parsing)."""
    folded = fold_key(text)
    if not folded:
        return None
    return session.scalar(
        select(Skill)
        .join(SkillAlias, SkillAlias.skill_id == Skill.id)
        .where(SkillAlias.alias_folded == folded, Skill.active)
    )


def resolve_skills(session: Session, texts: Iterable[str]) -> dict[str, Skill | None]:
    """:func:`resolve_skill_exact` for many texts in one query, keyed by the given text."""
    texts = list(texts)
    folded = {text: fold_key(text) for text in texts}
    matches = {
        alias: skill
        for alias, skill in session.execute(
            select(SkillAlias.alias_folded, Skill)
            .join(Skill, SkillAlias.skill_id == Skill.id)
            .where(SkillAlias.alias_folded.in_({f for f in folded.values() if f}), Skill.active)
        ).tuples()
    }
    return {text: matches.get(key) for text, key in folded.items()}


def skills_for_occupation(session: Session, occupation_code: str) -> list[Skill]:
    """Skills linked to an occupation or any of its sub-groups (code prefix), by name."""
    return list(
        session.scalars(
            select(Skill)
            .where(
                Skill.active,
                Skill.occupations.any(Occupation.code.startswith(occupation_code)),
            )
            .order_by(Skill.name_folded)
        )
    )


# ---------------------------------------------------------------------------------------------
# Occupations, industries, training occupations, qualification levels


def get_occupation(session: Session, code: str) -> Occupation | None:
    return session.scalar(select(Occupation).where(Occupation.code == code))


def occupation_choices(
    session: Session, levels: Sequence[int] = (2,), *, parent_code: str | None = None
) -> list[tuple[str, str]]:
    """``(code, "code – name")`` pairs of the given VSCO levels, by code.

    Level 2 is what the enterprise demand form reports; pass ``(4,)`` for detailed jobs.
    """
    query = select(Occupation.code, Occupation.name_vi).where(
        Occupation.level.in_(levels), Occupation.active
    )
    if parent_code is not None:
        query = query.where(Occupation.code.startswith(parent_code))
    return [
        (code, f"{code} – {name}")
        for code, name in session.execute(query.order_by(Occupation.code)).tuples()
    ]


def search_occupations(
    session: Session, q: str, limit: int = 10, *, levels: Sequence[int] | None = None
) -> list[Occupation]:
    """Occupations whose code starts with ``q`` (digits) or whose name contains its words;
    detailed occupations first, as people search for jobs, not groups."""
    text = q.strip()
    query = fold_key(text)
    if not query:
        return []
    if text.isdigit():
        condition: ColumnElement[bool] = Occupation.code.startswith(text, autoescape=True)
        rank: Any = literal(0)
    else:
        condition, rank = _word_match(Occupation.name_folded, query)
    statement = select(Occupation).where(condition, Occupation.active)
    if levels:
        statement = statement.where(Occupation.level.in_(levels))
    statement = statement.order_by(rank, Occupation.level.desc(), Occupation.code)
    return list(session.scalars(statement.limit(_clamp(limit))))


def get_industry(session: Session, code: str, version: str = VSIC_2018) -> Industry | None:
    return session.scalar(
        select(Industry).where(Industry.version == version, Industry.code == code)
    )


def industry_choices(
    session: Session, version: str = VSIC_2018, levels: Sequence[int] = (1, 2)
) -> list[tuple[str, str]]:
    """``(code, "code – name")`` pairs of VSIC entries of a version, in code order."""
    rows = session.execute(
        select(Industry.code, Industry.name_vi)
        .where(Industry.version == version, Industry.level.in_(levels), Industry.active)
        .order_by(Industry.id)
    ).tuples()
    return [(code, f"{code} – {name}") for code, name in rows]


def get_training_occupation(session: Session, code: str) -> TrainingOccupation | None:
    return session.scalar(select(TrainingOccupation).where(TrainingOccupation.code == code))


def training_occupation_choices(
    session: Session, level: str | None = None
) -> list[tuple[str, str]]:
    """``(code, "name (code)")`` pairs of vocational training occupations, by name."""
    query = select(TrainingOccupation.code, TrainingOccupation.name_vi).where(
        TrainingOccupation.active
    )
    if level is not None:
        query = query.where(TrainingOccupation.level == level)
    rows = session.execute(
        query.order_by(TrainingOccupation.name_folded, TrainingOccupation.code)
    ).tuples()
    return [(code, f"{name} ({code})") for code, name in rows]


def qualification_levels(session: Session) -> list[QualificationLevel]:
    """Qualification levels from none to postgraduate (by rank)."""
    return list(
        session.scalars(
            select(QualificationLevel)
            .where(QualificationLevel.active)
            .order_by(QualificationLevel.rank)
        )
    )


def qualification_choices(session: Session) -> list[tuple[str, str]]:
    """``(code, Vietnamese name)`` pairs for a select field, lowest level first."""
    return [(level.code, level.name_vi) for level in qualification_levels(session)]
