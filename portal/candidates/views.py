"""Worker profile pages: the dashboard and one page per profile section.

Thin adapters: a form validates, one service is called, then a render or a redirect. A worker
only ever reaches their own profile: no URL here carries a profile id, and skills and jobs are
removed by row id only after the service checks they belong to the signed-in worker.

Skills and experience are in :mod:`.skill_views`; consent, sensitive data and "my data" in
:mod:`.privacy_views`; the employers' search in :mod:`.employer_views`; the authority's pages
in :mod:`.authority_views`. All attach their routes to the same blueprint.
"""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from portal.access import Role, public, roles
from portal.candidates import labels, places, services
from portal.candidates.blueprint import bp
from portal.candidates.errors import CandidateError
from portal.candidates.forms import (
    EducationForm,
    EmploymentForm,
    IdentityForm,
    ResidenceForm,
    WishesForm,
    as_choices,
)
from portal.candidates.models import ConsentPurpose
from portal.candidates.viewhelpers import (
    BLANK,
    NONE_CHOSEN,
    apply_error,
    autocomplete_units,
    current_profile,
    mark_personal,
    needs_profile,
    occupation_choices,
    province_choices,
)
from portal.extensions import db
from portal.reference import services as reference

Page = BaseResponse | tuple[str, int]


@bp.app_template_global()
def candidate_label(kind: str, value: object) -> str:
    return labels.label(kind, value)


@bp.app_template_global()
def mask_cccd(cccd: str | None) -> str:
    return services.mask_cccd(cccd)


def _saved(next_endpoint: str = "candidates.dashboard") -> BaseResponse:
    flash(_("Saved."), "success")
    return redirect(url_for(next_endpoint))


# -- dashboard ----------------------------------------------------------------------------------


@bp.get("/profile")
@roles(Role.WORKER)
def dashboard() -> str:
    profile = current_profile()
    consents: dict[Any, Any] = {}
    pending_requests = 0
    if profile is not None:
        consents = services.consent_states(db.session, profile.id)
        pending_requests = sum(
            1
            for request_, _name in services.contact_requests_for_worker(db.session, profile.id)
            if request_.status == "pending"
        )
    return render_template(
        "candidates/dashboard.html",
        profile=profile,
        sections=services.profile_sections(profile),
        completeness=services.completeness(profile),
        consents=consents,
        purposes=list(ConsentPurpose),
        pending_requests=pending_requests,
    )


# -- identity (creates the profile) -------------------------------------------------------


@bp.route("/profile/identity", methods=["GET", "POST"])
@roles(Role.WORKER)
def edit_identity() -> Page:
    profile = current_profile()
    creating = profile is None
    form = IdentityForm(obj=profile) if request.method == "GET" and profile else IdentityForm()
    if request.method == "GET" and profile is None:
        form.full_name.data = current_user.full_name
    if form.validate_on_submit():
        consents = []
        if creating:
            ticked = {
                ConsentPurpose.MATCHING: form.consent_matching.data,
                ConsentPurpose.CONTACT: form.consent_contact.data,
                ConsentPurpose.STATISTICS: form.consent_statistics.data,
            }
            consents = [purpose for purpose, given in ticked.items() if given]
        try:
            services.save_identity(
                db.session,
                current_user.id,
                full_name=form.full_name.data,
                date_of_birth=form.date_of_birth.data,
                sex=form.sex.data,
                cccd=form.cccd.data,
                consents=consents,
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            return _saved("candidates.edit_residence" if creating else "candidates.dashboard")
    mark_personal()
    status = 400 if form.errors else 200
    return render_template(
        "candidates/identity.html",
        form=form,
        creating=creating,
        consent_texts=services.CONSENT_TEXTS,
    ), status


# -- contact and residence ------------------------------------------------------------------


@bp.route("/profile/residence", methods=["GET", "POST"])
@roles(Role.WORKER)
def edit_residence() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    form = ResidenceForm()
    if request.method == "GET":
        version = profile.unit_version
        form.phone.data = profile.phone
        form.email.data = profile.email
        form.unit_version.data = version
        form.current_commune.data = places.commune_text(
            db.session, version, profile.current_commune_code
        )
        form.permanent_commune.data = places.commune_text(
            db.session, version, profile.permanent_commune_code
        )
        form.address_detail.data = profile.address_detail
        form.home_province_code.data = profile.home_province_code or ""
    version = form.unit_version.data or profile.unit_version
    if version not in places.UNIT_VERSIONS:
        version = profile.unit_version
    form.home_province_code.choices = province_choices(version)
    for field in (form.current_commune, form.permanent_commune):
        autocomplete_units(field, form.unit_version.id, version)
    if form.validate_on_submit():
        try:
            services.save_residence(
                db.session,
                current_user.id,
                phone=form.phone.data,
                email=form.email.data,
                unit_version=form.unit_version.data,
                permanent_commune=form.permanent_commune.data,
                current_commune=form.current_commune.data,
                address_detail=form.address_detail.data or "",
                home_province_code=form.home_province_code.data or None,
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            return _saved()
    mark_personal()
    return render_template("candidates/residence.html", form=form), 400 if form.errors else 200


# -- education ------------------------------------------------------------------------------------


@bp.route("/profile/education", methods=["GET", "POST"])
@roles(Role.WORKER)
def edit_education() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    form = EducationForm(obj=profile) if request.method == "GET" else EducationForm()
    form.qualification_code.choices = as_choices(
        [("", BLANK), *reference.qualification_choices(db.session)]
    )
    form.training_occupation_code.choices = as_choices(
        [("", NONE_CHOSEN), *reference.training_occupation_choices(db.session)]
    )
    if form.validate_on_submit():
        try:
            services.save_education(
                db.session,
                current_user.id,
                general_education=form.general_education.data,
                qualification_code=form.qualification_code.data,
                training_field=form.training_field.data or "",
                training_occupation_code=form.training_occupation_code.data or None,
                school_name=form.school_name.data or "",
                graduation_year=form.graduation_year.data,
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            return _saved()
    mark_personal()
    return render_template("candidates/education.html", form=form), 400 if form.errors else 200


# -- employment -----------------------------------------------------------------------------------


@bp.route("/profile/employment", methods=["GET", "POST"])
@roles(Role.WORKER)
def edit_employment() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    if request.method == "GET":
        form = EmploymentForm(obj=profile)
        form.inactive_reason.data = profile.inactive_reason or ""
        form.current_occupation_code.data = profile.current_occupation_code or ""
        form.workplace_province_code.data = profile.workplace_province_code or ""
        form.workplace_commune.data = places.commune_text(
            db.session, profile.unit_version, profile.workplace_commune_code
        )
    else:
        form = EmploymentForm()
    form.current_occupation_code.choices = occupation_choices()
    form.workplace_province_code.choices = province_choices(profile.unit_version, NONE_CHOSEN)
    autocomplete_units(form.workplace_commune, None, profile.unit_version)
    if form.validate_on_submit():
        try:
            services.save_employment(
                db.session,
                current_user.id,
                employment_status=form.employment_status.data,
                unemployed_since=form.unemployed_since.data,
                inactive_reason=form.inactive_reason.data or None,
                current_occupation_code=form.current_occupation_code.data or None,
                current_employer_name=form.current_employer_name.data or "",
                workplace_province_code=form.workplace_province_code.data or None,
                workplace_commune=form.workplace_commune.data,
                has_bhxh=bool(form.has_bhxh.data),
                has_bhtn=bool(form.has_bhtn.data),
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            return _saved()
    mark_personal()
    return render_template("candidates/employment.html", form=form), 400 if form.errors else 200


# -- job wishes ---------------------------------------------------------------------------------


@bp.route("/profile/wishes", methods=["GET", "POST"])
@roles(Role.WORKER)
def edit_wishes() -> Page:
    profile = current_profile()
    if profile is None:
        return needs_profile()
    if request.method == "GET":
        form = WishesForm(
            wished_occupation_codes=profile.wished_occupation_codes or [],
            preferred_communes=[
                places.commune_text(db.session, profile.unit_version, code)
                for code in profile.preferred_commune_codes or []
            ],
            max_commute_km=profile.max_commute_km,
            min_wage=profile.min_wage,
            shifts=profile.shifts_accepted or [],
            willing_to_relocate=profile.willing_to_relocate,
            summary=profile.summary,
        )
        while len(form.preferred_communes) < form.preferred_communes.min_entries:
            form.preferred_communes.append_entry()
    else:
        form = WishesForm()
    form.wished_occupation_codes.choices = occupation_choices(blank=None)
    for entry in form.preferred_communes:
        autocomplete_units(entry, None, profile.unit_version)
    if form.validate_on_submit():
        try:
            services.save_wishes(
                db.session,
                current_user.id,
                occupation_codes=form.wished_occupation_codes.data or [],
                preferred_communes=[text for text in form.preferred_communes.data if text],
                max_commute_km=form.max_commute_km.data,
                min_wage=form.min_wage.data,
                shifts=form.shifts.data or [],
                willing_to_relocate=bool(form.willing_to_relocate.data),
                summary=form.summary.data or "",
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            return _saved()
    mark_personal()
    return render_template("candidates/wishes.html", form=form), 400 if form.errors else 200


# -- autocomplete script ------------------------------------------------------------------------


@bp.get("/profile/autocomplete.js")
@public
def autocomplete_script() -> Response:
    """The small script that fills commune and skill suggestions from /reference/*.

    Served from a template so the candidates package carries its own script; the portal works
    without it (a commune can be typed by name or code, a skill as free text).
    """
    response = Response(render_template("candidates/autocomplete.js"), mimetype="text/javascript")
    response.cache_control.max_age = 3600
    return response


from portal.candidates import (  # noqa: E402,F401  (register their routes on bp)
    authority_views,
    employer_views,
    privacy_views,
    skill_views,
)
