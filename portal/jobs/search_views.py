"""The public vacancy search page and a worker's saved searches.

The search is a GET form, so results have an address that can be shared, bookmarked and paged
without JavaScript. Parameters are validated by :func:`portal.jobs.search.parse_search_params`
(the one parser the saved searches use too); a bad value is shown next to its field with a 400
answer, never a 500.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length

from portal.access import Role, public, roles
from portal.extensions import db
from portal.i18n import format_money
from portal.jobs import alerts
from portal.jobs.blueprint import bp
from portal.jobs.errors import JobsError
from portal.jobs.search import (
    ANY_PARK,
    CRITERIA,
    InvalidSearch,
    SearchChoices,
    SearchPage,
    SearchParams,
    Sort,
    parse_search_params,
    search_choices,
    search_vacancies,
)
from portal.jobs.view_helpers import first_error, show_errors

DAY_CHOICES = (1, 3, 7, 14, 30)


class SearchForm(FlaskForm):
    """What the search page shows; :func:`parse_search_params` does the validating."""

    class Meta:
        csrf = False  # a GET form: it changes nothing

    q = StringField(
        _l("Job, occupation or skill"),
        render_kw={"maxlength": 200, "enterkeyhint": "search", "autocomplete": "off"},
    )
    commune = SelectField(_l("Commune or ward (since July 2025)"), validate_choice=False)
    district = SelectField(_l("Former district (before July 2025)"), validate_choice=False)
    occupation = SelectField(_l("Occupation"), validate_choice=False)
    min_wage = StringField(
        _l("Minimum wage (đồng per month)"),
        render_kw={"inputmode": "numeric", "placeholder": "8.000.000", "maxlength": 20},
    )
    qualification = SelectField(_l("Your qualification"), validate_choice=False)
    park = SelectField(_l("Industrial park"), validate_choice=False)
    days = SelectField(_l("Posted within"), validate_choice=False)
    sort = SelectField(_l("Order"), validate_choice=False)

    def fill_choices(self, choices: SearchChoices) -> None:
        anywhere = ("", _l("Anywhere"))
        self.commune.choices = [anywhere, *choices.communes]
        self.district.choices = [anywhere, *choices.districts]
        self.occupation.choices = [("", _l("Any occupation"))] + [
            (code, f"{code} – {name}") for code, name in choices.occupations
        ]
        self.qualification.choices = [("", _l("Any")), *choices.qualifications]
        self.park.choices = [
            ("", _l("Inside or outside a park")),
            (ANY_PARK, _l("In any industrial park")),
            *[(name, name) for name in choices.parks],
        ]
        days = list(DAY_CHOICES)
        if (self.days.data or "").isdigit() and int(self.days.data) not in days:
            days.append(int(self.days.data))  # a link with another number of days
        self.days.choices = [("", _l("Any time"))] + [
            (str(n), _ln("%(num)d day", "%(num)d days", n)) for n in days
        ]
        self.sort.choices = [
            ("", _l("Best match")),
            (Sort.NEWEST.value, _l("Newest first")),
            (Sort.WAGE.value, _l("Highest wage first")),
        ]


class SaveSearchForm(FlaskForm):
    name = StringField(_l("Name of the search"), validators=[Length(max=alerts.MAX_NAME_LENGTH)])
    email_alerts = BooleanField(_l("Also send me an e-mail when a matching vacancy opens"))


class DeleteSavedSearchForm(FlaskForm):
    """Only the CSRF token."""


def _choices() -> SearchChoices:
    return search_choices(
        db.session, legacy_province=str(current_app.config["HOME_PROVINCE_CODE_LEGACY"])
    )


def describe(params: SearchParams, choices: SearchChoices) -> list[str]:
    """The search in words, for the saved-searches list and the save form."""
    names = {
        "commune": dict(choices.communes),
        "district": dict(choices.districts),
        "occupation": dict(choices.occupations),
        "qualification": dict(choices.qualifications),
    }
    parts = []
    if params.q:
        parts.append(f"“{params.q}”")
    for key in ("commune", "district", "occupation"):
        value = getattr(params, key)
        if value:
            parts.append(names[key].get(value, value))
    if params.min_wage is not None:
        parts.append(_("from %(amount)s", amount=format_money(params.min_wage)))
    if params.qualification:
        level = names["qualification"].get(params.qualification, params.qualification)
        parts.append(_("qualification up to %(level)s", level=level))
    if params.park == ANY_PARK:
        parts.append(_("in an industrial park"))
    elif params.park:
        parts.append(params.park)
    if params.days:
        parts.append(
            ngettext("posted within %(num)d day", "posted within %(num)d days", params.days)
        )
    return parts


def _render_search(
    args: MultiDict[str, str] | dict[str, Any], save_form: SaveSearchForm | None = None
) -> tuple[str, int]:
    form = SearchForm(formdata=MultiDict(args))
    choices = _choices()
    form.fill_choices(choices)
    page: SearchPage | None = None
    problems: list[str] = []
    status = 200
    try:
        params = parse_search_params(args)
        page = search_vacancies(db.session, params)
    except InvalidSearch as error:
        status = 400
        params = SearchParams()
        for name, message in error.errors.items():
            if name in form:
                form[name].errors = [str(message)]
            else:
                problems.append(str(message))
    can_save = current_user.is_authenticated and current_user.role == Role.WORKER
    if can_save and save_form is None and page is not None and params.has_criteria:
        save_form = SaveSearchForm(formdata=None, name=" · ".join(describe(params, choices))[:120])
    return render_template(
        "jobs/search.html",
        form=form,
        page=page,
        params=params,
        problems=problems,
        can_save=can_save,
        save_form=save_form,
        description=describe(params, choices) if page is not None else [],
    ), status


@bp.get("/search")
@public
def search() -> tuple[str, int]:
    return _render_search(request.args)


@bp.get("/saved-searches")
@roles(Role.WORKER)
def saved_searches() -> str:
    choices = _choices()
    entries = []
    for saved in alerts.list_saved_searches(db.session, current_user.id):
        params = alerts.saved_search_params(saved)
        entries.append(
            {
                "saved": saved,
                "description": describe(params, choices) if params else [],
                "url": url_for("jobs.search", **params.criteria()) if params else None,
            }
        )
    return render_template(
        "jobs/search_saved.html", entries=entries, delete_form=DeleteSavedSearchForm()
    )


@bp.post("/saved-searches")
@roles(Role.WORKER)
def save_search() -> Response | tuple[str, int]:
    """Save the criteria posted with the form (hidden fields mirroring the search)."""
    form = SaveSearchForm()
    criteria = {key: request.form.get(key, "") for key in CRITERIA}
    if not form.validate_on_submit():
        if form.errors.keys() - {"name"}:
            flash(first_error(form), "error")
        return _render_search(criteria, save_form=form)
    try:
        params = parse_search_params(criteria)
        alerts.save_search(
            db.session,
            current_user.id,
            form.name.data or "",
            params,
            email_alerts=bool(form.email_alerts.data),
        )
    except InvalidSearch:
        flash(_("This search could not be saved: some of its filters are not valid."), "error")
        return redirect(url_for("jobs.search"))
    except JobsError as error:
        show_errors(form, error)
        rendered, _status = _render_search(criteria, save_form=form)
        return rendered, 400
    flash(_("Search saved. We will let you know when a matching vacancy opens."), "success")
    return redirect(url_for("jobs.saved_searches"))


@bp.post("/saved-searches/<int:saved_search_id>/delete")
@roles(Role.WORKER)
def delete_saved_search(saved_search_id: int) -> Response:
    form = DeleteSavedSearchForm()
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(url_for("jobs.saved_searches"))
    try:
        alerts.delete_saved_search(db.session, current_user.id, saved_search_id)
    except JobsError:
        abort(404)
    flash(_("Saved search deleted."), "success")
    return redirect(url_for("jobs.saved_searches"))
