"""Array helpers of the in-memory indexes (numpy): the score's parts for many rows at once,
growable columns, CSR lists and inverted lists.

Each part function is the array twin of a rule in :mod:`portal.matching.scoring` or
:mod:`portal.matching.geo` and performs the same IEEE operations in the same order, so the
indexes rank by exactly the totals :func:`portal.matching.scoring.score` gives (tests compare
whole rankings, and every returned score, with it). Distances are computed by
:func:`portal.matching.geo.distance_km` itself, once per pair of places, and looked up; nothing
here calls numpy's transcendental functions, whose last bit may differ from ``math``'s.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from portal.matching import weights as w
from portal.matching.features import Availability
from portal.matching.geo import Location, LocationBand, distance_km

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[Any]

BANDS: tuple[LocationBand, ...] = tuple(LocationBand)
_AVAILABILITY = np.array(
    [
        {
            Availability.SEEKING: w.AVAILABILITY_SEEKING,
            Availability.OPEN: w.AVAILABILITY_OPEN,
            Availability.OTHER: w.AVAILABILITY_OTHER,
        }[member]
        for member in sorted(Availability)
    ],
    dtype=np.float64,
)
_QUALIFICATION = np.array(w.QUALIFICATION_BY_GAP, dtype=np.float64)
REST_MAX = w.LOCATION + w.QUALIFICATION + w.EXPERIENCE + w.WAGE + w.AVAILABILITY + w.RECENT_GRADUATE


class Column:
    """A growable 1-D numpy array (amortised appends)."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: Any, values: npt.ArrayLike | None = None) -> None:
        initial = np.asarray(values if values is not None else [], dtype=dtype)
        self.data = initial.copy() if initial.size else np.empty(4, dtype=dtype)
        self.size = int(initial.size)

    def view(self) -> npt.NDArray[Any]:
        return self.data[: self.size]

    def extend(self, values: npt.ArrayLike) -> None:
        values = np.asarray(values, dtype=self.data.dtype)
        end = self.size + values.size
        if end > self.data.size:
            grown = np.empty(max(end, self.data.size + self.data.size // 2 + 4), self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : end] = values
        self.size = end

    def append(self, value: Any) -> None:
        self.extend([value])

    @property
    def nbytes(self) -> int:
        return int(self.data.nbytes)


class PlaceTable:
    """Places interned to small integers, with per-reference-place distances cached.

    A row of an index stores the integer; ranking for a vacancy (or recommending for a worker)
    looks up, for every interned place, the distance from the reference location, whether it
    is the same commune and whether it is in the same province.
    """

    def __init__(self) -> None:
        self.locations: list[Location] = []
        self._index: dict[tuple[str, str], int] = {}
        self._cache: dict[tuple[Location, bool], tuple[int, tuple[Any, ...]]] = {}

    def intern(self, location: Location | None) -> int:
        if location is None:
            return -1
        found = self._index.get(location.key)
        if found is None:
            found = self._index[location.key] = len(self.locations)
            self.locations.append(location)
        return found

    def location(self, index: int) -> Location | None:
        return self.locations[index] if index >= 0 else None

    def against(
        self, reference: Location, *, reference_is_workplace: bool
    ) -> tuple[FloatArray, BoolArray, BoolArray]:
        """For every place: distance (inf unknown), same commune, same province as
        ``reference``; distances are taken workplace first, as :func:`score` does."""
        key = (reference, reference_is_workplace)
        cached = self._cache.get(key)
        if cached is not None and cached[0] == len(self.locations):
            return cached[1]  # type: ignore[return-value]
        distances = np.empty(len(self.locations) + 1, dtype=np.float64)
        same = np.zeros(len(self.locations) + 1, dtype=bool)
        province = np.zeros(len(self.locations) + 1, dtype=bool)
        for i, place in enumerate(self.locations):
            if reference_is_workplace:
                d = distance_km(reference, place)
            else:
                d = distance_km(place, reference)
            distances[i] = np.inf if d is None else d
            same[i] = reference.commune_key is not None and place.commune_key == (
                reference.commune_key
            )
            province[i] = reference.province_code is not None and place.province_code == (
                reference.province_code
            )
        # The extra last slot stands for "no place" (index -1).
        distances[-1], same[-1], province[-1] = np.inf, False, False
        if len(self._cache) > 4096:
            self._cache.clear()
        result = (distances, same, province)
        self._cache[key] = (len(self.locations), result)
        return result


def location_fractions(
    known: BoolArray,
    same_commune: BoolArray,
    distance: FloatArray,
    limit: FloatArray,
    same_province: BoolArray,
    relocate: BoolArray,
) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    """Fractions and band numbers (positions in :data:`BANDS`), as geo.location_fit."""
    positive = limit > 0
    ratio = np.divide(distance, limit, out=np.full(distance.shape, np.inf), where=positive)
    commute = positive & (distance <= limit)
    conditions = [~known, same_commune, commute, same_province, relocate]
    fractions = np.select(
        conditions,
        [
            np.float64(w.LOCATION_UNKNOWN),
            np.float64(w.LOCATION_SAME_COMMUNE),
            w.COMMUTE_NEAR - w.COMMUTE_SPAN * ratio,
            np.float64(w.LOCATION_PROVINCE),
            np.float64(w.LOCATION_RELOCATE),
        ],
        default=w.LOCATION_FAR,
    )
    band_numbers = [
        BANDS.index(band)
        for band in (
            LocationBand.UNKNOWN,
            LocationBand.SAME_COMMUNE,
            LocationBand.COMMUTE,
            LocationBand.PROVINCE,
            LocationBand.RELOCATE,
        )
    ]
    bands = np.select(conditions, band_numbers, default=BANDS.index(LocationBand.FAR))
    return fractions, bands.astype(np.int8)


def commute_limits(commute: IntArray) -> FloatArray:
    """Stored commuting distances (-1: not stated) as the km geo.commute_limit_km uses."""
    return np.where(commute < 0, w.DEFAULT_COMMUTE_KM, commute).astype(np.float64)


def qualification_fractions(required: IntArray, rank: IntArray) -> FloatArray:
    gap = np.clip(np.asarray(required, np.int64) - rank, 0, _QUALIFICATION.size - 1)
    return _QUALIFICATION[gap]


def experience_fractions(months: IntArray, required: IntArray) -> FloatArray:
    months = np.asarray(months, np.float64)
    required = np.asarray(required, np.float64)
    asked = required > 0
    shape = np.broadcast(months, required).shape
    ratio = np.divide(months, required, out=np.ones(shape), where=asked)
    return np.where(asked, np.minimum(1.0, ratio), 1.0)


def wage_fractions(offer: IntArray, minimum: IntArray) -> FloatArray:
    """``offer`` 0: negotiable; ``minimum`` 0: not stated (as scoring.wage_fit)."""
    offer = np.asarray(offer, np.int64)
    minimum = np.asarray(minimum, np.int64)
    stated = minimum > 0
    shortfall = (minimum - offer).astype(np.float64)
    tolerance = w.WAGE_TOLERANCE * minimum.astype(np.float64)
    below = np.divide(shortfall, tolerance, out=np.zeros(shortfall.shape), where=stated)
    return np.select(
        [offer <= 0, ~stated, offer >= minimum],
        [np.float64(w.WAGE_NEGOTIABLE), np.float64(w.WAGE_UNSTATED), np.float64(w.WAGE_MEETS)],
        default=np.maximum(0.0, 1.0 - below),
    )


def availability_fractions(availability: IntArray) -> FloatArray:
    return _AVAILABILITY[availability]


def best_rows(total: FloatArray, ids: IntArray, top_n: int) -> IntArray:
    """Positions of the ``top_n`` best totals, ties broken by the smaller id."""
    if total.size > top_n:
        cut = np.partition(total, total.size - top_n)[total.size - top_n]
        chosen = np.flatnonzero(total >= cut)
    else:
        chosen = np.arange(total.size)
    order = np.lexsort((ids[chosen], -total[chosen]))[:top_n]
    return chosen[order]


def concat(arrays: Sequence[IntArray]) -> IntArray:
    if not arrays:
        return np.empty(0, dtype=np.int32)
    if len(arrays) == 1:
        return arrays[0]
    return np.concatenate(arrays)


def sorted_unique(values: IntArray) -> IntArray:
    """The distinct values, ascending (sort and compare: faster than ``np.unique`` here)."""
    values = np.sort(values)
    if values.size < 2:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def member(values: IntArray, sorted_values: IntArray) -> BoolArray:
    """Whether each of ``values`` is in ``sorted_values`` (ascending, not empty)."""
    at = np.minimum(np.searchsorted(sorted_values, values), sorted_values.size - 1)
    return sorted_values[at] == values  # type: ignore[no-any-return]


def padded(offsets: IntArray, values: IntArray, rows: IntArray, blank: int) -> IntArray:
    """The CSR lists of ``rows`` as a (longest list × rows) matrix, padded with ``blank``.

    Profiles hold a handful of skills, so a few whole-column operations over this matrix beat
    ``ufunc.reduceat`` over thousands of tiny segments.
    """
    starts, ends = offsets[rows], offsets[rows + 1]
    longest = int((ends - starts).max()) if rows.size else 0
    grid = starts[None, :] + np.arange(longest)[:, None]
    if not values.size:
        return np.full(grid.shape, blank, np.int64)
    inside = grid < ends[None, :]
    return np.where(inside, values[np.minimum(grid, values.size - 1)], blank)


def column_max(table: FloatArray, matrix: IntArray) -> FloatArray:
    """For each column of ``matrix``, the largest ``table`` value of its entries (0 if none)."""
    if not matrix.shape[0]:
        return np.zeros(matrix.shape[1], np.float64)
    return table[matrix].max(axis=0)  # type: ignore[no-any-return]


def columns_of(rows: list[Any], width: int) -> list[list[Any]]:
    """The columns of a list of tuples (much faster than ``zip(*rows)`` for long lists)."""
    return [list(map(operator.itemgetter(i), rows)) for i in range(width)]


def csr(rows: Any, values: Any, n: int) -> tuple[Any, Any]:
    """Offsets and values sorted by row then value, duplicates dropped."""
    if not len(rows):
        return np.zeros(n + 1, np.int32), np.empty(0, np.int32)
    keys = (np.asarray(rows, np.int64) << 32) | np.asarray(values, np.int64)
    keys.sort()
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    offsets = np.searchsorted(keys >> 32, np.arange(n + 1), side="left").astype(np.int32)
    return offsets, (keys & 0xFFFFFFFF).astype(np.int32)


def ranges(offsets: Any, rows: Any) -> tuple[Any, Any]:
    """Positions of the CSR entries of ``rows`` and the offsets of those entries."""
    lengths = (offsets[rows + 1] - offsets[rows]).astype(np.int64)
    new_offsets = np.zeros(rows.size + 1, np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    positions = np.repeat(offsets[rows] - new_offsets[:-1], lengths) + np.arange(new_offsets[-1])
    return positions, new_offsets.astype(np.int32)


def postings(keys: Any, rows: Any, size: int) -> list[Column]:
    """Inverted lists: for each key 0…size-1, the rows having it (ascending)."""
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_rows = keys[order], rows[order]
    bounds = np.searchsorted(sorted_keys, np.arange(size + 1))
    return [Column(np.int32, sorted_rows[bounds[k] : bounds[k + 1]]) for k in range(size)]
