"""Server-side login sessions: the record behind every signed-in browser.

The browser's (signed) Flask session holds a random token; the database holds its SHA-256 hash
in :class:`~portal.accounts.models.AuthSession`. A request is signed in only while that record
exists, is not revoked, belongs to the user and has been used within
``AUTH_SESSION_IDLE_SECONDS``. Revoking the record therefore ends the session everywhere, even
for a copy of the cookie that is still correctly signed.
"""

from __future__ import annotations

import datetime as dt
import secrets

from flask import current_app
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, scoped_session

from portal.accounts.models import AuthSession, User, hash_session_token
from portal.models import utcnow

DbSession = Session | scoped_session[Session]

# Writing last_seen_at on every request would make every page view a write; once a minute is
# precise enough for an idle limit counted in hours.
TOUCH_INTERVAL = dt.timedelta(seconds=60)
USER_AGENT_MAX = 255


def idle_limit() -> dt.timedelta:
    return dt.timedelta(seconds=int(current_app.config["AUTH_SESSION_IDLE_SECONDS"]))


def create_session_record(
    session: DbSession,
    user_id: int,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Add a new session record to the current transaction and return its token (no commit)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        AuthSession(
            id=hash_session_token(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            ip=(ip or None) and ip[:45],
            user_agent=(user_agent or None) and user_agent[:USER_AGENT_MAX],
        )
    )
    return token


def revoke_all_sessions(session: DbSession, user_id: int, now: dt.datetime) -> int:
    """Revoke every live session of a user in the current transaction (no commit)."""
    result = session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def open_session(
    session: DbSession,
    user_id: int,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
) -> str:
    """Start a login session for the user and return the token to keep in the browser."""
    token = create_session_record(session, user_id, ip=ip, user_agent=user_agent)
    session.commit()
    return token


def user_for_session(
    session: DbSession, token: str, user_id: int | str, now: dt.datetime | None = None
) -> User | None:
    """The signed-in user for a browser's token, or None when the session is not valid.

    Valid means: the record exists, is not revoked, belongs to ``user_id``, has been used within
    the idle limit, and the user is active. Marks the session as seen (at most once a minute).
    """
    now = now or utcnow()
    try:
        expected_user = int(user_id)
    except (TypeError, ValueError):
        return None
    record = session.get(AuthSession, hash_session_token(token), populate_existing=True)
    if record is None or record.revoked_at is not None or record.user_id != expected_user:
        return None
    if now - record.last_seen_at >= idle_limit():
        return None
    user = session.get(User, expected_user)
    if user is None or not user.is_active:
        return None
    # Only when nothing else is pending: the user may be loaded lazily in the middle of a view,
    # and this commit must never carry that view's unfinished changes with it.
    pending = session.new or session.dirty or session.deleted
    if now - record.last_seen_at >= TOUCH_INTERVAL and not pending:
        session.execute(
            update(AuthSession)
            .where(AuthSession.id == record.id)
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        )
        session.commit()
    return user


def revoke_session(session: DbSession, token: str) -> None:
    """End one session (logout)."""
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == hash_session_token(token), AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()


def revoke_user_sessions(
    session: DbSession, user_id: int, *, except_token: str | None = None
) -> int:
    """End every session of a user, except ``except_token``'s if given; returns how many."""
    query = update(AuthSession).where(
        AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None)
    )
    if except_token is not None:
        query = query.where(AuthSession.id != hash_session_token(except_token))
    result = session.execute(
        query.values(revoked_at=utcnow()).execution_options(synchronize_session=False)
    )
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def active_sessions(session: DbSession, user_id: int) -> list[AuthSession]:
    """The user's live sessions (for the account page), most recently used first."""
    cutoff = utcnow() - idle_limit()
    return list(
        session.scalars(
            select(AuthSession)
            .where(
                AuthSession.user_id == user_id,
                AuthSession.revoked_at.is_(None),
                AuthSession.last_seen_at > cutoff,
            )
            .order_by(AuthSession.last_seen_at.desc())
        )
    )


def purge_expired_sessions(
    session: DbSession, now: dt.datetime, idle_seconds: int | None = None
) -> int:
    """Delete session records that are revoked or idle beyond the limit; returns how many.

    Idempotent, so the periodic task may run twice or be retried safely.
    """
    idle = dt.timedelta(seconds=idle_seconds) if idle_seconds is not None else idle_limit()
    result = session.execute(
        delete(AuthSession)
        .where(or_(AuthSession.revoked_at.is_not(None), AuthSession.last_seen_at < now - idle))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
