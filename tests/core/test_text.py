"""Vietnamese text folding on real words: what search and matching compare."""

from __future__ import annotations

import unicodedata

import pytest

from portal.text import fold, fold_key, fold_words, normalise


@pytest.mark.parametrize(
    "typed",
    [
        "Kỹ thuật điện",
        "ky thuat dien",
        "kỹ thuật điên",  # a tone mark missed on one word still finds the occupation
        "KỸ THUẬT ĐIỆN",
        "  Kỹ   thuật\tđiện \n",
        "Ky Thuat Dien",
    ],
)
def test_spellings_of_an_occupation_fold_to_one_key(typed: str) -> None:
    assert fold(typed) == "ky thuat dien"


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Đường", "duong"),
        ("đường", "duong"),
        ("Đông Triều", "dong trieu"),
        ("Chí Linh", "chi linh"),
        ("Kinh Môn", "kinh mon"),
        ("Thanh Hà", "thanh ha"),
        ("Nguyễn Thị Hương", "nguyen thi huong"),
        ("Thợ hàn", "tho han"),
        ("Công nhân may công nghiệp", "cong nhan may cong nghiep"),
    ],
)
def test_real_words_fold(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_cam_giang_and_cam_giang_fold_equal_but_stay_distinct_records() -> None:
    # Cẩm Giàng (a district) and Cẩm Giang (a commune name) fold to the same search key…
    assert fold("Cẩm Giàng") == fold("Cẩm Giang") == "cam giang"
    # …which is why folding is for search only: the canonical text keeps them apart, and
    # anything that identifies a place keys on its code.
    assert normalise("Cẩm Giàng") != normalise("Cẩm Giang")


def test_decomposed_input_equals_composed_input() -> None:
    composed = unicodedata.normalize("NFC", "Kỹ thuật điện Cẩm Giàng")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed  # the test means something only if the inputs differ
    assert fold(decomposed) == fold(composed)
    assert normalise(decomposed) == composed
    assert fold_key(decomposed) == fold_key(composed)


def test_normalise_keeps_diacritics_and_case_but_tidies_spaces() -> None:
    assert normalise("  Hải   Dương ") == "Hải Dương"
    assert normalise(None) == ""
    assert normalise("") == ""


def test_fold_keeps_punctuation_for_codes() -> None:
    assert fold("Lập trình C/C++") == "lap trinh c/c++"
    assert fold("Vận hành máy CNC") == "van hanh may cnc"


def test_fold_words_splits_on_punctuation() -> None:
    assert fold_words("Thợ hàn (MIG/TIG), hàn điện-hơi; 3G.") == [
        "tho",
        "han",
        "mig",
        "tig",
        "han",
        "dien",
        "hoi",
        "3g",
    ]
    assert fold_key("Kế toán – tổng hợp!") == "ke toan tong hop"


def test_empty_inputs() -> None:
    assert fold(None) == ""
    assert fold("") == ""
    assert fold_words(None) == []
    assert fold_words(" ,;. ") == []
    assert fold_key(None) == ""
