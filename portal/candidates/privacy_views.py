"""The worker's privacy pages: consent, sensitive data, contact requests, "my data", deletion.

Giving and withdrawing consent are the same single button on the same page. Sensitive data
has its own page stating why each item is asked. "My data" shows, downloads (JSON, zip of CSV)
and deletes everything the portal holds about the signed-in worker, and nobody else's.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask import session as browser_session
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from portal.access import Role, roles
from portal.candidates import places, services
from portal.candidates.blueprint import bp
from portal.candidates.errors import CandidateError, ProfileNotFound
from portal.candidates.forms import ConfirmForm, ConsentForm, DeleteAccountForm, SensitiveForm
from portal.candidates.models import ConsentPurpose, WorkerProfile
from portal.candidates.sensitive import DISABILITY_FORMS, ETHNIC_GROUPS
from portal.candidates.viewhelpers import (
    apply_error,
    current_profile,
    mark_personal,
    needs_profile,
)
from portal.extensions import db
from portal.models import utcnow

Page = BaseResponse | tuple[str, int]


def _profile_or_redirect() -> WorkerProfile | BaseResponse:
    return current_profile() or needs_profile()


# -- consent --------------------------------------------------------------------------------------


@bp.get("/profile/consent")
@roles(Role.WORKER)
def consent() -> Page:
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    forms = {
        purpose: ConsentForm(prefix=purpose.value, text_version=text.version)
        for purpose, text in services.CONSENT_TEXTS.items()
    }
    return render_template(
        "candidates/consent.html",
        texts=services.CONSENT_TEXTS,
        states=services.consent_states(db.session, profile.id),
        history=services.consent_history(db.session, profile.id),
        forms=forms,
    ), 200


def _purpose(value: str) -> ConsentPurpose:
    try:
        return ConsentPurpose(value)
    except ValueError:
        abort(404)


@bp.post("/profile/consent/<purpose>/give")
@roles(Role.WORKER)
def give_consent(purpose: str) -> BaseResponse:
    chosen = _purpose(purpose)
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    form = ConsentForm(prefix=chosen.value)
    if form.validate_on_submit():
        try:
            services.give_consent(db.session, profile.id, chosen, form.text_version.data or "")
        except CandidateError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your consent has been recorded."), "success")
    return redirect(url_for("candidates.consent"))


@bp.post("/profile/consent/<purpose>/withdraw")
@roles(Role.WORKER)
def withdraw_consent(purpose: str) -> BaseResponse:
    chosen = _purpose(purpose)
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    form = ConsentForm(prefix=chosen.value)
    if form.validate_on_submit():
        services.withdraw_consent(db.session, profile.id, chosen)
        flash(_("Your consent has been withdrawn. This takes effect immediately."), "success")
    return redirect(url_for("candidates.consent"))


# -- sensitive data -----------------------------------------------------------------------------


@bp.route("/profile/sensitive", methods=["GET", "POST"])
@roles(Role.WORKER)
def sensitive_data() -> Page:
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    row = services.get_sensitive_data(db.session, profile.id)
    form = SensitiveForm(obj=row) if row is not None else SensitiveForm()
    if form.validate_on_submit():
        try:
            services.save_sensitive_data(
                db.session,
                profile.id,
                ethnicity=form.ethnicity.data or None,
                disability=form.disability.data or None,
            )
        except CandidateError as error:
            apply_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("candidates.sensitive_data"))
    mark_personal()
    return render_template(
        "candidates/sensitive.html", form=form, row=row, erase_form=ConfirmForm()
    ), 400 if form.errors else 200


@bp.post("/profile/sensitive/erase")
@roles(Role.WORKER)
def erase_sensitive_data() -> BaseResponse:
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    if ConfirmForm().validate_on_submit():
        services.erase_sensitive_data(db.session, profile.id)
        flash(_("Your sensitive data has been erased."), "success")
    return redirect(url_for("candidates.sensitive_data"))


# -- contact requests (the worker's side) ------------------------------------------------


@bp.get("/profile/contact-requests")
@roles(Role.WORKER)
def contact_requests() -> Page:
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    return render_template(
        "candidates/contact_requests.html",
        requests=services.contact_requests_for_worker(db.session, profile.id),
        accepts_contact=services.has_consent(db.session, profile.id, ConsentPurpose.CONTACT),
        form=ConfirmForm(),
    ), 200


@bp.post("/profile/contact-requests/<int:request_id>/<any(accept, decline):answer>")
@roles(Role.WORKER)
def answer_contact_request(request_id: int, answer: str) -> BaseResponse:
    profile = _profile_or_redirect()
    if not isinstance(profile, WorkerProfile):
        return profile
    if ConfirmForm().validate_on_submit():
        try:
            services.answer_contact_request(
                db.session, profile.id, request_id, accept=answer == "accept"
            )
        except ProfileNotFound:
            abort(404)
        except CandidateError as error:
            flash(str(error.message), "error")
        else:
            flash(
                _("Your contact details are now shared with this employer.")
                if answer == "accept"
                else _("The request has been declined."),
                "success",
            )
    return redirect(url_for("candidates.contact_requests"))


# -- my data ------------------------------------------------------------------------------------


@bp.get("/my-data")
@roles(Role.WORKER)
def my_data() -> str:
    data = services.collect_my_data(db.session, current_user.id)
    profile = data["profile"]
    communes = {}
    if profile:
        version = profile["unit_version"]
        for key in ("permanent_commune_code", "current_commune_code", "workplace_commune_code"):
            communes[key] = places.commune_text(db.session, version, profile[key])
    return render_template(
        "candidates/my_data.html",
        data=data,
        communes=communes,
        ethnic_groups=ETHNIC_GROUPS,
        disability_forms=DISABILITY_FORMS,
    )


def _download(body: bytes | str, mimetype: str, extension: str) -> Response:
    stamp = utcnow().strftime("%Y%m%d")
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.{extension}"'
    return response


@bp.get("/my-data.json")
@roles(Role.WORKER)
def my_data_json() -> Response:
    data = services.collect_my_data(db.session, current_user.id)
    return _download(services.my_data_json(data), "application/json", "json")


@bp.get("/my-data.zip")
@roles(Role.WORKER)
def my_data_csv() -> Response:
    data = services.collect_my_data(db.session, current_user.id)
    return _download(services.my_data_csv_zip(data), "application/zip", "zip")


@bp.route("/my-data/delete", methods=["GET", "POST"])
@roles(Role.WORKER)
def delete_account() -> Page:
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(db.session, current_user.id, form.password.data)
        except CandidateError as error:
            apply_error(form, error)
        else:
            logout_user()
            browser_session.clear()
            flash(
                _("Your account and your personal data have been deleted. Thank you."),
                "success",
            )
            return redirect(url_for("core.home"))
    mark_personal()
    form.password.data = ""
    return render_template("candidates/delete_account.html", form=form), 400 if form.errors else 200
