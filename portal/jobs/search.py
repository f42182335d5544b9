"""Public vacancy search: folded free text that forgives typos, filters, sorting and pages.

Why it is built this way is in ``docs/decisions/0006-vacancy-search.md``. In short:

* ``Vacancy.search_text`` holds the folded words of a vacancy (:func:`portal.text.fold_key`),
  starting with its title (``portal.jobs.vacancies.refresh_search_text``). A query word matches
  a vacancy when one of those words *starts* with it (:mod:`.search_words`); typos are
  forgiven through the vocabulary (:mod:`.search_vocabulary`); the filters are
  :mod:`.search_filters`; the parameters :mod:`.search_params`.
* Every word must match. When no vacancy matches them all, those matching at least half of the
  words are shown instead, and the page says so (``SearchPage.relaxed``).
* A search considers the ``MAX_RESULTS`` (1,000) most recent matches; they are counted
  ("more than 1,000" beyond) and ordered by relevance, newest or wage (highest stated wage
  first, negotiable last). Relevance is the share of query words matched, a word found in the
  title counting double, then the newest. The bound keeps every query cheap however common
  the words are; more words or a filter narrow the search to the rest.
* On PostgreSQL one of three equivalent ways of matching the words is chosen per search
  (:class:`Method`), so that the planner is never left a path that is slow in fact and cheap
  on paper. SQLite always uses ``LIKE``. The tests run on both databases.

Functions take a session and typed parameters; they never read the request.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from portal.accounts.models import Organisation
from portal.jobs import lookups
from portal.jobs.industrial_parks import park_names
from portal.jobs.models import Vacancy
from portal.jobs.search_filters import filter_conditions, wage_reaches
from portal.jobs.search_params import (
    ANY_PARK,
    CRITERIA,
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    MAX_RESULTS,
    InvalidSearch,
    SearchParams,
    Sort,
    last_page,
    parse_search_params,
)
from portal.jobs.search_vocabulary import (
    QueryTerm,
    Vocabulary,
    analyse_query,
    invalidate_search_cache,
    parks_in_use,
    search_vocabulary,
)
from portal.jobs.search_words import as_int, score, text_condition
from portal.reference.models import COMMUNE, DISTRICT, LEGACY, AdminUnit
from portal.text import fold_words

# Choosing how to match the words (see Method).
FEW_ROWS = 3000  # filters leaving at most this many vacancies: LIKE on those
RELAX_FEW_ROWS = 10_000  # the same for "at least half of the words" (the text index does worse)
WALK_MIN_SHARE = 0.15  # words found in at least this share of vacancies: walk the newest
MAX_WALK = 12_000

__all__ = [
    "ANY_PARK",
    "CRITERIA",
    "DEFAULT_PER_PAGE",
    "MAX_PER_PAGE",
    "MAX_RESULTS",
    "InvalidSearch",
    "SearchChoices",
    "SearchHit",
    "SearchPage",
    "SearchParams",
    "Sort",
    "filter_conditions",
    "invalidate_search_cache",
    "matching_vacancy_ids",
    "parse_search_params",
    "search_choices",
    "search_vacancies",
    "wage_reaches",
]


# -- the search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    unit_version: str
    commune_code: str
    industrial_park: str
    occupation_code: str
    wage_min: int | None
    wage_max: int | None
    wage_negotiable: bool
    deadline: dt.date
    opened_at: dt.datetime | None
    employer: str
    place: str


@dataclass(frozen=True)
class SearchPage:
    params: SearchParams
    hits: list[SearchHit]
    total: int  # matches, counted up to MAX_RESULTS + 1 (see ``truncated``)
    terms: list[QueryTerm] = field(default_factory=list)
    ignored_words: list[str] = field(default_factory=list)
    relaxed: bool = False  # nothing matched every word: these match at least half of them

    @property
    def page(self) -> int:
        return self.params.page

    @property
    def per_page(self) -> int:
        return self.params.per_page

    @property
    def pages(self) -> int:
        shown = min(self.total, MAX_RESULTS)
        return max(1, min(last_page(self.per_page), math.ceil(shown / self.per_page)))

    @property
    def truncated(self) -> bool:
        """More than ``MAX_RESULTS`` vacancies match: only the most recent are shown."""
        return self.total > MAX_RESULTS

    @property
    def corrections(self) -> dict[str, tuple[str, ...]]:
        """Typed word → the words also searched for it."""
        return {term.word: term.corrected for term in self.terms if term.corrected}


def _wage_top(table: Any) -> ColumnElement[int]:
    return func.coalesce(table.c.wage_max, table.c.wage_min)


class Method(enum.Enum):
    """How the words are matched on PostgreSQL (SQLite always uses ``LIKE``); same answers.

    PostgreSQL computes a row's text document (``to_tsvector``) for tens of microseconds but
    its planner believes it nearly free, so a query that lets it filter rows by the document
    after reaching them through another index (the date, the commune, the status) can be a
    hundred times slower than planned. Each method leaves it one sensible way:
    """

    LIKE = "like"
    """``LIKE`` on the rows the filters leave, found through their indexes: the filters leave
    few (at most ``FEW_ROWS``)."""
    WALK = "walk"
    """``LIKE`` while walking the newest vacancies by date, stopping at the thousand-and-first
    match: common words and no filter (the sample says how far the walk should go)."""
    FULL_TEXT = "full_text"
    """The GIN text index collects the matches. Every other condition is shielded from the
    B-tree indexes, and the order is "NULLS LAST" (meaningless here: open vacancies always
    have an opening time), which keeps the planner off the date index."""


def _recent_matches(
    session: Session,
    params: SearchParams,
    terms: list[QueryTerm],
    relaxed: bool,
    method: Method,
    walk: int,
    now: dt.datetime | None,
) -> Any:
    """The ``MAX_RESULTS + 1`` most recent matches (every sort orders these), carrying only
    what the orders need, so the sorts handle narrow rows."""
    newest: list[Any] = [Vacancy.opened_at.desc(), Vacancy.id.desc()]
    columns: list[Any] = [Vacancy.id, Vacancy.opened_at, Vacancy.wage_min, Vacancy.wage_max]
    if terms:
        columns += [Vacancy.title, Vacancy.search_text]
    full_text = bool(terms) and method == Method.FULL_TEXT
    conditions = filter_conditions(session, params, now=now, shielded=full_text)
    if terms and method == Method.WALK:
        walked = (
            select(*columns).where(*conditions).order_by(*newest).limit(walk).subquery("walked")
        )
        text = text_condition(terms, relaxed, full_text=False, text=walked.c.search_text)
        return (
            select(walked)
            .where(text)
            .order_by(walked.c.opened_at.desc(), walked.c.id.desc())
            .limit(MAX_RESULTS + 1)
            .subquery("recent")
        )
    if terms:
        conditions.append(text_condition(terms, relaxed, full_text=full_text))
    if full_text:
        newest = [Vacancy.opened_at.desc().nulls_last(), Vacancy.id.desc()]
    return (
        select(*columns)
        .where(*conditions)
        .order_by(*newest)
        .limit(MAX_RESULTS + 1)
        .subquery("recent")
    )


def _page(
    session: Session,
    params: SearchParams,
    terms: list[QueryTerm],
    *,
    relaxed: bool = False,
    method: Method = Method.LIKE,
    walk: int = 0,
    now: dt.datetime | None = None,
) -> tuple[list[SearchHit], int]:
    """One page of hits and the number of matches (counted up to ``MAX_RESULTS + 1``), in one
    query: the recent matches numbered by date and counted, numbered again in the chosen
    order, and the page's rows joined to what the page shows of them."""
    recent = _recent_matches(session, params, terms, relaxed, method, walk, now)
    dated = select(
        recent,
        func.row_number()
        .over(order_by=(recent.c.opened_at.desc(), recent.c.id.desc()))
        .label("rank"),
        func.count().over().label("total"),
    ).subquery("dated")
    order: list[Any] = [dated.c.opened_at.desc(), dated.c.id.desc()]
    sort = params.effective_sort
    if sort == Sort.WAGE:
        top = _wage_top(dated)
        order = [as_int(top.is_(None)), top.desc(), *order]
    elif sort == Sort.RELEVANCE and terms:
        order = [score(dated.c.search_text, dated.c.title, terms, relaxed).desc(), *order]
    offset = (params.page - 1) * params.per_page
    # LIMIT rather than a filter on the position: the planner then knows the page is small
    # and looks its names up by key instead of hashing the whole of both tables.
    ordered = (
        select(dated, func.row_number().over(order_by=order).label("position"))
        .where(dated.c.rank <= MAX_RESULTS)
        .order_by(*order)
        .limit(params.per_page)
        .offset(offset)
        .subquery("ordered")
    )
    rows = session.execute(
        select(
            *(getattr(Vacancy, name) for name in HIT_COLUMNS),
            Organisation.name.label("employer"),
            func.coalesce(AdminUnit.name, Vacancy.commune_code).label("place"),
            ordered.c.total,
        )
        .select_from(ordered)
        .join(Vacancy, Vacancy.id == ordered.c.id)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .outerjoin(
            AdminUnit,
            and_(
                AdminUnit.version == Vacancy.unit_version,
                AdminUnit.level == COMMUNE,
                AdminUnit.code == Vacancy.commune_code,
            ),
        )
        .order_by(ordered.c.position)
    ).all()
    total = int(rows[0].total) if rows else 0
    if not rows and offset:  # a page beyond the results: count them all the same
        total = int(session.scalar(select(func.count()).select_from(recent)) or 0)
    if method == Method.WALK and total <= MAX_RESULTS:
        # The walk ended before a thousand matches: older vacancies may match too.
        return _page(session, params, terms, relaxed=relaxed, method=Method.FULL_TEXT, now=now)
    hits = [SearchHit(**{k: v for k, v in row._asdict().items() if k != "total"}) for row in rows]
    return hits, total


# What the page shows of each vacancy, read for the page's rows only.
HIT_COLUMNS = (
    "id",
    "title",
    "unit_version",
    "commune_code",
    "industrial_park",
    "occupation_code",
    "wage_min",
    "wage_max",
    "wage_negotiable",
    "deadline",
    "opened_at",
)


def _count_upto(session: Session, conditions: list[ColumnElement[bool]], cap: int) -> int:
    """How many vacancies the conditions leave, counted up to ``cap``."""
    capped = select(Vacancy.id).where(*conditions).limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(capped)) or 0)


@dataclass(frozen=True)
class _Plan:
    method: Method
    relaxed_method: Method  # for "at least half of the words", if it comes to that
    walk: int = 0
    left: int | None = None  # vacancies the filters leave (up to RELAX_FEW_ROWS + 1), if counted


def _plan(
    session: Session,
    params: SearchParams,
    vocabulary: Vocabulary | None,
    terms: list[QueryTerm],
    conditions: list[ColumnElement[bool]],
) -> _Plan:
    """How to match the words (see :class:`Method`)."""
    if session.get_bind().dialect.name != "postgresql":
        return _Plan(Method.LIKE, Method.LIKE)
    if params.commune or params.district or params.occupation:
        # Filters with an index: how many vacancies do they leave? (Cheap through the index.)
        left = _count_upto(session, conditions, RELAX_FEW_ROWS + 1)
        return _Plan(
            Method.LIKE if left <= FEW_ROWS else Method.FULL_TEXT,
            Method.LIKE if left <= RELAX_FEW_ROWS else Method.FULL_TEXT,
            left=left,
        )
    if set(params.criteria()) != {"q"}:  # only filters no index serves: counting costs a scan
        return _Plan(Method.FULL_TEXT, Method.FULL_TEXT)
    share = vocabulary.estimate_share(terms) if vocabulary is not None else 0.0
    documents = vocabulary.documents if vocabulary is not None else 0
    if share >= WALK_MIN_SHARE and share * documents >= 2 * MAX_RESULTS:
        walk = min(MAX_WALK, math.ceil(1.5 * (MAX_RESULTS + 1) / share))
        return _Plan(Method.WALK, Method.FULL_TEXT, walk=walk)
    return _Plan(Method.FULL_TEXT, Method.FULL_TEXT)


def search_vacancies(
    session: Session, params: SearchParams, *, now: dt.datetime | None = None
) -> SearchPage:
    """One page of open vacancies for ``params``.

    Raises :class:`InvalidSearch` for a commune, district, occupation or qualification code
    the reference data does not know.
    """
    conditions = filter_conditions(session, params, now=now)
    vocabulary = search_vocabulary(session) if fold_words(params.q) else None
    terms, ignored = analyse_query(params.q, vocabulary)
    if not terms:
        hits, total = _page(session, params, terms, now=now)
        return SearchPage(params, hits, total, ignored_words=ignored)
    plan = _plan(session, params, vocabulary, terms, conditions)
    if plan.left == 0:  # the filters alone leave nothing
        return SearchPage(params, [], 0, terms, ignored)
    hits, total = _page(session, params, terms, method=plan.method, walk=plan.walk, now=now)
    # Relax the words only when the filters leave something to find.
    left = plan.left if plan.left is not None else _count_upto(session, conditions, 1)
    relaxed = total == 0 and len(terms) > 1 and left > 0
    if relaxed:
        method = plan.relaxed_method
        hits, total = _page(session, params, terms, relaxed=True, method=method, now=now)
    return SearchPage(params, hits, total, terms, ignored, relaxed)


def matching_vacancy_ids(
    session: Session,
    params: SearchParams,
    *,
    vacancy_ids: Iterable[int] | None = None,
    opened_after: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> list[int]:
    """Open vacancies matching every word and filter of ``params`` (never relaxed, no pages).

    Saved-search alerts use this on one vacancy, or on those opened in the last hours, so the
    words are matched with ``LIKE`` on those few rows; an alert fires for exactly what the
    search shows.
    """
    conditions = filter_conditions(session, params, now=now)
    if vacancy_ids is not None:
        conditions.append(Vacancy.id.in_(sorted(set(vacancy_ids))))
    if opened_after is not None:
        conditions.append(Vacancy.opened_at > opened_after)
    vocabulary = search_vocabulary(session) if fold_words(params.q) else None
    terms, _ignored = analyse_query(params.q, vocabulary)
    if terms:
        conditions.append(text_condition(terms, relaxed=False, full_text=False))
    return list(session.scalars(select(Vacancy.id).where(*conditions).order_by(Vacancy.id)))


# -- choices for the search form ---------------------------------------------------------------


@dataclass(frozen=True)
class SearchChoices:
    communes: list[tuple[str, str]]  # (2025 code, name), former Hải Dương first
    districts: list[tuple[str, str]]  # (legacy district code, name)
    occupations: list[tuple[str, str]]  # (code, name) from level 2 down
    qualifications: list[tuple[str, str]]  # (code, name) by rank
    parks: list[str]


def search_choices(session: Session, *, legacy_province: str) -> SearchChoices:
    """The lists the search form offers."""
    communes = [
        (value.rpartition(":")[2], name) for value, name in lookups.home_commune_choices(session)
    ]
    districts = session.execute(
        select(AdminUnit.code, AdminUnit.name)
        .where(
            AdminUnit.version == LEGACY,
            AdminUnit.level == DISTRICT,
            AdminUnit.province_code == legacy_province,
        )
        .order_by(AdminUnit.code)
    ).tuples()
    parks = list(dict.fromkeys([*park_names(), *parks_in_use(session)]))
    return SearchChoices(
        communes=communes,
        districts=[(code, name) for code, name in districts],
        occupations=[(code, name) for code, name in lookups.occupation_options(session)],
        qualifications=[(code, name) for code, name in lookups.qualification_choices(session)],
        parks=parks,
    )
