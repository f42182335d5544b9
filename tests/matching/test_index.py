"""The in-memory indexes rank exactly as scoring every profile would, and stay current."""

from __future__ import annotations

import dataclasses
import random

import pytest

from portal.matching.features import ProfileRow, VacancyFeatures, WorkerFeatures
from portal.matching.index import ProfileIndex, VacancyIndex, recommend
from portal.matching.scoring import MatchScore, score
from tests.matching.province import Province, random_province
from tests.matching.support import TODAY, reference, skill, vacancy


def _brute_force(
    job: VacancyFeatures, workers: list[WorkerFeatures], consenting: set[int], top_n: int
) -> list[tuple[int, MatchScore]]:
    scored = [(w.profile_id, score(job, w)) for w in workers if w.profile_id in consenting]
    relevant = [(pid, m) for pid, m in scored if m.relevant]
    relevant.sort(key=lambda item: (-item[1].total, item[0]))
    return relevant[:top_n]


def _index(province: Province, **options: object) -> ProfileIndex:
    return ProfileIndex.build(
        reference(),
        province.profiles,
        province.skills,
        province.experiences,
        today=TODAY,
        verify=True,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("seed", "profiles", "top_n"), [(1, 300, 20), (2, 3000, 10), (3, 5000, 100), (4, 800, 1000)]
)
def test_rank_equals_scoring_every_profile(seed: int, profiles: int, top_n: int) -> None:
    province = random_province(seed, profiles=profiles, vacancies=12)
    index = _index(province)
    ref = index.reference
    workers = province.features(ref)
    consenting = {p.profile_id for p in province.profiles if p.consent_matching}
    for job in province.vacancy_features(ref):
        assert index.rank(job, top_n) == _brute_force(job, workers, consenting, top_n)


def test_the_index_holds_the_features_worker_features_builds() -> None:
    province = random_province(5, profiles=400)
    index = _index(province)
    for worker in province.features(index.reference):
        assert index.features(worker.profile_id) == worker


def test_streams_may_come_in_any_order() -> None:
    province = random_province(6, profiles=300)
    shuffled = dataclasses.replace(
        province,
        profiles=random.Random(1).sample(province.profiles, len(province.profiles)),
        skills=random.Random(2).sample(province.skills, len(province.skills)),
        experiences=random.Random(3).sample(province.experiences, len(province.experiences)),
    )
    first, second = _index(province), _index(shuffled)
    for job in province.vacancy_features(first.reference):
        assert first.rank(job, 50) == second.rank(job, 50)


def test_rankings_are_deterministic() -> None:
    province = random_province(7, profiles=600)
    index = _index(province)
    jobs = province.vacancy_features(index.reference)
    once = [index.rank(job, 30) for job in jobs]
    assert once == [index.rank(job, 30) for job in jobs]
    assert once == [_index(province).rank(job, 30) for job in jobs]
    for ranking in once:  # ties broken by the smaller profile id
        keys = [(-m.total, pid) for pid, m in ranking]
        assert keys == sorted(keys)


def _welder(pid: int, **changes: object) -> ProfileRow:
    row = ProfileRow(
        profile_id=pid,
        qualification_code="trung_cap",
        min_wage=7_000_000,
        unit_version="2025",
        commune_code="10507",
        max_commute_km=20,
        willing_to_relocate=False,
        employment_status="unemployed",
        open_to_offers=True,
        current_occupation_code=None,
        wished_occupation_codes=["7212"],
        course_occupation_codes=None,
        graduation_year=None,
        consent_matching=True,
    )
    return row._replace(**changes)


def test_upsert_and_remove_show_in_the_next_ranking() -> None:
    province = random_province(8, profiles=500)
    index = _index(province)
    ref = index.reference
    job = vacancy(ref, id=99, must=["hàn TIG"], occupation_code="7212")
    version = index.version
    index.upsert_profile(_welder(100_001), [("thợ hàn TIG", None)])
    assert index.version > version
    assert index.rank(job, 1)[0][0] == 100_001

    # A change to the profile replaces it.
    index.upsert_profile(_welder(100_001, wished_occupation_codes=["5120"]), [("nấu ăn", None)])
    assert 100_001 not in [pid for pid, _ in index.rank(job, 1000)]
    features = index.features(100_001)
    assert features is not None and features.skill_ids == {skill("nau-an")}

    # Withdrawn consent removes the profile from the very next ranking.
    index.upsert_profile(_welder(100_002), [("hàn tig", None)])
    assert index.rank(job, 1)[0][0] == 100_002
    assert index.set_consent(100_002, False)
    assert 100_002 not in [pid for pid, _ in index.rank(job, 1000)]
    assert index.set_consent(100_002, True)
    assert index.rank(job, 1)[0][0] == 100_002
    assert index.remove_profile(100_002)
    assert 100_002 not in index and index.features(100_002) is None
    assert 100_002 not in [pid for pid, _ in index.rank(job, 1000)]
    assert not index.remove_profile(100_002)


def test_after_many_changes_the_index_equals_a_fresh_build() -> None:
    province = random_province(9, profiles=400, vacancies=6)
    index = _index(province)
    rng = random.Random(9)
    profiles = {p.profile_id: p for p in province.profiles}
    skills: dict[int, list[tuple[str, int | None]]] = {}
    for row in province.skills:
        skills.setdefault(row.profile_id, []).append((row.raw_text, row.skill_id))
    for pid in rng.sample(sorted(profiles), 150):
        if rng.random() < 0.4:
            index.remove_profile(pid)
            del profiles[pid]
            skills.pop(pid, None)
        else:
            donor = rng.choice(province.profiles)
            profiles[pid] = donor._replace(profile_id=pid)
            skills[pid] = skills.get(donor.profile_id, [])[:]
            index.upsert_profile(profiles[pid], skills[pid])
    index.compact()
    fresh = random_province(9, profiles=0)
    fresh.profiles = list(profiles.values())
    fresh.skills = [type(province.skills[0])(pid, *s) for pid, rows in skills.items() for s in rows]
    fresh.experiences = []
    rebuilt = _index(fresh)
    for pid in profiles:
        ours, theirs = index.features(pid), rebuilt.features(pid)
        assert ours is not None and theirs is not None
        # Experience came from the original rows for untouched profiles; compare the rest.
        assert dataclasses.replace(ours, experience_months=0, held_occupations=()) == (
            dataclasses.replace(theirs, experience_months=0, held_occupations=())
        )
    assert len(index) == len(profiles)


def test_recommendations_equal_scoring_every_vacancy() -> None:
    province = random_province(10, profiles=300, vacancies=120)
    ref = reference()
    jobs = province.vacancy_features(ref)
    vacancies = VacancyIndex.build(jobs)
    for worker in province.features(ref)[:120]:
        expected = [(job.vacancy_id, score(job, worker)) for job in jobs]
        expected = [item for item in expected if item[1].relevant]
        expected.sort(key=lambda item: (-item[1].total, item[0]))
        assert recommend(worker, vacancies, 15) == expected[:15]
    assert vacancies.exact_fallbacks == 0


def test_vacancy_index_follows_changes() -> None:
    ref = reference()
    welding = vacancy(ref, id=1, must=["hàn TIG"])
    sewing = vacancy(ref, id=2, must=["may công nghiệp"], occupation_code="8153")
    index = VacancyIndex.build([welding, sewing])
    from tests.matching.support import worker

    welder = worker(ref, skills=["hàn TIG"])
    assert [vid for vid, _ in index.recommend(welder)] == [1]
    index.remove(1)
    assert index.recommend(welder) == []
    index.upsert(
        dataclasses.replace(sewing, must_skill_ids=welding.must_skill_ids, related=welding.related)
    )
    assert [vid for vid, _ in index.recommend(welder)] == [2]
    assert len(index) == 1 and 2 in index


def test_preparing_workplaces_changes_nothing_but_the_cache() -> None:
    province = random_province(11, profiles=300)
    index, fresh = _index(province), _index(province)
    jobs = province.vacancy_features(index.reference)
    assert index.prepare(job.workplace for job in jobs) > 0
    assert index.prepare(job.workplace for job in jobs) == 0
    assert [index.rank(job, 20) for job in jobs] == [fresh.rank(job, 20) for job in jobs]
