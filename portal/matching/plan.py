"""What ranking one vacancy against the profile arrays needs, worked out once per vacancy.

A :class:`Plan` maps the vacancy's skills to the index's internal ids and holds a table for each
part of the score, so that a profile's part is one lookup: the credit of each vacancy skill for
every internal skill, the fit of every occupation entry, the location points of every location
class, the points of every qualification rank, month of experience and wage class, and the
rows of the recent graduates for the trade. Every table value is computed by the pure rules of
:mod:`portal.matching.scoring` (location classes with their array twin in
:mod:`portal.matching.vectors`), so lookups give score()'s numbers exactly.

:class:`Tables` caches the tables that depend on a few values only (the occupation code, the
workplace, the months asked, the offer…) across vacancies.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from portal.matching import weights as w
from portal.matching.features import VacancyFeatures
from portal.matching.geo import Location, LocationBand
from portal.matching.profile_arrays import ProfileArrays, major_bit
from portal.matching.scoring import (
    AVAILABILITY_FRACTION,
    WageFit,
    experience_fraction,
    occupation_fit,
    offered_wage,
    qualification_fraction,
    scale_of,
    wage_fit,
)
from portal.matching.vectors import (
    BANDS,
    commute_limits,
    concat,
    location_fractions,
    sorted_unique,
)

_LIMITS = {"location": 512}  # one per workplace commune (~90 KB each at 10,000 classes)
_DEFAULT_LIMIT = 256
AVAILABILITY_POINTS = np.array(
    [w.AVAILABILITY * AVAILABILITY_FRACTION[a] for a in sorted(AVAILABILITY_FRACTION)]
)


class Tables:
    """Per-vacancy tables, cached by what they depend on (one per index)."""

    def __init__(self, arrays: ProfileArrays) -> None:
        self.arrays = arrays
        self._caches: dict[str, dict[Any, tuple[Any, Any]]] = {}

    def _cached(self, name: str, key: Any, stamp: Any, compute: Any) -> Any:
        """``compute()``, cached under ``key`` until ``stamp`` changes."""
        cache = self._caches.setdefault(name, {})
        found = cache.get(key)
        if found is None or found[0] != stamp:
            if len(cache) >= _LIMITS.get(name, _DEFAULT_LIMIT):
                cache.clear()
            found = cache[key] = (stamp, compute())
        return found[1]

    def occupation_levels(self, code: str | None) -> list[tuple[float, list[int]]]:
        """Internal occupation codes by their fit with ``code``, weakest fit first."""
        codes = self.arrays.codes
        if not code:
            return []

        def compute() -> list[tuple[float, list[int]]]:
            levels: dict[float, list[int]] = {}
            for internal, other in enumerate(codes):
                fit = occupation_fit(code, other)
                if fit > 0:
                    levels.setdefault(fit, []).append(internal)
            return sorted(levels.items())

        return self._cached("occupation", code, len(codes), compute)  # type: ignore[no-any-return]

    def graduate_rows(self, vacancy: VacancyFeatures, version: int) -> Any:
        """Sorted rows of recent graduates of a course for the vacancy's trade: a course code
        in the vacancy's 3-digit group (or closer), or one its skills are typical for."""
        arrays = self.arrays
        postings = arrays.graduate_postings
        if not postings:
            return np.empty(0, np.int32)
        by_occupation = self._cached(
            "graduate_codes",
            vacancy.occupation_code,
            len(arrays.codes),
            lambda: [
                c
                for c in postings
                if occupation_fit(vacancy.occupation_code, arrays.codes[c])
                >= w.GRADUATE_OCCUPATION_FIT
            ],
        )
        by_skills = [
            c
            for c in (arrays.code_index.get(code) for code in vacancy.skill_occupations)
            if c is not None and c in postings
        ]
        codes = sorted(set(by_occupation).union(by_skills))
        return self._cached(
            "graduate_rows",
            tuple(codes),
            version,
            lambda: sorted_unique(concat([postings[c].view() for c in codes])),
        )

    def prepare_location(self, workplace: Location | None) -> bool:
        """Compute (and cache) a workplace's location table; whether it was not cached."""
        cache = self._caches.get("location", {})
        fresh = cache.get(workplace, (None,))[0] != self.arrays.class_place.size
        self.location_of(workplace)
        return fresh

    def location(self, vacancy: VacancyFeatures) -> tuple[Any, Any]:
        return self.location_of(vacancy.workplace)

    def location_of(self, workplace: Location | None) -> tuple[Any, Any]:
        """Location points and band numbers (positions in vectors.BANDS) per location class."""
        arrays = self.arrays

        def compute() -> tuple[Any, Any]:
            size = arrays.class_place.size
            if workplace is None:
                unknown = BANDS.index(LocationBand.UNKNOWN)
                return (
                    np.full(size, w.LOCATION * w.LOCATION_UNKNOWN),
                    np.full(size, unknown, np.int8),
                )
            distances, same, province = arrays.places.against(
                workplace, reference_is_workplace=True
            )
            place = arrays.class_place.view()
            fractions, bands = location_fractions(
                place >= 0,
                same[place],
                distances[place],
                commute_limits(arrays.class_commute.view()),
                province[place],
                arrays.class_relocate.view(),
            )
            return w.LOCATION * fractions, bands

        return self._cached(  # type: ignore[no-any-return]
            "location", workplace, arrays.class_place.size, compute
        )

    def experience(self, required: int) -> Any:
        return self._cached(
            "experience",
            required,
            0,
            lambda: np.array(
                [
                    w.EXPERIENCE * experience_fraction(months, required)
                    for months in range(w.MAX_EXPERIENCE_MONTHS + 1)
                ]
            ),
        )

    def qualification(self, required: int) -> Any:
        return self._cached(
            "qualification",
            required,
            0,
            lambda: np.array(
                [
                    w.QUALIFICATION * qualification_fraction(max(0, required - rank))
                    for rank in range(128)  # every int8 rank
                ]
            ),
        )

    def attributes(self, vacancy: VacancyFeatures) -> tuple[Any, Any, Any, Any, list[WageFit]]:
        """Per attribute class: the qualification, wage and availability points together (for
        bounds) and apart (for exact totals), and the wage status."""
        arrays = self.arrays
        required, offer = vacancy.qualification_rank, offered_wage(vacancy)

        def compute() -> tuple[Any, Any, Any, Any, list[WageFit]]:
            qualification = self.qualification(required)[arrays.class_rank.view()]
            fits = [
                wage_fit(offer, minimum or None) for minimum in arrays.class_wage.view().tolist()
            ]
            wage = np.array([w.WAGE * fraction for _, fraction in fits], np.float64)
            availability = AVAILABILITY_POINTS[arrays.class_availability.view()]
            together = qualification + wage + availability
            return together, qualification, wage, availability, [status for status, _ in fits]

        return self._cached(  # type: ignore[no-any-return]
            "attributes", (required, offer), arrays.class_rank.size, compute
        )


class Plan:
    """Internal ids and part tables for ranking one vacancy (see the module docstring)."""

    def __init__(self, tables: Tables, vacancy: VacancyFeatures, version: int) -> None:
        arrays = tables.arrays
        self.vacancy = vacancy
        self.weight = vacancy.skill_weight
        self.scale = scale_of(vacancy)
        skill_index, postings = arrays.skill_index, arrays.skill_postings
        #: (internal id, weight) of the vacancy skills some profile has: candidate lists.
        self.own: list[tuple[int, float]] = []
        #: Internal id of each vacancy skill, in scoring order (-1: no profile has it).
        self.own_ids: list[int] = []
        self.weights: list[float] = []
        self.best_related = 0.0
        #: The padding value of skill lists (its credit is 0 in every table).
        self.blank = len(arrays.skill_ids)
        self.skill_ids = arrays.skill_ids
        self.credits = np.zeros((len(vacancy.weighted_skills), self.blank + 1), np.float64)
        for j, (skill_id, weight, _) in enumerate(vacancy.weighted_skills):
            table = self.credits[j]
            for other, credit in vacancy.related.get(skill_id, {}).items():
                internal = skill_index.get(other)
                if internal is not None and credit > 0:
                    table[internal] = credit
                    self.best_related = max(self.best_related, credit)
            own = skill_index.get(skill_id)
            self.own_ids.append(-1 if own is None else own)
            if own is not None:
                table[own] = 1.0
                if postings[own].size:
                    self.own.append((own, weight))
            self.weights.append(weight)
        self.occupation_levels = tables.occupation_levels(vacancy.occupation_code)
        #: Fit by level number (0: none; 1…: the levels, weakest first).
        self.fits = np.array([0.0, *(fit for fit, _ in self.occupation_levels)], np.float64)
        #: The bit of the vacancy's 1-digit group in ProfileArrays' ``majors`` column.
        self.major_bit = major_bit(vacancy.occupation_code)
        # Occupation points by level number, for bounds: level 0 may still be the major group.
        self.occupation_lower = (w.OCCUPATION * self.fits).astype(np.float32)
        self.occupation_upper = self.occupation_lower.copy()
        if self.major_bit:
            self.occupation_upper[0] = w.OCCUPATION * w.OCCUPATION_MAJOR_GROUP
        self.graduate_rows = tables.graduate_rows(vacancy, version)
        self.location, self.bands = tables.location(vacancy)
        self.experience = tables.experience(vacancy.min_experience_months)
        (
            attributes,
            self.qualification,
            self.wage,
            self.availability,
            self.wage_status,
        ) = tables.attributes(vacancy)
        # float32 copies for bounds (half the memory traffic; bounds allow the rounding).
        self.location32 = self.location.astype(np.float32)
        self.attributes32 = attributes.astype(np.float32)
        self.experience32 = self.experience.astype(np.float32)
