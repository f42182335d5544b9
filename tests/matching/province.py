"""A small random province (profiles and vacancies as loader tuples) for index tests."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from portal.matching.features import (
    ExperienceRow,
    MatchingReference,
    ProfileRow,
    SkillRow,
    VacancyFeatures,
    VacancyRow,
    WorkerFeatures,
    vacancy_features,
    worker_features,
)
from portal.matching.taxonomy import read_skill_entries
from tests.matching.support import COMMUNES_2025, LEGACY_COMMUNES, QUALIFICATION_RANKS, TODAY

FREE_TEXTS = ["đan len", "sửa máy khâu", "nuôi ong", "làm nail", "dan len", "sua may khua"]
OCCUPATIONS = [
    "7212",
    "7223",
    "7233",
    "8153",
    "8202",
    "7411",
    "7412",
    "9329",
    "3122",
    "4110",
    "5120",
    "8344",
    "72",
    "82",
    "7",
]


@dataclass
class Province:
    profiles: list[ProfileRow]
    skills: list[SkillRow]
    experiences: list[ExperienceRow]
    vacancies: list[tuple[VacancyRow, list[tuple[str, int | None, str]]]]

    def features(self, reference: MatchingReference) -> list[WorkerFeatures]:
        skills: dict[int, list[tuple[str, int | None]]] = {}
        for row in self.skills:
            skills.setdefault(row.profile_id, []).append((row.raw_text, row.skill_id))
        experiences: dict[int, list[tuple[dt.date, dt.date | None, str | None]]] = {}
        for e in self.experiences:
            experiences.setdefault(e.profile_id, []).append(
                (e.start_date, e.end_date, e.occupation_code)
            )
        return [
            worker_features(
                row,
                skills.get(row.profile_id, []),
                experiences.get(row.profile_id, []),
                reference,
                TODAY,
            )
            for row in self.profiles
        ]

    def vacancy_features(self, reference: MatchingReference) -> list[VacancyFeatures]:
        return [vacancy_features(row, skills, reference) for row, skills in self.vacancies]


def _texts() -> list[tuple[str, int | None]]:
    texts: list[tuple[str, int | None]] = []
    for entry in read_skill_entries():
        texts.append((entry.name_vi, entry.skill_id))
        texts.extend((alias, None) for alias in entry.aliases[:3])
    texts.extend((text, None) for text in FREE_TEXTS)
    return texts


def _place(rng: random.Random) -> tuple[str | None, str | None]:
    roll = rng.random()
    if roll < 0.05:
        return None, None
    if roll < 0.55:
        return "legacy", rng.choice(sorted(LEGACY_COMMUNES))
    return "2025", rng.choice(sorted(COMMUNES_2025))


def random_province(seed: int, profiles: int = 400, vacancies: int = 12) -> Province:
    rng = random.Random(seed)
    texts = _texts()
    # A few clusters of skills, so that candidates share skills as in real life.
    clusters = [rng.sample(texts, 12) for _ in range(6)]
    profile_rows: list[ProfileRow] = []
    skill_rows: list[SkillRow] = []
    experience_rows: list[ExperienceRow] = []
    ids = rng.sample(range(1, profiles * 3), profiles)
    for pid in ids:
        version, code = _place(rng)
        profile_rows.append(
            ProfileRow(
                profile_id=pid,
                qualification_code=rng.choice([None, *QUALIFICATION_RANKS]),
                min_wage=rng.choice([None, 0, 5_000_000, 7_000_000, 8_500_000, 12_000_000]),
                unit_version=version,
                commune_code=code,
                max_commute_km=rng.choice([None, 0, 5, 10, 20, 40]),
                willing_to_relocate=rng.random() < 0.2,
                employment_status=rng.choice(
                    [None, "unemployed", "employed", "student", "inactive"]
                ),
                open_to_offers=rng.random() < 0.7,
                current_occupation_code=rng.choice([None, *OCCUPATIONS]),
                wished_occupation_codes=rng.sample(OCCUPATIONS, rng.randint(0, 2)),
                course_occupation_codes=rng.choice([None, "7212", "8153 7533", "7411 7412"]),
                graduation_year=rng.choice([None, 2015, 2023, 2024, 2025]),
                consent_matching=rng.random() < 0.9,
            )
        )
        cluster = rng.choice(clusters)
        for text, skill_id in rng.sample(cluster, rng.randint(0, 6)):
            skill_rows.append(SkillRow(pid, text, skill_id))
        for _ in range(rng.randint(0, 3)):
            start = TODAY - dt.timedelta(days=rng.randint(30, 4000))
            end = None if rng.random() < 0.3 else start + dt.timedelta(days=rng.randint(-5, 900))
            experience_rows.append(ExperienceRow(pid, start, end, rng.choice([None, *OCCUPATIONS])))
    rng.shuffle(skill_rows)
    vacancy_rows = []
    for vid in range(1, vacancies + 1):
        version, code = _place(rng)
        cluster = rng.choice(clusters)
        chosen = rng.sample(cluster, rng.randint(0, 5))
        skills = [
            (text, skill_id, "must" if i < 2 else "nice")
            for i, (text, skill_id) in enumerate(chosen)
        ]
        wage_min = rng.choice([None, 6_000_000, 8_000_000])
        vacancy_rows.append(
            (
                VacancyRow(
                    vacancy_id=vid,
                    occupation_code=rng.choice(OCCUPATIONS),
                    qualification_code=rng.choice(list(QUALIFICATION_RANKS)),
                    min_experience_months=rng.choice([0, 6, 12, 36]),
                    wage_min=wage_min,
                    wage_max=None if wage_min is None else wage_min + rng.choice([0, 3_000_000]),
                    wage_negotiable=wage_min is None,
                    unit_version=version,
                    commune_code=code,
                    shifts=[],
                ),
                skills,
            )
        )
    return Province(profile_rows, skill_rows, experience_rows, vacancy_rows)
