"""Occupations (VSCO 2020), industries (VSIC), training occupations and qualification levels."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.reference import services
from portal.reference.models import (
    CAO_DANG,
    TRUNG_CAP,
    Industry,
    Occupation,
    TrainingOccupation,
)

VSCO_LEVEL_2 = {
    "01", "02", "03",
    "10", "11", "12", "13", "14", "15", "16", "17",
    "21", "22", "23", "24", "25", "26",
    "31", "32", "33", "34", "35", "36",
    "41", "42", "43", "44",
    "51", "52", "53", "54",
    "61", "62", "63",
    "71", "72", "73", "74", "75",
    "81", "82", "83",
    "91", "92", "93", "94", "95", "96",
}  # fmt: skip


def codes_at(level: int) -> set[str]:
    return set(db.session.scalars(select(Occupation.code).where(Occupation.level == level)))


def test_all_major_and_level_2_groups(app: Flask) -> None:
    assert codes_at(1) == {str(digit) for digit in range(10)}
    assert codes_at(2) == VSCO_LEVEL_2


def test_at_least_80_curated_occupations_for_the_provinces_industries(app: Flask) -> None:
    detailed = codes_at(4) | codes_at(5)
    assert len(detailed) >= 80
    # wiring harness and electronics assembly, welding, machining, sewing, forklift, QC
    assert {"8202", "7212", "7223", "8153", "8344", "7543", "7231", "7411"} <= detailed


def test_occupation_hierarchy_is_consistent(app: Flask) -> None:
    occupations = db.session.scalars(select(Occupation)).all()
    codes = {occupation.code for occupation in occupations}
    for occupation in occupations:
        assert occupation.level == len(occupation.code)
        if occupation.level > 1:
            assert occupation.parent_code == occupation.code[:-1] in codes


def test_occupation_choices_and_search(app: Flask) -> None:
    choices = dict(services.occupation_choices(db.session))
    assert choices["72"] == "72 – Thợ luyện kim, cơ khí và thợ có liên quan"
    assert len(choices) == len(VSCO_LEVEL_2)
    welders = services.search_occupations(db.session, "tho han", 5)
    assert welders[0].code == "7212"
    assert [o.code for o in services.search_occupations(db.session, "821", 5)] == []
    assert services.search_occupations(db.session, "820", 5)[0].code.startswith("820")
    assert all(
        o.level == 2 for o in services.search_occupations(db.session, "lao dong", 20, levels=[2])
    )


def test_vsic_2018_sections_and_divisions(app: Flask) -> None:
    rows = db.session.execute(
        select(Industry.level, func.count())
        .where(Industry.version == "2018")
        .group_by(Industry.level)
    ).all()
    by_level = dict(rows)
    assert by_level[1] == 21 and by_level[2] == 88
    assert by_level.get(4, 0) + by_level.get(5, 0) >= 20
    parts = services.get_industry(db.session, "2930")
    assert parts is not None and parts.parent_code == "293" and parts.version == "2018"
    assert services.get_industry(db.session, "2930", "2025") is None
    assert ("C", "C – Công nghiệp chế biến, chế tạo") in services.industry_choices(db.session)


def test_training_occupations(app: Flask) -> None:
    rows = db.session.scalars(select(TrainingOccupation)).all()
    assert len(rows) >= 30
    vsco = set(db.session.scalars(select(Occupation.code)))
    for row in rows:
        assert len(row.code) == 7 and row.code[0] in "56"
        assert row.level == (TRUNG_CAP if row.code[0] == "5" else CAO_DANG)
        assert set(row.vsco_codes) <= vsco
    names = {row.name_vi for row in rows}
    assert {
        "Hàn",
        "Cắt gọt kim loại",
        "Điện công nghiệp",
        "Công nghệ ô tô",
        "May thời trang",
    } <= names
    welding = services.get_training_occupation(db.session, "6520123")
    assert welding is not None and welding.vsco_codes == ["7212"]
    assert ("5520123", "Hàn (5520123)") in services.training_occupation_choices(
        db.session, TRUNG_CAP
    )


def test_qualification_levels(app: Flask) -> None:
    levels = services.qualification_levels(db.session)
    assert [level.code for level in levels] == [
        "none",
        "so_cap",
        "trung_cap",
        "cao_dang",
        "dai_hoc",
        "sau_dai_hoc",
    ]
    assert [level.counts_as_trained for level in levels] == [False] + [True] * 5
    assert services.qualification_choices(db.session)[2] == ("trung_cap", "Trung cấp")
