"""Application pages: applying, the employer's applicants, the worker's applications.

Every page first fetches the record through a service that enforces object-level access (an
employer only its own vacancies' applicants, and only while it may still see them; a worker only
their own applications), so a cross attempt is a 404 before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import Role, roles
from portal.extensions import db
from portal.i18n import VIETNAM_TZ
from portal.jobs import services
from portal.jobs.applications import Side
from portal.jobs.blueprint import bp
from portal.jobs.errors import JobsError, NotFound, NotPermitted
from portal.jobs.forms import ApplicationStatusForm, ApplyForm, NotesForm, WithdrawForm
from portal.jobs.models import Application, ApplicationStatus
from portal.jobs.vacancy_rules import FINAL as VACANCY_FINAL
from portal.jobs.view_helpers import first_error, or_404, organisation_id, show_errors


def _personal() -> None:
    """Keep this response out of every cache: it shows a person's data."""
    request.personal_data = True  # type: ignore[attr-defined]


# -- applying (worker) -----------------------------------------------------------------------


@bp.post("/vacancies/<int:vacancy_id>/apply")
@roles(Role.WORKER)
def apply(vacancy_id: int) -> Response:
    form = ApplyForm()
    back = url_for("jobs.vacancy_detail", vacancy_id=vacancy_id)
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(back)
    try:
        application, created = services.apply_to_vacancy(
            db.session, vacancy_id, current_user.id, form.cover_note.data or ""
        )
    except NotFound:
        abort(404)
    except NotPermitted as error:
        flash(str(error.message), "error")
        return redirect(back)
    except JobsError as error:
        flash(str(error.message), "error")
        return redirect(back)
    if created:
        flash(_("Your application has been sent. You can follow it here."), "success")
    else:
        flash(_("You have already applied to this vacancy."), "info")
    return redirect(url_for("jobs.my_application", application_id=application.id))


# -- the employer's side ---------------------------------------------------------------------


@bp.get("/employer/vacancies/<int:vacancy_id>/applicants")
@roles(Role.EMPLOYER)
def applicants(vacancy_id: int) -> str:
    try:
        vacancy = services.get_employer_vacancy(db.session, vacancy_id, organisation_id())
    except JobsError:
        abort(404)
    raw_status = request.args.get("status") or None
    try:
        status = ApplicationStatus(raw_status) if raw_status else None
    except ValueError:
        status = None
    _personal()
    return render_template(
        "jobs/applicants.html",
        vacancy=vacancy,
        listing=services.list_applicants(db.session, vacancy, status),
        status=status,
        statuses=list(ApplicationStatus),
        hires=services.hires_count(db.session, vacancy.id),
    )


def _employer_application(application_id: int) -> Application:
    try:
        return services.get_application_for_employer(db.session, application_id, organisation_id())
    except JobsError:
        abort(404)


def _render_applicant(
    application: Application,
    status_form: tuple[str, ApplicationStatusForm] | None = None,
    notes_form: NotesForm | None = None,
    code: int = 200,
) -> tuple[str, int]:
    """The applicant page; ``status_form`` is a (move, bound form) that failed, to show again."""
    vacancy = application.vacancy
    moves = (
        []
        if vacancy.status in VACANCY_FINAL
        else services.allowed_moves(application.status, Side.EMPLOYER)
    )
    move_forms = {
        move.value: ApplicationStatusForm(formdata=None, prefix=move.value) for move in moves
    }
    if status_form is not None and status_form[0] in move_forms:
        move_forms[status_form[0]] = status_form[1]
    _personal()
    return render_template(
        "jobs/applicant_detail.html",
        application=application,
        vacancy=vacancy,
        applicant=services.applicant_view(db.session, application),
        history=services.history_for_employer(db.session, application),
        moves=moves,
        move_forms=move_forms,
        notes_form=notes_form or NotesForm(formdata=None, obj=application),
        hires=services.hires_count(db.session, vacancy.id),
    ), code


@bp.get("/employer/applications/<int:application_id>")
@roles(Role.EMPLOYER)
def applicant_detail(application_id: int) -> tuple[str, int]:
    return _render_applicant(_employer_application(application_id))


def _interview_time_ok(form: ApplicationStatusForm) -> bool:
    if form.interview_date.date is not None and form.interview_time.time is None:
        form.interview_time.errors = [_("Please give the time of the interview.")]
        return False
    return True


def _interview_at(form: ApplicationStatusForm) -> dt.datetime | None:
    """The interview's date and time, typed in Vietnam's time, as UTC."""
    if form.interview_date.date is None or form.interview_time.time is None:
        return None
    local = dt.datetime.combine(form.interview_date.date, form.interview_time.time, VIETNAM_TZ)
    return local.astimezone(dt.UTC)


@bp.post("/employer/applications/<int:application_id>/status")
@roles(Role.EMPLOYER)
def application_status(application_id: int) -> Response | tuple[str, int]:
    application = _employer_application(application_id)
    move = request.form.get("move", "")
    if move not in {status.value for status in ApplicationStatus}:
        abort(400)
    form = ApplicationStatusForm(prefix=move)
    if not form.validate_on_submit() or not _interview_time_ok(form):
        return _render_applicant(application, status_form=(move, form), code=400)
    try:
        services.change_application_status(
            db.session,
            application.id,
            current_user.id,
            move,
            note=form.note.data or "",
            interview_at=_interview_at(form),
            interview_place=form.interview_place.data or "",
            start_date=form.start_date.date,
        )
    except JobsError as error:
        or_404(error)
        show_errors(form, _renamed(error))
        return _render_applicant(application, status_form=(move, form), code=400)
    flash(_("The application has been updated; the applicant can see the change."), "success")
    return redirect(url_for("jobs.applicant_detail", application_id=application.id))


def _renamed(error: JobsError) -> JobsError:
    """The service names the interview time ``interview_at``; the form asks for its date."""
    if "interview_at" in error.errors:
        error.errors["interview_date"] = error.errors.pop("interview_at")
    return error


@bp.post("/employer/applications/<int:application_id>/notes")
@roles(Role.EMPLOYER)
def application_notes(application_id: int) -> Response | tuple[str, int]:
    application = _employer_application(application_id)
    form = NotesForm()
    if form.validate_on_submit():
        try:
            services.update_employer_notes(
                db.session, application.id, current_user.id, form.employer_notes.data or ""
            )
        except JobsError as error:
            or_404(error)
            show_errors(form, error)
            return _render_applicant(application, notes_form=form, code=400)
        flash(_("Your notes have been saved."), "success")
        return redirect(url_for("jobs.applicant_detail", application_id=application.id))
    return _render_applicant(application, notes_form=form, code=400)


# -- the worker's side -----------------------------------------------------------------------


@bp.get("/my/applications")
@roles(Role.WORKER)
def my_applications() -> str:
    applications = services.list_worker_applications(db.session, current_user.id)
    you, portal = _("You"), _("The portal")
    _personal()
    return render_template(
        "jobs/my_applications.html",
        applications=applications,
        histories={
            a.id: services.history_for_worker(db.session, a, you=you, portal=portal)
            for a in applications
        },
        has_profile=services.get_profile_for_user(db.session, current_user.id) is not None,
    )


def _render_my_application(
    application: Application, form: WithdrawForm | None = None, code: int = 200
) -> tuple[str, int]:
    _personal()
    history = services.history_for_worker(
        db.session, application, you=_("You"), portal=_("The portal")
    )
    return render_template(
        "jobs/my_application.html",
        application=application,
        vacancy=application.vacancy,
        history=history,
        can_withdraw=bool(services.allowed_moves(application.status, Side.WORKER)),
        form=form or WithdrawForm(formdata=None),
    ), code


def _worker_application(application_id: int) -> Application:
    try:
        return services.get_application_for_worker(db.session, application_id, current_user.id)
    except JobsError:
        abort(404)


@bp.get("/my/applications/<int:application_id>")
@roles(Role.WORKER)
def my_application(application_id: int) -> tuple[str, int]:
    return _render_my_application(_worker_application(application_id))


@bp.post("/my/applications/<int:application_id>/withdraw")
@roles(Role.WORKER)
def withdraw_application(application_id: int) -> Any:
    application = _worker_application(application_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return _render_my_application(application, form, 400)
    try:
        services.withdraw_application(
            db.session, application.id, current_user.id, form.note.data or ""
        )
    except JobsError as error:
        or_404(error)
        show_errors(form, error)
        return _render_my_application(application, form, 400)
    flash(_("Your application has been withdrawn."), "success")
    return redirect(url_for("jobs.my_application", application_id=application.id))
