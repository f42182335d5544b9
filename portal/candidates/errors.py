"""Refusals raised by the candidates services; each carries a message the user may read.

Messages are lazy translations, so a view shows them in the user's language (next to the field
named by ``field``) and a service never needs a request to build one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

F = TypeVar("F", bound=Callable[..., Any])


class CandidateError(Exception):
    """A profile operation the rules refuse; nothing was saved."""

    default_message: LazyString = _l("This action could not be completed.")

    def __init__(
        self, message: LazyString | str | None = None, *, field: str | None = None
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.field = field  # the form field the message belongs next to, if any
        super().__init__(str(self.message) if message is not None else self.__class__.__name__)


class InvalidProfileData(CandidateError):
    default_message = _l("Some of the information given is not valid.")


class ProfileNotFound(CandidateError):
    default_message = _l("The requested record does not exist.")


class NotAllowed(CandidateError):
    default_message = _l("You are not allowed to do this.")


class WrongPassword(CandidateError):
    default_message = _l("The password is not correct.")


def rollback_on_refusal(function: F) -> F:
    """Roll the session back when a service refuses, so nothing half-done stays pending."""

    @functools.wraps(function)
    def wrapper(session: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(session, *args, **kwargs)
        except CandidateError:
            session.rollback()
            raise

    return wrapper  # type: ignore[return-value]
