"""Public JSON autocomplete endpoints over the reference data (skills, units, occupations).

Forms use them to suggest while typing; the value a form stores is always the returned code or
id, never the typed text. Parameters are validated and a bad one is answered with
``400 {"error": "..."}`` in the user's language.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request
from flask_babel import gettext as _

from portal.access import public
from portal.extensions import db
from portal.reference import services
from portal.reference.models import UNIT_LEVELS, UNIT_VERSIONS
from portal.text import fold_key

bp = Blueprint("reference", __name__, url_prefix="/reference")

MAX_QUERY_LENGTH = 100
DEFAULT_LIMIT = 10

JsonResponse = tuple[dict[str, Any], int]


class BadParameter(ValueError):
    """A query parameter is missing or invalid; the message is shown to the user."""


def _query() -> str:
    q = request.args.get("q", "")
    if not fold_key(q):
        raise BadParameter(_("Type at least one letter or digit to search."))
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(
            _("The search text is too long (at most %(max)d characters).", max=MAX_QUERY_LENGTH)
        )
    return q


def _limit() -> int:
    raw = request.args.get("limit", "")
    if not raw:
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= services.MAX_RESULTS:
        raise BadParameter(
            _("limit must be a whole number from 1 to %(max)d.", max=services.MAX_RESULTS)
        )
    return int(raw)


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        raise BadParameter(
            _("%(name)s must be one of: %(allowed)s.", name=name, allowed=", ".join(allowed))
        )
    return value


def _bad_request(error: BadParameter) -> JsonResponse:
    return {"error": str(error)}, 400


@bp.get("/skills")
@public
def skills() -> JsonResponse:
    """Skills matching ``q`` (name or alias, with or without diacritics)."""
    try:
        q, limit = _query(), _limit()
    except BadParameter as error:
        return _bad_request(error)
    found = services.search_skills(db.session, q, limit)
    return {
        "results": [
            {
                "id": skill.id,
                "slug": skill.slug,
                "label": skill.name_vi,
                "name_en": skill.name_en,
                "category": skill.category,
            }
            for skill in found
        ]
    }, 200


@bp.get("/units")
@public
def units() -> JsonResponse:
    """Administrative units matching ``q``; ``version``, ``level`` and ``province`` narrow it.

    The portal's own province comes first (Hải Dương's legacy code and Hải Phòng's).
    """
    try:
        q, limit = _query(), _limit()
        version = _choice("version", UNIT_VERSIONS)
        level = _choice("level", UNIT_LEVELS)
        province = request.args.get("province") or None
        if province is not None and not (province.isdigit() and len(province) == 2):
            raise BadParameter(_("province must be a 2-digit province code."))
    except BadParameter as error:
        return _bad_request(error)
    home = (
        current_app.config.get("HOME_PROVINCE_CODE_LEGACY", services.FORMER_HAI_DUONG),
        current_app.config.get("HOME_PROVINCE_CODE", services.HAI_PHONG),
    )
    found = services.search_units(
        db.session,
        q,
        limit,
        version=version,
        level=level,
        province_code=province,
        prefer_province_codes=home,
    )
    labels = services.unit_labels(db.session, found)
    return {
        "results": [
            {
                "id": unit.id,
                "code": unit.code,
                "version": unit.version,
                "level": unit.level,
                "name": unit.name,
                "label": labels[unit.id],
            }
            for unit in found
        ]
    }, 200


@bp.get("/occupations")
@public
def occupations() -> JsonResponse:
    """VSCO occupations matching ``q`` (words of the name, or the start of a code)."""
    try:
        q, limit = _query(), _limit()
        raw_level = request.args.get("level") or None
        if raw_level is not None and raw_level not in {"1", "2", "3", "4", "5"}:
            raise BadParameter(_("level must be a number from 1 to 5."))
    except BadParameter as error:
        return _bad_request(error)
    levels = [int(raw_level)] if raw_level else None
    found = services.search_occupations(db.session, q, limit, levels=levels)
    return {
        "results": [
            {
                "id": occupation.id,
                "code": occupation.code,
                "level": occupation.level,
                "label": f"{occupation.code} – {occupation.name_vi}",
                "name_en": occupation.name_en,
            }
            for occupation in found
        ]
    }, 200
