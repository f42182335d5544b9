"""Verified employers search consenting workers and ask them for contact.

Every page here is for employers of a verified organisation only (``verified_org=True``).
Nothing on these pages reads sensitive data or the full CCCD; contact details appear only when
:func:`portal.candidates.finder.contact_visible` allows it.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from portal.access import Role, roles
from portal.candidates import places, services
from portal.candidates.blueprint import bp
from portal.candidates.errors import CandidateError, InvalidProfileData, ProfileNotFound
from portal.candidates.finder import PER_PAGE, WorkerFilters
from portal.candidates.forms import ContactRequestForm, WorkerSearchForm, as_choices
from portal.candidates.viewhelpers import (
    NONE_CHOSEN,
    Pagination,
    apply_error,
    occupation_choices,
    occupation_names,
    page_arg,
)
from portal.extensions import db
from portal.jobs.models import Vacancy, VacancyStatus
from portal.reference import services as reference

Page = BaseResponse | tuple[str, int]
ANY = NONE_CHOSEN


def _organisation_id() -> int:
    organisation_id = current_user.organisation_id
    if organisation_id is None:
        abort(403)
    return int(organisation_id)


def _search_form() -> WorkerSearchForm:
    form = WorkerSearchForm(request.args)
    form.occupation.choices = occupation_choices(blank=_("Any occupation"))
    communes = reference.unit_choices(
        db.session, "2025", "commune", province_code=places.home_province_code("2025")
    )
    form.commune.choices = as_choices(
        [("", _("Any commune")), *((f"2025:{code}", name) for code, name in communes)]
    )
    form.district.choices = as_choices(
        [("", _("Any former district")), *places.legacy_districts(db.session)]
    )
    form.qualification.choices = as_choices(
        [("", _("Any qualification")), *reference.qualification_choices(db.session)]
    )
    return form


def _names(codes: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    occupations = occupation_names()
    qualifications = dict(reference.qualification_choices(db.session))
    return {c: occupations.get(c, c) for c in codes}, qualifications


@bp.get("/workers")
@roles(Role.EMPLOYER, verified_org=True)
def search_workers() -> Page:
    form = _search_form()
    organisation_id = _organisation_id()
    cards, total = [], 0
    page = page_arg()
    status = 200
    if form.validate():
        filters = WorkerFilters(
            occupation=form.occupation.data or "",
            skill=form.skill.data or "",
            commune=form.commune.data or "",
            district=form.district.data or "",
            qualification=form.qualification.data or "",
        )
        try:
            cards, total = services.search_workers(db.session, organisation_id, filters, page=page)
        except InvalidProfileData as error:
            apply_error(form, error)
            status = 400
    else:
        status = 400
    occupation_names, qualification_names = _names(
        {code for card in cards for code in card.wished_occupation_codes}
    )
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "candidates/employer_search.html",
        form=form,
        cards=cards,
        total=total,
        occupation_names=occupation_names,
        qualification_names=qualification_names,
        pagination=Pagination(page, PER_PAGE, total, "candidates.search_workers", args),
    ), status


def _vacancy_choices(organisation_id: int) -> list[SelectChoice]:
    rows = db.session.execute(
        select(Vacancy.id, Vacancy.title)
        .where(Vacancy.organisation_id == organisation_id, Vacancy.status == VacancyStatus.OPEN)
        .order_by(Vacancy.id.desc())
    )
    return as_choices([("", NONE_CHOSEN), *((str(vid), title) for vid, title in rows)])


def _render_worker(profile_id: int, form: ContactRequestForm, status: int = 200) -> Page:
    organisation_id = _organisation_id()
    try:
        view = services.employer_view(db.session, organisation_id, profile_id)
    except ProfileNotFound:
        abort(404)
    occupation_names, qualification_names = _names(
        set(view.wished_occupation_codes)
        | {code for _t, code, _s, _e in view.experiences if code}
        | ({view.current_occupation_code} if view.current_occupation_code else set())
    )
    return render_template(
        "candidates/employer_worker.html",
        view=view,
        form=form,
        occupation_names=occupation_names,
        qualification_names=qualification_names,
    ), status


@bp.get("/workers/<int:profile_id>")
@roles(Role.EMPLOYER, verified_org=True)
def view_worker(profile_id: int) -> Page:
    form = ContactRequestForm()
    form.vacancy_id.choices = _vacancy_choices(_organisation_id())
    return _render_worker(profile_id, form)


@bp.post("/workers/<int:profile_id>/contact")
@roles(Role.EMPLOYER, verified_org=True)
def request_contact(profile_id: int) -> Page:
    organisation_id = _organisation_id()
    form = ContactRequestForm()
    form.vacancy_id.choices = _vacancy_choices(organisation_id)
    if form.validate_on_submit():
        try:
            services.request_contact(
                db.session,
                organisation_id,
                profile_id,
                message=form.message.data or "",
                vacancy_id=int(form.vacancy_id.data) if form.vacancy_id.data else None,
                notify_url=url_for("candidates.contact_requests"),
            )
        except ProfileNotFound:
            abort(404)
        except CandidateError as error:
            apply_error(form, error)
        else:
            flash(
                _(
                    "Your request has been sent. You will see the contact details if it is "
                    "accepted."
                ),
                "success",
            )
            return redirect(url_for("candidates.view_worker", profile_id=profile_id))
    return _render_worker(profile_id, form, 400)
