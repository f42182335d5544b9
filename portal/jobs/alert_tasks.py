"""Celery tasks for saved-search alerts: thin adapters over :mod:`portal.jobs.alerts`.

Every task is idempotent (alerts are unique per saved search and vacancy), so late
acknowledgement and retries are safe. Arguments are ids, never objects.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from celery import shared_task

from portal.extensions import db
from portal.jobs import alerts
from portal.mail import send_mail
from portal.models import utcnow

# The catch-up looks this far back; it runs hourly, so each vacancy is seen a few times.
CATCH_UP_WINDOW = dt.timedelta(hours=3)


@shared_task(name="portal.jobs.alert_tasks.alert_saved_searches")
def alert_saved_searches(vacancy_id: int) -> int:
    """Alert the owners of saved searches matching a vacancy that has just opened."""
    return alerts.notify_saved_searches_for_vacancy(db.session, vacancy_id)


@shared_task(name="portal.jobs.alert_tasks.catch_up_saved_search_alerts")
def catch_up_saved_search_alerts() -> int:
    """Hourly safety net: alert for recently opened vacancies whose alert task was lost."""
    return alerts.catch_up_saved_search_alerts(db.session, utcnow() - CATCH_UP_WINDOW)


@shared_task(
    name="portal.jobs.alert_tasks.email_saved_search_alert",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=6,
)
def email_saved_search_alert(notification_id: int) -> bool:
    """E-mail one alert (in the recipient's language). SMTP failures are retried with backoff;
    a retry after a failure the server did not report may send the message twice, never zero
    times."""
    message = alerts.alert_email(db.session, notification_id)
    db.session.rollback()  # nothing to write: end the read transaction before the SMTP talk
    if message is None:
        return False
    send_mail(*message)
    return True
