"""Staff pages on the accounts blueprint: organisation verification and user administration.

Authority staff and administrators verify, suspend and reinstate organisations; only
administrators manage users. Imported by :mod:`portal.accounts.views`, which owns ``bp``.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import Role, roles
from portal.accounts import services
from portal.accounts.errors import AccountError
from portal.accounts.forms import (
    AuthorityUserForm,
    ConfirmForm,
    OrganisationDecisionForm,
    OrganisationFilterForm,
    UserFilterForm,
)
from portal.accounts.models import Organisation
from portal.accounts.views import apply_error, bp, reset_link, safe_next
from portal.extensions import db

PAGE_SIZE = 50


def _page() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


def _pagination(total: int, page: int, endpoint: str, **args: Any) -> dict[str, Any]:
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    clean = {key: value for key, value in args.items() if value}
    return {
        "page": page,
        "pages": pages,
        "total": total,
        "prev_url": url_for(endpoint, page=page - 1, **clean) if page > 1 else None,
        "next_url": url_for(endpoint, page=page + 1, **clean) if page < pages else None,
    }


# -- organisations (authority and admin) -----------------------------------------------------


@bp.get("/organisations")
@roles(Role.AUTHORITY, Role.ADMIN)
def organisations() -> str:
    form = OrganisationFilterForm(request.args)
    status = form.status.data if form.validate() else ""
    kind = form.kind.data if form.validate() else ""
    page = _page()
    rows, total = services.list_organisations(
        db.session,
        status=status or None,
        kind=kind or None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render_template(
        "accounts/organisations.html",
        filter_form=form,
        organisations=rows,
        pagination=_pagination(total, page, "accounts.organisations", status=status, kind=kind),
    )


def _organisation_or_404(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return organisation


def _render_organisation(
    organisation: Organisation, form: OrganisationDecisionForm | None = None, status: int = 200
) -> tuple[str, int]:
    return render_template(
        "accounts/organisation.html",
        organisation=organisation,
        form=form or OrganisationDecisionForm(formdata=None),
        back=safe_next(request.args.get("back")) or url_for("accounts.organisations"),
    ), status


@bp.get("/organisations/<int:organisation_id>")
@roles(Role.AUTHORITY, Role.ADMIN)
def organisation(organisation_id: int) -> tuple[str, int]:
    return _render_organisation(_organisation_or_404(organisation_id))


@bp.post("/organisations/<int:organisation_id>/status")
@roles(Role.AUTHORITY, Role.ADMIN)
def organisation_decision(organisation_id: int) -> Response | tuple[str, int]:
    organisation = _organisation_or_404(organisation_id)
    form = OrganisationDecisionForm()
    if form.validate_on_submit():
        try:
            services.change_organisation_status(
                db.session,
                organisation.id,
                current_user.id,
                form.action.data,
                form.reason.data or "",
            )
        except AccountError as error:
            apply_error(form, error)
        else:
            messages = {
                "verify": _("%(name)s is now verified and may publish.", name=organisation.name),
                "suspend": _("%(name)s has been suspended.", name=organisation.name),
                "reinstate": _("%(name)s has been reinstated.", name=organisation.name),
            }
            flash(messages[form.action.data], "success")
            return redirect(url_for("accounts.organisation", organisation_id=organisation.id))
    return _render_organisation(organisation, form, status=400)


# -- users (admin) ---------------------------------------------------------------------------


def _render_users(
    create_form: AuthorityUserForm | None = None, status: int = 200
) -> tuple[str, int]:
    filter_form = UserFilterForm(request.args)
    valid = filter_form.validate()
    role = filter_form.role.data if valid else ""
    search = filter_form.q.data if valid else ""
    page = _page()
    rows, total = services.list_users(
        db.session,
        role=role or None,
        search=search or "",
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render_template(
        "accounts/users.html",
        filter_form=filter_form,
        users=rows,
        create_form=create_form or AuthorityUserForm(formdata=None),
        pagination=_pagination(total, page, "accounts.users", role=role, q=search),
    ), status


@bp.get("/users")
@roles(Role.ADMIN)
def users() -> tuple[str, int]:
    return _render_users()


@bp.post("/users/new")
@roles(Role.ADMIN)
def create_authority_user() -> Response | tuple[str, int]:
    form = AuthorityUserForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(
                db.session,
                email=form.email.data,
                password=None,  # the new user chooses it through the e-mailed link
                role=Role.AUTHORITY,
                full_name=form.full_name.data,
                phone=form.phone.data or None,
                actor_id=current_user.id,
            )
        except AccountError as error:
            apply_error(form, error)
        else:
            services.send_password_setup_link(db.session, user.id, reset_link)
            flash(
                _(
                    "The account of %(email)s has been created. A link to choose a password "
                    "has been sent to that address.",
                    email=user.email,
                ),
                "success",
            )
            return redirect(url_for("accounts.users"))
    return _render_users(create_form=form, status=400)


def _toggle(user_id: int, enable: bool) -> Response:
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            if enable:
                user = services.enable_user(db.session, user_id, current_user.id)
                flash(_("%(email)s can log in again.", email=user.email), "success")
            else:
                user = services.disable_user(db.session, user_id, current_user.id)
                flash(
                    _("%(email)s has been disabled and logged out everywhere.", email=user.email),
                    "success",
                )
        except AccountError as error:
            flash(str(error.message), "error")
    return redirect(safe_next(request.form.get("next")) or url_for("accounts.users"))


@bp.post("/users/<int:user_id>/disable")
@roles(Role.ADMIN)
def disable_user(user_id: int) -> Response:
    return _toggle(user_id, enable=False)


@bp.post("/users/<int:user_id>/enable")
@roles(Role.ADMIN)
def enable_user(user_id: int) -> Response:
    return _toggle(user_id, enable=True)
