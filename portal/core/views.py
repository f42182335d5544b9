"""Home page, language switch and health check."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text

from portal.access import public
from portal.extensions import db
from portal.i18n import LANG_COOKIE
from portal.web import is_safe_redirect_target

bp = Blueprint("core", __name__)


@bp.get("/")
@public
def home() -> str:
    return render_template("core/home.html")


@bp.post("/language")
@public
def set_language() -> Response:
    """Remember the chosen language in a cookie (and on the account when signed in)."""
    lang = request.form.get("lang", "")
    target = request.form.get("next", "")
    if not is_safe_redirect_target(target):
        target = url_for("core.home")  # never redirect off-site
    response = redirect(target)
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
        if current_user.is_authenticated:
            from portal.accounts.services import set_user_locale

            set_user_locale(db.session, current_user.id, lang)
    return response


@bp.get("/healthz")
@public
def health() -> tuple[dict[str, str], int]:
    """Liveness and database reachability, for the load balancer."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok", "mode": current_app.config["RUN_MODE"]}, 200
