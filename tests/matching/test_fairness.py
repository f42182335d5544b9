"""The score cannot depend on sex, age, ethnicity, religion or health: it is never given them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from typing import Any

from portal.matching.features import (
    ExperienceRow,
    ProfileRow,
    SkillRow,
    VacancyFeatures,
    WorkerFeatures,
    profile_records_from_mapping,
    worker_features_from_mapping,
)
from portal.matching.index import ProfileIndex
from portal.matching.scoring import MatchScore, score
from tests.matching.support import TODAY, reference, vacancy

PROTECTED = re.compile(
    r"^(sex|gender|age|dob|birth|ethnic|religio|health|disab|pregnan|marital|name|cccd|phone)",
    re.IGNORECASE,
)


def _protected(field: str) -> bool:
    return any(PROTECTED.match(word) for word in field.split("_"))


PROFILE: dict[str, Any] = {
    "unit_version": "legacy",
    "current_commune_code": "10891",
    "qualification_code": "trung_cap",
    "employment_status": "unemployed",
    "min_wage": 7_500_000,
    "max_commute_km": 20,
    "wished_occupation_codes": ["8153"],
    "skills": ["công nhân may", "vắt sổ", "là ủi"],
    "experiences": [
        {"start_date": dt.date(2021, 3, 1), "end_date": None, "occupation_code": "8153"}
    ],
    "course_occupation_codes": "8153",
    "graduation_year": 2024,
}
# What a worker profile (and the sensitive-data table) can hold that must never count.
VARIANTS: dict[str, list[Any]] = {
    "sex": ["male", "female", None],
    "date_of_birth": [dt.date(1968, 5, 1), dt.date(2004, 11, 30), None],
    "ethnicity": ["Kinh", "Tày", "Mường", None],
    "religion": ["Không", "Phật giáo", "Công giáo"],
    "disability": [None, "khuyết tật vận động nhẹ"],
    "health": ["tốt", "bệnh mãn tính"],
    "full_name": ["Nguyễn Văn An", "Trần Thị Bình"],
}


def _variants() -> list[dict[str, Any]]:
    keys = list(VARIANTS)
    profiles = []
    for number, values in enumerate(itertools.product(*(VARIANTS[k] for k in keys)), start=1):
        profile = dict(PROFILE, id=number)
        profile.update(zip(keys, values, strict=True))
        profiles.append(profile)
    return profiles


def test_no_feature_or_score_field_names_a_protected_attribute() -> None:
    for cls in (WorkerFeatures, VacancyFeatures):
        assert not [f.name for f in dataclasses.fields(cls) if _protected(f.name)]
    for row in (ProfileRow, SkillRow, ExperienceRow, MatchScore):
        assert not [name for name in row._fields if _protected(name)]
    assert _protected("date_of_birth") and _protected("sex") and not _protected("min_wage")


def test_profiles_differing_only_in_protected_attributes_get_identical_scores() -> None:
    ref = reference()
    jobs = [
        vacancy(
            ref,
            must=["may công nghiệp"],
            nice=["vắt sổ"],
            occupation_code="8153",
            min_experience_months=12,
            wage_min=7_000_000,
            wage_max=9_000_000,
        ),
        vacancy(
            ref, id=2, must=["hàn điện"], occupation_code="7212", qualification_code="cao_dang"
        ),
    ]
    profiles = _variants()
    assert len(profiles) > 500
    features = [worker_features_from_mapping(p, ref, TODAY) for p in profiles]
    first = dataclasses.replace(features[0], profile_id=0)
    assert all(dataclasses.replace(f, profile_id=0) == first for f in features)
    for job in jobs:
        scores = {score(job, f) for f in features}
        assert len(scores) == 1

    # The index ranks them as equals: identical scores, ordered by profile id only.
    records = [profile_records_from_mapping(p) for p in profiles]
    index = ProfileIndex.build(
        ref,
        [row for row, _, _ in records],
        [SkillRow(row.profile_id, *s) for row, skills, _ in records for s in skills],
        [ExperienceRow(row.profile_id, *e) for row, _, experiences in records for e in experiences],
        today=TODAY,
        verify=True,
    )
    ranked = index.rank(jobs[0], top_n=len(profiles))
    assert [pid for pid, _ in ranked] == sorted(p["id"] for p in profiles)
    assert len({match for _, match in ranked}) == 1
