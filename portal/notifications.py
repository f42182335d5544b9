"""In-app notifications: one small service every domain uses (alerts, application news, …).

A notification is created at most once per user and ``dedupe_key`` (a unique constraint):
:func:`notify` inserts with ``ON CONFLICT DO NOTHING``, so a task that is retried, or two
workers racing on the same event, leave exactly one notification. The message is stored already
written in the user's language (see :func:`in_locale`): notifications are read later,
outside the request that caused them.

:func:`notify` joins the caller's transaction (it flushes, the caller commits together with the
change it reports); the reading functions and the mark-as-read ones own their transaction.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask_babel import force_locale
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from portal.jobs.models import Notification
from portal.models import utcnow
from portal.text import normalise

MAX_PER_PAGE = 50
T = TypeVar("T")


def notify(
    session: Session,
    user_id: int,
    kind: str,
    message: str,
    url: str = "",
    *,
    dedupe_key: str,
    at: dt.datetime | None = None,
) -> int | None:
    """Add a notification unless the user already has one with ``dedupe_key``.

    Returns the new notification's id, or None when it existed already. Does not commit.
    """
    message = normalise(message)
    if not message:
        raise ValueError("a notification needs a message")
    if not dedupe_key or len(dedupe_key) > 120 or len(kind) > 32 or len(url) > 255:
        raise ValueError("dedupe_key (1–120), kind (≤ 32) or url (≤ 255) has a bad length")
    values = {
        "user_id": user_id,
        "kind": kind,
        "message": message,
        "url": url,
        "dedupe_key": dedupe_key,
        "created_at": at or utcnow(),
    }
    dialect = session.get_bind().dialect.name
    insert: Any = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:  # another database: check first, the unique constraint still guards
        exists = session.scalar(
            select(Notification.id).where(
                Notification.user_id == user_id, Notification.dedupe_key == dedupe_key
            )
        )
        if exists is not None:
            return None
        notification = Notification(**values)
        session.add(notification)
        session.flush()
        return notification.id
    statement = (
        insert(Notification)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
        .returning(Notification.id)
    )
    new_id = session.execute(statement).scalar_one_or_none()
    return int(new_id) if new_id is not None else None


def in_locale(locale: str | None, build: Callable[[], T]) -> T:
    """Run ``build`` (which calls ``gettext``) in the recipient's language, not the sender's."""
    with force_locale(locale or "vi"):
        return build()


@dataclass(frozen=True)
class NotificationPage:
    items: list[Notification]
    total: int
    unread: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def list_notifications(
    session: Session, user_id: int, *, page: int = 1, per_page: int = 20
) -> NotificationPage:
    """The user's notifications, newest first."""
    page = max(1, page)
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    items = session.scalars(
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    total = session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user_id)
    )
    return NotificationPage(
        list(items), int(total or 0), unread_count(session, user_id), page, per_page
    )


def unread_count(session: Session, user_id: int) -> int:
    """Read through the (user_id, read_at) index: cheap enough for every page."""
    count = session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    )
    return int(count or 0)


def get_notification(session: Session, user_id: int, notification_id: int) -> Notification | None:
    """The user's own notification; None for anyone else's (never revealed)."""
    notification = session.get(Notification, notification_id)
    if notification is None or notification.user_id != user_id:
        return None
    return notification


def mark_read(
    session: Session, user_id: int, notification_id: int, *, at: dt.datetime | None = None
) -> Notification | None:
    """Mark the user's own notification read (once: the first time is kept)."""
    notification = get_notification(session, user_id, notification_id)
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = at or utcnow()
        session.commit()
    return notification


def mark_all_read(session: Session, user_id: int, *, at: dt.datetime | None = None) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=at or utcnow())
    )
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
