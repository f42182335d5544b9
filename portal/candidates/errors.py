"""Refusals raised by the candidates services; each carries a message the user may read.

Messages are lazy translations, so a view shows them in the user's language (next to the field
named by ``field``) and a service never needs a request to build one.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.errors import Message, Refusal, rollback_on_refusal  # noqa: F401 - re-exported


class CandidateError(Refusal):
    """A profile operation the rules refuse; nothing was saved."""


class InvalidProfileData(CandidateError):
    default_message = _l("Some of the information given is not valid.")


class ProfileNotFound(CandidateError):
    default_message = _l("The requested record does not exist.")


class NotAllowed(CandidateError):
    default_message = _l("You are not allowed to do this.")


class WrongPassword(CandidateError):
    default_message = _l("The password is not correct.")
