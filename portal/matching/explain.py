"""Why a worker fits a vacancy, in Vietnamese and in English.

:func:`explain` turns a :class:`~portal.matching.scoring.MatchScore` into a list of reasons,
each with both texts. The texts are *data* stored with the match (both languages, so the page
shows the reader's language without recomputing), not gettext messages: they name skills and
occupations from the reference data and carry numbers. They are phrased in the third person so
the same reasons read right to the employer ("why this candidate") and to the worker ("why this
vacancy"). Numbers follow the portal's rule (docs/decisions/0003-i18n.md): decimal comma and
``8.500.000 ₫`` in both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from portal.matching.canonical import SkillVocabulary
from portal.matching.features import Availability, VacancyFeatures, WorkerFeatures
from portal.matching.geo import LocationBand, commute_limit_km
from portal.matching.scoring import MatchScore, OccupationMatch, WageFit, offered_wage

NBSP = "\u00a0"


class Reason(NamedTuple):
    code: str  # skills_matched, skills_missing, skills_related, location, …
    vi: str
    en: str
    positive: bool | None  # True: counts for the match; False: a gap; None: neutral


@dataclass(frozen=True)
class Explanation:
    total: float
    reasons: tuple[Reason, ...]

    @property
    def vi(self) -> list[str]:
        return [reason.vi for reason in self.reasons]

    @property
    def en(self) -> list[str]:
        return [reason.en for reason in self.reasons]

    def text(self, language: str) -> str:
        """The reasons as one paragraph in ``language`` ("vi" or "en")."""
        return "; ".join(self.en if language == "en" else self.vi) + "."

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: stored next to the score."""
        return {
            "total": round(self.total, 1),
            "reasons": [reason._asdict() for reason in self.reasons],
        }


def number(value: float, decimals: int = 0) -> str:
    """``1.234,5``: dot for thousands, comma for decimals (both languages)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def money(value: int) -> str:
    return f"{number(value)}{NBSP}₫"


def kilometres(value: float) -> str:
    return f"{number(value, 1 if value < 10 else 0)}{NBSP}km"


def _months(value: int, language: str) -> str:
    if language == "vi":
        return f"{value} tháng"
    return f"{value} month" + ("" if value == 1 else "s")


def _names(vocabulary: SkillVocabulary, skill_ids: Iterable[int]) -> tuple[str, str]:
    names = [vocabulary.name(skill_id) for skill_id in skill_ids]
    return ", ".join(n.vi for n in names), ", ".join(n.en for n in names)


OccupationNames = Mapping[str, tuple[str, str]]  # VSCO code → (name_vi, name_en)


def explain(
    match: MatchScore,
    vacancy: VacancyFeatures,
    worker: WorkerFeatures,
    vocabulary: SkillVocabulary,
    occupation_names: OccupationNames | Callable[[str], tuple[str, str] | None] | None = None,
) -> Explanation:
    """The reasons behind ``match`` (the score of ``worker`` for ``vacancy``)."""
    reasons: list[Reason] = []
    add = reasons.append

    if match.matched_skills:
        vi, en = _names(vocabulary, match.matched_skills)
        add(
            Reason(
                "skills_matched", f"Có kỹ năng phù hợp: {vi}", f"Has matching skills: {en}", True
            )
        )
    if match.related_skills:
        parts_vi, parts_en = [], []
        for wanted, held, _ in match.related_skills:
            held_name, wanted_name = vocabulary.name(held), vocabulary.name(wanted)
            parts_vi.append(f"{held_name.vi} thay cho {wanted_name.vi}")
            parts_en.append(f"{held_name.en} in place of {wanted_name.en}")
        add(
            Reason(
                "skills_related",
                "Có kỹ năng gần: " + ", ".join(parts_vi),
                "Has related skills: " + ", ".join(parts_en),
                True,
            )
        )
    if match.missing_must:
        vi, en = _names(vocabulary, match.missing_must)
        add(
            Reason(
                "skills_missing",
                f"Thiếu kỹ năng bắt buộc: {vi}",
                f"Missing required skills: {en}",
                False,
            )
        )
    if match.missing_nice:
        vi, en = _names(vocabulary, match.missing_nice)
        add(
            Reason(
                "skills_missing_nice",
                f"Chưa có kỹ năng ưu tiên: {vi}",
                f"Lacks preferred skills: {en}",
                None,
            )
        )

    add(_location(match, worker))
    add(_occupation(match, vacancy, worker, occupation_names))
    add(_qualification(match))
    experience = _experience(match, vacancy)
    if experience is not None:
        add(experience)
    add(_wage(match, vacancy, worker))
    add(_availability(match.availability))
    if match.recent_graduate:
        add(
            Reason(
                "recent_graduate",
                "Mới tốt nghiệp khóa đào tạo đúng nghề",
                "Recently completed a training course for this trade",
                True,
            )
        )
    return Explanation(match.total, tuple(reasons))


def _location(match: MatchScore, worker: WorkerFeatures) -> Reason:
    band = match.location_band
    limit = kilometres(commute_limit_km(worker.max_commute_km))
    distance = match.distance_km
    where_vi = f"Cách nơi làm việc khoảng {kilometres(distance)}, " if distance is not None else ""
    where_en = f"About {kilometres(distance)} from the workplace, " if distance is not None else ""
    texts = {
        LocationBand.SAME_COMMUNE: (
            "cùng xã, phường với nơi làm việc",
            "in the same commune as the workplace",
            True,
        ),
        LocationBand.COMMUTE: (
            f"trong quãng đường đi làm mong muốn ({limit})",
            f"within the commuting distance accepted ({limit})",
            True,
        ),
        LocationBand.PROVINCE: (
            f"trong tỉnh, thành phố nhưng xa hơn quãng đường đi làm mong muốn ({limit})",
            f"in the same province but beyond the commuting distance accepted ({limit})",
            None,
        ),
        LocationBand.RELOCATE: (
            "ở tỉnh, thành phố khác nhưng sẵn sàng chuyển đến",
            "in another province but willing to relocate",
            None,
        ),
        LocationBand.FAR: (
            "ở xa và không muốn chuyển nơi ở",
            "far away and not willing to relocate",
            False,
        ),
    }
    if band == LocationBand.UNKNOWN:
        return Reason(
            "location", "Chưa rõ nơi ở hoặc nơi làm việc", "Residence or workplace not given", None
        )
    vi, en, positive = texts[band]
    if not where_vi:
        vi, en = vi[0].upper() + vi[1:], en[0].upper() + en[1:]
    return Reason("location", where_vi + vi, where_en + en, positive)


def _occupation_name(
    code: str | None,
    names: OccupationNames | Callable[[str], tuple[str, str] | None] | None,
) -> tuple[str, str] | None:
    if not code or names is None:
        return None
    if callable(names):
        return names(code)
    return names.get(code)


def _occupation(
    match: MatchScore,
    vacancy: VacancyFeatures,
    worker: WorkerFeatures,
    names: OccupationNames | Callable[[str], tuple[str, str] | None] | None,
) -> Reason:
    level = match.occupation
    named = _occupation_name(vacancy.occupation_code, names)
    suffix_vi = f": {named[0]}" if named else ""
    suffix_en = f": {named[1]}" if named else ""
    if level == OccupationMatch.SAME:
        return Reason("occupation", f"Đúng nghề{suffix_vi}", f"Same occupation{suffix_en}", True)
    if level == OccupationMatch.MINOR_GROUP:
        return Reason(
            "occupation",
            "Nghề gần (cùng nhóm nghề cấp 3)",
            "Close occupation (same minor group)",
            True,
        )
    if level == OccupationMatch.SUB_MAJOR_GROUP:
        return Reason("occupation", "Cùng nhóm nghề cấp 2", "Same sub-major occupation group", True)
    if level == OccupationMatch.MAJOR_GROUP:
        return Reason("occupation", "Cùng nhóm nghề cấp 1", "Same major occupation group", None)
    if not worker.occupations:
        return Reason(
            "occupation",
            "Chưa nêu nghề mong muốn hoặc đã làm",
            "No wished or past occupation given",
            None,
        )
    return Reason(
        "occupation",
        "Nghề mong muốn và đã làm khác với vị trí này",
        "Wished and past occupations differ from this one",
        False,
    )


def _qualification(match: MatchScore) -> Reason:
    gap = match.qualification_gap
    if gap == 0:
        return Reason(
            "qualification",
            "Đáp ứng trình độ chuyên môn yêu cầu",
            "Meets the qualification level required",
            True,
        )
    return Reason(
        "qualification",
        f"Trình độ chuyên môn thấp hơn yêu cầu {gap} bậc",
        f"Qualification {gap} level{'s' if gap > 1 else ''} below the one required",
        False,
    )


def _experience(match: MatchScore, vacancy: VacancyFeatures) -> Reason | None:
    required = vacancy.min_experience_months
    if required <= 0:
        return None
    months = match.experience_months
    if months == 0:
        return Reason(
            "experience",
            f"Chưa có kinh nghiệm (yêu cầu {_months(required, 'vi')})",
            f"No experience yet ({_months(required, 'en')} required)",
            False,
        )
    if months >= required:
        return Reason(
            "experience",
            f"Đủ kinh nghiệm: {_months(months, 'vi')} (yêu cầu {_months(required, 'vi')})",
            f"Enough experience: {_months(months, 'en')} ({_months(required, 'en')} required)",
            True,
        )
    return Reason(
        "experience",
        f"Kinh nghiệm {_months(months, 'vi')}, chưa đủ {_months(required, 'vi')} yêu cầu",
        f"{_months(months, 'en').capitalize()} of experience, {_months(required, 'en')} required",
        False,
    )


def _wage(match: MatchScore, vacancy: VacancyFeatures, worker: WorkerFeatures) -> Reason:
    offer = offered_wage(vacancy)
    minimum = worker.min_wage
    if match.wage == WageFit.NEGOTIABLE:
        return Reason("wage", "Lương thỏa thuận", "Pay to be agreed", None)
    assert offer is not None
    if match.wage == WageFit.UNSTATED or minimum is None:
        return Reason(
            "wage",
            f"Lương đến {money(offer)}; chưa nêu mức lương mong muốn",
            f"Pay up to {money(offer)}; no minimum pay stated",
            None,
        )
    if match.wage == WageFit.MEETS:
        return Reason(
            "wage",
            f"Lương đến {money(offer)}, đáp ứng mức mong muốn tối thiểu {money(minimum)}",
            f"Pay up to {money(offer)} meets the minimum wanted, {money(minimum)}",
            True,
        )
    return Reason(
        "wage",
        f"Lương đến {money(offer)}, thấp hơn mức mong muốn tối thiểu {money(minimum)}",
        f"Pay up to {money(offer)} is below the minimum wanted, {money(minimum)}",
        False,
    )


def _availability(availability: Availability) -> Reason:
    if availability == Availability.SEEKING:
        return Reason(
            "availability",
            "Đang tìm việc, có thể đi làm ngay",
            "Looking for work and available",
            True,
        )
    if availability == Availability.OPEN:
        return Reason(
            "availability",
            "Đang có việc làm nhưng sẵn sàng nhận việc mới",
            "Employed but open to offers",
            True,
        )
    return Reason("availability", "Hiện chưa tìm việc", "Not looking for work at present", None)
