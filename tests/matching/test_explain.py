"""Explanations name matched and missing skills, the distance and the other reasons, in both
languages."""

from __future__ import annotations

from portal.matching.explain import explain, kilometres, money, number
from portal.matching.scoring import score
from tests.matching.support import reference, vacancy, worker

OCCUPATIONS = {"7212": ("Thợ hàn và thợ cắt kim loại", "Welders and flamecutters")}


def _explained(**worker_fields: object):
    ref = reference()
    job = vacancy(
        ref,
        must=["hàn TIG", "đọc bản vẽ"],
        nice=["tiếng Hàn"],
        occupation_code="7212",
        wage_min=9_000_000,
        wage_max=12_500_000,
        min_experience_months=12,
    )
    person = worker(ref, **worker_fields)
    match = score(job, person)
    return explain(match, job, person, ref.vocabulary, OCCUPATIONS)


def test_matched_and_missing_skills_and_distance_in_both_languages() -> None:
    explanation = _explained(
        skills=["doc ban ve ky thuat", "lam viec nhom"],
        unit_version="legacy",
        current_commune_code="10891",  # Lai Cách, about 7.7 km from the workplace
        min_wage=10_000_000,
    )
    vi, en = explanation.text("vi"), explanation.text("en")
    assert "Có kỹ năng phù hợp: Đọc bản vẽ kỹ thuật" in vi
    assert "Has matching skills: Reading technical drawings" in en
    assert "Thiếu kỹ năng bắt buộc: Hàn TIG (hàn argon)" in vi
    assert "Missing required skills: TIG welding (GTAW)" in en
    assert "Chưa có kỹ năng ưu tiên: Tiếng Hàn" in vi
    assert "Lacks preferred skills: Korean" in en
    assert "Cách nơi làm việc khoảng 7,7\u00a0km" in vi
    assert "About 7,7\u00a0km from the workplace" in en
    assert "trong quãng đường đi làm mong muốn (15\u00a0km)" in vi
    assert "12.500.000\u00a0₫" in vi and "10.000.000\u00a0₫" in en
    assert "Chưa có kinh nghiệm (yêu cầu 12 tháng)" in vi
    assert "No experience yet (12 months required)" in en
    assert "Đang tìm việc, có thể đi làm ngay" in vi


def test_related_skills_occupation_and_graduates_are_explained() -> None:
    explanation = _explained(
        skills=["hàn MIG", "đọc bản vẽ"],
        wished_occupation_codes=["7212"],
        course_occupation_codes="7212",
        graduation_year=2025,
        employment_status="employed",
    )
    by_code = {reason.code: reason for reason in explanation.reasons}
    assert by_code["skills_related"].vi == (
        "Có kỹ năng gần: Hàn MIG/MAG (hàn CO2) thay cho Hàn TIG (hàn argon)"
    )
    assert by_code["skills_related"].en == (
        "Has related skills: MIG/MAG welding (GMAW) in place of TIG welding (GTAW)"
    )
    assert by_code["occupation"].vi == "Đúng nghề: Thợ hàn và thợ cắt kim loại"
    assert by_code["occupation"].en == "Same occupation: Welders and flamecutters"
    assert by_code["recent_graduate"].positive
    assert by_code["availability"].en == "Employed but open to offers"
    assert by_code["location"].vi.startswith("Cách nơi làm việc khoảng 0")


def test_gaps_are_reasons_against() -> None:
    explanation = _explained(
        skills=["hàn TIG", "đọc bản vẽ"],
        current_commune_code="00070",  # Hà Nội, not relocating
        qualification_code="none",
        min_wage=15_000_000,
    )
    against = {reason.code for reason in explanation.reasons if reason.positive is False}
    assert against == {"location", "wage", "experience"}
    assert explanation.as_dict()["reasons"][0]["vi"].startswith("Có kỹ năng phù hợp")


def test_free_text_skills_are_named_as_typed() -> None:
    ref = reference()
    job = vacancy(ref, must=["Sửa máy khâu"])
    person = worker(ref, skills=["sửa máy khâu"])
    explanation = explain(score(job, person), job, person, ref.vocabulary)
    assert "Có kỹ năng phù hợp: Sửa máy khâu" in explanation.text("vi")


def test_numbers_use_the_portals_format() -> None:
    assert number(1234567) == "1.234.567"
    assert kilometres(7.66) == "7,7\u00a0km"
    assert kilometres(23.4) == "23\u00a0km"
    assert money(8_500_000) == "8.500.000\u00a0₫"
