"""The industrial parks (khu công nghiệp) of the former Hải Dương province, offered as choices.

Source: the operating parks named by the provincial Industrial Parks Management Board (Ban Quản
lý các khu công nghiệp tỉnh Hải Dương) in its public listings and in Báo Hải Dương's series on
the province's parks (2021–2023): 11 to 12 operating parks, about 108,000 workers
(FACTS.md §6). Names are transcribed as the board writes them; the former district is where
each park is usually placed and is shown only to help people choose. Not checked against a
gazetted list: the authority may correct or extend it here.

Employers and vacancies may also name a park or an industrial cluster (cụm công nghiệp) that is
not listed: the field is free text, and a name that matches a listed park (ignoring diacritics
and case) is stored in the listed spelling, so search and statistics see one name per park.
"""

from __future__ import annotations

from typing import NamedTuple

from portal.text import fold_key, normalise


class IndustrialPark(NamedTuple):
    name: str
    former_district: str


INDUSTRIAL_PARKS: tuple[IndustrialPark, ...] = (
    IndustrialPark("KCN Đại An", "TP Hải Dương"),
    IndustrialPark("KCN Nam Sách", "Nam Sách"),
    IndustrialPark("KCN Phúc Điền", "Cẩm Giàng"),
    IndustrialPark("KCN Tân Trường", "Cẩm Giàng"),
    IndustrialPark("KCN Lai Cách", "Cẩm Giàng"),
    IndustrialPark("KCN Cẩm Điền – Lương Điền", "Cẩm Giàng"),
    IndustrialPark("KCN Việt Hòa – Kenmark", "TP Hải Dương"),
    IndustrialPark("KCN Cộng Hòa", "Chí Linh"),
    IndustrialPark("KCN Lai Vu", "Kim Thành"),
    IndustrialPark("KCN Phú Thái", "Kim Thành"),
    IndustrialPark("KCN Kim Thành", "Kim Thành"),
    IndustrialPark("KCN Gia Lộc", "Gia Lộc"),
)

_PREFIXES = ("khu cong nghiep ", "kcn ")


def _key(name: str) -> str:
    key = fold_key(name)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


_BY_KEY = {_key(park.name): park.name for park in INDUSTRIAL_PARKS}


def canonical_park_name(text: str | None) -> str:
    """The listed spelling when ``text`` names a listed park, else the text itself (NFC).

    "kcn dai an", "Khu công nghiệp Đại An" and "Đại An" all give "KCN Đại An".
    """
    cleaned = normalise(text)
    if not cleaned:
        return ""
    return _BY_KEY.get(_key(cleaned), cleaned)


def park_names() -> list[str]:
    return [park.name for park in INDUSTRIAL_PARKS]
