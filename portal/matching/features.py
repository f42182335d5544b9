"""What the matcher knows about a worker and a vacancy, and how it is built from plain rows.

:class:`WorkerFeatures` and :class:`VacancyFeatures` are everything scoring reads. They hold
**no** sex, age or date of birth, ethnicity, religion, health or disability: the score cannot
depend on what it is never given (tests/matching/test_fairness.py holds the field lists to
that). The builders read only the fields named in the row types below, so a profile dict full
of other columns yields the same features.

The row types are the **loader contract**: the database loader (portal.matching.services) reads
these tuples with Core queries, in any order, and passes them to
:meth:`portal.matching.index.ProfileIndex.build` or to the builders here.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from portal.matching import weights as w
from portal.matching.canonical import SkillVocabulary
from portal.matching.geo import Location, Places

MUST = "must"
NICE = "nice"
DAYS_PER_MONTH = 30.4375
MAX_COMMUTE_KM = 1000


class Availability(enum.IntEnum):
    SEEKING = 0  # unemployed and looking for work
    OPEN = 1  # employed (or status not given) but open to offers
    OTHER = 2  # student, not in the labour force, or not open to offers


# ---------------------------------------------------------------------------------------------
# Loader contract


class ProfileRow(NamedTuple):
    """One worker profile: ``worker_profiles`` joined to its training occupation and consent."""

    profile_id: int
    qualification_code: str | None  # QualificationLevel.code
    min_wage: int | None  # VND per month
    unit_version: str | None  # "legacy" or "2025"
    commune_code: str | None  # current residence, else permanent
    max_commute_km: int | None
    willing_to_relocate: bool
    employment_status: str | None  # EmploymentStatus value
    open_to_offers: bool
    current_occupation_code: str | None
    wished_occupation_codes: Sequence[str] | None  # the JSON list as stored
    course_occupation_codes: str | None  # TrainingOccupation.occupation_codes (space-separated)
    graduation_year: int | None
    consent_matching: bool  # the latest ConsentEvent for "matching" is a grant


class SkillRow(NamedTuple):
    """One ``worker_skills`` row."""

    profile_id: int
    raw_text: str
    skill_id: int | None


class ExperienceRow(NamedTuple):
    """One ``worker_experiences`` row."""

    profile_id: int
    start_date: dt.date
    end_date: dt.date | None
    occupation_code: str | None


class VacancyRow(NamedTuple):
    """One open vacancy (``vacancies``)."""

    vacancy_id: int
    occupation_code: str | None
    qualification_code: str | None
    min_experience_months: int
    wage_min: int | None
    wage_max: int | None
    wage_negotiable: bool
    unit_version: str | None
    commune_code: str | None
    shifts: Sequence[str] | None


class VacancySkillRow(NamedTuple):
    """One ``vacancy_skills`` row; importance is "must" or "nice"."""

    vacancy_id: int
    raw_text: str
    skill_id: int | None
    importance: str


@dataclass(frozen=True)
class MatchingReference:
    """The reference data features are built with (from the DB, a file or literals)."""

    vocabulary: SkillVocabulary
    places: Places
    qualification_ranks: Mapping[str, int] = field(default_factory=dict)

    def qualification_rank(self, code: str | None) -> int:
        return self.qualification_ranks.get(code or "", 0)


# ---------------------------------------------------------------------------------------------
# Features


@dataclass(frozen=True, slots=True)
class WorkerFeatures:
    profile_id: int
    skill_ids: frozenset[int] = frozenset()
    wished_occupations: tuple[str, ...] = ()
    held_occupations: tuple[str, ...] = ()  # current job and past jobs
    qualification_rank: int = 0
    experience_months: int = 0
    min_wage: int | None = None
    residence: Location | None = None
    max_commute_km: int | None = None
    willing_to_relocate: bool = False
    availability: Availability = Availability.OTHER
    graduate_occupations: tuple[str, ...] = ()  # VSCO codes of a course finished recently

    @property
    def occupations(self) -> tuple[str, ...]:
        return self.wished_occupations + self.held_occupations


@dataclass(frozen=True, slots=True)
class VacancyFeatures:
    vacancy_id: int
    must_skill_ids: tuple[int, ...] = ()
    nice_skill_ids: tuple[int, ...] = ()
    #: For each of the vacancy's skills, the skills that earn partial credit for it.
    related: Mapping[int, Mapping[int, float]] = field(default_factory=dict)
    #: VSCO codes the vacancy's skills are typical for (a graduate of such a course fits).
    skill_occupations: frozenset[str] = frozenset()
    occupation_code: str | None = None
    qualification_rank: int = 0
    min_experience_months: int = 0
    wage_min: int | None = None
    wage_max: int | None = None
    wage_negotiable: bool = False
    workplace: Location | None = None
    shifts: tuple[str, ...] = ()
    #: (skill id, weight, must) in scoring order: must-haves first; a skill asked as both is a
    #: must-have once.
    weighted_skills: tuple[tuple[int, float, bool], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        seen: set[int] = set()
        weighted: list[tuple[int, float, bool]] = []
        for ids, weight, must in (
            (self.must_skill_ids, w.MUST_HAVE, True),
            (self.nice_skill_ids, w.NICE_TO_HAVE, False),
        ):
            for skill_id in ids:
                if skill_id not in seen:
                    seen.add(skill_id)
                    weighted.append((skill_id, weight, must))
        object.__setattr__(self, "weighted_skills", tuple(weighted))

    @property
    def skill_weight(self) -> float:
        """The sum of the skill weights, added in scoring order."""
        total = 0.0
        for _, weight, _ in self.weighted_skills:
            total += weight
        return total


# ---------------------------------------------------------------------------------------------
# Small rules shared by the builders and the index


def availability_of(employment_status: str | None, open_to_offers: bool) -> Availability:
    if employment_status == "unemployed":
        return Availability.SEEKING
    if employment_status in (None, "", "employed") and open_to_offers:
        return Availability.OPEN
    return Availability.OTHER


def experience_months(periods: Iterable[tuple[dt.date, dt.date | None]], today: dt.date) -> int:
    """Whole months worked: overlapping periods count once, an open period runs to today."""
    spans = sorted((start, min(end or today, today)) for start, end in periods if start)
    days = 0
    current_start: dt.date | None = None
    current_end: dt.date | None = None
    for start, end in spans:
        if end < start:
            continue
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                days += (current_end - current_start).days
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_start is not None and current_end is not None:
        days += (current_end - current_start).days
    return min(int(days / DAYS_PER_MONTH), w.MAX_EXPERIENCE_MONTHS)


def is_recent_graduate(graduation_year: int | None, today: dt.date) -> bool:
    return (
        graduation_year is not None
        and today.year - w.RECENT_GRADUATE_YEARS <= (graduation_year) <= today.year
    )


def skill_ids_of(
    vocabulary: SkillVocabulary, raw_text: str | None, skill_id: int | None
) -> tuple[int, ...]:
    """A stored skill id when the taxonomy has it, else what the typed text means."""
    if skill_id is not None and skill_id in vocabulary.entries:
        return (skill_id,)
    return vocabulary.skill_ids(raw_text)


def _codes(values: Iterable[str | None]) -> tuple[str, ...]:
    """Distinct codes in code order (order never matters to the score)."""
    return tuple(sorted({code.strip() for code in values if code and code.strip()}))


def commute_km(km: int | None) -> int | None:
    """A stated commuting distance as matching uses it: whole km from 0 to 1,000."""
    return None if km is None else min(max(int(km), 0), MAX_COMMUTE_KM)


def _positive(value: int | None) -> int | None:
    return value if value is not None and value > 0 else None


# ---------------------------------------------------------------------------------------------
# Builders


def worker_features(
    row: ProfileRow,
    skills: Iterable[tuple[str, int | None]],
    experiences: Iterable[tuple[dt.date, dt.date | None, str | None]],
    reference: MatchingReference,
    today: dt.date,
) -> WorkerFeatures:
    """Features of one profile from its row, its ``(raw_text, skill_id)`` skills and its
    ``(start_date, end_date, occupation_code)`` experience entries."""
    skill_ids: set[int] = set()
    for raw_text, skill_id in skills:
        skill_ids.update(skill_ids_of(reference.vocabulary, raw_text, skill_id))
    experiences = list(experiences)
    graduate = is_recent_graduate(row.graduation_year, today)
    return WorkerFeatures(
        profile_id=row.profile_id,
        skill_ids=frozenset(skill_ids),
        wished_occupations=_codes(row.wished_occupation_codes or ()),
        held_occupations=_codes(
            [row.current_occupation_code, *(code for _, _, code in experiences)]
        ),
        qualification_rank=reference.qualification_rank(row.qualification_code),
        experience_months=experience_months(((s, e) for s, e, _ in experiences), today),
        min_wage=_positive(row.min_wage),
        residence=reference.places.locate(row.unit_version, row.commune_code),
        max_commute_km=commute_km(row.max_commute_km),
        willing_to_relocate=bool(row.willing_to_relocate),
        availability=availability_of(row.employment_status, bool(row.open_to_offers)),
        graduate_occupations=_codes((row.course_occupation_codes or "").split())
        if graduate
        else (),
    )


def profile_records_from_mapping(
    profile: Mapping[str, Any],
) -> tuple[ProfileRow, list[tuple[str, int | None]], list[tuple[dt.date, dt.date | None, Any]]]:
    """The loader's tuples for one profile given as a dict (a form, a fixture, an import row).

    Keys are the ``worker_profiles`` column names, plus ``skills`` (texts, or dicts with
    ``raw_text`` and ``skill_id``), ``experiences`` (dicts with ``start_date``, ``end_date``,
    ``occupation_code``), ``course_occupation_codes`` and ``consent_matching``. Every other key
    (full name, sex, date of birth, ethnicity, religion, health…) is ignored.
    """
    commune = profile.get("current_commune_code") or profile.get("permanent_commune_code")
    row = ProfileRow(
        profile_id=int(profile.get("id") or profile.get("profile_id") or 0),
        qualification_code=profile.get("qualification_code"),
        min_wage=profile.get("min_wage"),
        unit_version=profile.get("unit_version"),
        commune_code=commune,
        max_commute_km=profile.get("max_commute_km"),
        willing_to_relocate=bool(profile.get("willing_to_relocate")),
        employment_status=_value(profile.get("employment_status")),
        open_to_offers=bool(profile.get("open_to_offers", True)),
        current_occupation_code=profile.get("current_occupation_code"),
        wished_occupation_codes=list(profile.get("wished_occupation_codes") or ()),
        course_occupation_codes=profile.get("course_occupation_codes"),
        graduation_year=profile.get("graduation_year"),
        consent_matching=bool(profile.get("consent_matching", True)),
    )
    skills: list[tuple[str, int | None]] = []
    for item in profile.get("skills") or ():
        if isinstance(item, str):
            skills.append((item, None))
        else:
            skills.append((item.get("raw_text", ""), item.get("skill_id")))
    experiences = [
        (item["start_date"], item.get("end_date"), item.get("occupation_code"))
        for item in profile.get("experiences") or ()
    ]
    return row, skills, experiences


def worker_features_from_mapping(
    profile: Mapping[str, Any], reference: MatchingReference, today: dt.date
) -> WorkerFeatures:
    """:func:`worker_features` of a profile given as a dict (see
    :func:`profile_records_from_mapping` for the keys read)."""
    row, skills, experiences = profile_records_from_mapping(profile)
    return worker_features(row, skills, experiences, reference, today)


def vacancy_features(
    row: VacancyRow,
    skills: Iterable[tuple[str, int | None, str]],
    reference: MatchingReference,
) -> VacancyFeatures:
    """Features of one vacancy from its row and its ``(raw_text, skill_id, importance)``
    skills."""
    vocabulary = reference.vocabulary
    must: list[int] = []
    nice: list[int] = []
    for raw_text, skill_id, importance in skills:
        target = must if _value(importance) == MUST else nice
        target.extend(skill_ids_of(vocabulary, raw_text, skill_id))
    all_ids = list(dict.fromkeys(must + nice))
    return VacancyFeatures(
        vacancy_id=row.vacancy_id,
        must_skill_ids=tuple(dict.fromkeys(must)),
        nice_skill_ids=tuple(dict.fromkeys(nice)),
        related={skill_id: vocabulary.related(skill_id) for skill_id in all_ids},
        skill_occupations=frozenset(
            code for skill_id in all_ids for code in vocabulary.occupations(skill_id)
        ),
        occupation_code=(row.occupation_code or "").strip() or None,
        qualification_rank=reference.qualification_rank(row.qualification_code),
        min_experience_months=max(0, int(row.min_experience_months or 0)),
        wage_min=_positive(row.wage_min),
        wage_max=_positive(row.wage_max),
        wage_negotiable=bool(row.wage_negotiable),
        workplace=reference.places.locate(row.unit_version, row.commune_code),
        shifts=tuple(row.shifts or ()),
    )


def vacancy_features_from_mapping(
    vacancy: Mapping[str, Any], reference: MatchingReference
) -> VacancyFeatures:
    """:func:`vacancy_features` of a vacancy given as a dict: the ``vacancies`` column names,
    plus ``must`` and ``nice`` (lists of texts) or ``skills`` (dicts with ``raw_text``,
    ``skill_id`` and ``importance``)."""
    row = VacancyRow(
        vacancy_id=int(vacancy.get("id") or vacancy.get("vacancy_id") or 0),
        occupation_code=vacancy.get("occupation_code"),
        qualification_code=vacancy.get("qualification_code"),
        min_experience_months=int(vacancy.get("min_experience_months") or 0),
        wage_min=vacancy.get("wage_min"),
        wage_max=vacancy.get("wage_max"),
        wage_negotiable=bool(vacancy.get("wage_negotiable")),
        unit_version=vacancy.get("unit_version"),
        commune_code=vacancy.get("commune_code"),
        shifts=vacancy.get("shifts"),
    )
    skills: list[tuple[str, int | None, str]] = [
        (text, None, importance)
        for importance in (MUST, NICE)
        for text in vacancy.get(importance) or ()
    ]
    for item in vacancy.get("skills") or ():
        skills.append((item.get("raw_text", ""), item.get("skill_id"), item["importance"]))
    return vacancy_features(row, skills, reference)


def _value(value: Any) -> Any:
    """An enum member's value, or the value itself (rows carry strings, ORM objects enums)."""
    return getattr(value, "value", value)
