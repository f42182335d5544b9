from flask import Blueprint

from portal.access import public

bp = Blueprint("accounts", __name__)


@bp.get("/login")
@public
def login() -> str:
    return "login"


@bp.get("/register")
@public
def register() -> str:
    return "register"


@bp.post("/logout")
@public
def logout() -> str:
    return "logout"


@bp.get("/account")
@public
def account() -> str:
    return "account"
