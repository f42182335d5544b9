"""Search parameters: what a visitor may ask the vacancy search, validated.

The same parameters come from the search form's query string, from a saved search (stored as
the query-string values of :meth:`SearchParams.criteria`) and from the API, so they are parsed
by one function that names every bad value with a message fit to show next to its field.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.jobs.errors import InvalidInput, Message
from portal.text import fold_words

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 1000  # the deepest result a search shows: refine the search to see further
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
MAX_PAGE = MAX_RESULTS  # (page - 1) × per_page must also stay below MAX_RESULTS
MAX_DAYS = 365
MAX_WAGE = 1_000_000_000  # VND per month
ANY_PARK = "*"  # the industrial-park filter value meaning "in any industrial park"
# The parameters a saved search keeps (page, order and page size are not part of it).
CRITERIA = ("q", "commune", "district", "occupation", "min_wage", "qualification", "park", "days")

_DIGITS = re.compile(r"\d+")
_COMMUNE = re.compile(r"\d{5}")
_DISTRICT = re.compile(r"\d{3}")
_OCCUPATION = re.compile(r"\d{1,5}")
_QUALIFICATION = re.compile(r"[a-z_]{1,16}")
_WAGE_NOISE = re.compile(r"[\s.,_]|₫|đ|vnd", re.IGNORECASE)


class Sort(enum.StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    WAGE = "wage"


class InvalidSearch(InvalidInput):
    """Search parameters that cannot be used; ``errors`` maps each parameter to its message."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__(errors=errors)


@dataclass(frozen=True)
class SearchParams:
    """What a visitor asked for, validated. Empty strings and None mean "no filter"."""

    q: str = ""
    commune: str = ""  # 2025 commune code
    district: str = ""  # former (legacy) district code
    occupation: str = ""  # VSCO code or code prefix (a group finds its occupations)
    min_wage: int | None = None  # VND per month
    qualification: str = ""  # the searcher's level: vacancies requiring at most this
    park: str = ""  # industrial park as stored on vacancies, or ANY_PARK
    days: int | None = None  # posted within the last N days
    sort: Sort | None = None  # None: relevance with a query, else newest
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def effective_sort(self) -> Sort:
        """Relevance needs words to weigh: without a query it falls back to newest."""
        has_text = bool(fold_words(self.q))
        if self.sort is None or (self.sort == Sort.RELEVANCE and not has_text):
            return Sort.RELEVANCE if has_text else Sort.NEWEST
        return self.sort

    def criteria(self) -> dict[str, str]:
        """The filters as query-string values (what a saved search stores), defaults left out."""
        values = {
            "q": self.q,
            "commune": self.commune,
            "district": self.district,
            "occupation": self.occupation,
            "min_wage": "" if self.min_wage is None else str(self.min_wage),
            "qualification": self.qualification,
            "park": self.park,
            "days": "" if self.days is None else str(self.days),
        }
        return {key: value for key, value in values.items() if value}

    def to_args(self, **changes: Any) -> dict[str, str]:
        """Query-string values for a link to these results (pagination keeps the filters)."""
        params = replace(self, **changes) if changes else self
        args = params.criteria()
        if params.sort is not None:
            args["sort"] = params.sort.value
        if params.page != 1:
            args["page"] = str(params.page)
        if params.per_page != DEFAULT_PER_PAGE:
            args["per_page"] = str(params.per_page)
        return args

    @property
    def has_criteria(self) -> bool:
        return bool(self.criteria())


def last_page(per_page: int) -> int:
    """The last page a search can show: the pages never go beyond ``MAX_RESULTS`` results."""
    return math.ceil(MAX_RESULTS / per_page)


def _int_arg(
    args: Mapping[str, Any], name: str, low: int, high: int, message: Any, errors: dict[str, Any]
) -> int | None:
    raw = str(args.get(name) or "").strip()
    if not raw:
        return None
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        errors[name] = message
        return None
    return int(raw)


def parse_search_params(args: Mapping[str, Any]) -> SearchParams:
    """Validate query-string values (``request.args`` or a saved search); unknown keys ignored.

    Raises :class:`InvalidSearch` naming every bad parameter, so the page can show each message
    next to its field instead of failing.
    """
    errors: dict[str, Any] = {}

    def text(name: str, limit: int) -> str:
        value = " ".join(str(args.get(name) or "").split())
        if len(value) > limit:
            errors[name] = _l("Please use at most %(limit)d characters.", limit=limit)
            return ""
        return value

    q = text("q", MAX_QUERY_LENGTH)
    park = text("park", 120)

    def code(name: str, pattern: re.Pattern[str], message: Message) -> str:
        value = str(args.get(name) or "").strip()
        if value and not pattern.fullmatch(value):
            errors[name] = message
            return ""
        return value

    commune = code("commune", _COMMUNE, _l("Choose a commune from the list."))
    district = code("district", _DISTRICT, _l("Choose a former district from the list."))
    occupation = code("occupation", _OCCUPATION, _l("Choose an occupation from the list."))
    qualification = code(
        "qualification", _QUALIFICATION, _l("Choose a qualification level from the list.")
    )

    min_wage = None
    raw_wage = _WAGE_NOISE.sub("", str(args.get("min_wage") or ""))
    if raw_wage:
        if not _DIGITS.fullmatch(raw_wage) or int(raw_wage) > MAX_WAGE:
            errors["min_wage"] = _l(
                "Enter the monthly wage in đồng as a whole number, for example 8000000."
            )
        else:
            min_wage = int(raw_wage)

    days = _int_arg(
        args, "days", 1, MAX_DAYS,
        _l("Enter a number of days from 1 to %(max)d.", max=MAX_DAYS), errors,
    )  # fmt: skip
    page = _int_arg(
        args, "page", 1, MAX_PAGE,
        _l("The page number must be from 1 to %(max)d.", max=MAX_PAGE), errors,
    )  # fmt: skip
    per_page = _int_arg(
        args, "per_page", 1, MAX_PER_PAGE,
        _l("Show from 1 to %(max)d vacancies per page.", max=MAX_PER_PAGE), errors,
    )  # fmt: skip

    sort = None
    raw_sort = str(args.get("sort") or "").strip()
    if raw_sort:
        try:
            sort = Sort(raw_sort)
        except ValueError:
            errors["sort"] = _l("Choose an order from the list.")

    if (page or 1) > last_page(per_page or DEFAULT_PER_PAGE) and "page" not in errors:
        errors["page"] = _l(
            "Only the first %(max)d vacancies of a search can be shown; please narrow the "
            "search (a word, a place or an occupation).",
            max=MAX_RESULTS,
        )

    if errors:
        raise InvalidSearch(errors)
    return SearchParams(
        q=q,
        commune=commune,
        district=district,
        occupation=occupation,
        min_wage=min_wage,
        qualification=qualification,
        park=park,
        days=days,
        sort=sort,
        page=page or 1,
        per_page=per_page or DEFAULT_PER_PAGE,
    )
