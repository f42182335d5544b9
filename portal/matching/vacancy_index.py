"""The in-memory index of open vacancies: recommends vacancies to a worker.

The province has tens of thousands of open vacancies, not hundreds of thousands, so this index
keeps each vacancy's :class:`~portal.matching.features.VacancyFeatures` as an object next to
compact arrays (occupation, qualification, experience, offer, place, scale) and the vacancy
skills as entries ``(row, skill key, weight)``. A skill key stands for one vacancy skill together
with its related-skill credits; a reverse map from a worker skill to the keys it earns credit
for turns a worker's skills into a credit per key in a few dictionary lookups. Every part is
then computed for all vacancies at once with :mod:`portal.matching.vectors`, the best N are
scored with :func:`portal.matching.scoring.score` (the totals agree to the last bit, as for
:class:`portal.matching.index.ProfileIndex`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from portal.matching import weights as w
from portal.matching.features import VacancyFeatures, WorkerFeatures
from portal.matching.geo import commute_limit_km
from portal.matching.scoring import (
    AVAILABILITY_FRACTION,
    MatchScore,
    occupation_fit,
    offered_wage,
    scale_of,
    score,
)
from portal.matching.vectors import (
    Column,
    PlaceTable,
    best_rows,
    experience_fractions,
    location_fractions,
    qualification_fractions,
    wage_fractions,
)

_COLUMNS = (
    ("vacancy_id", np.int64),
    ("occupation", np.int32),
    ("qualification", np.int8),
    ("experience", np.int32),
    ("offer", np.int64),
    ("place", np.int32),
    ("weight", np.float64),
    ("scale", np.float64),
    ("alive", np.bool_),
)


class VacancyIndex:
    """Open vacancies for recommendations (see the module docstring)."""

    def __init__(self) -> None:
        self.version = 0
        self.exact_fallbacks = 0
        self.places = PlaceTable()
        self._features: list[VacancyFeatures | None] = []
        self._row_of: dict[int, int] = {}
        self._codes: list[str] = []
        self._code_index: dict[str, int] = {}
        self._keys: list[tuple[int, Mapping[int, float]]] = []
        self._key_index: dict[tuple[int, int], int] = {}
        self._reverse: dict[int, list[tuple[int, float]]] = {}  # worker skill → (key, credit)
        self._keys_of: dict[int, list[int]] = {}  # vacancy skill → its keys
        self._col = {name: Column(dtype) for name, dtype in _COLUMNS}
        self._entry_row = Column(np.int32)
        self._entry_key = Column(np.int32)
        self._entry_weight = Column(np.float64)
        self._skill_occupations: dict[str, Column] = {}
        self._dead = 0

    @classmethod
    def build(cls, vacancies: Iterable[VacancyFeatures]) -> VacancyIndex:
        index = cls()
        for vacancy in sorted(vacancies, key=lambda v: v.vacancy_id):
            index._add(vacancy)
        index.version += 1
        return index

    def upsert(self, vacancy: VacancyFeatures) -> None:
        """Add an open vacancy or replace it."""
        self._kill(vacancy.vacancy_id)
        self._add(vacancy)
        self.version += 1
        self._maybe_compact()

    def remove(self, vacancy_id: int) -> bool:
        """Forget a vacancy (closed, filled or deleted)."""
        removed = self._kill(vacancy_id)
        if removed:
            self.version += 1
            self._maybe_compact()
        return removed

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, vacancy_id: object) -> bool:
        return vacancy_id in self._row_of

    def features(self, vacancy_id: int) -> VacancyFeatures | None:
        row = self._row_of.get(vacancy_id)
        return None if row is None else self._features[row]

    def _kill(self, vacancy_id: int) -> bool:
        row = self._row_of.pop(vacancy_id, None)
        if row is None:
            return False
        self._col["alive"].data[row] = False
        self._features[row] = None
        self._dead += 1
        return True

    def _maybe_compact(self) -> None:
        if self._dead > max(1000, len(self._features) // 4):
            live = [f for f in self._features if f is not None]
            fresh = VacancyIndex.build(live)
            fresh.version = self.version + 1
            fresh.exact_fallbacks = self.exact_fallbacks
            self.__dict__.update(fresh.__dict__)

    def _code(self, code: str | None) -> int:
        if not code:
            return -1
        found = self._code_index.get(code)
        if found is None:
            found = self._code_index[code] = len(self._codes)
            self._codes.append(code)
        return found

    def _key(self, skill_id: int, related: Mapping[int, float]) -> int:
        identity = (skill_id, id(related))
        found = self._key_index.get(identity)
        if found is None:
            found = self._key_index[identity] = len(self._keys)
            self._keys.append((skill_id, related))  # keeps ``related`` alive: ids stay unique
            self._keys_of.setdefault(skill_id, []).append(found)
            self._reverse.setdefault(skill_id, []).append((found, 1.0))
            for other, credit in related.items():
                if credit > 0:
                    self._reverse.setdefault(other, []).append((found, credit))
        return found

    def _add(self, vacancy: VacancyFeatures) -> None:
        row = len(self._features)
        self._features.append(vacancy)
        self._row_of[vacancy.vacancy_id] = row
        values = {
            "vacancy_id": vacancy.vacancy_id,
            "occupation": self._code(vacancy.occupation_code),
            "qualification": vacancy.qualification_rank,
            "experience": vacancy.min_experience_months,
            "offer": offered_wage(vacancy) or 0,
            "place": self.places.intern(vacancy.workplace),
            "weight": vacancy.skill_weight,
            "scale": scale_of(vacancy),
            "alive": True,
        }
        for name, value in values.items():
            self._col[name].append(value)
        empty: Mapping[int, float] = {}
        for skill_id, weight, _ in vacancy.weighted_skills:
            self._entry_row.append(row)
            self._entry_key.append(self._key(skill_id, vacancy.related.get(skill_id, empty)))
            self._entry_weight.append(weight)
        for code in vacancy.skill_occupations:
            self._skill_occupations.setdefault(code, Column(np.int32)).append(row)

    def recommend(self, worker: WorkerFeatures, top_n: int = 20) -> list[tuple[int, MatchScore]]:
        """The ``top_n`` vacancies that fit the worker best (ties: smaller vacancy id)."""
        n = len(self._features)
        if n == 0 or top_n <= 0:
            return []
        col = {name: column.view() for name, column in self._col.items()}
        credit, held = self._skill_credit(worker, n)

        occupation_ids = col["occupation"]
        fit_table = np.zeros(len(self._codes) + 1, np.float64)  # last slot: no occupation
        graduate_table = np.zeros(len(self._codes) + 1, np.bool_)
        for internal, code in enumerate(self._codes):
            fit = 0.0
            for own in worker.occupations:
                fit = max(fit, occupation_fit(code, own))
            fit_table[internal] = fit
            graduate_table[internal] = any(
                occupation_fit(code, course) >= w.GRADUATE_OCCUPATION_FIT
                for course in worker.graduate_occupations
            )
        fit = fit_table[occupation_ids]
        graduate = graduate_table[occupation_ids]
        for course in worker.graduate_occupations:
            rows = self._skill_occupations.get(course)
            if rows is not None:
                graduate[rows.view()] = True

        relevant = held | (fit >= w.RELEVANT_OCCUPATION_FIT) | graduate
        rows = np.flatnonzero(relevant & col["alive"])
        if not rows.size:
            return []

        weight = col["weight"][rows]
        skills = np.zeros(rows.size, np.float64)
        np.divide(credit[rows], weight, out=skills, where=weight > 0)
        skills = np.where(weight > 0, w.SKILLS * skills, 0.0)
        place = col["place"][rows]
        if worker.residence is None:
            location = np.full(rows.size, w.LOCATION_UNKNOWN)
        else:
            distances, same, province = self.places.against(
                worker.residence, reference_is_workplace=False
            )
            location, _ = location_fractions(
                place >= 0,
                same[place],
                distances[place],
                np.full(rows.size, commute_limit_km(worker.max_commute_km)),
                province[place],
                np.full(rows.size, worker.willing_to_relocate),
            )
        raw = (
            skills
            + w.OCCUPATION * fit[rows]
            + w.LOCATION * location
            + w.QUALIFICATION
            * qualification_fractions(col["qualification"][rows], worker.qualification_rank)
            + w.EXPERIENCE * experience_fractions(worker.experience_months, col["experience"][rows])
            + w.WAGE * wage_fractions(col["offer"][rows], worker.min_wage or 0)
            + w.AVAILABILITY * AVAILABILITY_FRACTION[worker.availability]
            + np.where(graduate[rows], w.RECENT_GRADUATE, 0.0)
        )
        total = raw * col["scale"][rows]
        chosen = rows[best_rows(total, col["vacancy_id"][rows], top_n)]
        expected = dict(zip(rows.tolist(), total.tolist(), strict=True))
        results = [(row, self._score(row, worker)) for row in chosen.tolist()]
        if any(match.total != expected[row] for row, match in results):
            self.exact_fallbacks += 1
            results = [(row, self._score(row, worker)) for row in rows.tolist()]
            results.sort(key=lambda item: (-item[1].total, int(col["vacancy_id"][item[0]])))
            results = results[:top_n]
        return [(int(col["vacancy_id"][row]), match) for row, match in results]

    def _score(self, row: int, worker: WorkerFeatures) -> MatchScore:
        vacancy = self._features[row]
        assert vacancy is not None
        return score(vacancy, worker)

    def _skill_credit(self, worker: WorkerFeatures, n: int) -> tuple[Any, Any]:
        """Weighted skill credit per row, summed in each vacancy's skill order, and whether the
        worker has one of the vacancy's skills itself."""
        best: dict[int, float] = {}
        own: list[int] = []
        for skill_id in worker.skill_ids:
            own.extend(self._keys_of.get(skill_id, ()))
            for key, credit in self._reverse.get(skill_id, ()):
                if credit > best.get(key, 0.0):
                    best[key] = credit
        total = np.zeros(n, np.float64)
        held = np.zeros(n, np.bool_)
        if not best:
            return total, held
        own_key = np.zeros(len(self._keys), np.bool_)
        own_key[own] = True
        held[self._entry_row.view()[own_key[self._entry_key.view()]]] = True
        by_key = np.zeros(len(self._keys), np.float64)
        by_key[list(best)] = list(best.values())
        entry_credit = by_key[self._entry_key.view()]
        earned = np.flatnonzero(entry_credit > 0)
        # ufunc.at adds in index order, i.e. in each vacancy's skill order, as score() does.
        np.add.at(
            total,
            self._entry_row.view()[earned],
            self._entry_weight.view()[earned] * entry_credit[earned],
        )
        return total, held
