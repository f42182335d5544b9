"""How query words are matched in SQL, and how relevance is scored.

A term matches a vacancy when a word of its folded ``search_text`` starts with the term or one
of its corrections. Two spellings say exactly that:

* ``LIKE 'w%' OR LIKE '% w%'`` on the text: any database; cheap per row;
* a PostgreSQL text-search query (``'w':* & …``) on ``search_document`` (the ``simple``
  configuration's lexemes are our folded words), answered by the GIN index.

:mod:`portal.jobs.search` chooses between them; the results are the same.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, and_, case, func, literal_column, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.functions import GenericFunction

from portal.jobs.models import Vacancy, search_document
from portal.jobs.search_vocabulary import QueryTerm


class position(GenericFunction[int]):
    """1-based position of a substring, 0 when absent: ``instr`` on SQLite, ``strpos`` here."""

    type = Integer()
    inherit_cache = True


@compiles(position, "postgresql")
def _position_postgresql(element: position, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


@compiles(position)
def _position_default(element: position, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


def _like(column: Any, word: str, *, after_space: bool) -> ColumnElement[bool]:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = ("% " if after_space else "") + escaped + "%"
    if escaped != word:
        return column.like(pattern, escape="\\")  # type: ignore[no-any-return]
    return column.like(pattern)  # type: ignore[no-any-return]


def _term_like(text: Any, term: QueryTerm) -> ColumnElement[bool]:
    """Some word of ``text`` starts with the term or one of its corrections."""
    return or_(
        *(
            clause
            for word in term.alternatives
            for clause in (
                _like(text, word, after_space=False),
                _like(text, word, after_space=True),
            )
        )
    )


def _term_in_title(text: Any, title: Any, term: QueryTerm) -> ColumnElement[bool]:
    """The term matches within the title, which ``search_text`` starts with (folded)."""
    clauses: list[ColumnElement[bool]] = []
    for word in term.alternatives:
        clauses.append(_like(text, word, after_space=False))
        clauses.append(position(text, " " + word).between(1, func.length(title)))
    return or_(*clauses)


def as_int(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _total(values: Iterable[ColumnElement[int]]) -> ColumnElement[int]:
    return functools.reduce(operator.add, values)


def _needed(terms: list[QueryTerm], relaxed: bool) -> int:
    return math.ceil(len(terms) / 2) if relaxed else len(terms)


def _tsquery(terms: list[QueryTerm], needed: int) -> str:
    """A PostgreSQL text-search query: at least ``needed`` of the terms, each as a prefix.

    Words hold letters, digits and "_" only (:func:`portal.text.fold_words`), so quoting them
    as lexemes is safe.
    """
    parts = ["(" + " | ".join(f"'{word}':*" for word in term.alternatives) + ")" for term in terms]
    if needed >= len(parts):
        return " & ".join(parts)
    return " | ".join(
        "(" + " & ".join(combination) + ")" for combination in itertools.combinations(parts, needed)
    )


def text_condition(
    terms: list[QueryTerm], relaxed: bool, *, full_text: bool, text: Any = None
) -> ColumnElement[bool]:
    """Vacancies matching all the terms (or at least half of them when ``relaxed``).

    ``full_text`` (PostgreSQL only) asks the same as a text-search query, which the GIN index
    on ``search_document`` answers; otherwise each term is a pair of ``LIKE`` on ``text``
    (``Vacancy.search_text`` unless a subquery's column is given).
    """
    needed = _needed(terms, relaxed)
    if full_text:
        query = func.to_tsquery(literal_column("'simple'::regconfig"), _tsquery(terms, needed))
        return search_document(Vacancy.search_text).bool_op("@@")(query)
    text = Vacancy.search_text if text is None else text
    matches = [_term_like(text, term) for term in terms]
    if needed >= len(matches):
        return and_(*matches)
    return and_(or_(*matches), _total(as_int(match) for match in matches) >= needed)


def score(text: Any, title: Any, terms: list[QueryTerm], relaxed: bool) -> ColumnElement[int]:
    """Relevance: one point per matched term, one more when it is in the title.

    Without relaxing every term matches, so only the title points differ between vacancies.
    """
    score = _total(as_int(_term_in_title(text, title, term)) for term in terms)
    if relaxed:
        score = score + _total(as_int(_term_like(text, term)) for term in terms)
    return score
