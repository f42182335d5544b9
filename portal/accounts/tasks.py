"""Celery tasks of the accounts domain."""

from __future__ import annotations

from celery import shared_task

from portal.accounts import services
from portal.extensions import db
from portal.models import utcnow


@shared_task(name="portal.accounts.tasks.purge_expired_sessions")
def purge_expired_sessions() -> int:
    """Delete login-session records that are revoked or idle too long (hourly, on beat).

    Idempotent: running it twice, or retrying it, deletes nothing more than once.
    """
    return services.purge_expired_sessions(db.session, utcnow())
