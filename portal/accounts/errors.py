"""Refusals raised by the accounts services; each carries a message the user may read.

Messages are lazy translations, so a view shows them in the user's language and a service never
needs a request to build one.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.errors import Message, Refusal, rollback_on_refusal  # noqa: F401 - re-exported


class AccountError(Refusal):
    """An account operation the rules refuse; nothing was saved."""


class InvalidCredentials(AccountError):
    # One message for an unknown e-mail and a wrong password: never reveal which accounts exist.
    default_message = _l("The e-mail address or the password is not correct.")


class AccountDisabled(AccountError):
    default_message = _l("This account has been disabled. Please contact the portal administrator.")


class EmailTaken(AccountError):
    default_message = _l(
        "An account with this e-mail address already exists. "
        "Log in, or reset your password if you have forgotten it."
    )


class PasswordRejected(AccountError):
    def __init__(self, problems: list[LazyString], *, field: str = "password") -> None:
        self.problems = problems
        super().__init__(problems[0] if problems else None, field=field)


class WrongCurrentPassword(AccountError):
    default_message = _l("Your current password is not correct.")


class InvalidResetToken(AccountError):
    default_message = _l(
        "This password reset link is invalid, has already been used or has expired. "
        "Please ask for a new one."
    )


class InvalidStatusChange(AccountError):
    default_message = _l("The organisation's status cannot be changed this way.")


class NotPermitted(AccountError):
    default_message = _l("You are not allowed to do this.")


class NotFound(AccountError):
    default_message = _l("The requested record does not exist.")


class InvalidInput(AccountError):
    default_message = _l("Some of the information given is not valid.")
