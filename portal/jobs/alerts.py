"""Saved searches and the alerts they raise when a matching vacancy opens.

A worker saves the search they are looking at (its words and filters, as query-string values)
under a name. When a vacancy opens, :func:`notify_saved_searches_for_vacancy` runs every saved
search against that one vacancy with the search service itself, so an alert fires for exactly
what the search page would show, and notifies each owner whose search matches: in the portal
always, by e-mail too when the owner asked for it and SMTP is configured.

Alerts are idempotent: the notification's dedupe key is the saved search plus the vacancy, so a
retried task or the hourly catch-up (:func:`catch_up_saved_search_alerts`, which also covers a
vacancy whose alert could not be queued) never alerts twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import Role
from portal.accounts.models import Organisation, User
from portal.jobs.errors import InvalidInput, NotFound, NotPermitted, rollback_on_refusal
from portal.jobs.models import Notification, SavedSearch, Vacancy, VacancyStatus
from portal.jobs.search_params import InvalidSearch, SearchParams, parse_search_params
from portal.models import utcnow
from portal.notifications import in_locale, notify
from portal.text import normalise

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 20  # per worker
MAX_NAME_LENGTH = 120
ALERT_KIND = "saved_search"
CATCH_UP_PER_SEARCH = 20  # at most this many alerts per saved search in one catch-up run


def alert_key(saved_search_id: int, vacancy_id: int) -> str:
    return f"saved-search:{saved_search_id}:vacancy:{vacancy_id}"


def _worker(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.disabled or user.role != Role.WORKER:
        raise NotPermitted()
    return user


@rollback_on_refusal
def save_search(
    session: Session,
    user_id: int,
    name: str,
    params: SearchParams,
    *,
    email_alerts: bool = False,
) -> SavedSearch:
    """Save the search's words and filters (not its page or order) under ``name``.

    Saving the same words and filters again renames the existing search instead of adding a
    twin (a double click, or "save" pressed twice).
    """
    _worker(session, user_id)
    name = normalise(name)
    if not name:
        raise InvalidInput(_l("Give the search a name."), field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(
            _l("Please use at most %(limit)d characters.", limit=MAX_NAME_LENGTH), field="name"
        )
    criteria = params.criteria()
    if not criteria:
        raise InvalidInput(_l("Type a word or choose a filter before saving the search."))
    mine = session.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id)).all()
    saved = next((search for search in mine if search.params == criteria), None)
    if saved is None:
        if len(mine) >= MAX_SAVED_SEARCHES:
            raise InvalidInput(
                _l(
                    "You can keep at most %(limit)d saved searches; delete one first.",
                    limit=MAX_SAVED_SEARCHES,
                )
            )
        saved = SavedSearch(user_id=user_id, params=criteria, created_at=utcnow())
        session.add(saved)
    saved.name = name
    saved.email_alerts = email_alerts
    session.commit()
    return saved


def list_saved_searches(session: Session, user_id: int) -> list[SavedSearch]:
    return list(
        session.scalars(
            select(SavedSearch)
            .where(SavedSearch.user_id == user_id)
            .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
        )
    )


@rollback_on_refusal
def delete_saved_search(session: Session, user_id: int, saved_search_id: int) -> None:
    """Delete the user's own saved search; :class:`NotFound` for anyone else's."""
    saved = session.get(SavedSearch, saved_search_id)
    if saved is None or saved.user_id != user_id:
        raise NotFound()
    session.delete(saved)
    session.commit()


def saved_search_params(saved: SavedSearch) -> SearchParams | None:
    """The saved search as search parameters; None if it no longer parses."""
    try:
        return parse_search_params(saved.params or {})
    except InvalidSearch:
        return None


# -- alerts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alert:
    notification_id: int
    saved_search_id: int
    vacancy_id: int
    email: bool  # the owner asked for e-mail alerts


def vacancy_path(vacancy_id: int) -> str:
    """The vacancy's page as a path; works outside a request (Celery) without SERVER_NAME."""
    if has_request_context():
        return url_for("jobs.vacancy_detail", vacancy_id=vacancy_id)
    adapter = current_app.url_map.bind(
        "localhost", script_name=current_app.config.get("APPLICATION_ROOT") or "/"
    )
    return adapter.build("jobs.vacancy_detail", {"vacancy_id": vacancy_id})


def _alert_message(owner: User, saved: SavedSearch, vacancy: Vacancy, employer: str) -> str:
    return in_locale(
        owner.locale,
        lambda: _(
            "New vacancy for your saved search “%(name)s”: %(title)s (%(employer)s).",
            name=saved.name,
            title=vacancy.title,
            employer=employer,
        ),
    )


def _searches_of_active_workers(session: Session) -> list[tuple[SavedSearch, User]]:
    rows = session.execute(
        select(SavedSearch, User)
        .join(User, User.id == SavedSearch.user_id)
        .where(User.role == Role.WORKER, User.disabled.is_(False))
        .order_by(SavedSearch.id)
    ).tuples()
    return list(rows)


def _matches(
    session: Session, saved: SavedSearch, vacancy_ids: list[int] | None, since: dt.datetime
) -> list[int]:
    from portal.jobs.search import matching_vacancy_ids

    params = saved_search_params(saved)
    if params is None:
        return []
    try:
        return matching_vacancy_ids(session, params, vacancy_ids=vacancy_ids, opened_after=since)
    except InvalidSearch:  # a code the reference data no longer has: the search finds nothing
        return []


def _raise_alerts(session: Session, pairs: list[tuple[SavedSearch, User, Vacancy]]) -> list[Alert]:
    employers = dict(
        session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.id.in_({vacancy.organisation_id for _, _, vacancy in pairs})
            )
        )
        .tuples()
        .all()
    )
    alerts = []
    for saved, owner, vacancy in pairs:
        new_id = notify(
            session,
            owner.id,
            ALERT_KIND,
            _alert_message(owner, saved, vacancy, employers.get(vacancy.organisation_id, "")),
            vacancy_path(vacancy.id),
            dedupe_key=alert_key(saved.id, vacancy.id),
        )
        if new_id is not None:
            alerts.append(Alert(new_id, saved.id, vacancy.id, saved.email_alerts))
    session.commit()
    return alerts


def create_saved_search_alerts(session: Session, vacancy_id: int) -> list[Alert]:
    """Notify the owner of every saved search (older than the opening) that matches the open
    vacancy; returns the alerts created now (none for those that existed)."""
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status != VacancyStatus.OPEN or vacancy.opened_at is None:
        return []
    pairs = []
    for saved, owner in _searches_of_active_workers(session):
        if saved.created_at > vacancy.opened_at:
            continue  # saved after the vacancy opened: its owner has seen it in the results
        if _matches(session, saved, [vacancy.id], saved.created_at):
            pairs.append((saved, owner, vacancy))
    return _raise_alerts(session, pairs) if pairs else []


def queue_alert_emails(alerts: list[Alert]) -> int:
    """Queue an e-mail for each alert whose owner asked for one, when SMTP is configured.

    A failure to queue is logged, not raised: the in-app notification exists already.
    """
    if not current_app.config.get("MAIL_HOST"):
        return 0
    from portal.jobs.alert_tasks import email_saved_search_alert

    queued = 0
    for alert in alerts:
        if not alert.email:
            continue
        try:
            email_saved_search_alert.delay(alert.notification_id)
            queued += 1
        except Exception:  # the broker may be down; the notification is in the portal anyway
            logger.exception(
                "Could not queue the alert e-mail for notification %s", alert.notification_id
            )
    return queued


def notify_saved_searches_for_vacancy(session: Session, vacancy_id: int) -> int:
    """Alert the owners of matching saved searches that ``vacancy_id`` has opened.

    Idempotent; returns the number of new notifications. Call it when a vacancy opens (the
    Celery task :func:`portal.jobs.alert_tasks.alert_saved_searches` does).
    """
    alerts = create_saved_search_alerts(session, vacancy_id)
    queue_alert_emails(alerts)
    return len(alerts)


def catch_up_saved_search_alerts(session: Session, since: dt.datetime) -> int:
    """Alert for every vacancy opened after ``since`` that matches a saved search and has not
    been alerted yet: the safety net for alerts that could not be queued (hourly, on beat)."""
    pairs = []
    for saved, owner in _searches_of_active_workers(session):
        ids = _matches(session, saved, None, max(since, saved.created_at))
        for vacancy_id in ids[-CATCH_UP_PER_SEARCH:]:
            vacancy = session.get(Vacancy, vacancy_id)
            if vacancy is not None:
                pairs.append((saved, owner, vacancy))
    if not pairs:
        return 0
    alerts = _raise_alerts(session, pairs)
    queue_alert_emails(alerts)
    return len(alerts)


def alert_email(session: Session, notification_id: int) -> tuple[str, str, str] | None:
    """(recipient, subject, body) of an alert e-mail, in the recipient's language; None when
    there is nobody to write to (account disabled or deleted since)."""
    notification = session.get(Notification, notification_id)
    if notification is None or notification.kind != ALERT_KIND:
        return None
    owner = session.get(User, notification.user_id)
    if owner is None or owner.disabled or not owner.email:
        return None
    base = _public_base_url()
    link = base + notification.url if notification.url else ""

    def build() -> tuple[str, str]:
        subject = _("New vacancy for your saved search")
        body = (
            notification.message
            + ("\n\n" + link if link else "")
            + "\n\n"
            + _(
                "You receive this e-mail because you asked for alerts on a saved search. You can "
                "stop them on the page of your saved searches."
            )
        )
        return subject, body

    subject, body = in_locale(owner.locale, build)
    return owner.email, subject, body


def _public_base_url() -> str:
    config = current_app.config
    if config.get("PUBLIC_BASE_URL"):
        return str(config["PUBLIC_BASE_URL"]).rstrip("/")
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME', 'http')}://{config['SERVER_NAME']}"
    return ""
