"""The storage behind :class:`portal.matching.index.ProfileIndex`: profiles as numpy arrays.

One slot (row) per profile version; a profile that changes gets a new row and its old row is
marked dead until :meth:`ProfileArrays.compact`. Per row (about 90 bytes in all, inverted lists
included, at 5.5 skills and 1.5 occupations per profile):

* ``profile_id`` int32, ``experience`` months int16, ``consent`` and ``alive`` (and their
  conjunction ``eligible``) bool, ``majors`` int16 (a bit per 1-digit occupation group);
* ``location`` int32: a *location class*, one per distinct (place, commuting km, relocate) — the
  location part of any vacancy is then one lookup in a table computed per class;
* ``attributes`` int32: an *attribute class*, one per distinct (qualification rank,
  availability, minimum wage) — a few thousand, as people type round amounts;
* skills as CSR (int32 offsets, int32 internal skill ids: every taxonomy id and free-text id is
  mapped to a small integer once) and occupations as CSR (code id × 4 + kind);
* inverted lists: internal skill → rows, occupation code → rows (wished and held), course
  occupation code → rows (recent graduates).

Rows are built from the loader's tuples column by column, applying the same rules as
:func:`portal.matching.features.worker_features` (a test holds the two equal).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from portal.matching import weights as w
from portal.matching.features import (
    DAYS_PER_MONTH,
    Availability,
    ExperienceRow,
    MatchingReference,
    ProfileRow,
    SkillRow,
    WorkerFeatures,
    availability_of,
    commute_km,
    is_recent_graduate,
    skill_ids_of,
)
from portal.matching.vectors import Column, PlaceTable, columns_of, csr, postings, ranges

WISHED, HELD, GRADUATE = 0, 1, 2
COLUMNS = (
    ("profile_id", np.int32),
    ("experience", np.int16),
    ("attributes", np.int32),
    ("location", np.int32),
    ("consent", np.bool_),
    ("majors", np.int16),
)


@dataclass
class Batch:
    """Rows about to join the arrays."""

    columns: dict[str, npt.NDArray[Any]]
    skill_offsets: npt.NDArray[np.int32]
    skills: npt.NDArray[np.int32]
    occupation_offsets: npt.NDArray[np.int32]
    occupations: npt.NDArray[np.int32]

    @property
    def size(self) -> int:
        return int(self.columns["profile_id"].size)


class ProfileArrays:
    """Interning tables, row columns, CSR lists and inverted lists (see the module doc)."""

    def __init__(self, reference: MatchingReference, today: dt.date) -> None:
        self.reference = reference
        self.today = today
        self.places = PlaceTable()
        self.skill_ids: list[int] = []  # internal → taxonomy or free-text id
        self.skill_index: dict[int, int] = {}
        self.codes: list[str] = []  # internal → VSCO code
        self.code_index: dict[str, int] = {}
        # Location classes: (place, commute km or -1, relocate) → class.
        self.location_index: dict[tuple[int, int, bool], int] = {}
        self.class_place = Column(np.int32)
        self.class_commute = Column(np.int16)
        self.class_relocate = Column(np.bool_)
        # Attribute classes: (qualification rank, availability, minimum wage or 0) → class.
        self.attribute_index: dict[tuple[int, int, int], int] = {}
        self.class_rank = Column(np.int8)
        self.class_availability = Column(np.int8)
        self.class_wage = Column(np.int64)
        self._skill_cache: dict[Any, tuple[int, ...]] = {}
        self.install(self.batch([], [], []))

    # -----------------------------------------------------------------------------------------
    # Interning

    def skill(self, skill_id: int) -> int:
        found = self.skill_index.get(skill_id)
        if found is None:
            found = self.skill_index[skill_id] = len(self.skill_ids)
            self.skill_ids.append(skill_id)
        return found

    def code(self, code: str) -> int:
        found = self.code_index.get(code)
        if found is None:
            found = self.code_index[code] = len(self.codes)
            self.codes.append(code)
        return found

    def location_class(self, place: int, commute: int, relocate: bool) -> int:
        key = (place, commute, relocate)
        found = self.location_index.get(key)
        if found is None:
            found = self.location_index[key] = self.class_place.size
            self.class_place.append(place)
            self.class_commute.append(commute)
            self.class_relocate.append(relocate)
        return found

    def attribute_class(self, rank: int, availability: int, minimum: int) -> int:
        key = (rank, availability, minimum)
        found = self.attribute_index.get(key)
        if found is None:
            found = self.attribute_index[key] = self.class_rank.size
            self.class_rank.append(rank)
            self.class_availability.append(availability)
            self.class_wage.append(minimum)
        return found

    # -----------------------------------------------------------------------------------------
    # Building rows

    def batch(
        self,
        profiles: Iterable[ProfileRow],
        skills: Iterable[SkillRow],
        experiences: Iterable[ExperienceRow],
    ) -> Batch:
        """Arrays for these profiles: features.worker_features' rules, column by column.

        Each rule runs once per distinct value (a few thousand places, wages, texts…); rows are
        then mapped through dictionaries by C-level ``map``, which keeps a 200,000-profile build
        near a second.
        """
        reference, today = self.reference, self.today
        rows_in = sorted(profiles, key=lambda profile: profile.profile_id)
        n = len(rows_in)
        (
            pids,
            quals,
            wages,
            versions,
            communes,
            commutes,
            relocates,
            statuses,
            opens,
            currents,
            wished,
            courses,
            years,
            consents,
        ) = columns_of(rows_in, len(ProfileRow._fields))
        row_of = dict(zip(pids, range(n), strict=True))
        if len(row_of) != n:
            raise ValueError("a profile id appears twice in the profile rows")

        def mapped(rule: Any, *columns: Iterable[Any], dtype: Any) -> Any:
            keys = list(zip(*columns, strict=True)) if len(columns) > 1 else list(columns[0])
            table = {key: rule(key) for key in set(keys)}
            return np.fromiter(map(table.__getitem__, keys), dtype, len(keys))

        def location(key: tuple[str | None, str | None, int | None, Any]) -> int:
            version, commune, km, relocate = key
            place = self.places.intern(reference.places.locate(version, commune))
            stored = commute_km(km)
            return self.location_class(place, -1 if stored is None else stored, bool(relocate))

        def attributes(key: tuple[str | None, str | None, bool, int | None]) -> int:
            qualification, status, open_to_offers, minimum = key
            return self.attribute_class(
                reference.qualification_rank(qualification),
                int(availability_of(status, bool(open_to_offers))),
                minimum if minimum is not None and minimum > 0 else 0,
            )

        columns = {
            "profile_id": np.fromiter(pids, np.int32, n),
            "attributes": mapped(attributes, quals, statuses, opens, wages, dtype=np.int32),
            "location": mapped(location, versions, communes, commutes, relocates, dtype=np.int32),
            "consent": np.fromiter(map(bool, consents), np.bool_, n),
        }

        occ_rows: list[int] = []
        occ_values: list[int] = []
        entry_of: dict[str | None, int] = {}

        def entry(code: str | None) -> int:
            """code id × 4, or -1 for no code (cached per distinct text)."""
            found = entry_of.get(code)
            if found is None:
                cleaned = (code or "").strip()
                found = entry_of[code] = self.code(cleaned) * 4 if cleaned else -1
            return found

        for i, codes in enumerate(wished):
            for code in codes or ():
                value = entry(code)
                if value >= 0:
                    occ_rows.append(i)
                    occ_values.append(value + WISHED)
        for i, code in enumerate(currents):
            if code:
                value = entry(code)
                if value >= 0:
                    occ_rows.append(i)
                    occ_values.append(value + HELD)
        for i, (course, year) in enumerate(zip(courses, years, strict=True)):
            if course and is_recent_graduate(year, today):
                for code in course.split():
                    occ_rows.append(i)
                    occ_values.append(entry(code) + GRADUATE)

        experiences = [e for e in experiences if e.profile_id in row_of]
        today_ordinal = today.toordinal()
        exp_rows: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        for e in experiences:
            i = row_of[e.profile_id]
            if e.occupation_code:
                value = entry(e.occupation_code)
                if value >= 0:
                    occ_rows.append(i)
                    occ_values.append(value + HELD)
            if e.start_date:
                exp_rows.append(i)
                starts.append(e.start_date.toordinal())
                ends.append(
                    min(e.end_date.toordinal() if e.end_date else today_ordinal, today_ordinal)
                )
        columns["experience"] = experience_months(exp_rows, starts, ends, n)

        skill_rows, skill_values = self._skill_entries(skills, row_of)
        skill_offsets, skill_array = csr(skill_rows, skill_values, n)
        occupation_offsets, occupation_array = csr(
            np.asarray(occ_rows, np.int64), np.asarray(occ_values, np.int64), n
        )
        columns["majors"] = self.major_groups(occupation_offsets, occupation_array, n)
        return Batch(columns, skill_offsets, skill_array, occupation_offsets, occupation_array)

    def major_groups(self, offsets: Any, entries: Any, n: int) -> Any:
        """Per row, a bit for each 1-digit VSCO group of its wished and held occupations:
        the major-group fit of any vacancy without reading the occupation lists."""
        bits = np.array([major_bit(code) for code in self.codes] or [0], np.int16)
        rows = np.repeat(np.arange(n), np.diff(offsets))
        counted = (entries & 3) != GRADUATE
        majors = np.zeros(n, np.int16)
        np.bitwise_or.at(majors, rows[counted], bits[entries[counted] >> 2])
        return majors

    def _skill_entries(self, skills: Iterable[SkillRow], row_of: dict[int, int]) -> tuple[Any, Any]:
        """(row, internal skill) pairs of the skill rows, as arrays."""
        rows_in = list(skills)
        if not rows_in:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        pids, texts, ids = columns_of(rows_in, 3)
        rows = np.fromiter(map(row_of.get, pids, itertools.repeat(-1)), np.int64, len(pids))
        # The key is the text alone when no skill id was stored (nearly always).
        if ids.count(None) == len(ids):
            keys: list[Any] = texts
        else:
            keys = [t if i is None else (t, i) for t, i in zip(texts, ids, strict=True)]
        cache, vocabulary = self._skill_cache, self.reference.vocabulary
        for key in set(keys) - cache.keys():
            text, skill_id = (key, None) if isinstance(key, str) else key
            cache[key] = tuple(self.skill(s) for s in skill_ids_of(vocabulary, text, skill_id))
        # Nearly every text means one skill: map those at C speed, expand the others.
        single = {key: found[0] if len(found) == 1 else -1 for key, found in cache.items()}
        values = np.fromiter(map(single.__getitem__, keys), np.int64, len(keys))
        simple = (values >= 0) & (rows >= 0)
        extra_rows: list[int] = []
        extra_values: list[int] = []
        for position in np.flatnonzero((values < 0) & (rows >= 0)).tolist():
            for value in cache[keys[position]]:
                extra_rows.append(int(rows[position]))
                extra_values.append(value)
        return (
            np.concatenate((rows[simple], np.asarray(extra_rows, np.int64))),
            np.concatenate((values[simple], np.asarray(extra_values, np.int64))),
        )

    # -----------------------------------------------------------------------------------------
    # Installing, appending, removing, compacting

    def install(self, batch: Batch) -> None:
        """Replace every row with ``batch`` (build and compaction)."""
        n = batch.size
        self.col = {name: Column(dtype, batch.columns[name]) for name, dtype in COLUMNS}
        self.n = n
        self.dead = 0
        self.alive = Column(np.bool_, np.ones(n, np.bool_))
        self.eligible = Column(np.bool_, batch.columns["consent"])
        self.skill_offsets = Column(np.int32, batch.skill_offsets)
        self.skills = Column(np.int32, batch.skills)
        self.occupation_offsets = Column(np.int32, batch.occupation_offsets)
        self.occupations = Column(np.int32, batch.occupations)
        ids = batch.columns["profile_id"]
        self.row_of = np.full(int(ids.max()) + 1 if n else 0, -1, np.int32)
        self.row_of[ids] = np.arange(n, dtype=np.int32)

        rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(batch.skill_offsets))
        self.skill_postings = postings(batch.skills, rows, len(self.skill_ids))
        occ_rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(batch.occupation_offsets))
        kinds, codes = batch.occupations & 3, batch.occupations >> 2
        held = kinds != GRADUATE
        self.occupation_postings = postings(codes[held], occ_rows[held], len(self.codes))
        graduate = postings(codes[~held], occ_rows[~held], len(self.codes))
        self.graduate_postings = {c: p for c, p in enumerate(graduate) if p.size}

    def append(self, batch: Batch) -> None:
        """Add ``batch`` as new rows (upserts)."""
        base = self.n
        for name, _ in COLUMNS:
            self.col[name].extend(batch.columns[name])
        self.alive.extend(np.ones(batch.size, np.bool_))
        self.eligible.extend(batch.columns["consent"])
        self.skill_offsets.extend(batch.skill_offsets[1:] + self.skills.size)
        self.skills.extend(batch.skills)
        self.occupation_offsets.extend(batch.occupation_offsets[1:] + self.occupations.size)
        self.occupations.extend(batch.occupations)
        self.n += batch.size
        ids = batch.columns["profile_id"]
        if ids.size and int(ids.max()) >= self.row_of.size:
            grown = np.full(max(int(ids.max()) + 1, self.row_of.size * 5 // 4), -1, np.int32)
            grown[: self.row_of.size] = self.row_of
            self.row_of = grown
        self.row_of[ids] = np.arange(base, self.n, dtype=np.int32)
        while len(self.skill_postings) < len(self.skill_ids):
            self.skill_postings.append(Column(np.int32))
        while len(self.occupation_postings) < len(self.codes):
            self.occupation_postings.append(Column(np.int32))
        for i in range(batch.size):
            row = base + i
            start, end = batch.skill_offsets[i], batch.skill_offsets[i + 1]
            for skill in batch.skills[start:end].tolist():
                self.skill_postings[skill].append(row)
            start, end = batch.occupation_offsets[i], batch.occupation_offsets[i + 1]
            for entry in batch.occupations[start:end].tolist():
                code, kind = entry >> 2, entry & 3
                if kind == GRADUATE:
                    self.graduate_postings.setdefault(code, Column(np.int32)).append(row)
                else:
                    self.occupation_postings[code].append(row)

    def row(self, profile_id: int) -> int:
        return int(self.row_of[profile_id]) if 0 <= profile_id < self.row_of.size else -1

    def kill(self, profile_id: int) -> bool:
        row = self.row(profile_id)
        if row < 0:
            return False
        self.alive.data[row] = False
        self.eligible.data[row] = False
        self.row_of[profile_id] = -1
        self.dead += 1
        return True

    def set_consent(self, profile_id: int, granted: bool) -> bool:
        row = self.row(profile_id)
        if row < 0:
            return False
        self.col["consent"].data[row] = granted
        self.eligible.data[row] = granted
        return True

    def compact(self) -> None:
        """Rebuild without dead rows (in memory; no database read)."""
        live = np.flatnonzero(self.alive.view())
        columns = {name: self.col[name].view()[live] for name, _ in COLUMNS}
        positions, skill_offsets = ranges(self.skill_offsets.view(), live)
        occ_positions, occupation_offsets = ranges(self.occupation_offsets.view(), live)
        self.install(
            Batch(
                columns,
                skill_offsets,
                self.skills.view()[positions],
                occupation_offsets,
                self.occupations.view()[occ_positions],
            )
        )

    # -----------------------------------------------------------------------------------------
    # Reading

    def features_of(self, rows: list[int]) -> list[WorkerFeatures]:
        """The features of some rows (what :func:`score` is given for them)."""
        picked = np.asarray(rows, np.int64)
        col = self.col
        positions, skill_offsets = ranges(self.skill_offsets.data, picked)
        skill_ids = self.skill_ids
        skills = [skill_ids[s] for s in self.skills.data[positions].tolist()]
        positions, occ_offsets = ranges(self.occupation_offsets.data, picked)
        occupations = self.occupations.data[positions].tolist()
        skill_bounds, occ_bounds = skill_offsets.tolist(), occ_offsets.tolist()
        classes = col["location"].data[picked]
        attributes = col["attributes"].data[picked]
        codes, location = self.codes, self.places.location
        availability = list(Availability)
        result = []
        for i, (pid, rank, months, wage, available, place, commute, relocate) in enumerate(
            zip(
                col["profile_id"].data[picked].tolist(),
                self.class_rank.data[attributes].tolist(),
                col["experience"].data[picked].tolist(),
                self.class_wage.data[attributes].tolist(),
                self.class_availability.data[attributes].tolist(),
                self.class_place.data[classes].tolist(),
                self.class_commute.data[classes].tolist(),
                self.class_relocate.data[classes].tolist(),
                strict=True,
            )
        ):
            by_kind: tuple[list[str], list[str], list[str]] = ([], [], [])
            for entry in occupations[occ_bounds[i] : occ_bounds[i + 1]]:
                by_kind[entry & 3].append(codes[entry >> 2])
            result.append(
                WorkerFeatures(
                    pid,
                    frozenset(skills[skill_bounds[i] : skill_bounds[i + 1]]),
                    tuple(sorted(by_kind[WISHED])),
                    tuple(sorted(by_kind[HELD])),
                    rank,
                    months,
                    wage or None,
                    location(place),
                    None if commute < 0 else commute,
                    relocate,
                    availability[available],
                    tuple(sorted(by_kind[GRADUATE])),
                )
            )
        return result

    def memory_bytes(self) -> int:
        """Bytes of the per-row arrays and inverted lists (not the small interning tables)."""
        columns = [
            *self.col.values(),
            self.alive,
            self.eligible,
            self.skill_offsets,
            self.skills,
            self.occupation_offsets,
            self.occupations,
            *self.skill_postings,
            *self.occupation_postings,
            *self.graduate_postings.values(),
        ]
        return int(sum(column.nbytes for column in columns) + self.row_of.nbytes)


# ---------------------------------------------------------------------------------------------
# Array helpers


def major_bit(code: str | None) -> int:
    """The bit of a code's 1-digit group (0 for a code not starting with a digit)."""
    return 1 << int(code[0]) if code and code[0].isdigit() else 0


def experience_months(rows: list[int], starts: list[int], ends: list[int], n: int) -> Any:
    """features.experience_months for every row at once (overlaps counted once)."""
    months = np.zeros(n, np.int16)
    if not rows:
        return months
    row = np.asarray(rows, np.int64)
    start = np.asarray(starts, np.int64)
    end = np.asarray(ends, np.int64)
    valid = end >= start
    row, start, end = row[valid], start[valid], end[valid]
    order = np.lexsort((end, start, row))
    row, start, end = row[order], start[order], end[order]
    span = 10_000_000  # more than any date ordinal: keeps each row's dates apart
    start_key, end_key = start + row * span, end + row * span
    reach = np.maximum.accumulate(end_key)
    before = np.concatenate(([np.iinfo(np.int64).min], reach[:-1]))
    days = np.maximum(0, end_key - np.maximum(start_key, before))
    total = np.bincount(row, weights=days.astype(np.float64), minlength=n)
    result = np.minimum((total / DAYS_PER_MONTH).astype(np.int64), w.MAX_EXPERIENCE_MONTHS)
    return result.astype(np.int16)
