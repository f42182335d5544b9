"""Refusals: what a domain service raises when its rules say no.

Every domain's errors derive from :class:`Refusal`, so views handle them one way and
:func:`rollback_on_refusal` guarantees that a refusal saves nothing. Messages are lazy
translations: a view shows them in the user's language and a service never needs a request to
build one. ``errors`` maps form fields to messages, so a view can show every problem next to
its field at once rather than one per submission.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

F = TypeVar("F", bound=Callable[..., Any])
Message = LazyString | str


class Refusal(Exception):
    """An operation the rules refuse; nothing was saved."""

    default_message: LazyString = _l("This action could not be completed.")

    def __init__(
        self,
        message: Message | None = None,
        *,
        field: str | None = None,
        errors: Mapping[str, Message] | None = None,
    ) -> None:
        self.errors: dict[str, Message] = dict(errors or {})
        if message is None and self.errors:
            field, message = next(iter(self.errors.items()))
        self.message: Message = message if message is not None else self.default_message
        self.field = field  # the form field the message belongs next to, if any
        if field and field not in self.errors:
            self.errors[field] = self.message
        super().__init__(str(self.message) if message is not None else self.__class__.__name__)


def rollback_on_refusal(function: F) -> F:
    """Roll the session back when a service refuses, so no half change waits for a commit."""

    @functools.wraps(function)
    def wrapper(session: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(session, *args, **kwargs)
        except Refusal:
            session.rollback()
            raise

    return wrapper  # type: ignore[return-value]
