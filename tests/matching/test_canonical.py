"""Typed skills map to the taxonomy once; what does not map stays free text that still counts."""

from __future__ import annotations

import pytest

from portal.matching.canonical import SkillEntry, SkillVocabulary, free_text_id, is_free_text
from tests.matching.support import skill, vocabulary


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("hàn điện", "han-ho-quang-tay"),
        ("han dien", "han-ho-quang-tay"),
        ("HÀN ĐIỆN", "han-ho-quang-tay"),
        ("han đien", "han-ho-quang-tay"),  # one letter with, the rest without diacritics
        ("thợ hàn", "han-kim-loai"),
        ("tho han", "han-kim-loai"),
        ("vận hành máy CNC", "van-hanh-may-cnc"),
        ("van hanh may cnc", "van-hanh-may-cnc"),
        ("may công nghiệp", "may-cong-nghiep"),
        ("cong nhan may", "may-cong-nghiep"),
        ("Công  nhân   may", "may-cong-nghiep"),  # spacing
        ("hàn TIG", "han-tig"),
        ("lái xe nâng", "lai-xe-nang"),
    ],
)
def test_names_aliases_and_unaccented_spellings_map_exactly(typed: str, slug: str) -> None:
    found = vocabulary().canonical(typed)
    assert found.skill_ids == (skill(slug),)
    assert found.method == "exact"


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("van hanh may cmc", "van-hanh-may-cnc"),  # n → m
        ("vận hành máy CNCC", "van-hanh-may-cnc"),
        ("cong nhan mayy", "may-cong-nghiep"),
        ("lai xe nag", "lai-xe-nang"),
        ("lắp ráp bó dây điên", "lap-rap-bo-day-dien"),
        ("may cnc van hanh", "van-hanh-may-cnc"),  # words in another order
        ("bấm đầu coss", "bam-dau-cot"),
    ],
)
def test_typos_map_by_fuzzy_similarity(typed: str, slug: str) -> None:
    found = vocabulary().canonical(typed)
    assert found.skill_ids == (skill(slug),)
    assert found.method in {"exact", "fuzzy"}


def test_short_texts_must_match_exactly() -> None:
    vocab = vocabulary()
    assert vocab.canonical("QA").skill_ids == (skill("dam-bao-chat-luong"),)
    assert vocab.canonical("QC").skill_ids == (skill("kiem-tra-chat-luong"),)
    assert vocab.canonical("QD").free_text  # one letter from both, four letters or fewer


def test_ambiguous_typo_stays_free_text() -> None:
    # "han die" is as close to "hàn điện" (manual arc) as to "hàn điểm" (spot welding).
    found = vocabulary().canonical("han die")
    assert found.free_text


def test_phrases_containing_aliases_map_to_their_skills() -> None:
    vocab = vocabulary()
    assert vocab.canonical("thợ hàn điện 5 năm kinh nghiệm").skill_ids == (
        skill("han-ho-quang-tay"),
    )
    assert vocab.canonical("biết dùng Excel và Word").skill_ids == (
        skill("excel"),
        skill("word"),
    )


def test_unmapped_text_keeps_a_stable_id_of_its_own() -> None:
    first, second = vocabulary(), vocabulary()
    found = first.canonical("sửa máy khâu")
    assert found.free_text
    (own,) = found.skill_ids
    assert is_free_text(own)
    assert second.canonical("Sửa máy khâu").skill_ids == (own,)  # another process, same id
    assert own == free_text_id("sua may khau")
    assert first.name(own).vi == "sửa máy khâu"


def test_free_text_counts_through_folding_and_fuzzy_similarity() -> None:
    vocab = vocabulary()
    (own,) = vocab.canonical("đan len").skill_ids
    assert vocab.canonical("dan len").skill_ids == (own,)  # folded alike
    assert vocab.canonical("ĐAN  LEN").skill_ids == (own,)
    (longer,) = vocab.canonical("sửa máy khâu gia đình").skill_ids
    assert vocab.canonical("sua may khau gia dinhh").skill_ids == (longer,)  # a typo joins it
    assert vocab.canonical("nuôi ong").skill_ids != (own,)


def test_results_are_cached_per_text() -> None:
    vocab = vocabulary()
    assert vocab.canonical("van hanh may cmc") is vocab.canonical("van hanh may cmc")
    assert vocab.canonical("Cong nhan may") is vocab.canonical("công nhân may")


def test_related_skills_are_symmetric_and_bounded() -> None:
    vocab = vocabulary()
    tig, mig = skill("han-tig"), skill("han-mig-mag")
    assert vocab.related(tig)[mig] == vocab.related(mig)[tig] > 0
    assert all(0 < credit < 1 for credit in vocab.related(tig).values())
    teamwork, communication = skill("lam-viec-nhom"), skill("giao-tiep")
    assert communication not in vocab.related(teamwork)  # soft skills: not by category alone


def test_the_vocabulary_is_built_from_plain_tuples() -> None:
    vocab = SkillVocabulary(
        [
            SkillEntry(1, "Hàn kim loại", "Welding", "han", ("thợ hàn",), ("7212",)),
            SkillEntry(2, "Cắt kim loại", "Cutting", "han", ("cắt plasma",), ("7212",)),
            SkillEntry(3, "Nuôi ong", "Beekeeping", "nong", (), ("6123",), (1,)),
        ]
    )
    assert vocab.skill_ids("tho han") == (1,)
    assert vocab.related(1) == {2: 0.6, 3: 0.6}
    assert vocab.occupations(2) == ("7212",)
    with pytest.raises(ValueError, match="folds like"):
        SkillVocabulary([SkillEntry(1, "Hàn", aliases=("han",)), SkillEntry(2, "Hán")])
