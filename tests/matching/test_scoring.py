"""The score of one worker for one vacancy: weights, partial credit, monotonic effects."""

from __future__ import annotations

import dataclasses

import pytest

from portal.matching import weights as w
from portal.matching.features import Availability, VacancyFeatures, WorkerFeatures
from portal.matching.geo import LocationBand
from portal.matching.scoring import OccupationMatch, WageFit, occupation_fit, score
from tests.matching.province import random_province
from tests.matching.support import reference, skill, vacancy, worker


def test_weights_add_up_to_one_hundred() -> None:
    assert w.TOTAL == 100.0
    assert w.MUST_HAVE > w.NICE_TO_HAVE > 0


def test_must_have_skills_weigh_more_than_nice_to_have() -> None:
    ref = reference()
    job = vacancy(ref, must=["hàn TIG"], nice=["đọc bản vẽ"])
    has_must = score(job, worker(ref, skills=["han tig"]))
    has_nice = score(job, worker(ref, skills=["doc ban ve"]))
    assert has_must.parts.skills > has_nice.parts.skills > 0
    assert has_must.total > has_nice.total
    assert has_nice.missing_must == (skill("han-tig"),)
    assert has_must.missing_nice == (skill("doc-ban-ve"),)


def test_a_related_skill_earns_partial_credit() -> None:
    ref = reference()
    job = vacancy(ref, must=["hàn TIG"])
    exact = score(job, worker(ref, skills=["hàn TIG"]))
    related = score(job, worker(ref, skills=["hàn MIG"]))  # same trade, same occupation
    unrelated = score(job, worker(ref, skills=["nấu ăn"]))
    assert exact.parts.skills == w.SKILLS
    assert related.parts.skills == pytest.approx(w.SKILLS * w.RELATED_CATEGORY_AND_OCCUPATION)
    assert related.related_skills == ((skill("han-tig"), skill("han-mig-mag"), 0.6),)
    assert unrelated.parts.skills == 0
    # Related skills add credit but do not make a profile a candidate on their own.
    assert exact.relevant and not related.relevant and not unrelated.relevant


def test_typed_variants_score_like_the_taxonomy_skill() -> None:
    ref = reference()
    job = vacancy(ref, must=["Vận hành máy CNC"], occupation_code="7223")
    typed = [
        score(job, worker(ref, skills=[text])).total
        for text in ("van hanh may cnc", "van hanh may cmc", "đứng máy CNC")
    ]
    assert typed[0] == typed[1] == typed[2]


def test_free_text_counts_when_both_sides_type_it() -> None:
    ref = reference()
    job = vacancy(ref, must=["nuôi ong mật"], occupation_code="6123")
    assert score(job, worker(ref, skills=["nuoi ong mat"])).matched_skills
    assert score(job, worker(ref, skills=["nuoi ong matt"])).parts.skills == w.SKILLS
    assert score(job, worker(ref, skills=["nuôi ong"])).parts.skills == 0


@pytest.mark.parametrize(
    ("asked", "held", "fit"),
    [
        ("7212", "7212", OccupationMatch.SAME),
        ("7212", "7214", OccupationMatch.MINOR_GROUP),
        ("7212", "7233", OccupationMatch.SUB_MAJOR_GROUP),
        ("7212", "7411", OccupationMatch.MAJOR_GROUP),
        ("7212", "8153", OccupationMatch.NONE),
    ],
)
def test_occupation_fit_by_code_prefix(asked: str, held: str, fit: OccupationMatch) -> None:
    ref = reference()
    match = score(vacancy(ref, occupation_code=asked), worker(ref, wished_occupation_codes=[held]))
    assert match.occupation == fit
    fits = [occupation_fit("7212", code) for code in ("7212", "7214", "7233", "7411", "8153")]
    assert fits == sorted(fits, reverse=True)


def test_held_occupations_count_like_wished_ones() -> None:
    ref = reference()
    job = vacancy(ref, occupation_code="8153")
    wished = score(job, worker(ref, wished_occupation_codes=["8153"]))
    held = score(job, worker(ref, current_occupation_code="8153"))
    past = score(
        job,
        worker(
            ref,
            experiences=[
                {"start_date": _date(2020), "end_date": _date(2022), "occupation_code": "8153"}
            ],
        ),
    )
    assert wished.parts.occupation == held.parts.occupation == past.parts.occupation


def _date(year: int):
    import datetime as dt

    return dt.date(year, 1, 1)


def _base() -> tuple[VacancyFeatures, WorkerFeatures]:
    ref = reference()
    job = vacancy(
        ref,
        must=["may công nghiệp"],
        qualification_code="trung_cap",
        min_experience_months=12,
        wage_min=7_000_000,
        wage_max=9_000_000,
    )
    return job, worker(
        ref,
        skills=["cong nhan may"],
        qualification_code="trung_cap",
        experiences=[{"start_date": _date(2024), "end_date": None}],
        min_wage=8_000_000,
    )


def test_more_qualification_never_scores_less() -> None:
    job, person = _base()
    totals = [score(job, dataclasses.replace(person, qualification_rank=r)).total for r in range(6)]
    assert totals == sorted(totals)
    assert totals[0] < totals[2] == totals[5]  # above the level asked costs nothing


def test_more_experience_never_scores_less() -> None:
    job, person = _base()
    totals = [
        score(job, dataclasses.replace(person, experience_months=m)).total
        for m in (0, 3, 6, 11, 12, 40)
    ]
    assert totals == sorted(totals)
    assert totals[0] < totals[4] == totals[5]


def test_a_higher_minimum_wage_never_scores_more_and_a_higher_offer_never_less() -> None:
    job, person = _base()
    by_minimum = [
        score(job, dataclasses.replace(person, min_wage=m)).parts.wage
        for m in (6_000_000, 9_000_000, 10_000_000, 11_000_000, 13_000_000, 20_000_000)
    ]
    assert by_minimum == sorted(by_minimum, reverse=True)
    assert by_minimum[0] == w.WAGE and by_minimum[-1] == 0
    by_offer = [
        score(dataclasses.replace(job, wage_max=o), person).parts.wage
        for o in (5_000_000, 6_500_000, 7_500_000, 8_000_000, 12_000_000)
    ]
    assert by_offer == sorted(by_offer)
    negotiable = score(dataclasses.replace(job, wage_min=None, wage_max=None), person)
    assert negotiable.wage == WageFit.NEGOTIABLE


def test_seeking_work_first_then_employed_but_open() -> None:
    job, person = _base()
    by_availability = [
        score(job, dataclasses.replace(person, availability=a)).total for a in Availability
    ]
    assert by_availability == sorted(by_availability, reverse=True)
    assert len(set(by_availability)) == 3


def test_closer_never_scores_less() -> None:
    ref = reference()
    job = vacancy(ref, must=["may công nghiệp"], commune_code="10507")
    homes = [("2025", "10507"), ("legacy", "10891"), ("2025", "10945"), ("2025", "11311")]
    matches = [
        score(
            job,
            worker(ref, skills=["may"], unit_version=v, current_commune_code=c, max_commute_km=20),
        )
        for v, c in homes
    ]
    assert [m.location_band for m in matches] == [
        LocationBand.SAME_COMMUNE,
        LocationBand.COMMUTE,
        LocationBand.COMMUTE,
        LocationBand.PROVINCE,
    ]
    totals = [m.total for m in matches]
    assert totals == sorted(totals, reverse=True)


def test_recent_graduates_of_a_course_for_the_trade_get_the_bonus() -> None:
    ref = reference()
    job = vacancy(ref, must=["hàn TIG"], occupation_code="7212")
    fresh = worker(ref, course_occupation_codes="7212", graduation_year=2025)
    old = worker(ref, course_occupation_codes="7212", graduation_year=2015)
    other = worker(ref, course_occupation_codes="5120", graduation_year=2025)
    assert score(job, fresh).recent_graduate and score(job, fresh).relevant
    assert not score(job, old).recent_graduate
    assert not score(job, other).recent_graduate


def test_a_vacancy_without_skills_scales_the_other_parts_to_one_hundred() -> None:
    ref = reference()
    job = vacancy(ref, occupation_code="9329", commune_code="10507", wage_max=8_000_000)
    best = worker(
        ref,
        wished_occupation_codes=["9329"],
        current_commune_code="10507",
        min_wage=7_000_000,
        course_occupation_codes="9329",
        graduation_year=2025,
    )
    match = score(job, best)
    assert match.parts.skills == 0
    assert match.parts.occupation == pytest.approx(w.OCCUPATION * 100 / (100 - w.SKILLS))
    assert match.total == pytest.approx(100.0)


def test_scores_stay_in_range_and_parts_add_up() -> None:
    ref = reference()
    province = random_province(seed=3, profiles=150, vacancies=8)
    workers = province.features(ref)
    for job in province.vacancy_features(ref):
        for person in workers:
            match = score(job, person)
            assert 0 <= match.total <= 100
            assert sum(match.parts) == pytest.approx(match.total)
            assert score(job, person) == match  # pure: same inputs, same result


def test_every_part_reaches_its_weight() -> None:
    job, person = _base()
    best = dataclasses.replace(
        person,
        availability=Availability.SEEKING,
        experience_months=24,
        wished_occupations=("7212",),
        graduate_occupations=("7212",),
    )
    match = score(dataclasses.replace(job, occupation_code="7212"), best)
    assert match.parts.skills == w.SKILLS
    assert match.parts.occupation == w.OCCUPATION
    assert match.parts.location == w.LOCATION
    assert match.total == pytest.approx(100.0)
