"""Small helpers shared by the candidates views: errors next to fields, choices, paging."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from portal.candidates import places, profiles
from portal.candidates.errors import CandidateError
from portal.candidates.forms import as_choices
from portal.candidates.models import WorkerProfile
from portal.extensions import db
from portal.reference import services as reference

BLANK = _l("Choose…")
NONE_CHOSEN = _l("(none)")
OCCUPATION_LEVELS = (2, 3, 4)


def mark_personal() -> None:
    """Keep this response out of every cache (it shows or echoes personal data)."""
    request.personal_data = True  # type: ignore[attr-defined]


def current_profile() -> WorkerProfile | None:
    """The signed-in worker's profile: the only one the worker pages ever address."""
    return profiles.get_profile_for_user(db.session, current_user.id)


def needs_profile() -> BaseResponse:
    """Where a section sends a worker who has no profile yet."""
    flash(_("Please fill in your personal details first."), "info")
    return redirect(url_for("candidates.edit_identity"))


def apply_error(form: Any, error: CandidateError) -> None:
    """Show a service's refusal next to its field, or at the top of the page."""
    name = error.field
    if name and name in form:
        field = form[name]
        field.errors = [*list(field.errors or []), str(error.message)]
    else:
        flash(str(error.message), "error")


def occupation_pairs() -> list[tuple[str, str]]:
    """(code, "code – name") of the occupations a worker may choose."""
    return reference.occupation_choices(db.session, OCCUPATION_LEVELS)


def occupation_names() -> dict[str, str]:
    return dict(occupation_pairs())


def occupation_choices(blank: Any = NONE_CHOSEN) -> list[SelectChoice]:
    pairs: list[tuple[str, Any]] = [] if blank is None else [("", blank)]
    return as_choices(pairs + occupation_pairs())


def province_choices(version: str, blank: Any = BLANK) -> list[SelectChoice]:
    return as_choices([("", blank), *places.province_choices(db.session, version)])


def autocomplete_units(field: Any, version_select: str | None, version: str) -> None:
    """Make a commune text field suggest communes from /reference/units while typing."""
    field.render_kw = {
        "list": f"{field.id}-options",
        "autocomplete": "off",
        "data-autocomplete": url_for("reference.units", level="commune"),
        "data-version": version,
        **({"data-version-select": version_select} if version_select else {}),
    }


def autocomplete_skills(field: Any) -> None:
    field.render_kw = {
        "list": f"{field.id}-options",
        "autocomplete": "off",
        "data-autocomplete": url_for("reference.skills"),
        "data-kind": "skill",
    }


@dataclass
class Pagination:
    page: int
    per_page: int
    total: int
    endpoint: str
    args: dict[str, Any]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def _url(self, page: int) -> str:
        return url_for(self.endpoint, **{**self.args, "page": page})

    @property
    def prev_url(self) -> str | None:
        return self._url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self._url(self.page + 1) if self.page < self.pages else None


def page_arg() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10_000 else 1
