"""Vietnamese text folding for search and matching.

Folding removes what people often leave out when they type Vietnamese: diacritics (tone marks
and vowel marks), the stroke of đ/Đ, letter case and irregular spacing. ``"Kỹ thuật điện"`` and
``"ky  thuat DIEN"`` both fold to ``"ky thuat dien"``.

Folding is lossy on purpose and is for search and matching only: "Cẩm Giàng" and "Cẩm Giang"
fold to the same text but are different communes, so anything that identifies a record keys
on codes, never on folded names.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
# đ and Đ are separate letters, not d plus a combining mark, so NFD leaves them alone.
_STROKES = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def normalise(text: str | None) -> str:
    """Canonical composed (NFC) form with single spaces; keeps diacritics and case.

    Vietnamese arrives in both composed and decomposed Unicode (macOS keyboards, PDFs, some
    input methods); store and compare the NFC form so equal-looking text is equal.
    """
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Lower-case ASCII-ish form without diacritics, đ→d, single spaces.

    Punctuation is kept (apart from spacing) so that codes and abbreviations such as "C/C++" or
    "CNC" survive; use :func:`fold_words` for tokenised search text.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKES))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold().translate(_STROKES)).strip()


def fold_words(text: str | None) -> list[str]:
    """Folded words with punctuation removed, in order: the tokens search and matching use."""
    return [word for word in _NOT_WORD.sub(" ", fold(text)).split(" ") if word]


def fold_key(text: str | None) -> str:
    """Folded words joined by single spaces: the column value indexed for search."""
    return " ".join(fold_words(text))
