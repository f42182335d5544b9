"""Throttles on login, registration and password reset (Flask-Limiter).

Limits are callables reading the config at request time, so an operator (or a test) can change
them without re-importing anything. Storage is Redis in production (``RATELIMIT_STORAGE_URI``),
so a limit holds across every web process and worker.

Login is limited twice: per client IP address (every attempt counts) and per account, keyed by
the submitted address folded as it is stored, so attempts on one account from many addresses
add up; only failed attempts count against the account, so its owner is not locked out by
logging in often.
"""

from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from portal.accounts.models import normalise_email


def login_limit_per_ip() -> str:
    return str(current_app.config["LOGIN_LIMIT_PER_IP"])


def login_limit_per_account() -> str:
    return str(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])


def register_limit_per_ip() -> str:
    return str(current_app.config.get("REGISTER_LIMIT_PER_IP", "10 per hour"))


def reset_limit_per_ip() -> str:
    return str(current_app.config.get("PASSWORD_RESET_LIMIT_PER_IP", "10 per hour"))


def reset_limit_per_account() -> str:
    return str(current_app.config.get("PASSWORD_RESET_LIMIT_PER_ACCOUNT", "3 per hour"))


def ip_key() -> str:
    return "ip:" + (get_remote_address() or "unknown")


def submitted_account_key() -> str:
    """The submitted address, folded as it is stored, so every spelling counts for one account
    whichever IP address the attempts come from."""
    return "account:" + normalise_email(request.form.get("email", ""))


def login_failed(response: Response) -> bool:
    """Only failed attempts count against an account: a successful login redirects."""
    return response.status_code != 302
