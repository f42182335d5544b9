"""Administrative units and the old→new commune table, read from ``vietnamadminunits``' files.

The package (MIT, version 1.0.4 pinned in pyproject) ships its data as files: ``dataset.db``
(SQLite; ``admin_units_legacy`` for the 63 provinces before 1 July 2025 with districts and
communes, ``admin_units`` for the 34 provinces after it) and ``converter_2025.json`` (which
legacy commune became which new one). They are read directly: importing the package would load
its address parser (slow, and it pulls in geopy), which the portal does not need.

The converter file keys communes by folded names ("tinhhaiduong_huyencamgiang_xacamgiang", with
diacritics kept where two names would collide); those keys are joined here to the numeric codes
of the same package's database, and everything the portal stores is keyed by code.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from portal.reference.models import COMMUNE, DISTRICT, LEGACY, PROVINCE, V2025
from portal.text import normalise

PACKAGE = "vietnamadminunits"


@dataclass(frozen=True)
class Unit:
    version: str
    level: str
    code: str
    name: str
    short_name: str
    unit_type: str
    parent_code: str | None
    province_code: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Mapping:
    legacy_level: str
    legacy_code: str
    legacy_province_code: str
    new_code: str
    new_province_code: str
    is_split: bool
    is_default: bool


@dataclass(frozen=True)
class MappingCorrection:
    """A curated fix to the package's table (see ``data/unit_mapping_corrections.csv``)."""

    legacy_code: str
    new_code: str
    action: str  # "drop" or "add"
    is_default: bool
    origin: str


class UnitSourceError(ValueError):
    """The package's files do not have the expected shape (a different package version?)."""


def data_dir() -> Path:
    """The package's ``data`` folder, located without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UnitSourceError(f"the {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _unit_type(name: str, short_name: str, fallback: str) -> str:
    """ "Thành phố Hà Nội" minus "Hà Nội" is "Thành phố"."""
    if name.endswith(short_name) and len(name) > len(short_name):
        return name[: -len(short_name)].strip()
    return fallback


def _query(sql: str) -> list[sqlite3.Row]:
    path = data_dir() / "dataset.db"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(sql).fetchall()


def read_units() -> list[Unit]:
    """All provinces of both versions, legacy districts and communes, 2025 communes."""
    units: dict[tuple[str, str, str], Unit] = {}

    def add(unit: Unit) -> None:
        units.setdefault((unit.version, unit.level, unit.code), unit)

    for row in _query("SELECT * FROM admin_units_legacy ORDER BY wardCode"):
        province = row["provinceCode"]
        province_name = normalise(row["province"])
        province_short = normalise(row["provinceShort"])
        add(
            Unit(LEGACY, PROVINCE, province, province_name, province_short,
                 _unit_type(province_name, province_short, "Tỉnh"), None, province,
                 row["provinceLat"], row["provinceLon"])
        )  # fmt: skip
        add(
            Unit(LEGACY, DISTRICT, row["districtCode"], normalise(row["district"]),
                 normalise(row["districtShort"]), normalise(row["districtType"]), province,
                 province, row["districtLat"], row["districtLon"])
        )  # fmt: skip
        if row["wardCode"]:  # island districts (Bạch Long Vĩ, Cồn Cỏ…) have no communes
            add(
                Unit(LEGACY, COMMUNE, row["wardCode"], normalise(row["ward"]),
                     normalise(row["wardShort"]), normalise(row["wardType"]),
                     row["districtCode"], province, row["wardLat"], row["wardLon"])
            )  # fmt: skip
    for row in _query("SELECT * FROM admin_units ORDER BY wardCode"):
        province = row["provinceCode"]
        province_name = normalise(row["province"])
        province_short = normalise(row["provinceShort"])
        add(
            Unit(V2025, PROVINCE, province, province_name, province_short,
                 _unit_type(province_name, province_short, "Tỉnh"), None, province,
                 row["provinceLat"], row["provinceLon"])
        )  # fmt: skip
        add(
            Unit(V2025, COMMUNE, row["wardCode"], normalise(row["ward"]),
                 normalise(row["wardShort"]), normalise(row["wardType"]), province, province,
                 row["wardLat"], row["wardLon"])
        )  # fmt: skip
    return list(units.values())


def read_mappings(corrections: Iterable[MappingCorrection] = ()) -> list[Mapping]:
    """Every legacy commune (and island district) with the 2025 commune(s) it became.

    Raises :class:`UnitSourceError` if a converter key does not resolve to a code, and if after
    the corrections a legacy unit does not have exactly one default target.
    """
    legacy: dict[str, tuple[str, str, str]] = {}  # converter key → (level, code, province)
    for row in _query(
        "SELECT provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode "
        "FROM admin_units_legacy"
    ):
        key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        if row["wardCode"]:
            legacy[key] = (COMMUNE, row["wardCode"], row["provinceCode"])
        else:
            legacy[key] = (DISTRICT, row["districtCode"], row["provinceCode"])
    new: dict[tuple[str, str], tuple[str, str]] = {
        (row["provinceKey"], row["wardKey"]): (row["wardCode"], row["provinceCode"])
        for row in _query("SELECT provinceKey, wardKey, wardCode, provinceCode FROM admin_units")
    }
    with (data_dir() / "converter_2025.json").open(encoding="utf-8") as handle:
        converter = json.load(handle)

    problems: list[str] = []
    # legacy code → {new code: is_default}
    targets: dict[str, dict[str, bool]] = defaultdict(dict)
    legacy_of: dict[str, tuple[str, str]] = {}  # legacy code → (level, province)
    province_of_new: dict[str, str] = {}

    def resolve(old_key: str, province_key: str, ward_key: str, is_default: bool) -> None:
        old, target = legacy.get(old_key), new.get((province_key, ward_key))
        if old is None or target is None:
            problems.append(f"converter key not found: {old_key} → {province_key}/{ward_key}")
            return
        level, code, province = old
        legacy_of[code] = (level, province)
        province_of_new[target[0]] = target[1]
        targets[code][target[0]] = is_default

    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            for old_key in old_keys:
                resolve(old_key, province_key, ward_key, True)
    for province_key, old_units in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, choices in old_units.items():
            for choice in choices:
                resolve(
                    old_key, province_key, choice["newWardKey"], bool(choice["isDefaultNewWard"])
                )

    new_codes = {code: province for code, province in new.values()}
    for fix in corrections:
        if fix.action == "drop":
            targets.get(fix.legacy_code, {}).pop(fix.new_code, None)
        elif fix.action == "add":
            if fix.legacy_code not in legacy_of or fix.new_code not in new_codes:
                problems.append(f"{fix.origin}: unknown legacy or new commune code")
                continue
            if fix.is_default:
                targets[fix.legacy_code] = dict.fromkeys(targets[fix.legacy_code], False)
            targets[fix.legacy_code][fix.new_code] = fix.is_default
            province_of_new[fix.new_code] = new_codes[fix.new_code]
        else:
            problems.append(f"{fix.origin}: action must be drop or add")

    mappings = []
    for code, choices in sorted(targets.items()):
        if len(choices) == 1:  # a split reduced to one target by a correction is whole again
            choices = dict.fromkeys(choices, True)
        defaults = [new_code for new_code, is_default in choices.items() if is_default]
        if len(defaults) != 1:
            problems.append(f"legacy unit {code} has {len(defaults)} default targets, not 1")
            continue
        level, province = legacy_of[code]
        for new_code, is_default in sorted(choices.items()):
            mappings.append(
                Mapping(level, code, province, new_code, province_of_new[new_code],
                        len(choices) > 1, is_default)
            )  # fmt: skip
    if problems:
        raise UnitSourceError("; ".join(problems[:20]))
    return mappings
