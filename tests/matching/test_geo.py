"""Distances and location bands, across legacy and 2025 administrative units."""

from __future__ import annotations

import pytest

from portal.matching import weights as w
from portal.matching.geo import LocationBand, Places, distance_km, haversine_km, location_fit
from portal.reference.services import haversine_km as reference_haversine
from tests.matching.support import places


def test_haversine_is_the_reference_formula() -> None:
    for points in [(20.95, 106.32, 20.94, 106.34), (21.03, 105.85, 20.87, 106.66)]:
        assert haversine_km(*points) == reference_haversine(*points)


def test_a_legacy_commune_resolves_to_the_2025_commune_it_became() -> None:
    resolved = places().locate("legacy", "10510")  # Phường Bình Hàn → Phường Thành Đông
    assert resolved is not None
    assert resolved.commune_key == "10507"
    assert resolved.province_code == "31"  # Hải Dương is part of Hải Phòng from July 2025
    assert (resolved.latitude, resolved.longitude) == (20.946143, 106.323698)  # its own centroid


def test_the_same_digits_in_two_versions_are_different_places() -> None:
    legacy, current = places().locate("legacy", "10513"), places().locate("2025", "10513")
    assert legacy is not None and legacy.commune_key == "10525"
    assert current is None  # no 2025 commune has that code in the test data


def test_unknown_codes_and_missing_codes_give_no_location() -> None:
    assert places().locate("2025", "99999") is None
    assert places().locate("legacy", None) is None
    assert places().locate("2025", "31") is not None  # a province alone is known


def _fit(
    workplace: tuple[str, str],
    home: tuple[str, str],
    commute: int | None = None,
    relocate: bool = False,
):
    table = places()
    return location_fit(table.locate(*workplace), table.locate(*home), commute, relocate)


def test_legacy_and_2025_codes_of_the_same_place_are_the_same_commune() -> None:
    fit = _fit(("2025", "10507"), ("legacy", "10510"))
    assert fit.band == LocationBand.SAME_COMMUNE
    assert fit.fraction == w.LOCATION_SAME_COMMUNE
    # Two legacy communes merged into one 2025 commune are the same commune now.
    assert _fit(("legacy", "10507"), ("legacy", "10510")).band == LocationBand.SAME_COMMUNE


def test_bands_in_order() -> None:
    # Kẻ Sặt (Bình Giang) to Thành Đông (former Hải Dương city): about 16 km.
    workplace = ("2025", "10507")
    near = _fit(workplace, ("2025", "10945"), commute=25)
    assert near.band == LocationBand.COMMUTE
    assert near.distance_km == pytest.approx(16.1, abs=0.5)
    assert w.COMMUTE_NEAR - w.COMMUTE_SPAN <= near.fraction <= w.COMMUTE_NEAR
    assert _fit(workplace, ("2025", "10945"), commute=10).band == LocationBand.PROVINCE
    assert _fit(workplace, ("2025", "11311")).band == LocationBand.PROVINCE  # Hải Phòng city
    assert _fit(workplace, ("2025", "00070"), relocate=True).band == LocationBand.RELOCATE
    assert _fit(workplace, ("2025", "00070")).band == LocationBand.FAR
    assert _fit(workplace, ("2025", "99999")).band == LocationBand.UNKNOWN


def test_commuting_distance_is_the_workers_or_the_default() -> None:
    # Mỹ Hào (Hưng Yên) is outside the province but about 25 km from Thành Đông.
    workplace = ("2025", "10507")
    assert _fit(workplace, ("2025", "12103"), commute=30).band == LocationBand.COMMUTE
    assert _fit(workplace, ("2025", "12103")).band == LocationBand.FAR  # default 15 km
    closer = _fit(workplace, ("legacy", "10891"))  # Lai Cách, about 7 km
    assert closer.band == LocationBand.COMMUTE
    assert closer.fraction > _fit(workplace, ("2025", "10945"), commute=25).fraction


def test_distance_needs_coordinates() -> None:
    table = Places({"10507": ("31", None, None)})
    assert distance_km(table.locate("2025", "10507"), places().locate("2025", "10525")) is None
