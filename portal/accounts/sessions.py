"""Flask-Login wired to the server-side session records of :mod:`portal.accounts.authsessions`.

The signed Flask session cookie carries Flask-Login's user id and our random session token; the
user loader accepts the pair only while the token's record is live (see
:func:`portal.accounts.authsessions.user_for_session`). Flask-Login's remember-me cookie is never
set, so closing the browser or revoking the record really ends the session.

Session protection is ``"basic"`` rather than ``"strong"``: strong mode logs a user out whenever
their IP address changes, which on Vietnamese mobile networks (carrier-grade NAT, switching
between Wi-Fi and 4G) happens many times a day, while it protects little, because Flask-Login
reads the address from the client-controlled ``X-Forwarded-For`` header. Revocation on the
server, the idle limit and HttpOnly/Secure/SameSite cookies are what protect the session.
"""

from __future__ import annotations

from flask import request, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user, logout_user

from portal.accounts import authsessions
from portal.accounts.models import User
from portal.extensions import db

SESSION_TOKEN_KEY = "auth_token"  # noqa: S105 - the key in the Flask session


def init_login_manager(login_manager: LoginManager) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")  # type: ignore[assignment]
    login_manager.login_message_category = "info"
    # The message is a lazy string; flash() must store plain text in the session cookie.
    login_manager.localize_callback = str
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        token = session.get(SESSION_TOKEN_KEY)
        if not token:
            return None
        user = authsessions.user_for_session(db.session, str(token), user_id)
        if user is None:
            session.pop(SESSION_TOKEN_KEY, None)
        return user


def current_session_token() -> str | None:
    token = session.get(SESSION_TOKEN_KEY)
    return str(token) if token else None


def client_ip() -> str | None:
    return request.remote_addr


def client_user_agent() -> str | None:
    return request.user_agent.string or None


def start(user: User, token: str) -> None:
    """Sign the browser in with a session token from the services.

    Whatever the anonymous session held is dropped first, so nothing from before the login
    (a planted value, an old token) survives into the signed-in session.
    """
    session.clear()
    session[SESSION_TOKEN_KEY] = token
    login_user(user)


def log_in(user: User) -> None:
    """Open a server-side session for an authenticated user and sign the browser in.

    A session this browser already had (another account, or the same one) is ended first.
    """
    previous = current_session_token()
    if previous:
        authsessions.revoke_session(db.session, previous)
    token = authsessions.open_session(
        db.session, user.id, ip=client_ip(), user_agent=client_user_agent()
    )
    start(user, token)


def log_out() -> None:
    """Revoke this browser's server-side session and forget everything in its cookie."""
    token = current_session_token()
    if token:
        authsessions.revoke_session(db.session, token)
    logout_user()
    session.clear()
