"""Small helpers shared by the jobs views."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from portal.extensions import db
from portal.jobs import lookups
from portal.jobs.errors import JobsError, NotFound
from portal.jobs.forms import as_choices, commune_value_of

CHOOSE = _l("Choose…")


def organisation_id() -> int:
    org_id = current_user.organisation_id
    if org_id is None:  # an employer account always has one; fail closed all the same
        abort(403)
    return int(org_id)


def show_errors(form: Any, error: JobsError) -> None:
    """Put a service's refusal next to its fields, or at the top of the page."""
    shown = False
    for name, message in error.errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, str(message)]
            shown = True
    if not shown:
        flash(str(error.message), "error")


def first_error(form: Any) -> str:
    """The first message of a form that failed (a missing CSRF token, a too-long reason)."""
    for messages in form.errors.values():
        if messages:
            return str(messages[0])
    return _("The request could not be understood")


def or_404(error: JobsError) -> None:
    if isinstance(error, NotFound):
        abort(404)


def commune_choices(current: tuple[str, str] | None) -> list[SelectChoice]:
    """Communes of the home province, plus the stored one if it is elsewhere or legacy."""
    options = lookups.home_commune_choices(db.session)
    if current is not None:
        value = lookups.unit_value(*current)
        if value not in {v for v, _ in options}:
            name = lookups.commune_name(db.session, *current)
            suffix = _(" (before July 2025)") if current[0] == lookups.LEGACY else ""
            options.insert(0, (value, name + suffix))
    return as_choices([("", str(CHOOSE)), *options])


def autocomplete() -> dict[str, str]:
    """URLs of the suggestion endpoints and of the script that reads them, for the forms.

    The script is the candidates package's (``data-autocomplete`` inputs with a datalist); the
    forms work without it: the lists are filled server-side and free text is accepted.
    """
    urls = {
        "units": url_for("reference.units", level="commune", version=lookups.V2025),
        "occupations": url_for("reference.occupations"),
        "skills": url_for("reference.skills"),
        "script": "",
    }
    if "candidates.autocomplete_script" in current_app.view_functions:
        urls["script"] = url_for("candidates.autocomplete_script")
    return urls


def with_autocomplete(form: Any, urls: dict[str, str]) -> None:
    """Point the suggestion inputs at the reference endpoints (a new dict per bound field: the
    class-level ``render_kw`` is shared by every form)."""

    def extend(field: Any, **attrs: str) -> None:
        field.render_kw = {**(field.render_kw or {}), **attrs}

    extend(form.commune_search, **{"data-autocomplete": urls["units"]})
    if "occupation" in form:
        extend(form.occupation, **{"data-autocomplete": urls["occupations"]})
    for name in ("must_skills", "nice_skills"):
        if name in form:
            for entry in form[name]:
                extend(entry, **{"data-autocomplete": urls["skills"], "data-kind": "skill"})


def commune_input(form: Any) -> str:
    """The commune the form names, as "version:code" when it can be told (see
    :func:`~portal.jobs.forms.commune_value_of`); a typed name is looked up exactly."""
    value = commune_value_of(form.commune.data, form.commune_search.data)
    if value and lookups.parse_unit_value(value) is None:
        unit = lookups.find_commune_by_name(db.session, value)
        if unit is not None:
            return lookups.unit_value(unit.version, unit.code)
    return value


def show_commune_errors(form: Any, error: JobsError) -> JobsError:
    """A commune typed in the search box gets its message there, not under the list."""
    if "commune" in error.errors and (form.commune_search.data or "").strip():
        error.errors["commune_search"] = error.errors.pop("commune")
    return error
