"""Password reset and first-password links, sent by e-mail.

A link carries a signed, timed token (itsdangerous, salted for this purpose) holding the user id
and a digest of the current password hash. Setting a password changes the hash, so a link works
once; it also expires after ``PASSWORD_RESET_MAX_AGE`` seconds. Re-exported by
:mod:`portal.accounts.services`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from portal import mail
from portal.accounts import passwords
from portal.accounts.authsessions import DbSession, revoke_all_sessions
from portal.accounts.errors import InvalidResetToken, NotFound, rollback_on_refusal
from portal.accounts.models import User, normalise_email
from portal.models import utcnow

RESET_TOKEN_SALT = "portal.accounts.password-reset"  # noqa: S105 - a salt name, not a secret


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_TOKEN_SALT)


def _password_fingerprint(password_hash: str) -> str:
    # A digest, not the hash itself: the token is signed, not encrypted, and travels by e-mail.
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:32]


def make_reset_token(user: User) -> str:
    """A signed, timed token bound to the current password hash, hence usable once."""
    return _reset_serializer().dumps({"u": user.id, "p": _password_fingerprint(user.password_hash)})


def user_for_reset_token(session: DbSession, token: str) -> User:
    """The user a valid reset token belongs to; :class:`InvalidResetToken` otherwise."""
    max_age = int(current_app.config["PASSWORD_RESET_MAX_AGE"])
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except BadSignature as error:  # also SignatureExpired
        raise InvalidResetToken() from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise InvalidResetToken()
    user = session.get(User, data["u"])
    if user is None or user.disabled:
        raise InvalidResetToken()
    if data.get("p") != _password_fingerprint(user.password_hash):
        raise InvalidResetToken()  # already used: the password has changed since
    return user


def _send_reset_mail(user: User, reset_url: Callable[[str], str], *, setup: bool) -> None:
    link = reset_url(make_reset_token(user))
    minutes = int(current_app.config["PASSWORD_RESET_MAX_AGE"]) // 60
    with force_locale(user.locale):
        portal_name = current_app.config["PORTAL_NAME_EN" if user.locale == "en" else "PORTAL_NAME"]
        if setup:
            subject = _("Set the password of your account")
            intro = _("An account has been created for you on %(portal)s.", portal=portal_name)
            action = _("To choose your password, open this link:")
        else:
            subject = _("Reset your password")
            intro = _(
                "Someone (hopefully you) asked to reset the password of your account on "
                "%(portal)s.",
                portal=portal_name,
            )
            action = _("To choose a new password, open this link:")
        validity = _(
            "The link works once and expires in %(minutes)d minutes. If it has expired, use "
            '"Forgot your password?" on the login page to get a new one.',
            minutes=minutes,
        )
        ignore = _("If you did not ask for this, you can ignore this e-mail.")
        body = f"{intro}\n\n{action}\n{link}\n\n{validity}\n" + ("" if setup else f"\n{ignore}\n")
    mail.send_mail(user.email, subject, body)


def request_password_reset(session: DbSession, email: str, reset_url: Callable[[str], str]) -> None:
    """E-mail a reset link if the address has an active account; do the same visible nothing
    otherwise, so the answer never reveals whether an address is registered.

    ``reset_url`` turns a token into the absolute link (the view builds it with ``url_for``).
    """
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or user.disabled:
        return
    _send_reset_mail(user, reset_url, setup=False)


@rollback_on_refusal
def send_password_setup_link(
    session: DbSession, user_id: int, reset_url: Callable[[str], str]
) -> None:
    """E-mail a newly created user the link to choose a first password."""
    user = session.get(User, user_id)
    if user is None or user.disabled:
        raise NotFound()
    _send_reset_mail(user, reset_url, setup=True)


@rollback_on_refusal
def reset_password(session: DbSession, token: str, new_password: str) -> User:
    """Set the password from a reset link (once) and end every session of the user."""
    user = user_for_reset_token(session, token)
    passwords.check_new_password(new_password, user.email)
    now = utcnow()
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = now
    revoke_all_sessions(session, user.id, now)
    session.commit()
    return user
