"""Refusals raised by the jobs services; each carries a message the user may read.

A refusal saves nothing: :func:`rollback_on_refusal` rolls the session back before the
exception leaves the service. ``errors`` maps form fields to messages, so a view can show every
problem next to its field at once rather than one per submission.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.errors import Message, Refusal, rollback_on_refusal  # noqa: F401 - re-exported


class JobsError(Refusal):
    """A jobs operation the rules refuse; nothing was saved."""


class InvalidInput(JobsError):
    default_message = _l("Some of the information given is not valid.")


class NotFound(JobsError):
    """Also raised for records that exist but are not the actor's: never reveal existence."""

    default_message = _l("The requested record does not exist.")


class NotPermitted(JobsError):
    default_message = _l("You are not allowed to do this.")


class InvalidTransition(JobsError):
    default_message = _l("This change of status is not allowed.")
