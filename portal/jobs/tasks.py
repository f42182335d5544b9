"""Celery tasks of the jobs domain."""

from __future__ import annotations

from celery import shared_task

from portal.extensions import db
from portal.jobs import services


@shared_task(name="portal.jobs.tasks.close_expired_vacancies")
def close_expired_vacancies() -> int:
    """Close open vacancies whose deadline has passed in Vietnam (hourly, on beat).

    Idempotent: a vacancy is closed once; a retry or a second run closes nothing more.
    """
    return services.close_expired_vacancies(db.session, services.vietnam_today())
