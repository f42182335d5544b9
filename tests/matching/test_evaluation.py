"""Ranking quality on the hand-labelled evaluation set (tests/matching/eval_set.py): nDCG@10.

The threshold and how the set was built are explained in docs/decisions/0007-matching.md.
"""

from __future__ import annotations

import math
import random

from portal.matching.features import (
    ExperienceRow,
    MatchingReference,
    SkillRow,
    vacancy_features_from_mapping,
)
from portal.matching.features import profile_records_from_mapping as records
from portal.matching.index import ProfileIndex
from tests.matching.eval_set import PROFILES, VACANCIES
from tests.matching.support import TODAY, reference

K = 10
#: Measured 0.973 with engine match-2025.1. Ranking by the skills part alone gives 0.941, leaving
#: out the location part 0.954, chance 0.05. Below 0.95 the whole score ranks no better than a
#: skills lookup would, so a change that gets there has lost what the other parts add: that is a
#: regression to look at, not noise (the set and the engine are deterministic).
THRESHOLD = 0.95


def dcg(grades: list[int]) -> float:
    return sum(
        (2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades[:K])
    )


def ndcg(ranked: list[int], relevance: dict[int, int]) -> float:
    ideal = dcg(sorted(relevance.values(), reverse=True))
    return dcg([relevance.get(pid, 0) for pid in ranked]) / ideal if ideal else 1.0


def _index(ref: MatchingReference) -> ProfileIndex:
    rows = [records(profile) for profile in PROFILES]
    return ProfileIndex.build(
        ref,
        [row for row, _, _ in rows],
        [SkillRow(row.profile_id, *s) for row, skills, _ in rows for s in skills],
        [ExperienceRow(row.profile_id, *e) for row, _, experiences in rows for e in experiences],
        today=TODAY,
        verify=True,
    )


def _scores() -> dict[str, float]:
    ref = reference()
    index = _index(ref)
    result = {}
    for key, spec in VACANCIES.items():
        job = vacancy_features_from_mapping(spec, ref)
        ranked = [pid for pid, _ in index.rank(job, K)]
        relevance = {p["id"]: p["relevance"][key] for p in PROFILES if key in p["relevance"]}
        result[key] = ndcg(ranked, relevance)
    return result


def test_the_set_is_large_enough_and_graded() -> None:
    assert len(VACANCIES) >= 15 and len(PROFILES) >= 150
    for key in VACANCIES:
        grades = [p["relevance"][key] for p in PROFILES if key in p["relevance"]]
        assert 3 in grades and len(grades) >= 6, key
    assert all(set(p["relevance"]) <= set(VACANCIES) for p in PROFILES)


def test_mean_ndcg_at_10_reaches_the_threshold() -> None:
    scores = _scores()
    mean = sum(scores.values()) / len(scores)
    worst = ", ".join(f"{k} {v:.2f}" for k, v in sorted(scores.items(), key=lambda i: i[1])[:3])
    assert mean >= THRESHOLD, f"nDCG@{K} {mean:.3f} < {THRESHOLD} (worst: {worst})"


def test_chance_and_skills_alone_do_worse() -> None:
    rng = random.Random(0)
    ids = [p["id"] for p in PROFILES]
    ref = reference()
    index = _index(ref)
    chance, skills_only = [], []
    for key, spec in VACANCIES.items():
        relevance = {p["id"]: p["relevance"][key] for p in PROFILES if key in p["relevance"]}
        chance.append(ndcg(rng.sample(ids, K), relevance))
        ranked = index.rank(vacancy_features_from_mapping(spec, ref), len(PROFILES))
        by_skills = sorted(ranked, key=lambda item: (-item[1].parts.skills, item[0]))
        skills_only.append(ndcg([pid for pid, _ in by_skills[:K]], relevance))
    assert sum(chance) / len(chance) < 0.2
    assert sum(skills_only) / len(skills_only) < THRESHOLD
