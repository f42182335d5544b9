"""The words of the open vacancies, used to forgive typos in search queries.

A query word that is neither a word nor the start of a word seen in the open vacancies' search
text is also searched as its nearest such words ("dein" → "dien", "mya" → "may"); a rare word
that is one slip away from a much more common one gets the common one too ("cnog", typed in a
few vacancies, also finds the many with "cong"). Distances are edit distances in which swapping
two neighbouring letters counts as one edit (optimal string alignment, rapidfuzz's C scorer).

The vocabulary also keeps a fixed-size sample of the vacancies (each word → the bit set of
sampled vacancies using it), from which :meth:`Vocabulary.estimate_share` estimates the share
of vacancies a whole query matches: :mod:`portal.jobs.search` uses it to choose how to search.

Each process keeps one vocabulary per database, rebuilt when the vacancies change: a cheap
indexed check (``max(id)``, ``max(updated_at)``) runs at most every 30 seconds, and the
vocabulary is rebuilt at least every 15 minutes. :func:`invalidate_search_cache` forgets it at
once (tests; a service that wants a new word to be corrected to immediately).
"""

from __future__ import annotations

import bisect
import random
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, has_app_context
from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.jobs.models import Vacancy, VacancyStatus
from portal.text import fold_words

MAX_QUERY_WORDS = 6  # bounds the SQL (and the "at least half" combinations): more are ignored
MAX_CORRECTIONS = 3  # vocabulary words searched for one query word, besides the word itself
COMMON_FACTOR = 20  # a known word also gets neighbours at least this many times more common
MAX_VOCABULARY = 100_000  # most frequent distinct words kept
SAMPLE_SIZE = 2000  # vacancies sampled to estimate how many a query matches
SAMPLE_SEED = 20250701
CACHE_CHECK_SECONDS = 30.0
CACHE_MAX_AGE_SECONDS = 900.0  # deletions change no signature: rebuild at least this often


def max_typo_distance(word: str) -> int:
    """Edits forgiven in a word: none below 3 letters (too ambiguous), 1, then 2 from 8."""
    if len(word) < 3:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True)
class Vocabulary:
    """Distinct words of the open vacancies, each with the number of vacancies using it."""

    frequency: Mapping[str, int]
    sorted_words: tuple[str, ...]
    by_length: Mapping[int, tuple[str, ...]]
    documents: int = 0  # open vacancies read
    # A sample of the vacancies, as word → bit set of the sampled vacancies using it, to
    # estimate what share of vacancies a whole query matches (see ``estimate_share``).
    sample_bits: Mapping[str, int] = field(default_factory=dict)
    sample_words: tuple[str, ...] = ()
    sample_size: int = 0

    @classmethod
    def from_texts(cls, texts: Iterable[str], limit: int = MAX_VOCABULARY) -> Vocabulary:
        counts: Counter[str] = Counter()
        documents = 0
        sample: list[str] = []
        sampler = random.Random(SAMPLE_SEED)
        for text in texts:
            counts.update(set(text.split()))
            documents += 1
            # Reservoir sampling with a fixed seed: a uniform sample, the same every build.
            if len(sample) < SAMPLE_SIZE:
                sample.append(text)
            else:
                slot = sampler.randrange(documents)
                if slot < SAMPLE_SIZE:
                    sample[slot] = text
        bits: dict[str, int] = {}
        for index, text in enumerate(sample):
            for word in set(text.split()):
                bits[word] = bits.get(word, 0) | (1 << index)
        if len(counts) > limit:
            counts = Counter(dict(counts.most_common(limit)))
        by_length: dict[int, list[str]] = {}
        for word in counts:
            by_length.setdefault(len(word), []).append(word)
        sorted_words = tuple(sorted(counts))
        return cls(
            frequency=dict(counts),
            sorted_words=sorted_words,
            by_length={length: tuple(words) for length, words in by_length.items()},
            documents=documents,
            sample_bits=bits,
            sample_words=tuple(sorted(bits)),
            sample_size=len(sample),
        )

    def estimate_share(self, terms: list[QueryTerm]) -> float:
        """Estimated share of the open vacancies matching every term (from the sample)."""
        if not self.sample_size or not terms:
            return 0.0
        matching = (1 << self.sample_size) - 1
        for term in terms:
            found = 0
            for word in term.alternatives:
                start = bisect.bisect_left(self.sample_words, word)
                end = bisect.bisect_left(self.sample_words, word + "\U0010ffff")
                for candidate in self.sample_words[start:end]:
                    found |= self.sample_bits[candidate]
            matching &= found
            if not matching:
                return 0.0
        return matching.bit_count() / self.sample_size

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a word, or the start of one (typing in progress)."""
        if word in self.frequency:
            return True
        index = bisect.bisect_left(self.sorted_words, word)
        return index < len(self.sorted_words) and self.sorted_words[index].startswith(word)

    def neighbours(self, word: str) -> list[tuple[str, int]]:
        """Words within the forgiven distance of ``word`` (itself excluded), with distances."""
        distance = max_typo_distance(word)
        if not distance:
            return []
        choices = [
            candidate
            for length in range(len(word) - distance, len(word) + distance + 1)
            for candidate in self.by_length.get(length, ())
        ]
        found = process.extract(
            word, choices, scorer=OSA.distance, score_cutoff=distance, limit=None
        )
        return [(candidate, int(score)) for candidate, score, _ in found if candidate != word]

    def corrections(self, word: str, limit: int = MAX_CORRECTIONS) -> list[str]:
        """What to search for ``word`` besides itself.

        An unknown word gets its nearest words, most common first. A known word (or the start
        of one) gets only neighbours at least ``COMMON_FACTOR`` times more common than itself:
        the typo that slipped into a few vacancies must not hide the thousands spelt right.
        """
        found = self.neighbours(word)
        if not found:
            return []
        if self.knows(word):
            floor = COMMON_FACTOR * max(1, self.frequency.get(word, 0))
            found = [(candidate, d) for candidate, d in found if self.frequency[candidate] >= floor]
        else:
            best = min(d for _, d in found)
            found = [(candidate, d) for candidate, d in found if d == best]
        found.sort(key=lambda item: (item[1], -self.frequency[item[0]], item[0]))
        return [candidate for candidate, _ in found[:limit]]


@dataclass(frozen=True)
class QueryTerm:
    """One query word and what is searched for it: the word itself, then its corrections."""

    word: str
    alternatives: tuple[str, ...]

    @property
    def corrected(self) -> tuple[str, ...]:
        return self.alternatives[1:]


def analyse_query(q: str, vocabulary: Vocabulary | None) -> tuple[list[QueryTerm], list[str]]:
    """The terms searched for ``q``, and the words left out (one-letter words when longer ones
    were typed, and words beyond the sixth).

    The word itself is always searched, so a word newer than the cached vocabulary is found.
    """
    words = list(dict.fromkeys(fold_words(q)))  # a repeated word counts once
    kept = [word for word in words if len(word) > 1] or words
    ignored = [word for word in words if word not in kept] + kept[MAX_QUERY_WORDS:]
    terms = []
    for word in kept[:MAX_QUERY_WORDS]:
        corrections = vocabulary.corrections(word) if vocabulary is not None else []
        terms.append(QueryTerm(word, (word, *corrections)))
    return terms, ignored


# -- the per-process cache --------------------------------------------------------------------


@dataclass
class _Snapshot:
    vocabulary: Vocabulary
    parks: tuple[str, ...]
    signature: tuple[Any, ...]
    built_at: float
    checked_at: float


_snapshots: dict[str, _Snapshot] = {}
_lock = threading.Lock()


def invalidate_search_cache() -> None:
    """Forget this process's vocabulary and park list; the next search rebuilds them."""
    with _lock:
        _snapshots.clear()


def _setting(name: str, default: float) -> float:
    if has_app_context():
        return float(current_app.config.get(name, default))
    return default


def _signature(session: Session) -> tuple[Any, ...]:
    """Changes when a vacancy is added or saved; both maxima are read from an index."""
    return tuple(session.execute(select(func.max(Vacancy.id), func.max(Vacancy.updated_at))).one())


def _build(session: Session, signature: tuple[Any, ...]) -> _Snapshot:
    is_open = Vacancy.status == VacancyStatus.OPEN
    texts = session.scalars(
        select(Vacancy.search_text).where(is_open).execution_options(yield_per=2000)
    )
    vocabulary = Vocabulary.from_texts(texts)
    parks = session.scalars(
        select(Vacancy.industrial_park)
        .where(is_open, Vacancy.industrial_park != "")
        .distinct()
        .order_by(Vacancy.industrial_park)
    ).all()
    now = time.monotonic()
    return _Snapshot(vocabulary, tuple(parks), signature, now, now)


def _snapshot(session: Session) -> _Snapshot:
    key = str(session.get_bind().url)
    now = time.monotonic()
    with _lock:
        snapshot = _snapshots.get(key)
    if snapshot is not None and now - snapshot.checked_at < _setting(
        "SEARCH_CACHE_CHECK_SECONDS", CACHE_CHECK_SECONDS
    ):
        return snapshot
    signature = _signature(session)
    max_age = _setting("SEARCH_CACHE_MAX_AGE_SECONDS", CACHE_MAX_AGE_SECONDS)
    if (
        snapshot is not None
        and snapshot.signature == signature
        and now - snapshot.built_at < max_age
    ):
        snapshot.checked_at = now
        return snapshot
    snapshot = _build(session, signature)
    with _lock:
        _snapshots[key] = snapshot
    return snapshot


def search_vocabulary(session: Session) -> Vocabulary:
    return _snapshot(session).vocabulary


def parks_in_use(session: Session) -> tuple[str, ...]:
    """Industrial parks named by open vacancies (for the search form's list)."""
    return _snapshot(session).parks
