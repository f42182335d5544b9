"""Shared data for the matcher's pure tests: the real taxonomy and a few real places.

The places are real units with their centroids and old→new mapping as the reference package
(vietnamadminunits 1.0.4) gives them, copied here so the tests need no database.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from portal.matching.canonical import SkillVocabulary
from portal.matching.features import (
    MatchingReference,
    VacancyFeatures,
    WorkerFeatures,
    vacancy_features_from_mapping,
    worker_features_from_mapping,
)
from portal.matching.geo import Places
from portal.matching.taxonomy import read_skill_entries, slug_ids

TODAY = dt.date(2025, 9, 1)

# 2025 commune code → (2025 province code, latitude, longitude)
COMMUNES_2025: dict[str, tuple[str, float, float]] = {
    "10507": ("31", 20.9594, 106.325),  # Phường Thành Đông (former Hải Dương city)
    "10525": ("31", 20.941, 106.344),  # Phường Hải Dương
    "10543": ("31", 20.948, 106.254),  # Phường Việt Hòa
    "10546": ("31", 21.1031, 106.319),  # Phường Chí Linh
    "10606": ("31", 20.9805, 106.354),  # Xã Nam Sách
    "10675": ("31", 20.9806, 106.543),  # Phường Kinh Môn
    "10750": ("31", 20.9594, 106.505),  # Xã Phú Thái
    "10888": ("31", 20.9687, 106.21),  # Xã Cẩm Giang
    "10903": ("31", 20.9631, 106.157),  # Xã Cẩm Giàng
    "10945": ("31", 20.9062, 106.181),  # Xã Kẻ Sặt
    "11074": ("31", 20.8088, 106.391),  # Xã Tứ Kỳ
    "11239": ("31", 20.7742, 106.24),  # Xã Thanh Miện
    "11311": ("31", 20.8712, 106.656),  # Phường Hồng Bàng (Hải Phòng city)
    "11581": ("31", 20.8615, 106.596),  # Phường An Dương
    "12103": ("33", 20.95, 106.075),  # Phường Mỹ Hào (Hưng Yên)
    "09400": ("24", 21.045, 106.087),  # Phường Thuận Thành (Bắc Ninh)
    "00070": ("01", 21.032, 105.85),  # Phường Hoàn Kiếm (Hà Nội)
}
# legacy commune code → (latitude, longitude), and the 2025 commune it is counted in
LEGACY_COMMUNES: dict[str, tuple[float, float]] = {
    "10507": (20.951091, 106.317899),  # Phường Cẩm Thượng, TP Hải Dương
    "10510": (20.946143, 106.323698),  # Phường Bình Hàn
    "10513": (20.947339, 106.347663),  # Phường Ngọc Châu
    "10546": (21.118682, 106.316948),  # Phường Phả Lại, Chí Linh
    "10606": (20.992283, 106.337549),  # Thị trấn Nam Sách
    "10675": (20.984377, 106.553333),  # Phường An Lưu, Kinh Môn
    "10750": (20.963308, 106.514217),  # Thị trấn Phú Thái, Kim Thành
    "10888": (20.968492, 106.173532),  # Thị trấn Cẩm Giang
    "10891": (20.936694, 106.255156),  # Thị trấn Lai Cách, Cẩm Giàng
    "10894": (20.988621, 106.137511),  # Xã Cẩm Hưng
    "10945": (20.910931, 106.147802),  # Thị trấn Kẻ Sặt, Bình Giang
    "11074": (20.817652, 106.408198),  # Thị trấn Tứ Kỳ
    "11239": (20.787978, 106.237505),  # Thị trấn Thanh Miện
}
LEGACY_TO_2025 = {
    "10507": "10507",
    "10510": "10507",
    "10513": "10525",
    "10546": "10546",
    "10606": "10606",
    "10675": "10675",
    "10750": "10750",
    "10888": "10888",
    "10891": "10543",
    "10894": "10903",
    "10945": "10945",
    "11074": "11074",
    "11239": "11239",
}
QUALIFICATION_RANKS = {
    "none": 0,
    "so_cap": 1,
    "trung_cap": 2,
    "cao_dang": 3,
    "dai_hoc": 4,
    "sau_dai_hoc": 5,
}


@functools.cache
def slugs() -> dict[str, int]:
    return slug_ids()


def skill(slug: str) -> int:
    return slugs()[slug]


def places() -> Places:
    return Places(COMMUNES_2025, LEGACY_COMMUNES, LEGACY_TO_2025)


def vocabulary() -> SkillVocabulary:
    """A fresh vocabulary (it learns free texts, so tests do not share one)."""
    return SkillVocabulary(read_skill_entries())


def reference() -> MatchingReference:
    return MatchingReference(vocabulary(), places(), QUALIFICATION_RANKS)


def worker(ref: MatchingReference, **fields: Any) -> WorkerFeatures:
    profile: dict[str, Any] = {
        "id": 1,
        "unit_version": "2025",
        "current_commune_code": "10507",
        "employment_status": "unemployed",
        "qualification_code": "none",
    }
    profile.update(fields)
    return worker_features_from_mapping(profile, ref, TODAY)


def vacancy(ref: MatchingReference, **fields: Any) -> VacancyFeatures:
    row: dict[str, Any] = {
        "id": 1,
        "occupation_code": "7212",
        "unit_version": "2025",
        "commune_code": "10507",
        "qualification_code": "none",
    }
    row.update(fields)
    return vacancy_features_from_mapping(row, ref)
