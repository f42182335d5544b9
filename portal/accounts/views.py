"""Account pages: register, log in and out, the account page, password reset.

Thin adapters: a form validates, one service is called, then a render or a redirect. The
authority's organisation pages and the admin's user pages are in :mod:`.admin_views`, on the
same blueprint.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import authenticated, public
from portal.accounts import labels, services, sessions
from portal.accounts.errors import AccountDisabled, AccountError, InvalidCredentials
from portal.accounts.forms import (
    ChangePasswordForm,
    ConfirmForm,
    LocaleForm,
    LoginForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    ProfileForm,
    RegisterForm,
)
from portal.accounts.models import OrganisationStatus, User
from portal.accounts.throttling import (
    ip_key,
    login_failed,
    login_limit_per_account,
    login_limit_per_ip,
    register_limit_per_ip,
    reset_limit_per_account,
    reset_limit_per_ip,
    submitted_account_key,
)
from portal.extensions import db, limiter
from portal.i18n import LANG_COOKIE
from portal.web import is_safe_redirect_target

bp = Blueprint("accounts", __name__)


# -- helpers ---------------------------------------------------------------------------------


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    target = (target or "").strip()
    return target if is_safe_redirect_target(target) else None


def mark_personal() -> None:
    """Keep this response out of browser and proxy caches (it echoes what the user typed)."""
    request.personal_data = True  # type: ignore[attr-defined]


def apply_error(form: Any, error: AccountError, default_field: str | None = None) -> None:
    """Show a service's refusal next to its field, or at the top of the form."""
    name = error.field or default_field
    if name and name in form:
        form[name].errors = [*form[name].errors, str(error.message)]
    else:
        flash(str(error.message), "error")


def reset_link(token: str) -> str:
    return url_for("accounts.password_reset", token=token, _external=True)


def flash_organisation_notice(user: User) -> None:
    organisation = user.organisation
    if organisation is None:
        return
    if organisation.status == OrganisationStatus.PENDING:
        flash(
            _(
                "Your organisation is waiting for verification by the labour authority. You "
                "can prepare your information now and publish once it is verified."
            ),
            "warning",
        )
    elif organisation.status == OrganisationStatus.SUSPENDED:
        flash(
            _(
                "Your organisation has been suspended by the labour authority and cannot "
                "publish. See your account page for the reason."
            ),
            "warning",
        )


for helper in labels.TEMPLATE_HELPERS:
    bp.add_app_template_global(helper)


# -- registration, login, logout -------------------------------------------------------------


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(register_limit_per_ip, key_func=ip_key, methods=["POST"])
def register() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                db.session,
                email=form.email.data,
                password=form.password.data,
                full_name=form.full_name.data,
                role=form.role.data,
                organisation_name=form.organisation_name.data or None,
                phone=form.phone.data or None,
                locale=_current_language(),
            )
        except AccountError as error:
            apply_error(form, error)
        else:
            sessions.log_in(user)
            flash(_("Welcome! Your account has been created."), "success")
            flash_organisation_notice(user)
            return redirect(url_for("accounts.account"))
    mark_personal()
    return render_template("accounts/register.html", form=form)


def _current_language() -> str:
    from flask_babel import get_locale

    locale = str(get_locale() or "vi")
    return locale if locale in current_app.config["LANGUAGES"] else "vi"


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(login_limit_per_ip, key_func=ip_key, methods=["POST"])
@limiter.limit(
    login_limit_per_account,
    key_func=submitted_account_key,
    methods=["POST"],
    deduct_when=login_failed,
)
def login() -> Response | str:
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
        if current_user.is_authenticated:
            return redirect(form.next.data or url_for("core.home"))
    if form.validate_on_submit():
        try:
            user = services.authenticate(db.session, form.email.data, form.password.data)
        except (InvalidCredentials, AccountDisabled) as error:
            flash(str(error.message), "error")
        else:
            sessions.log_in(user)
            flash_organisation_notice(user)
            return redirect(safe_next(form.next.data) or url_for("core.home"))
    mark_personal()
    form.password.data = ""
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@public  # logging out must work even when the session has already ended
def logout() -> Response:
    form = ConfirmForm()
    if form.validate_on_submit():
        sessions.log_out()
        flash(_("You have been logged out."), "info")
    return redirect(url_for("core.home"))


# -- the account page ------------------------------------------------------------------------


def _account_forms(user: User) -> dict[str, Any]:
    profile = ProfileForm(prefix="profile", data={"full_name": user.full_name, "phone": user.phone})
    password = ChangePasswordForm(prefix="password")
    password.known_email = user.email  # type: ignore[attr-defined]
    locale = LocaleForm(prefix="locale", data={"locale": user.locale})
    return {"profile_form": profile, "password_form": password, "locale_form": locale}


def _render_account(status: int = 200, **forms: Any) -> tuple[str, int]:
    user: User = current_user  # type: ignore[assignment]
    context = _account_forms(user) | forms
    organisation = user.organisation
    context["organisation"] = organisation
    context["latest_change"] = (
        organisation.status_changes[0]
        if (organisation is not None and organisation.status_changes)
        else None
    )
    context["active_sessions"] = services.active_sessions(db.session, user.id)
    context["current_session_id"] = _current_session_hash()
    context["confirm_form"] = ConfirmForm(prefix="sessions")
    return render_template("accounts/account.html", user=user, **context), status


def _current_session_hash() -> str | None:
    from portal.accounts.models import hash_session_token

    token = sessions.current_session_token()
    return hash_session_token(token) if token else None


@bp.get("/account")
@authenticated
def account() -> tuple[str, int]:
    return _render_account()


@bp.post("/account/profile")
@authenticated
def update_profile() -> Response | tuple[str, int]:
    form = ProfileForm(prefix="profile")
    if form.validate_on_submit():
        try:
            services.update_profile(
                db.session,
                current_user.id,
                full_name=form.full_name.data,
                phone=form.phone.data or None,
            )
        except AccountError as error:
            apply_error(form, error)
        else:
            flash(_("Your details have been saved."), "success")
            return redirect(url_for("accounts.account"))
    return _render_account(400, profile_form=form)


@bp.post("/account/password")
@authenticated
def change_password() -> Response | tuple[str, int]:
    form = ChangePasswordForm(prefix="password")
    form.known_email = current_user.email  # type: ignore[attr-defined]
    if form.validate_on_submit():
        try:
            token = services.change_password(
                db.session,
                current_user.id,
                form.current_password.data,
                form.new_password.data,
                ip=sessions.client_ip(),
                user_agent=sessions.client_user_agent(),
            )
        except AccountError as error:
            apply_error(form, error, default_field="new_password")
        else:
            user = services.get_user(db.session, current_user.id)
            assert user is not None
            sessions.start(user, token)
            flash(
                _("Your password has been changed. You have been logged out everywhere else."),
                "success",
            )
            return redirect(url_for("accounts.account"))
    return _render_account(400, password_form=form)


@bp.post("/account/language")
@authenticated
def set_locale() -> Response | tuple[str, int]:
    form = LocaleForm(prefix="locale")
    if form.validate_on_submit():
        services.set_user_locale(db.session, current_user.id, form.locale.data)
        response = redirect(url_for("accounts.account"))
        # The language cookie wins over the account's preference (portal.i18n), so set both.
        response.set_cookie(
            LANG_COOKIE,
            form.locale.data,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
        return response
    return _render_account(400, locale_form=form)


@bp.post("/account/sessions/end-others")
@authenticated
def end_other_sessions() -> Response:
    form = ConfirmForm(prefix="sessions")
    if form.validate_on_submit():
        count = services.revoke_user_sessions(
            db.session, current_user.id, except_token=sessions.current_session_token()
        )
        message = ngettext(
            "%(num)d other session has been logged out.",
            "%(num)d other sessions have been logged out.",
            count,
        )
        flash(message, "success")
    return redirect(url_for("accounts.account"))


# -- password reset --------------------------------------------------------------------------


@bp.route("/password-reset", methods=["GET", "POST"])
@public
@limiter.limit(reset_limit_per_ip, key_func=ip_key, methods=["POST"])
@limiter.limit(reset_limit_per_account, key_func=submitted_account_key, methods=["POST"])
def password_reset_request() -> Response | str:
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(db.session, form.email.data, reset_link)
        # The same answer whether or not the address has an account.
        flash(
            _(
                "If an account exists for this address, we have sent it a link to choose a "
                "new password. The link expires in %(minutes)d minutes.",
                minutes=int(current_app.config["PASSWORD_RESET_MAX_AGE"]) // 60,
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    mark_personal()
    return render_template("accounts/password_reset_request.html", form=form)


@bp.route("/password-reset/<token>", methods=["GET", "POST"])
@public
def password_reset(token: str) -> Response | tuple[str, int]:
    mark_personal()
    try:
        user = services.user_for_reset_token(db.session, token)
    except AccountError as error:
        return render_template(
            "accounts/password_reset_invalid.html", message=str(error.message)
        ), 400
    form = PasswordResetForm()
    form.known_email = user.email  # type: ignore[attr-defined]
    if form.validate_on_submit():
        try:
            services.reset_password(db.session, token, form.password.data)
        except AccountError as error:
            apply_error(form, error)
        else:
            if current_user.is_authenticated:
                sessions.log_out()
            flash(_("Your password has been changed. Please log in with it."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/password_reset.html", form=form, user=user), 200


from portal.accounts import admin_views  # noqa: E402,F401  (registers its routes on bp)
