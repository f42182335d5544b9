"""Typed skills → taxonomy skill ids, once per distinct text.

Workers and employers type skills with or without diacritics, with typos, abbreviations and
job-title phrasings ("hàn điện", "han dien", "thợ hàn", "van hanh may cmc", "cong nhan may").
:class:`SkillVocabulary` maps such a text to the taxonomy (portal/reference/data/skills.csv) in
this order, and caches the answer per text:

1. **exact**: the folded text (:func:`portal.text.fold_key`) is a skill's name or alias;
2. **fuzzy**: rapidfuzz ``fuzz.ratio`` on the folded words in sorted order (what
   ``token_sort_ratio`` computes, with the aliases sorted once) reaches
   :data:`~portal.matching.weights.CANONICAL_SIMILARITY`, and no other skill comes within the
   ambiguity margin; texts of at most four letters must match exactly ("QA" is not "QC");
3. **phrase**: a longer text contains aliases as whole word sequences covering at least a third
   of its words ("thợ hàn điện 5 năm kinh nghiệm" → Hàn hồ quang tay; "biết dùng Excel và Word"
   → Excel, Word); single-word aliases count here only when written as an acronym or brand
   (CNC, PLC, Excel), never ordinary words;
4. **free text** otherwise: the text keeps an id of its own, a negative integer derived from the
   folded text (stable across processes), so it still counts when a vacancy and a worker type
   the same thing. A free text close enough to an earlier one
   (:data:`~portal.matching.weights.FREE_TEXT_SIMILARITY`) joins it: "sua may khua" counts as
   "sửa máy khâu".

Only fast scorers are used (``ratio`` over pre-sorted words): ``WRatio`` and
``token_set_ratio`` are about 50 times slower and their partial matching maps "hàn" into every
phrase that contains it.

The vocabulary also answers which skills are related (partial credit, see
portal.matching.weights), which occupations a skill is typical for, and a skill's name in
Vietnamese and English. It is built from plain tuples (:class:`SkillEntry`), never from the
database, and is meant to live for the life of a worker process (it is not thread-safe: the
Celery workers are processes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from rapidfuzz import fuzz, process

from portal.matching import weights as w
from portal.text import fold_key, normalise

EMPTY_RELATED: Mapping[int, float] = MappingProxyType({})


class SkillEntry(NamedTuple):
    """One taxonomy skill as the vocabulary needs it (a row of skills + its aliases/links)."""

    skill_id: int
    name_vi: str
    name_en: str = ""
    category: str = ""
    aliases: tuple[str, ...] = ()
    occupation_codes: tuple[str, ...] = ()
    related_ids: tuple[int, ...] = ()  # explicit relations, on top of category and occupation


class SkillName(NamedTuple):
    vi: str
    en: str


@dataclass(frozen=True, slots=True)
class CanonicalSkill:
    """What a typed text means: taxonomy skill ids, or the id of a free text."""

    text: str  # folded
    skill_ids: tuple[int, ...]
    method: str  # exact | fuzzy | phrase | free | empty
    similarity: float = 100.0

    @property
    def free_text(self) -> bool:
        return self.method == "free"


def free_text_id(folded: str) -> int:
    """A stable negative id for a free-text skill (62 bits of BLAKE2b of the folded text)."""
    digest = hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest()
    return -(int.from_bytes(digest, "big") >> 2) - 1


def is_free_text(skill_id: int) -> bool:
    return skill_id < 0


def _sorted_words(folded: str) -> str:
    return " ".join(sorted(folded.split(" ")))


def _is_acronym_or_brand(alias: str) -> bool:
    """Written with a capital or a digit and without Vietnamese letters: CNC, Excel, 5S."""
    stripped = normalise(alias)
    return (
        stripped.isascii()
        and any(ch.isupper() or ch.isdigit() for ch in stripped)
        and len(fold_key(stripped)) >= 2
    )


class SkillVocabulary:
    """The taxonomy as matching uses it, plus the free texts seen so far (see module doc)."""

    def __init__(self, entries: Iterable[SkillEntry]) -> None:
        self._entries: dict[int, SkillEntry] = {}
        self._exact: dict[str, int] = {}  # folded alias or name → skill id
        self._single_word: dict[str, int] = {}  # acronyms and brands usable inside phrases
        for entry in entries:
            if entry.skill_id <= 0:
                raise ValueError(f"taxonomy skill ids are positive: {entry!r}")
            self._entries[entry.skill_id] = entry
            for text in (entry.name_vi, *entry.aliases):
                folded = fold_key(text)
                if not folded:
                    continue
                owner = self._exact.setdefault(folded, entry.skill_id)
                if owner != entry.skill_id:
                    raise ValueError(
                        f"alias {text!r} of skill {entry.skill_id} folds like one of {owner}"
                    )
                if " " not in folded and _is_acronym_or_brand(text):
                    self._single_word[folded] = entry.skill_id
        keys = sorted(self._exact)
        self._choice_keys = [_sorted_words(key) for key in keys]
        self._choice_owner = [self._exact[key] for key in keys]
        self._related = self._relations()
        self._cache: dict[str, CanonicalSkill] = {}
        self._raw_cache: dict[str, CanonicalSkill] = {}
        # Free texts: representative folded text → id; display text by id.
        self._free_keys: list[str] = []  # sorted words of each representative
        self._free_ids: list[int] = []
        self._free_names: dict[int, str] = {}

    # -----------------------------------------------------------------------------------------
    # Canonicalisation

    def canonical(self, raw: str | None) -> CanonicalSkill:
        """The meaning of a typed skill (cached per text and per folded text)."""
        raw = raw or ""
        found = self._raw_cache.get(raw)
        if found is None:
            folded = fold_key(raw)
            found = self._cache.get(folded)
            if found is None:
                found = self._canonical_folded(folded, raw)
                self._cache[folded] = found
            self._raw_cache[raw] = found
        return found

    def skill_ids(self, raw: str | None) -> tuple[int, ...]:
        return self.canonical(raw).skill_ids

    def _canonical_folded(self, folded: str, raw: str) -> CanonicalSkill:
        if not folded:
            return CanonicalSkill(folded, (), "empty", 0.0)
        exact = self._exact.get(folded)
        if exact is not None:
            return CanonicalSkill(folded, (exact,), "exact")
        if len(folded) > w.CANONICAL_EXACT_ONLY_LENGTH:
            best = self._fuzzy(folded)
            if best is not None:
                return CanonicalSkill(folded, (best[0],), "fuzzy", best[1])
        phrase = self._phrase(folded)
        if phrase:
            return CanonicalSkill(folded, phrase, "phrase")
        return self._free(folded, raw)

    def _fuzzy(self, folded: str) -> tuple[int, float] | None:
        floor = w.CANONICAL_SIMILARITY - w.CANONICAL_AMBIGUITY_MARGIN
        matches = process.extract(
            _sorted_words(folded),
            self._choice_keys,
            scorer=fuzz.ratio,
            limit=12,
            score_cutoff=floor,
        )
        if not matches or matches[0][1] < w.CANONICAL_SIMILARITY:
            return None
        # Best first; among equal scores, the lower alias position (extract is stable).
        best_owner, best_score = self._choice_owner[matches[0][2]], float(matches[0][1])
        for _, similarity, position in matches[1:]:
            if self._choice_owner[position] != best_owner:
                if similarity > best_score - w.CANONICAL_AMBIGUITY_MARGIN:
                    return None  # two trades equally plausible: keep the text as typed
                break
        return best_owner, best_score

    def _phrase(self, folded: str) -> tuple[int, ...]:
        words = folded.split(" ")
        if len(words) < 2:
            return ()
        used = [False] * len(words)
        found: list[tuple[int, int]] = []  # (position, skill id)
        for size in range(len(words) - 1, 0, -1):
            lookup = self._single_word if size == 1 else self._exact
            for start in range(len(words) - size + 1):
                if any(used[start : start + size]):
                    continue
                skill = lookup.get(" ".join(words[start : start + size]))
                if skill is not None:
                    found.append((start, skill))
                    used[start : start + size] = [True] * size
        if sum(used) * 3 < len(words):  # mostly other words: a sentence, not a skill
            return ()
        return tuple(dict.fromkeys(skill for _, skill in sorted(found)))

    def _free(self, folded: str, raw: str) -> CanonicalSkill:
        key = _sorted_words(folded)
        if len(folded) > w.CANONICAL_EXACT_ONLY_LENGTH and self._free_keys:
            best = process.extractOne(
                key, self._free_keys, scorer=fuzz.ratio, score_cutoff=w.FREE_TEXT_SIMILARITY
            )
            if best is not None:
                return CanonicalSkill(folded, (self._free_ids[best[2]],), "free", float(best[1]))
        skill_id = free_text_id(folded)
        if skill_id not in self._free_names:
            self._free_keys.append(key)
            self._free_ids.append(skill_id)
            self._free_names[skill_id] = normalise(raw) or folded
        return CanonicalSkill(folded, (skill_id,), "free")

    # -----------------------------------------------------------------------------------------
    # What matching asks about skills

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._entries or skill_id in self._free_names

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> Mapping[int, SkillEntry]:
        return MappingProxyType(self._entries)

    def related(self, skill_id: int) -> Mapping[int, float]:
        """Skills whose holder earns partial credit for this one, with the credit (0–1)."""
        return self._related.get(skill_id, EMPTY_RELATED)

    def occupations(self, skill_id: int) -> tuple[str, ...]:
        """VSCO codes the skill is typical for (none for free text)."""
        entry = self._entries.get(skill_id)
        return entry.occupation_codes if entry else ()

    def name(self, skill_id: int) -> SkillName:
        """The skill's name in Vietnamese and English; a free text as it was first typed."""
        entry = self._entries.get(skill_id)
        if entry is not None:
            return SkillName(entry.name_vi, entry.name_en or entry.name_vi)
        text = self._free_names.get(skill_id, f"#{skill_id}")
        return SkillName(text, text)

    def _relations(self) -> dict[int, Mapping[int, float]]:
        entries = list(self._entries.values())
        credits: dict[int, dict[int, float]] = {entry.skill_id: {} for entry in entries}

        def relate(a: int, b: int, credit: float) -> None:
            if a == b or a not in credits or b not in credits:
                return
            for one, other in ((a, b), (b, a)):
                if credit > credits[one].get(other, 0.0):
                    credits[one][other] = credit

        for i, first in enumerate(entries):
            for second in entries[i + 1 :]:
                shared = not set(first.occupation_codes).isdisjoint(second.occupation_codes)
                same = (
                    first.category == second.category
                    and bool(first.category)
                    and first.category not in w.UNRELATED_CATEGORIES
                )
                if shared and same:
                    relate(first.skill_id, second.skill_id, w.RELATED_CATEGORY_AND_OCCUPATION)
                elif shared:
                    relate(first.skill_id, second.skill_id, w.RELATED_SHARED_OCCUPATION)
                elif same:
                    relate(first.skill_id, second.skill_id, w.RELATED_SAME_CATEGORY)
            for other in first.related_ids:
                relate(first.skill_id, other, w.RELATED_EXPLICIT)
        related: dict[int, Mapping[int, float]] = {}
        for skill_id, others in credits.items():
            strongest = sorted(others.items(), key=lambda item: (-item[1], item[0]))
            related[skill_id] = MappingProxyType(dict(strongest[: w.RELATED_PER_SKILL]))
        return related


def entries_from_rows(
    skills: Iterable[Sequence[object]],
    aliases: Iterable[tuple[int, str]] = (),
    occupations: Iterable[tuple[int, str]] = (),
) -> list[SkillEntry]:
    """Skill entries from the loader's tuples (portal.matching.services runs the queries).

    ``skills``: ``(skill_id, name_vi, name_en, category)`` of active skills;
    ``aliases``: ``(skill_id, alias)``; ``occupations``: ``(skill_id, VSCO code)``.
    """
    alias_map: dict[int, list[str]] = {}
    for skill_id, alias in aliases:
        alias_map.setdefault(skill_id, []).append(alias)
    code_map: dict[int, list[str]] = {}
    for skill_id, code in occupations:
        code_map.setdefault(skill_id, []).append(code)
    result = []
    for row in skills:
        skill_id, name_vi, name_en, category = row[0], row[1], row[2], row[3]
        assert isinstance(skill_id, int)
        result.append(
            SkillEntry(
                skill_id,
                str(name_vi),
                str(name_en or ""),
                str(category or ""),
                tuple(alias_map.get(skill_id, ())),
                tuple(sorted(code_map.get(skill_id, ()))),
            )
        )
    return result
