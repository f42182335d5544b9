"""Employer pages: the dashboard, the employer profile, vacancies and their status.

Thin adapters: a form parses, one service decides, then a render or a redirect. Object-level
access is the services' job (an employer only ever gets its own records; anything else is a
404 that reveals nothing). The application pages are in :mod:`.application_views`, on the same
blueprint.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import Role, public, roles
from portal.accounts.models import OrganisationStatus
from portal.extensions import db
from portal.jobs import choices, lookups, services
from portal.jobs.alert_tasks import alert_saved_searches
from portal.jobs.blueprint import bp
from portal.jobs.employers import EmployerProfileSummary
from portal.jobs.errors import JobsError
from portal.jobs.forms import (
    SKILL_ROWS,
    ApplyForm,
    EmployerProfileForm,
    VacancyActionForm,
    VacancyForm,
    as_choices,
    occupation_code_of,
)
from portal.jobs.industrial_parks import park_names
from portal.jobs.models import SkillImportance, Vacancy, VacancyStatus
from portal.jobs.view_helpers import (
    autocomplete,
    commune_choices,
    commune_input,
    first_error,
    or_404,
    organisation_id,
    show_commune_errors,
    show_errors,
    with_autocomplete,
)

logger = logging.getLogger(__name__)


# -- template helpers (also used by templates/jobs/_employer_profile.html on staff pages) ----


@bp.app_template_global("jobs_label")
def jobs_label(kind: str, value: object) -> str:
    return choices.label(kind, value)


@bp.app_template_global("employer_profile_for")
def employer_profile_for(organisation_id: int) -> EmployerProfileSummary | None:
    return services.employer_profile_summary(db.session, organisation_id)


# -- shared helpers --------------------------------------------------------------------------


# -- dashboard and employer profile ----------------------------------------------------------


@bp.get("/employer")
@roles(Role.EMPLOYER)
def employer_dashboard() -> str:
    org_id = organisation_id()
    vacancies = services.list_employer_vacancies(db.session, org_id)
    return render_template(
        "jobs/employer_dashboard.html",
        organisation=current_user.organisation,
        profile=services.get_employer_profile(db.session, org_id),
        status_counts=services.vacancy_status_counts(db.session, org_id),
        vacancies=vacancies,
        application_counts=services.application_counts(db.session, [v.id for v in vacancies]),
        OrganisationStatus=OrganisationStatus,
    )


def _profile_form(profile: Any) -> EmployerProfileForm:
    form = EmployerProfileForm(obj=profile) if request.method == "GET" else EmployerProfileForm()
    if request.method == "GET" and profile is not None:
        form.industries.data = [
            lookups.industry_value(row.vsic_version, row.vsic_code) for row in profile.industries
        ]
        form.commune.data = lookups.unit_value(profile.unit_version, profile.commune_code)
    if request.method == "GET" and profile is None:
        form.email.data = current_user.email
        form.contact_person.data = current_user.full_name
        form.phone.data = current_user.phone or ""
    form.industries.choices = as_choices(lookups.industry_choices(db.session))
    current = (profile.unit_version, profile.commune_code) if profile is not None else None
    form.commune.choices = commune_choices(current)
    return form


@bp.route("/employer/profile", methods=["GET", "POST"])
@roles(Role.EMPLOYER)
def employer_profile() -> Response | tuple[str, int]:
    org_id = organisation_id()
    profile = services.get_employer_profile(db.session, org_id)
    form = _profile_form(profile)
    status = 200
    if form.validate_on_submit():
        data = services.EmployerProfileInput(
            tax_code=form.tax_code.data or "",
            enterprise_type=form.enterprise_type.data or "",
            industries=list(form.industries.data or []),
            commune=commune_input(form),
            address_detail=form.address_detail.data or "",
            industrial_park=form.industrial_park.data or "",
            contact_person=form.contact_person.data or "",
            phone=form.phone.data or "",
            email=form.email.data or "",
            size=form.size.data or "",
            website=form.website.data or "",
            description=form.description.data or "",
        )
        try:
            services.save_employer_profile(db.session, org_id, current_user.id, data)
        except JobsError as error:
            show_errors(form, show_commune_errors(form, error))
            status = 400
        else:
            flash(_("Your organisation's profile has been saved."), "success")
            return redirect(url_for("jobs.employer_dashboard"))
    elif form.is_submitted():
        status = 400
    urls = autocomplete()
    with_autocomplete(form, urls)
    return render_template(
        "jobs/employer_profile.html",
        form=form,
        profile=profile,
        organisation=current_user.organisation,
        parks=park_names(),
        autocomplete=urls,
    ), status


# -- vacancies -------------------------------------------------------------------------------


def _vacancy_form(vacancy: Vacancy | None) -> VacancyForm:
    form = VacancyForm(obj=vacancy) if request.method == "GET" else VacancyForm()
    if request.method == "GET" and vacancy is not None:
        name = lookups.occupation_names(db.session, [vacancy.occupation_code])
        form.occupation.data = (
            f"{vacancy.occupation_code} – {name.get(vacancy.occupation_code, '')}"
        )
        form.commune.data = lookups.unit_value(vacancy.unit_version, vacancy.commune_code)
        for field_name, importance in (
            ("must_skills", SkillImportance.MUST),
            ("nice_skills", SkillImportance.NICE),
        ):
            texts = [s.raw_text for s in vacancy.skills if s.importance == importance]
            entries = form[field_name]
            while len(entries) > 0:
                entries.pop_entry()
            for text in [*texts, *[""] * max(2, SKILL_ROWS - len(texts))]:
                entries.append_entry(text)
    elif request.method == "GET":
        employer = services.get_employer_profile(db.session, organisation_id())
        if employer is not None:
            form.commune.data = lookups.unit_value(employer.unit_version, employer.commune_code)
            form.industrial_park.data = employer.industrial_park
    current = (vacancy.unit_version, vacancy.commune_code) if vacancy is not None else None
    form.commune.choices = commune_choices(current)
    form.qualification_code.choices = as_choices(lookups.qualification_choices(db.session))
    return form


def _vacancy_input(form: VacancyForm) -> services.VacancyInput:
    return services.VacancyInput(
        title=form.title.data or "",
        occupation_code=occupation_code_of(form.occupation.data),
        commune=commune_input(form),
        deadline=form.deadline.date,
        positions=form.positions.number,
        wage_min=form.wage_min.amount,
        wage_max=form.wage_max.amount,
        wage_negotiable=bool(form.wage_negotiable.data),
        industrial_park=form.industrial_park.data or "",
        qualification_code=form.qualification_code.data or "none",
        min_experience_months=form.min_experience_months.number
        if form.min_experience_months.data
        else 0,
        working_hours=form.working_hours.data or "",
        shifts=list(form.shifts.data or []),
        benefits=list(form.benefits.data or []),
        must_skills=[entry.data or "" for entry in form.must_skills],
        nice_skills=[entry.data or "" for entry in form.nice_skills],
        description=form.description.data or "",
        foreign_worker_position=bool(form.foreign_worker_position.data),
    )


def _render_vacancy_form(form: VacancyForm, vacancy: Vacancy | None, status: int) -> Any:
    urls = autocomplete()
    with_autocomplete(form, urls)
    return render_template(
        "jobs/vacancy_form.html",
        form=form,
        vacancy=vacancy,
        occupations=lookups.occupation_options(db.session),
        skills=lookups.skill_options(db.session),
        parks=park_names(),
        min_days=services.FOREIGN_WORKER_MIN_DAYS,
        autocomplete=urls,
    ), status


def _save_vacancy(vacancy: Vacancy | None) -> Response | tuple[str, int]:
    form = _vacancy_form(vacancy)
    status = 200
    if form.validate_on_submit():
        try:
            saved = services.save_vacancy(
                db.session,
                organisation_id(),
                current_user.id,
                _vacancy_input(form),
                vacancy.id if vacancy is not None else None,
            )
        except JobsError as error:
            or_404(error)
            show_errors(form, show_commune_errors(form, error))
            status = 400
        else:
            flash(_("The vacancy has been saved."), "success")
            return redirect(url_for("jobs.vacancy_detail", vacancy_id=saved.id))
    elif form.is_submitted():
        status = 400
        if "csrf_token" not in form.errors:
            _show_other_problems(form, vacancy)
    return _render_vacancy_form(form, vacancy, status)


def _show_other_problems(form: VacancyForm, vacancy: Vacancy | None) -> None:
    """After a parsing error, the rules' messages for the fields that did parse."""
    problems = services.vacancy_problems(
        db.session,
        organisation_id(),
        _vacancy_input(form),
        vacancy.id if vacancy is not None else None,
    )
    if "commune" in problems and (form.commune_search.data or "").strip():
        problems["commune_search"] = problems.pop("commune")
    for name, message in problems.items():
        if name in form and not form[name].errors:
            form[name].errors = [str(message)]


@bp.route("/employer/vacancies/new", methods=["GET", "POST"])
@roles(Role.EMPLOYER)
def vacancy_new() -> Response | tuple[str, int]:
    return _save_vacancy(None)


@bp.route("/employer/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@roles(Role.EMPLOYER)
def vacancy_edit(vacancy_id: int) -> Response | tuple[str, int]:
    try:
        vacancy = services.get_employer_vacancy(db.session, vacancy_id, organisation_id())
    except JobsError:
        abort(404)
    if vacancy.status not in (VacancyStatus.DRAFT, VacancyStatus.OPEN):
        flash(_("A closed or filled vacancy can no longer be edited."), "warning")
        return redirect(url_for("jobs.vacancy_detail", vacancy_id=vacancy.id))
    return _save_vacancy(vacancy)


@bp.get("/vacancies/<int:vacancy_id>")
@public
def vacancy_detail(vacancy_id: int) -> str:
    """An open vacancy for everyone; its owner also sees drafts and closed ones, with actions."""
    viewer_org = (
        current_user.organisation_id
        if current_user.is_authenticated and current_user.role == Role.EMPLOYER
        else None
    )
    try:
        vacancy = services.get_visible_vacancy(db.session, vacancy_id, viewer_org)
    except JobsError:
        abort(404)
    owner = viewer_org is not None and vacancy.organisation_id == viewer_org
    application = None
    if current_user.is_authenticated and current_user.role == Role.WORKER:
        profile = services.get_profile_for_user(db.session, current_user.id)
        if profile is not None:
            application = services.find_application(db.session, vacancy.id, profile.id)
    return render_template(
        "jobs/vacancy_detail.html",
        vacancy=vacancy,
        owner=owner,
        details=_vacancy_details(vacancy),
        application=application,
        apply_form=ApplyForm(),
        action_form=VacancyActionForm(),
        hires=services.hires_count(db.session, vacancy.id) if owner else 0,
        counts=services.application_counts(db.session, [vacancy.id])[vacancy.id] if owner else {},
        earliest_close=services.earliest_close_date(vacancy),
        today=services.vietnam_today(),
    )


def _vacancy_details(vacancy: Vacancy) -> dict[str, Any]:
    qualification = lookups.find_qualification(db.session, vacancy.qualification_code)
    return {
        "occupation": lookups.occupation_names(db.session, [vacancy.occupation_code]).get(
            vacancy.occupation_code, vacancy.occupation_code
        ),
        "commune": lookups.commune_name(db.session, vacancy.unit_version, vacancy.commune_code),
        "qualification": qualification.name_vi if qualification is not None else "",
        "must": [s.raw_text for s in vacancy.skills if s.importance == SkillImportance.MUST],
        "nice": [s.raw_text for s in vacancy.skills if s.importance == SkillImportance.NICE],
    }


def _vacancy_action(vacancy_id: int, action: Any, done: str) -> Response:
    form = VacancyActionForm()
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(url_for("jobs.vacancy_detail", vacancy_id=vacancy_id))
    try:
        action(db.session, vacancy_id, current_user.id, form.reason.data or "")
    except JobsError as error:
        or_404(error)
        flash(str(error.message), "error")
    else:
        flash(done, "success")
    return redirect(url_for("jobs.vacancy_detail", vacancy_id=vacancy_id))


def queue_saved_search_alerts(vacancy_id: int) -> None:
    """Ask the search domain to alert the saved searches this vacancy matches.

    The vacancy is published whatever happens here: if the task cannot be queued (broker
    down) the hourly catch-up task raises the same alerts, so the failure is only logged.
    """
    try:
        alert_saved_searches.delay(vacancy_id)
    except Exception:  # publishing must not fail on this; the hourly catch-up covers it
        logger.warning("saved-search alerts for vacancy %s not queued", vacancy_id, exc_info=True)


@bp.post("/employer/vacancies/<int:vacancy_id>/open")
@roles(Role.EMPLOYER, verified_org=True)
def vacancy_open(vacancy_id: int) -> Response:
    form = VacancyActionForm()
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(url_for("jobs.vacancy_detail", vacancy_id=vacancy_id))
    try:
        services.open_vacancy(db.session, vacancy_id, current_user.id)
    except JobsError as error:
        or_404(error)
        flash(str(error.message), "error")
    else:
        flash(_("The vacancy is published and open for applications."), "success")
        queue_saved_search_alerts(vacancy_id)
    return redirect(url_for("jobs.vacancy_detail", vacancy_id=vacancy_id))


@bp.post("/employer/vacancies/<int:vacancy_id>/close")
@roles(Role.EMPLOYER)
def vacancy_close(vacancy_id: int) -> Response:
    return _vacancy_action(vacancy_id, services.close_vacancy, _("The vacancy has been closed."))


@bp.post("/employer/vacancies/<int:vacancy_id>/fill")
@roles(Role.EMPLOYER)
def vacancy_fill(vacancy_id: int) -> Response:
    return _vacancy_action(
        vacancy_id, services.mark_vacancy_filled, _("The vacancy has been marked as filled.")
    )


from portal.jobs import application_views  # noqa: E402,F401  (routes on the same blueprint)
