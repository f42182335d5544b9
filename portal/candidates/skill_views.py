"""The skills and work-experience pages: lists the worker adds to and removes from.

Rows are removed by id only after the service checks they belong to the signed-in worker;
anyone else's id answers 404.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from portal.access import Role, roles
from portal.candidates import services
from portal.candidates.blueprint import bp
from portal.candidates.errors import CandidateError
from portal.candidates.forms import ConfirmForm, ExperienceForm, SkillForm
from portal.candidates.models import WorkerProfile
from portal.candidates.viewhelpers import (
    apply_error,
    autocomplete_skills,
    current_profile,
    mark_personal,
    needs_profile,
    occupation_choices,
    occupation_names,
)
from portal.extensions import db
from portal.reference.models import Skill

Page = BaseResponse | tuple[str, int]


# -- skills -------------------------------------------------------------------------------------


def _render_skills(profile: WorkerProfile, form: SkillForm, status: int = 200) -> Page:
    autocomplete_skills(form.raw_text)
    mark_personal()
    return render_template(
        "candidates/skills.html",
        form=form,
        profile=profile,
        remove_form=ConfirmForm(),
        skill_names=_skill_names(),
    ), status


def _skill_names() -> list[str]:
    """Every skill's name, for the suggestions that work without the script."""
    return list(
        db.session.scalars(select(Skill.name_vi).where(Skill.active).order_by(Skill.name_folded))
    )


@bp.get("/profile/skills")
@roles(Role.WORKER)
def edit_skills() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    return _render_skills(profile, SkillForm())


@bp.post("/profile/skills")
@roles(Role.WORKER)
def add_skill() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    form = SkillForm()
    if form.validate_on_submit():
        try:
            services.add_skill(db.session, current_user.id, form.raw_text.data, form.years.data)
        except CandidateError as error:
            apply_error(form, error)
        else:
            flash(_("Skill added."), "success")
            return redirect(url_for("candidates.edit_skills"))
    return _render_skills(profile, form, 400)


@bp.post("/profile/skills/<int:skill_id>/remove")
@roles(Role.WORKER)
def remove_skill(skill_id: int) -> BaseResponse:
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.remove_skill(db.session, current_user.id, skill_id)
        except CandidateError:
            abort(404)
        flash(_("Skill removed."), "success")
    return redirect(url_for("candidates.edit_skills"))


# -- experience ------------------------------------------------------------------------------


def _render_experience(profile: WorkerProfile, form: ExperienceForm, status: int = 200) -> Page:
    mark_personal()
    return render_template(
        "candidates/experience.html",
        form=form,
        profile=profile,
        remove_form=ConfirmForm(),
        occupation_names=occupation_names(),
    ), status


def _experience_form() -> ExperienceForm:
    form = ExperienceForm()
    form.occupation_code.choices = occupation_choices()
    return form


@bp.get("/profile/experience")
@roles(Role.WORKER)
def edit_experience() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    return _render_experience(profile, _experience_form())


@bp.post("/profile/experience")
@roles(Role.WORKER)
def add_experience() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    form = _experience_form()
    if form.validate_on_submit():
        try:
            services.add_experience(
                db.session,
                current_user.id,
                employer_name=form.employer_name.data,
                job_title=form.job_title.data,
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                occupation_code=form.occupation_code.data or None,
                description=form.description.data or "",
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            flash(_("Job added."), "success")
            return redirect(url_for("candidates.edit_experience"))
    return _render_experience(profile, form, 400)


@bp.post("/profile/experience/<int:experience_id>/remove")
@roles(Role.WORKER)
def remove_experience(experience_id: int) -> BaseResponse:
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.remove_experience(db.session, current_user.id, experience_id)
        except CandidateError:
            abort(404)
        flash(_("Job removed."), "success")
    return redirect(url_for("candidates.edit_experience"))
