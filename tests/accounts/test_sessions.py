"""Server-side sessions: logout, password change and disabling end them for good; a replayed
copy of the old cookie is refused; idle sessions expire; the purge task cleans up."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from sqlalchemy import func, select, update

from portal.access import Role
from portal.accounts import services, tasks
from portal.accounts.models import AuthSession, User
from portal.extensions import db
from portal.models import utcnow
from tests.accounts.builders import (
    PASSWORD,
    client_with_cookie,
    is_signed_in,
    log_in,
    logged_in_client,
    make_user,
    session_cookie,
)

NEW_PASSWORD = "Bánh đa Ninh Giang 1975"


def live_sessions(user_id: int) -> int:
    db.session.expire_all()
    return (
        db.session.scalar(
            select(func.count())
            .select_from(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        )
        or 0
    )


def test_replayed_cookie_is_refused_after_logout(app: Flask) -> None:
    user = make_user()
    client = logged_in_client(app, user)
    saved = session_cookie(client)
    assert is_signed_in(client_with_cookie(app, saved))  # the copy works while the session lives

    assert client.post("/logout").status_code == 302
    assert not is_signed_in(client)
    assert not is_signed_in(client_with_cookie(app, saved))
    assert live_sessions(user.id) == 0


def test_password_change_ends_other_sessions_and_rotates_this_one(app: Flask) -> None:
    user = make_user()
    laptop = logged_in_client(app, user)
    phone = logged_in_client(app, user)
    laptop_before = session_cookie(laptop)

    response = laptop.post(
        "/account/password",
        data={
            "password-current_password": PASSWORD,
            "password-new_password": NEW_PASSWORD,
            "password-confirm": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert is_signed_in(laptop)  # the changing browser stays signed in, with a new token
    assert session_cookie(laptop) != laptop_before
    assert not is_signed_in(phone)
    assert not is_signed_in(client_with_cookie(app, laptop_before))  # the old token is dead
    assert live_sessions(user.id) == 1
    assert log_in(app.test_client(), user.email, PASSWORD).status_code == 200
    assert log_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_current_password(app: Flask) -> None:
    user = make_user()
    client = logged_in_client(app, user)
    response = client.post(
        "/account/password",
        data={
            "password-current_password": "not my password",
            "password-new_password": NEW_PASSWORD,
            "password-confirm": NEW_PASSWORD,
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="password-current_password-error"' in html
    assert "Mật khẩu hiện tại không đúng." in html
    assert is_signed_in(client)


def test_disabling_a_user_ends_all_their_sessions(app: Flask) -> None:
    admin = make_user(Role.ADMIN)
    worker = make_user()
    worker_client = logged_in_client(app, worker)
    saved = session_cookie(worker_client)
    admin_client = logged_in_client(app, admin)

    response = admin_client.post(f"/users/{worker.id}/disable")
    assert response.status_code == 302
    assert not is_signed_in(worker_client)
    assert not is_signed_in(client_with_cookie(app, saved))
    assert live_sessions(worker.id) == 0
    # Enabling again does not bring the old sessions back.
    assert admin_client.post(f"/users/{worker.id}/enable").status_code == 302
    assert not is_signed_in(client_with_cookie(app, saved))
    assert log_in(app.test_client(), worker.email).status_code == 302


def test_end_other_sessions_keeps_this_one(app: Flask) -> None:
    user = make_user()
    here = logged_in_client(app, user)
    elsewhere = logged_in_client(app, user)
    assert here.post("/account/sessions/end-others").status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)


def test_idle_session_is_refused(app: Flask) -> None:
    user = make_user()
    client = logged_in_client(app, user)
    idle = app.config["AUTH_SESSION_IDLE_SECONDS"]
    db.session.execute(
        update(AuthSession).values(last_seen_at=utcnow() - dt.timedelta(seconds=idle + 1))
    )
    db.session.commit()
    assert not is_signed_in(client)


def test_last_seen_is_updated_at_most_once_a_minute(app: Flask) -> None:
    user = make_user()
    client = logged_in_client(app, user)
    record = db.session.scalar(select(AuthSession))
    assert record is not None
    first_seen = record.last_seen_at
    assert is_signed_in(client)
    db.session.expire_all()
    assert db.session.scalar(select(AuthSession.last_seen_at)) == first_seen

    earlier = utcnow() - dt.timedelta(minutes=5)
    db.session.execute(update(AuthSession).values(last_seen_at=earlier))
    db.session.commit()
    assert is_signed_in(client)
    db.session.expire_all()
    touched = db.session.scalar(select(AuthSession.last_seen_at))
    assert touched is not None and touched > earlier + dt.timedelta(minutes=4)


def test_session_of_another_user_is_refused(app: Flask) -> None:
    """A token is only good for the user it was issued to."""
    alice, bob = make_user(), make_user()
    token = services.open_session(db.session, bob.id)
    assert services.user_for_session(db.session, token, alice.id) is None
    found = services.user_for_session(db.session, token, bob.id)
    assert found is not None and found.id == bob.id


def test_remember_me_cookie_is_never_set(app: Flask) -> None:
    user = make_user()
    client = app.test_client()
    response = log_in(client, user.email)
    assert all("remember_token" not in value for value in response.headers.getlist("Set-Cookie"))


def test_purge_task_deletes_revoked_and_idle_sessions(app: Flask) -> None:
    user = make_user()
    now = utcnow()
    idle = dt.timedelta(seconds=app.config["AUTH_SESSION_IDLE_SECONDS"])
    live = services.open_session(db.session, user.id)
    revoked = services.open_session(db.session, user.id)
    services.revoke_session(db.session, revoked)
    stale = services.open_session(db.session, user.id)
    from portal.accounts.models import hash_session_token

    db.session.execute(
        update(AuthSession)
        .where(AuthSession.id == hash_session_token(stale))
        .values(last_seen_at=now - idle - dt.timedelta(minutes=1))
    )
    db.session.commit()

    assert tasks.purge_expired_sessions() == 2
    assert tasks.purge_expired_sessions() == 0  # idempotent
    db.session.expire_all()
    assert db.session.scalars(select(AuthSession.id)).all() == [hash_session_token(live)]
    assert db.session.get(User, user.id) is not None
