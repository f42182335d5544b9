"""Reference data: administrative units, classifications, qualification levels and skills.

Every table here is marked ``info={"reference": True}``: it is filled by ``flask ref load``
(:mod:`portal.reference.loader`) from a package or from the documented files in
``portal/reference/data/``, never edited through the portal, and kept between tests.

Each table has an integer ``id`` for foreign keys from other domains and a natural unique key
(numeric code plus version) that the loader upserts on. Administrative units and
classifications change over time (the July 2025 reform, VSIC 2018 → 2025), so a code is only
meaningful with its version: always store both. Names are Vietnamese data, not translatable
strings. ``name_folded`` (:func:`portal.text.fold_key`) is for search only; two different
communes can fold to the same text ("Xã Cẩm Giang" and "Xã Cẩm Giàng").

Rows that disappear from a source file are never deleted (other tables may point at them): the
loader sets ``active = False`` and the choice lists and searches leave them out.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models import Base

REFERENCE = {"reference": True}

# Administrative-unit versions: before and after the reform of 1 July 2025 (Resolution
# 202/2025/QH15 and the Standing Committee's resolutions on communes).
LEGACY = "legacy"  # 63 provinces → districts → communes, valid until 30 June 2025
V2025 = "2025"  # 34 provinces → communes (no districts), from 1 July 2025
UNIT_VERSIONS = (LEGACY, V2025)

PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
UNIT_LEVELS = (PROVINCE, DISTRICT, COMMUNE)

# Industry classification versions (VSIC): Decision 27/2018/QĐ-TTg and 36/2025/QĐ-TTg.
VSIC_2018 = "2018"
VSIC_2025 = "2025"
INDUSTRY_VERSIONS = (VSIC_2018, VSIC_2025)

# Vocational training levels of Circular 26/2020/TT-BLĐTBXH (first digit of the code).
TRUNG_CAP = "trung_cap"  # 5xxxxxx
CAO_DANG = "cao_dang"  # 6xxxxxx
TRAINING_LEVELS = (TRUNG_CAP, CAO_DANG)


def _active_column() -> Mapped[bool]:
    return mapped_column(Boolean, default=True)


class AdminUnit(Base):
    """A province, district or commune (phường, xã, thị trấn, đặc khu) in one version.

    ``code`` is the General Statistics Office code as a string of digits: leading zeros matter
    ("00097"). Province codes have 2 digits, district codes 3 and commune codes 5, so in
    practice a code is unique within a version; the level is part of the key all the same,
    because no official text promises that, and it keeps lookups by level on the index.
    """

    __tablename__ = "admin_units"
    __table_args__ = (
        UniqueConstraint("version", "level", "code"),
        CheckConstraint(f"version IN {UNIT_VERSIONS!r}", name="version"),
        CheckConstraint(f"level IN {UNIT_LEVELS!r}", name="level"),
        Index("ix_admin_units_version_parent_code", "version", "parent_code"),
        Index("ix_admin_units_version_province_code", "version", "province_code"),
        {"info": REFERENCE},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(120))  # full name: "Xã Cẩm Giàng"
    short_name: Mapped[str] = mapped_column(String(100))  # "Cẩm Giàng"
    unit_type: Mapped[str] = mapped_column(String(20))  # "Xã", "Phường", "Huyện", "Tỉnh"…
    parent_code: Mapped[str | None] = mapped_column(String(5))  # district, or province in 2025
    province_code: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    name_folded: Mapped[str] = mapped_column(String(120), index=True)
    active: Mapped[bool] = _active_column()

    def __repr__(self) -> str:
        return f"<AdminUnit {self.version} {self.level} {self.code} {self.name}>"


class UnitMapping(Base):
    """A legacy commune (or island district) and a 2025 commune it became, wholly or in part.

    A legacy commune that was not divided has one row with ``is_split`` False. A divided one
    has a row per new commune; exactly one of them is ``is_default`` (the package's choice for
    an address without a street, used to carry statistics across 1 July 2025).
    """

    __tablename__ = "unit_mappings"
    __table_args__ = (
        UniqueConstraint("legacy_code", "new_code"),
        Index("ix_unit_mappings_new_code", "new_code"),
        {"info": REFERENCE},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    legacy_level: Mapped[str] = mapped_column(String(10))  # commune; district for islands
    legacy_code: Mapped[str] = mapped_column(String(5))
    legacy_province_code: Mapped[str] = mapped_column(String(2), index=True)
    new_code: Mapped[str] = mapped_column(String(5))
    new_province_code: Mapped[str] = mapped_column(String(2))
    is_split: Mapped[bool] = mapped_column(Boolean)
    is_default: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = _active_column()


class Occupation(Base):
    """An occupation group of VSCO 2020 (Decision 34/2020/QĐ-TTg), level 1 to 5.

    Codes nest by prefix ("7" ⊃ "72" ⊃ "721" ⊃ "7212"), so the level-2 group of any code is
    its first two characters: the enterprise demand form reports by level 2.
    """

    __tablename__ = "occupations"
    __table_args__ = ({"info": REFERENCE},)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(5), unique=True)
    level: Mapped[int] = mapped_column(Integer)
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    parent_code: Mapped[str | None] = mapped_column(String(5))
    name_folded: Mapped[str] = mapped_column(String(255), index=True)
    active: Mapped[bool] = _active_column()

    def __repr__(self) -> str:
        return f"<Occupation {self.code} {self.name_vi}>"


class Industry(Base):
    """An economic activity of VSIC in one version (sections A–U, then 2- to 5-digit codes)."""

    __tablename__ = "industries"
    __table_args__ = (
        UniqueConstraint("version", "code"),
        CheckConstraint(f"version IN {INDUSTRY_VERSIONS!r}", name="version"),
        {"info": REFERENCE},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(5))
    level: Mapped[int] = mapped_column(Integer)
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    parent_code: Mapped[str | None] = mapped_column(String(5))
    name_folded: Mapped[str] = mapped_column(String(255), index=True)
    active: Mapped[bool] = _active_column()

    def __repr__(self) -> str:
        return f"<Industry {self.version} {self.code} {self.name_vi}>"


class TrainingOccupation(Base):
    """A vocational training occupation of Circular 26/2020/TT-BLĐTBXH (level-IV, 7 digits).

    The first digit gives the level (5 trung cấp, 6 cao đẳng); the same trade at both levels
    shares the last six digits. ``occupation_codes`` lists the VSCO codes the graduates usually
    work in (space-separated), for matching graduates to vacancies.
    """

    __tablename__ = "training_occupations"
    __table_args__ = (
        CheckConstraint(f"level IN {TRAINING_LEVELS!r}", name="level"),
        {"info": REFERENCE},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(7), unique=True)
    level: Mapped[str] = mapped_column(String(10))
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    occupation_codes: Mapped[str] = mapped_column(String(255), default="")
    name_folded: Mapped[str] = mapped_column(String(255), index=True)
    active: Mapped[bool] = _active_column()

    @property
    def vsco_codes(self) -> list[str]:
        return self.occupation_codes.split()

    def __repr__(self) -> str:
        return f"<TrainingOccupation {self.code} {self.name_vi}>"


class QualificationLevel(Base):
    """Highest professional or technical qualification, ordered by ``rank``.

    ``counts_as_trained`` is the official "trained with a degree or certificate" indicator
    (the province's 31.5 % in 2022): every level from sơ cấp upwards.
    """

    __tablename__ = "qualification_levels"
    __table_args__ = ({"info": REFERENCE},)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    rank: Mapped[int] = mapped_column(Integer)
    name_vi: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    counts_as_trained: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = _active_column()

    def __repr__(self) -> str:
        return f"<QualificationLevel {self.code}>"


class Skill(Base):
    """A skill workers state and vacancies ask for ("Hàn hồ quang tay", "Vận hành máy CNC").

    ``slug`` is the stable key in the data file; other domains reference ``id``.
    """

    __tablename__ = "skills"
    __table_args__ = ({"info": REFERENCE},)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name_vi: Mapped[str] = mapped_column(String(150))
    name_en: Mapped[str] = mapped_column(String(150))
    category: Mapped[str] = mapped_column(String(32), index=True)
    name_folded: Mapped[str] = mapped_column(String(150), index=True)
    active: Mapped[bool] = _active_column()

    aliases: Mapped[list[SkillAlias]] = relationship(
        back_populates="skill", order_by="SkillAlias.id", viewonly=True
    )
    occupations: Mapped[list[Occupation]] = relationship(
        secondary="skill_occupations", order_by="Occupation.code", viewonly=True
    )

    def __repr__(self) -> str:
        return f"<Skill {self.slug}>"


class SkillAlias(Base):
    """Another way people write a skill: synonym, abbreviation, job-title phrasing.

    ``alias_folded`` is unique across all skills, so a typed phrase resolves to one skill at
    most. The skill's own name is stored as an alias too, so search reads one table.
    """

    __tablename__ = "skill_aliases"
    __table_args__ = ({"info": REFERENCE},)

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(150))
    alias_folded: Mapped[str] = mapped_column(String(150), unique=True)

    skill: Mapped[Skill] = relationship(back_populates="aliases")


class SkillOccupation(Base):
    """Which occupations (VSCO codes) a skill is typical for; used to suggest and to match."""

    __tablename__ = "skill_occupations"
    __table_args__ = ({"info": REFERENCE},)

    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    occupation_id: Mapped[int] = mapped_column(
        ForeignKey("occupations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
