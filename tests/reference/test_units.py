"""Administrative units and the old→new commune table, as loaded from ``vietnamadminunits``.

Figures checked against FACTS.md §2: former Hải Dương (30) had 12 district-level units and 207
communes; the new Hải Phòng (31) has 114 communes, 64 of them formed from Hải Dương's.
"""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.reference import services
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

HAI_DUONG_DISTRICTS = {"288", *(str(code) for code in range(290, 301))}


def count_units(version: str, level: str, province_code: str | None = None) -> int:
    query = (
        select(func.count())
        .select_from(AdminUnit)
        .where(AdminUnit.version == version, AdminUnit.level == level)
    )
    if province_code is not None:
        query = query.where(AdminUnit.province_code == province_code)
    return db.session.scalar(query) or 0


def test_all_provinces_of_both_versions(app: Flask) -> None:
    assert count_units(LEGACY, PROVINCE) == 63
    assert count_units(V2025, PROVINCE) == 34


def test_whole_country_is_loaded(app: Flask) -> None:
    assert count_units(LEGACY, DISTRICT) == 696
    assert count_units(LEGACY, COMMUNE) > 10_000
    assert count_units(V2025, COMMUNE) > 3_300


def test_former_hai_duong_has_12_districts_and_207_communes(app: Flask) -> None:
    districts = services.districts_of_former_haiduong(db.session)
    assert {district.code for district in districts} == HAI_DUONG_DISTRICTS
    communes = services.communes_of_former_haiduong(db.session)
    assert len(communes) == 207
    types = [commune.unit_type for commune in communes]
    assert (types.count("Phường"), types.count("Thị trấn"), types.count("Xã")) == (46, 10, 151)
    assert all(commune.parent_code in HAI_DUONG_DISTRICTS for commune in communes)


def test_new_hai_phong_has_114_communes_without_districts(app: Flask) -> None:
    communes = services.communes_of_province(db.session, "31", V2025)
    assert len(communes) == 114
    assert {commune.parent_code for commune in communes} == {"31"}
    types = [commune.unit_type for commune in communes]
    assert (types.count("Phường"), types.count("Xã"), types.count("Đặc khu")) == (45, 67, 2)


def test_codes_keep_leading_zeros_and_names_their_type(app: Flask) -> None:
    ha_noi = services.get_unit(db.session, "01", LEGACY)
    assert ha_noi is not None
    assert (ha_noi.name, ha_noi.short_name, ha_noi.unit_type) == (
        "Thành phố Hà Nội",
        "Hà Nội",
        "Thành phố",
    )
    hong_ha = services.get_unit(db.session, "00097", V2025)
    assert hong_ha is not None and hong_ha.name == "Phường Hồng Hà"
    hai_duong = services.get_unit(db.session, "30", LEGACY)
    assert hai_duong is not None and hai_duong.name == "Tỉnh Hải Dương"
    assert hai_duong.latitude is not None and hai_duong.longitude is not None


def test_cam_giang_and_cam_giang_fold_alike_but_are_distinct_communes(app: Flask) -> None:
    """The township Cẩm Giang (legacy) and the 2025 communes Cẩm Giang and Cẩm Giàng."""
    new_communes = db.session.scalars(
        select(AdminUnit).where(
            AdminUnit.version == V2025,
            AdminUnit.province_code == "31",
            AdminUnit.name.in_(("Xã Cẩm Giang", "Xã Cẩm Giàng")),
        )
    ).all()
    assert {unit.name: unit.code for unit in new_communes} == {
        "Xã Cẩm Giang": "10888",
        "Xã Cẩm Giàng": "10903",
    }
    assert len({unit.name_folded for unit in new_communes}) == 1
    assert new_communes[0].name_folded == fold_key("Xã Cẩm Giàng") == "xa cam giang"
    both = services.search_units(db.session, "cam giang", 50, version=V2025, province_code="31")
    assert {"10888", "10903"} <= {unit.code for unit in both}


def test_old_to_new_mapping_covers_every_former_hai_duong_commune(app: Flask) -> None:
    legacy_codes = {unit.code for unit in services.communes_of_former_haiduong(db.session)}
    mapped = db.session.execute(
        select(UnitMapping.legacy_code, UnitMapping.new_code, UnitMapping.is_default).where(
            UnitMapping.legacy_province_code == "30"
        )
    ).all()
    assert {legacy for legacy, _, _ in mapped} == legacy_codes
    defaults = [(legacy, new) for legacy, new, is_default in mapped if is_default]
    assert len(defaults) == 207  # exactly one default target per legacy commune
    default_targets = {new for _, new in defaults}
    assert len(default_targets) == 64
    hai_phong = {unit.code for unit in services.communes_of_province(db.session, "31", V2025)}
    assert {new for _, new, _ in mapped} <= hai_phong
    assert {u.code for u in services.communes_from_former_haiduong(db.session)} == default_targets


def test_every_legacy_commune_of_the_country_is_mapped(app: Flask) -> None:
    unmapped = db.session.scalar(
        select(func.count())
        .select_from(AdminUnit)
        .where(
            AdminUnit.version == LEGACY,
            AdminUnit.level == COMMUNE,
            AdminUnit.code.not_in(select(UnitMapping.legacy_code)),
        )
    )
    assert unmapped == 0


def test_thirteen_new_communes_span_several_former_districts(app: Flask) -> None:
    """FACTS §2: 13 of the 64 span two or three old districts."""
    rows = db.session.execute(
        select(UnitMapping.new_code, func.count(func.distinct(AdminUnit.parent_code)))
        .join(
            AdminUnit, (AdminUnit.code == UnitMapping.legacy_code) & (AdminUnit.version == LEGACY)
        )
        .where(UnitMapping.legacy_province_code == "30", AdminUnit.level == COMMUNE)
        .group_by(UnitMapping.new_code)
    ).all()
    assert sum(1 for _, districts in rows if districts > 1) == 13


def test_package_mapping_correction_for_the_two_hoa_binh_communes(app: Flask) -> None:
    """Kim Thành's and Vĩnh Bảo's Xã Hòa Bình: the package merged their lists."""
    kim_thanh = {u.code: d for u, d in services.new_communes_for_legacy(db.session, "10798")}
    assert kim_thanh == {"10843": True, "10804": False}
    vinh_bao = services.new_communes_for_legacy(db.session, "11890")
    assert [(unit.code, is_default) for unit, is_default in vinh_bao] == [("11911", True)]


def test_commune_history_services(app: Flask) -> None:
    # Thị trấn Cẩm Giang (Huyện Cẩm Giàng) became part of the 2025 Xã Cẩm Giang.
    district = services.former_district_of(db.session, "10888")
    assert district is not None and (district.code, district.name) == ("295", "Huyện Cẩm Giàng")
    new = services.new_commune_for_legacy(db.session, "10888")
    assert new is not None and (new.version, new.code, new.name) == (V2025, "10888", "Xã Cẩm Giang")
    merged = services.legacy_communes_for_new(db.session, "10888")
    assert "10888" in {unit.code for unit in merged}
    assert all(unit.version == LEGACY for unit in merged)
    assert services.new_commune_for_legacy(db.session, "99999") is None
    assert services.former_district_of(db.session, "99999") is None


def test_labels_and_choices(app: Flask) -> None:
    commune = services.get_unit(db.session, "10888", LEGACY)
    new = services.get_unit(db.session, "10888", V2025)
    assert commune is not None and new is not None
    labels = services.unit_labels(db.session, [commune, new])
    assert labels[commune.id] == "Thị trấn Cẩm Giang, Huyện Cẩm Giàng, Tỉnh Hải Dương"
    assert labels[new.id] == "Xã Cẩm Giang, Thành phố Hải Phòng"
    choices = services.unit_choices(db.session, LEGACY, COMMUNE, parent_code="295")
    assert ("10888", "Thị trấn Cẩm Giang") in choices
    assert all(code.isdigit() and len(code) == 5 for code, _ in choices)
    assert len(services.unit_choices(db.session, V2025, PROVINCE)) == 34


def test_distance_between_district_seats(app: Flask) -> None:
    """FACTS §2: the district seats lie within about 41 km of each other."""
    districts = services.districts_of_former_haiduong(db.session)
    distances = [
        services.distance_km(a, b) for a in districts for b in districts if a.code < b.code
    ]
    assert all(distance is not None for distance in distances)
    assert 10 < max(d for d in distances if d is not None) < 60
    ha_noi = services.get_unit(db.session, "01", LEGACY)
    hai_duong = services.get_unit(db.session, "30", LEGACY)
    assert ha_noi is not None and hai_duong is not None
    assert services.distance_km(ha_noi, hai_duong) == pytest.approx(55, abs=15)
    assert services.haversine_km(21.0, 105.8, 21.0, 105.8) == 0


def test_search_prefers_the_home_province(app: Flask) -> None:
    found = services.search_units(
        db.session, "Cẩm Giang", 5, version=LEGACY, prefer_province_codes=("30",)
    )
    assert found[0].province_code == "30"
    assert services.search_units(db.session, "   ", 5) == []
