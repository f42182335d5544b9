"""The match score of one worker for one vacancy: a pure function, 0–100, with its parts.

:func:`score` is the definition of a match; :mod:`portal.matching.index` computes exactly the
same numbers for many profiles at once (with arrays) and then calls :func:`score` for the ones
it returns, and a test holds the two equal on random provinces. Every number comes from
:mod:`portal.matching.weights`.

The parts, each its weight times a fraction in [0, 1]:

* **skills**: each vacancy skill counts with its weight (must-have 3, nice-to-have 1) times the
  worker's credit for it: 1 for the skill itself, else the best partial credit of a related
  skill the worker has (same trade family or typical for the same occupation), else 0;
* **occupation**: the best fit of the worker's wished or held occupations with the vacancy's
  (VSCO codes: same code, same 3-digit, 2-digit or 1-digit group);
* **location**: :func:`portal.matching.geo.location_fit`;
* **qualification**: levels below the required one (0, 1, 2+);
* **experience**: months of experience over the months asked, at most 1;
* **wage**: 1 when the top of the offer reaches the worker's minimum, falling to 0 at 30 % below;
* **availability**: unemployed and seeking, employed but open, other;
* **recent graduate**: a course finished recently whose occupation fits the vacancy's (or that
  the vacancy's skills are typical for).

A profile is *relevant* (offered to the employer at all) when it has one of the vacancy's skills
itself, or its occupation is in the vacancy's 2-digit group or closer, or it is such a recent
graduate: the candidates an inverted index finds. Related skills add credit to a relevant
profile but do not make one relevant on their own.
"""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

from portal.matching import weights as w
from portal.matching.features import Availability, VacancyFeatures, WorkerFeatures
from portal.matching.geo import LocationBand, location_fit


class OccupationMatch(enum.StrEnum):
    SAME = "same"
    MINOR_GROUP = "minor_group"
    SUB_MAJOR_GROUP = "sub_major_group"
    MAJOR_GROUP = "major_group"
    NONE = "none"


class WageFit(enum.StrEnum):
    MEETS = "meets"
    BELOW = "below"
    NEGOTIABLE = "negotiable"
    UNSTATED = "unstated"


OCCUPATION_BY_FRACTION = {
    w.OCCUPATION_SAME: OccupationMatch.SAME,
    w.OCCUPATION_MINOR_GROUP: OccupationMatch.MINOR_GROUP,
    w.OCCUPATION_SUB_MAJOR_GROUP: OccupationMatch.SUB_MAJOR_GROUP,
    w.OCCUPATION_MAJOR_GROUP: OccupationMatch.MAJOR_GROUP,
    0.0: OccupationMatch.NONE,
}
AVAILABILITY_FRACTION = {
    Availability.SEEKING: w.AVAILABILITY_SEEKING,
    Availability.OPEN: w.AVAILABILITY_OPEN,
    Availability.OTHER: w.AVAILABILITY_OTHER,
}


class Parts(NamedTuple):
    """Points of each part (they add up to the total)."""

    skills: float
    occupation: float
    location: float
    qualification: float
    experience: float
    wage: float
    availability: float
    recent_graduate: float

    def as_dict(self) -> dict[str, float]:
        return {name: round(value, 2) for name, value in self._asdict().items()}


class MatchScore(NamedTuple):
    """A score with its parts and the facts an explanation needs (immutable; a NamedTuple
    because the index builds one per returned candidate and that must be cheap)."""

    total: float  # 0–100
    parts: Parts
    relevant: bool
    matched_skills: tuple[int, ...]  # vacancy skills the worker has
    related_skills: tuple[tuple[int, int, float], ...]  # (vacancy skill, worker's, credit)
    missing_must: tuple[int, ...]  # must-haves the worker does not have as such
    missing_nice: tuple[int, ...]
    occupation: OccupationMatch
    location_band: LocationBand
    distance_km: float | None
    qualification_gap: int  # levels below the required one
    experience_months: int
    wage: WageFit
    availability: Availability
    recent_graduate: bool
    engine_version: str = w.ENGINE_VERSION

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, rounded: what a stored match keeps besides the explanation."""
        return {
            "total": round(self.total, 2),
            "parts": self.parts.as_dict(),
            "relevant": self.relevant,
            "matched_skills": list(self.matched_skills),
            "related_skills": [[a, b, c] for a, b, c in self.related_skills],
            "missing_must": list(self.missing_must),
            "missing_nice": list(self.missing_nice),
            "occupation": self.occupation.value,
            "location_band": self.location_band.value,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "qualification_gap": self.qualification_gap,
            "experience_months": self.experience_months,
            "wage": self.wage.value,
            "availability": self.availability.name.lower(),
            "recent_graduate": self.recent_graduate,
            "engine_version": self.engine_version,
        }


def occupation_fit(asked: str | None, code: str | None) -> float:
    """Fraction for a worker's occupation code against the vacancy's, by shared prefix."""
    if not asked or not code:
        return 0.0
    found = _FITS.get((asked, code))
    if found is None:
        found = _occupation_fit(asked, code)
        if len(_FITS) < 100_000:  # a few hundred codes in practice
            _FITS[(asked, code)] = found
    return found


_FITS: dict[tuple[str, str], float] = {}


def _occupation_fit(asked: str, code: str) -> float:
    if asked == code:
        return w.OCCUPATION_SAME
    common = 0
    for a, b in zip(asked, code, strict=False):
        if a != b:
            break
        common += 1
    if common >= 3:
        return w.OCCUPATION_MINOR_GROUP
    if common == 2:
        return w.OCCUPATION_SUB_MAJOR_GROUP
    if common == 1:
        return w.OCCUPATION_MAJOR_GROUP
    return 0.0


def graduate_fits(vacancy: VacancyFeatures, course_code: str) -> bool:
    """A course for this VSCO code prepares for the vacancy."""
    return (
        occupation_fit(vacancy.occupation_code, course_code) >= w.GRADUATE_OCCUPATION_FIT
        or course_code in vacancy.skill_occupations
    )


def qualification_fraction(gap: int) -> float:
    table = w.QUALIFICATION_BY_GAP
    return table[min(max(gap, 0), len(table) - 1)]


def experience_fraction(months: int, required: int) -> float:
    if required <= 0:
        return 1.0
    return min(1.0, months / required)


def offered_wage(vacancy: VacancyFeatures) -> int | None:
    """The top of the offer (the minimum when only that is given); None: negotiable."""
    return vacancy.wage_max if vacancy.wage_max is not None else vacancy.wage_min


def wage_fit(offer: int | None, minimum: int | None) -> tuple[WageFit, float]:
    if offer is None:
        return WageFit.NEGOTIABLE, w.WAGE_NEGOTIABLE
    if minimum is None:
        return WageFit.UNSTATED, w.WAGE_UNSTATED
    if offer >= minimum:
        return WageFit.MEETS, w.WAGE_MEETS
    return WageFit.BELOW, max(0.0, 1.0 - (minimum - offer) / (w.WAGE_TOLERANCE * minimum))


def scale_of(vacancy: VacancyFeatures) -> float:
    """Factor bringing the parts a vacancy allows up to 100 (no skills asked: no skills part)."""
    if vacancy.weighted_skills:
        return 1.0
    return w.TOTAL / (w.TOTAL - w.SKILLS)


def score(vacancy: VacancyFeatures, worker: WorkerFeatures) -> MatchScore:
    """How well a worker fits a vacancy (see the module docstring)."""
    have = worker.skill_ids
    matched: list[int] = []
    related: list[tuple[int, int, float]] = []
    missing_must: list[int] = []
    missing_nice: list[int] = []
    weighted = 0.0
    total_weight = 0.0
    related_of = vacancy.related
    for skill_id, weight, must in vacancy.weighted_skills:
        total_weight += weight
        if skill_id in have:
            credit = 1.0
            matched.append(skill_id)
        else:
            credit = 0.0
            via = 0
            if skill_id in related_of:
                for other, partial in related_of[skill_id].items():
                    if partial > credit and other in have:
                        credit, via = partial, other
            if via:
                related.append((skill_id, via, credit))
            (missing_must if must else missing_nice).append(skill_id)
        weighted += weight * credit
    skills = w.SKILLS * (weighted / total_weight) if total_weight > 0 else 0.0

    fit = 0.0
    asked = vacancy.occupation_code
    if asked:
        for codes in (worker.wished_occupations, worker.held_occupations):
            for code in codes:
                found = occupation_fit(asked, code)
                if found > fit:
                    fit = found
    occupation = w.OCCUPATION * fit

    place = location_fit(
        vacancy.workplace, worker.residence, worker.max_commute_km, worker.willing_to_relocate
    )
    location = w.LOCATION * place.fraction

    gap = max(0, vacancy.qualification_rank - worker.qualification_rank)
    qualification = w.QUALIFICATION * qualification_fraction(gap)
    experience = w.EXPERIENCE * experience_fraction(
        worker.experience_months, vacancy.min_experience_months
    )
    wage_status, wage_fraction = wage_fit(offered_wage(vacancy), worker.min_wage)
    wage = w.WAGE * wage_fraction
    availability = w.AVAILABILITY * AVAILABILITY_FRACTION[worker.availability]
    graduate = bool(worker.graduate_occupations) and any(
        graduate_fits(vacancy, code) for code in worker.graduate_occupations
    )
    recent_graduate = w.RECENT_GRADUATE if graduate else 0.0

    scale = scale_of(vacancy)
    raw = (
        skills
        + occupation
        + location
        + qualification
        + experience
        + wage
        + availability
        + recent_graduate
    )
    parts = Parts(
        skills * scale,
        occupation * scale,
        location * scale,
        qualification * scale,
        experience * scale,
        wage * scale,
        availability * scale,
        recent_graduate * scale,
    )
    return MatchScore(
        total=raw * scale,
        parts=parts,
        relevant=bool(matched) or fit >= w.RELEVANT_OCCUPATION_FIT or graduate,
        matched_skills=tuple(matched),
        related_skills=tuple(related),
        missing_must=tuple(missing_must),
        missing_nice=tuple(missing_nice),
        occupation=OCCUPATION_BY_FRACTION[fit],
        location_band=place.band,
        distance_km=place.distance_km,
        qualification_gap=gap,
        experience_months=worker.experience_months,
        wage=wage_status,
        availability=worker.availability,
        recent_graduate=graduate,
    )
