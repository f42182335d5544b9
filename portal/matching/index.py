"""The in-memory index of worker profiles: ranks a province's candidates in milliseconds.

Built once per worker process from the loader's tuples (:class:`~portal.matching.features.
ProfileRow`, :class:`~portal.matching.features.SkillRow`, :class:`~portal.matching.features.
ExperienceRow`, read with Core queries) and kept current with :meth:`ProfileIndex.upsert_profile`
and :meth:`ProfileIndex.remove_profile` (withdrawn consent removes a profile from the very next
ranking); :attr:`ProfileIndex.version` counts the changes. The arrays are described in
:mod:`portal.matching.profile_arrays`, the per-vacancy tables in :mod:`portal.matching.plan`.

:meth:`ProfileIndex.rank` for one vacancy:

1. **candidates** from the inverted lists: profiles with one of the vacancy's skills, profiles
   whose occupation is in the vacancy's 2-digit group or closer, recent graduates for the trade;
   consenting ones only. The weight of the vacancy skills each holds and its occupation fit
   come with them;
2. **first round** (many candidates only): the best few hundred by skills and occupation are
   scored exactly; N of them reach the N-th best of those totals, so a candidate whose skills
   and occupation bound plus the most the other parts give stays below it is dropped;
3. **bounds**: every other part is one lookup per candidate in a table; the skills held and the
   occupation fit give a lower bound, related skills (at the best related credit) and the
   major-group fit an upper bound; candidates whose upper bound is below the N-th best lower
   bound (or below the N-th best exact total of the 2N best upper bounds) are dropped;
4. **exact totals** for the rest (related-skill credit and occupation fit from the CSR lists),
   added in :func:`~portal.matching.scoring.score`'s order, so they equal its totals to the
   last bit;
5. the **top N** (ties: smaller profile id first) get their :class:`~portal.matching.scoring.
   MatchScore` assembled from the same arrays: the values and facts score() gives. Building
   each profile's features and calling score() would cost about five times more, which at 100
   results per vacancy is most of the budget; tests build indexes with ``verify=True``, which
   does exactly that for every result and fails on any difference.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from portal.matching import weights as w
from portal.matching.features import (
    Availability,
    ExperienceRow,
    MatchingReference,
    ProfileRow,
    SkillRow,
    VacancyFeatures,
    WorkerFeatures,
)
from portal.matching.geo import Location
from portal.matching.plan import Plan, Tables
from portal.matching.profile_arrays import ProfileArrays
from portal.matching.scoring import OCCUPATION_BY_FRACTION, MatchScore, Parts, score
from portal.matching.vacancy_index import VacancyIndex
from portal.matching.vectors import BANDS, best_rows, column_max, concat, padded

_FIRST_ROUND = 256  # candidates scored exactly first, to find a total the top N reach
_REFINE_ABOVE = 4  # × top_n: more survivors than this, and the best 2N are scored first
#: The most the parts other than skills and occupation can add.
REST_MAX = w.LOCATION + w.QUALIFICATION + w.EXPERIENCE + w.WAGE + w.AVAILABILITY + w.RECENT_GRADUATE
_SLACK = 1e-3  # bounds are float32 sums in another order: compared with this margin


@dataclass
class _Exact:
    """Exact parts of some candidate rows."""

    rows: Any
    entries: Any  # the rows' skills, padded (vectors.padded)
    credits: list[Any]  # per vacancy skill: the credit of each row
    fit: Any
    rest: tuple[Any, ...]  # location, qualification, experience, wage, availability, graduate
    skills: Any
    raw: Any  # the total before scaling

    def take(self, positions: Any) -> _Exact:
        return _Exact(
            self.rows[positions],
            self.entries[:, positions],
            [credit[positions] for credit in self.credits],
            self.fit[positions],
            tuple(part[positions] for part in self.rest),
            self.skills[positions],
            self.raw[positions],
        )


class ProfileIndex:
    """Worker profiles for ranking candidates (see the module docstring)."""

    def __init__(
        self, reference: MatchingReference, *, today: dt.date, verify: bool = False
    ) -> None:
        self.reference = reference
        self.today = today
        self.verify = verify
        self.version = 0
        self.arrays = ProfileArrays(reference, today)
        self.tables = Tables(self.arrays)

    # -----------------------------------------------------------------------------------------
    # Building and keeping current

    @classmethod
    def build(
        cls,
        reference: MatchingReference,
        profiles: Iterable[ProfileRow],
        skills: Iterable[SkillRow] = (),
        experiences: Iterable[ExperienceRow] = (),
        *,
        today: dt.date,
        verify: bool = False,
    ) -> ProfileIndex:
        """An index of the given profiles (the three streams may come in any order; rows of
        profiles not in ``profiles`` are ignored). ``verify`` re-scores every result with
        score() and fails on any difference (for tests)."""
        index = cls(reference, today=today, verify=verify)
        # The build allocates millions of short-lived tuples and no cycles: the cyclic garbage
        # collector's passes over them would cost more than the build itself.
        enabled = gc.isenabled()
        gc.disable()
        try:
            index.arrays.install(index.arrays.batch(profiles, skills, experiences))
        finally:
            if enabled:
                gc.enable()
        index.version = 1
        return index

    def upsert_profile(
        self,
        row: ProfileRow,
        skills: Iterable[SkillRow | tuple[str, int | None]] = (),
        experiences: Iterable[ExperienceRow | tuple[dt.date, dt.date | None, str | None]] = (),
    ) -> None:
        """Add a profile or replace it; the next ranking sees the change.

        ``skills`` and ``experiences`` are the profile's rows, with or without the leading
        profile id.
        """
        pid = row.profile_id
        skill_rows = [
            item if isinstance(item, SkillRow) else SkillRow(pid, *item[-2:]) for item in skills
        ]
        experience_rows = [
            item if isinstance(item, ExperienceRow) else ExperienceRow(pid, *item[-3:])
            for item in experiences
        ]
        batch = self.arrays.batch([row], skill_rows, experience_rows)
        self.arrays.kill(pid)
        self.arrays.append(batch)
        self._changed()

    def remove_profile(self, profile_id: int) -> bool:
        """Forget a profile at once (account deleted, or consent to matching withdrawn)."""
        removed = self.arrays.kill(profile_id)
        if removed:
            self._changed()
        return removed

    def set_consent(self, profile_id: int, granted: bool) -> bool:
        """Record a change of consent to matching without reloading the profile."""
        changed = self.arrays.set_consent(profile_id, granted)
        if changed:
            self.version += 1
        return changed

    def compact(self) -> None:
        """Drop the rows of replaced and removed profiles (done by itself past 25 %)."""
        self.arrays.compact()
        self.version += 1

    def _changed(self) -> None:
        self.version += 1
        if self.arrays.dead > max(10_000, self.arrays.n // 4):
            self.compact()

    # -----------------------------------------------------------------------------------------
    # Reading

    def __len__(self) -> int:
        """Profiles in the index (consenting or not)."""
        return self.arrays.n - self.arrays.dead

    def __contains__(self, profile_id: object) -> bool:
        return isinstance(profile_id, int) and self.arrays.row(profile_id) >= 0

    def features(self, profile_id: int) -> WorkerFeatures | None:
        """The features the index holds for a profile (what ranking scores)."""
        row = self.arrays.row(profile_id)
        return None if row < 0 else self.arrays.features_of([row])[0]

    def memory_bytes(self) -> int:
        return self.arrays.memory_bytes()

    def prepare(self, workplaces: Iterable[Location | None]) -> int:
        """Compute the location tables of these workplaces now (each workplace's first ranking
        pays about a millisecond for them otherwise); returns how many were new."""
        new = 0
        for workplace in dict.fromkeys(workplaces):
            new += self.tables.prepare_location(workplace)
        return new

    # -----------------------------------------------------------------------------------------
    # Ranking

    def rank(self, vacancy: VacancyFeatures, top_n: int = 100) -> list[tuple[int, MatchScore]]:
        """The ``top_n`` consenting profiles that fit the vacancy best, with their scores."""
        if self.arrays.n == 0 or top_n <= 0:
            return []
        plan = Plan(self.tables, vacancy, self.version)
        rows, held, level, graduate = self._candidates(plan)
        if not rows.size:
            return []
        if rows.size > top_n:
            lower, upper = self._bounds(plan, held, level)
            floor = -np.inf
            first_round = max(_FIRST_ROUND, 2 * top_n)
            if rows.size > 2 * first_round:
                first = np.argpartition(-lower, first_round - 1)[:first_round]
                totals = self._exact(plan, rows[first], level[first], graduate[first]).raw
                floor = float(np.partition(totals, first_round - top_n)[first_round - top_n])
                keep = np.flatnonzero(upper + np.float32(REST_MAX) >= floor - _SLACK)
                rows, level, graduate = rows[keep], level[keep], graduate[keep]
                lower, upper = lower[keep], upper[keep]
            keep = self._survivors(plan, rows, level, graduate, lower, upper, top_n, floor)
            rows, level, graduate = rows[keep], level[keep], graduate[keep]
        exact = self._exact(plan, rows, level, graduate)
        total = exact.raw * plan.scale
        picked = best_rows(total, self.arrays.col["profile_id"].data[rows], top_n)
        results = self._matches(plan, exact.take(picked))
        if self.verify:
            self._check(vacancy, results)
        return results

    def _candidates(self, plan: Plan) -> tuple[Any, Any, Any, Any]:
        """Candidate rows, with the weight of the vacancy skills each holds (float32: for
        bounds), its occupation level number (0: none, or the major group at most) and
        whether it is a recent graduate for the trade."""
        arrays = self.arrays
        n = arrays.n
        candidate = np.zeros(n, np.bool_)
        held = np.zeros(n, np.float32)
        # Index arrays are int32 in memory; converting once per list beats numpy doing it for
        # every fancy-indexing operation.
        for internal, weight in plan.own:
            rows = arrays.skill_postings[internal].view().astype(np.intp)
            held[rows] += weight
            candidate[rows] = True
        level = np.zeros(n, np.int8)
        for number, (fit, codes) in enumerate(plan.occupation_levels, start=1):
            if fit >= w.RELEVANT_OCCUPATION_FIT:
                rows = concat([arrays.occupation_postings[c].view() for c in codes])
                rows = rows.astype(np.intp)
                level[rows] = number
                candidate[rows] = True
        graduate = None
        if plan.graduate_rows.size:
            graduate = np.zeros(n, np.bool_)
            graduate[plan.graduate_rows] = True
            candidate |= graduate
        candidate &= arrays.eligible.view()
        rows = np.flatnonzero(candidate)
        graduates = graduate[rows] if graduate is not None else np.zeros(rows.size, np.bool_)
        return rows, held[rows], level[rows], graduates

    def _bounds(self, plan: Plan, held: Any, level: Any) -> tuple[Any, Any]:
        """Lower and upper bounds (float32) of the skills and occupation points."""
        lower = plan.occupation_lower[level]
        upper = plan.occupation_upper[level]
        if plan.weight > 0:
            scale = np.float32(w.SKILLS / plan.weight)
            lower = lower + scale * held
            # Each missing skill may earn at most the best related credit.
            keep_share = np.float32(1.0 - plan.best_related)
            upper = upper + scale * (
                keep_share * held + np.float32(plan.best_related * plan.weight)
            )
        return lower, upper

    def _survivors(
        self,
        plan: Plan,
        rows: Any,
        level: Any,
        graduate: Any,
        lower: Any,
        upper: Any,
        top_n: int,
        floor: float,
    ) -> Any:
        """Positions of the candidates whose upper bound reaches a total N candidates reach
        (see step 3 of the module docstring)."""
        rest = self._rest_bound(plan, rows, graduate)
        lower, upper = lower + rest, upper + rest
        floor = max(floor, float(np.partition(lower, lower.size - top_n)[lower.size - top_n]))
        keep = np.flatnonzero(upper >= floor - _SLACK)
        if keep.size > _REFINE_ABOVE * top_n:
            best = keep[np.argpartition(-upper[keep], 2 * top_n - 1)[: 2 * top_n]]
            totals = self._exact(plan, rows[best], level[best], graduate[best]).raw
            floor = max(floor, float(np.partition(totals, top_n)[top_n]))
            keep = keep[upper[keep] >= floor - _SLACK]
        return keep

    def _rest(self, plan: Plan, rows: Any, graduate: Any) -> tuple[Any, ...]:
        """Location, qualification, experience, wage, availability and graduate points."""
        col = self.arrays.col
        attributes = col["attributes"].data[rows]
        return (
            plan.location[col["location"].data[rows]],
            plan.qualification[attributes],
            plan.experience[col["experience"].data[rows]],
            plan.wage[attributes],
            plan.availability[attributes],
            np.where(graduate, w.RECENT_GRADUATE, 0.0),
        )

    def _rest_bound(self, plan: Plan, rows: Any, graduate: Any) -> Any:
        """The same parts summed (float32, in another order: for bounds only)."""
        col = self.arrays.col
        total = plan.location32[col["location"].data[rows]]
        total += plan.attributes32[col["attributes"].data[rows]]
        total += plan.experience32[col["experience"].data[rows]]
        total[graduate] += np.float32(w.RECENT_GRADUATE)
        return total

    def _exact(self, plan: Plan, rows: Any, level: Any, graduate: Any) -> _Exact:
        """Exact parts and totals: score()'s operations, in its order, on arrays."""
        arrays = self.arrays
        rest = self._rest(plan, rows, graduate)
        fit = plan.fits[level]
        if plan.major_bit:
            in_group = (arrays.col["majors"].data[rows] & plan.major_bit) != 0
            fit = np.where((level == 0) & in_group, w.OCCUPATION_MAJOR_GROUP, fit)
        credits = []
        skills = np.zeros(rows.size, np.float64)
        entries = padded(arrays.skill_offsets.data, arrays.skills.data, rows, plan.blank)
        if plan.weight > 0:
            weighted = np.zeros(rows.size, np.float64)
            for table, weight in zip(plan.credits, plan.weights, strict=True):
                credit = column_max(table, entries)
                weighted = weighted + weight * credit
                credits.append(credit)
            skills = w.SKILLS * (weighted / plan.weight)
        raw = skills + w.OCCUPATION * fit
        for part in rest:  # location, qualification, experience, wage, availability, graduate
            raw = raw + part
        return _Exact(rows, entries, credits, fit, rest, skills, raw)

    def _matches(self, plan: Plan, exact: _Exact) -> list[tuple[int, MatchScore]]:
        """:class:`MatchScore` of each row, as score() builds it (see step 5).

        Built field by field as columns, then zipped into tuples at C speed; the skill facts
        depend only on which vacancy skills a row holds and its credits, so rows that share
        those (most of the top rows) share them.
        """
        arrays, vacancy, scale = self.arrays, plan.vacancy, plan.scale
        rows, n = exact.rows, exact.rows.size
        col = arrays.col
        skills = exact.entries
        if plan.own_ids:
            holds = zip(
                *((skills == own).any(axis=0).tolist() for own in plan.own_ids), strict=True
            )
            credits = zip(*(credit.tolist() for credit in exact.credits), strict=True)
            patterns = list(zip(holds, credits, strict=True))
        else:
            patterns = [((), ())] * n
        facts: dict[Any, tuple[Any, ...]] = {}
        own_lists: list[list[int]] | None = None
        skill_columns: list[tuple[Any, ...]] = []
        for i, pattern in enumerate(patterns):
            found = facts.get(pattern)
            if found is None:
                if own_lists is None:
                    own_lists = skills.T.tolist()
                found = self._skill_facts(plan, pattern, own_lists[i])
                if found[1] == ():  # no related skill: the same for every row like this
                    facts[pattern] = found
            skill_columns.append(found)
        matched, related, missing_must, missing_nice = (
            (list(column) for column in zip(*skill_columns, strict=True)) if n else ([], [], [], [])
        )

        points = [
            (exact.skills * scale).tolist(),
            (w.OCCUPATION * exact.fit * scale).tolist(),
            *((part * scale).tolist() for part in exact.rest),
        ]
        parts = list(map(Parts._make, zip(*points, strict=True)))
        fits = exact.fit.tolist()
        graduate = (exact.rest[5] > 0).tolist()
        relevant = [
            bool(m) or fit >= w.RELEVANT_OCCUPATION_FIT or g
            for m, fit, g in zip(matched, fits, graduate, strict=True)
        ]
        classes = col["location"].data[rows]
        places = arrays.class_place.data[classes]
        if vacancy.workplace is not None:
            distances = arrays.places.against(vacancy.workplace, reference_is_workplace=True)[0]
            known = np.where(places >= 0, distances[places], np.inf)
            distance = [None if d == np.inf else d for d in known.tolist()]
        else:
            distance = [None] * n
        attributes = col["attributes"].data[rows]
        gaps = np.maximum(0, vacancy.qualification_rank - arrays.class_rank.data[attributes])
        availability = list(Availability)
        scores = itertools.starmap(
            MatchScore,
            zip(
                (exact.raw * scale).tolist(),
                parts,
                relevant,
                matched,
                related,
                missing_must,
                missing_nice,
                [OCCUPATION_BY_FRACTION[fit] for fit in fits],
                [BANDS[band] for band in plan.bands[classes].tolist()],
                distance,
                gaps.tolist(),
                col["experience"].data[rows].tolist(),
                [plan.wage_status[a] for a in attributes.tolist()],
                [availability[a] for a in arrays.class_availability.data[attributes].tolist()],
                graduate,
                strict=True,
            ),
        )
        return list(zip(col["profile_id"].data[rows].tolist(), scores, strict=True))

    @staticmethod
    def _skill_facts(plan: Plan, pattern: Any, own: list[int]) -> tuple[Any, ...]:
        """(matched, related, missing must-haves, missing nice-to-haves) of one row."""
        holds, credits = pattern
        matched: list[int] = []
        related: list[tuple[int, int, float]] = []
        missing_must: list[int] = []
        missing_nice: list[int] = []
        vacancy = plan.vacancy
        held: frozenset[int] | None = None
        for (skill_id, _, must), has, credit in zip(
            vacancy.weighted_skills, holds, credits, strict=True
        ):
            if has:
                matched.append(skill_id)
                continue
            if credit > 0:
                if held is None:
                    ids = plan.skill_ids
                    held = frozenset(ids[s] for s in own if s != plan.blank)
                # score() keeps the first related skill with the best credit.
                for other, partial in vacancy.related[skill_id].items():
                    if partial == credit and other in held:
                        related.append((skill_id, other, credit))
                        break
            (missing_must if must else missing_nice).append(skill_id)
        return tuple(matched), tuple(related), tuple(missing_must), tuple(missing_nice)

    def _check(self, vacancy: VacancyFeatures, results: list[tuple[int, MatchScore]]) -> None:
        """Compare every result with score() (``verify=True``)."""
        for pid, match in results:
            worker = self.features(pid)
            assert worker is not None
            expected = score(vacancy, worker)
            if expected != match:
                raise AssertionError(f"profile {pid}: index {match} != score() {expected}")


def recommend(
    worker: WorkerFeatures, vacancies: VacancyIndex, top_n: int = 20
) -> list[tuple[int, MatchScore]]:
    """The ``top_n`` open vacancies that fit a worker best (see VacancyIndex.recommend)."""
    return vacancies.recommend(worker, top_n)


__all__ = ["ProfileIndex", "VacancyIndex", "recommend"]
