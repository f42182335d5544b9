"""Where workers live and vacancies are, across the administrative units of both versions.

A place is given as a unit code with its version (``"legacy"`` before 1 July 2025, ``"2025"``
after). :class:`Places` resolves it, from plain data passed in (no database), to a
:class:`Location`:

* ``commune_key``: the 2025 commune it is (or, for a legacy commune, became: the default target
  of a divided one). Two places are "the same commune" when their keys are equal, so a worker
  who entered the legacy code of Xã Cẩm Giàng and a vacancy at the 2025 commune it merged into
  are in the same commune.
* ``province_code``: the 2025 province (the former Hải Dương is part of Hải Phòng, 31).
* the centroid: the unit's own when known (a legacy commune is smaller than the 2025 commune it
  went into, so its centroid is the better guess), else the 2025 commune's.

Distances are great-circle distances between centroids: good to a few kilometres, enough to
tell a short commute from a long one. :func:`location_fit` turns two locations and the worker's
commuting wishes into a band and a fraction of the location part (portal.matching.weights).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from portal.matching import weights as w

LEGACY = "legacy"
V2025 = "2025"
EARTH_RADIUS_KM = 6371.0088  # the same mean radius as portal.reference.services

Coordinates = tuple[float | None, float | None]


class LocationBand(enum.StrEnum):
    SAME_COMMUNE = "same_commune"
    COMMUTE = "commute"  # within the worker's commuting distance
    PROVINCE = "province"  # elsewhere in the workplace's province
    RELOCATE = "relocate"  # outside the province, willing to relocate
    FAR = "far"
    UNKNOWN = "unknown"  # residence or workplace not known


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved place: what matching compares (see the module docstring)."""

    version: str
    code: str
    commune_key: str | None
    province_code: str | None
    latitude: float | None
    longitude: float | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.version, self.code)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees.

    The same formula as :func:`portal.reference.services.haversine_km` (a test holds them
    equal); repeated here because this module must not import the database layer.
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Location | None, b: Location | None) -> float | None:
    """Distance between two locations' centroids, or None when either has none."""
    if a is None or b is None:
        return None
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


class Places:
    """Resolves ``(version, code)`` to a :class:`Location` from plain reference data.

    ``communes_2025``: 2025 commune code → ``(province code, latitude, longitude)``.
    ``legacy_units``: legacy commune (or island district) code → ``(latitude, longitude)``.
    ``legacy_to_2025``: legacy code → the 2025 commune code it is counted in (the default
    target of a divided commune, :class:`portal.reference.models.UnitMapping`).
    ``provinces_2025``: 2025 province codes known (a worker may give only a province).

    The DB loader (portal.matching.services) fills these with Core queries; tests and the
    benchmark pass literals or the reference package's files. Results are cached.
    """

    def __init__(
        self,
        communes_2025: Mapping[str, tuple[str, float | None, float | None]],
        legacy_units: Mapping[str, Coordinates] | None = None,
        legacy_to_2025: Mapping[str, str] | None = None,
    ) -> None:
        self._communes = dict(communes_2025)
        self._legacy = dict(legacy_units or {})
        self._legacy_to_2025 = dict(legacy_to_2025 or {})
        self._provinces = {province for province, _, _ in self._communes.values()}
        self._cache: dict[tuple[str, str], Location | None] = {}

    def locate(self, version: str | None, code: str | None) -> Location | None:
        """The location of a commune (or a province, by its 2-digit 2025 code); None if unknown."""
        if not code:
            return None
        key = (version or V2025, code)
        if key not in self._cache:
            self._cache[key] = self._resolve(*key)
        return self._cache[key]

    def _resolve(self, version: str, code: str) -> Location | None:
        if version == V2025:
            if code in self._communes:
                province, lat, lon = self._communes[code]
                return Location(version, code, code, province, lat, lon)
            if code in self._provinces:  # only the province is known
                return Location(version, code, None, code, None, None)
            return None
        if version != LEGACY:
            return None
        new_code = self._legacy_to_2025.get(code)
        lat, lon = self._legacy.get(code, (None, None))
        if new_code is None:
            if lat is None:
                return None
            return Location(version, code, None, None, lat, lon)
        province, new_lat, new_lon = self._communes.get(new_code, (None, None, None))
        if lat is None or lon is None:
            lat, lon = new_lat, new_lon
        return Location(version, code, new_code, province, lat, lon)


class LocationFit(NamedTuple):
    band: LocationBand
    fraction: float
    distance_km: float | None


def commute_limit_km(max_commute_km: int | None) -> float:
    """The commuting distance matching uses: the worker's, or the default when not stated."""
    return float(w.DEFAULT_COMMUTE_KM if max_commute_km is None else max_commute_km)


def location_fit(
    workplace: Location | None,
    residence: Location | None,
    max_commute_km: int | None,
    willing_to_relocate: bool,
) -> LocationFit:
    """The band of a residence for a workplace, and its fraction of the location part.

    The bands are tried in order: same commune; within the commuting distance (the closer the
    better); elsewhere in the workplace's province; outside it but willing to relocate; far.
    Index ranking (portal.matching.vectors.location_fractions) computes the same for arrays.
    """
    if workplace is None or residence is None:
        return LocationFit(LocationBand.UNKNOWN, w.LOCATION_UNKNOWN, None)
    distance = distance_km(workplace, residence)
    if workplace.commune_key is not None and workplace.commune_key == residence.commune_key:
        return LocationFit(LocationBand.SAME_COMMUNE, w.LOCATION_SAME_COMMUNE, distance)
    limit = commute_limit_km(max_commute_km)
    if distance is not None and limit > 0 and distance <= limit:
        fraction = w.COMMUTE_NEAR - w.COMMUTE_SPAN * (distance / limit)
        return LocationFit(LocationBand.COMMUTE, fraction, distance)
    if workplace.province_code is not None and workplace.province_code == residence.province_code:
        return LocationFit(LocationBand.PROVINCE, w.LOCATION_PROVINCE, distance)
    if willing_to_relocate:
        return LocationFit(LocationBand.RELOCATE, w.LOCATION_RELOCATE, distance)
    return LocationFit(LocationBand.FAR, w.LOCATION_FAR, distance)
