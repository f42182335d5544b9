"""Saved searches, their alerts and the notification service.

The Celery tasks are called as functions (the task body runs the service); the real-worker
module covers the broker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal import notifications
from portal.access import Role
from portal.accounts import services as accounts
from portal.accounts.models import User
from portal.extensions import db
from portal.jobs import alert_tasks, alerts, search
from portal.jobs.errors import InvalidInput, NotFound, NotPermitted
from portal.jobs.models import Notification, SavedSearch
from portal.models import utcnow
from tests.accounts.builders import make_user
from tests.jobs.builders import authority, make_employer, make_vacancy, make_worker


@pytest.fixture(autouse=True)
def _fresh_vocabulary(app: Flask) -> Iterator[None]:
    search.invalidate_search_cache()
    yield
    search.invalidate_search_cache()


@pytest.fixture
def employer(app: Flask) -> User:
    return make_employer("Công ty TNHH Cơ khí Tứ Kỳ")


def save(user: User, name: str = "Hàn", email: bool = False, **args: str) -> SavedSearch:
    params = search.parse_search_params(args)
    return alerts.save_search(db.session, user.id, name, params, email_alerts=email)


def welding(employer: User, **overrides: Any) -> int:
    values: dict[str, Any] = {"title": "Thợ hàn CO2", "must_skills": [], "nice_skills": []}
    values.update(overrides)
    return make_vacancy(employer, **values).id


def notification_count() -> int:
    return int(db.session.scalar(select(func.count(Notification.id))) or 0)


# -- saved searches ----------------------------------------------------------------------------


def test_a_worker_saves_lists_and_deletes_searches(app: Flask) -> None:
    worker = make_worker()
    saved = save(worker, "Hàn ở Cẩm Giàng", q="tho han", district="295", page="3", sort="wage")
    assert saved.params == {"q": "tho han", "district": "295"}  # not the page nor the order
    again = save(worker, "Hàn (đổi tên)", q="tho han", district="295")
    assert again.id == saved.id and again.name == "Hàn (đổi tên)"  # a double click: no twin
    assert [s.name for s in alerts.list_saved_searches(db.session, worker.id)] == ["Hàn (đổi tên)"]

    other = make_worker("Lê Thị Mai")
    with pytest.raises(NotFound):
        alerts.delete_saved_search(db.session, other.id, saved.id)
    alerts.delete_saved_search(db.session, worker.id, saved.id)
    assert alerts.list_saved_searches(db.session, worker.id) == []


def test_saving_needs_a_name_a_criterion_and_a_worker(app: Flask) -> None:
    worker = make_worker()
    with pytest.raises(InvalidInput) as refused:
        save(worker, "  ", q="tho han")
    assert "name" in refused.value.errors
    with pytest.raises(InvalidInput):
        save(worker, "Tất cả")  # no words, no filter: every vacancy would alert
    with pytest.raises(NotPermitted):
        save(make_employer(), "Hàn", q="tho han")
    assert db.session.scalar(select(func.count(SavedSearch.id))) == 0


# -- alerts ------------------------------------------------------------------------------------


def test_an_opening_alerts_matching_searches_once(employer: User) -> None:
    worker = make_worker()
    matching = save(worker, "Hàn", q="tho han")
    save(worker, "Đầu bếp", q="dau bep")  # does not match
    save(worker, "Lương cao", q="tho han", min_wage="20000000")  # the wage does not reach it
    other = make_worker("Lê Thị Mai")
    save(other, "Cơ khí", occupation="72")  # matches by occupation group

    vacancy_id = welding(employer, occupation_code="7212", wage_min=9_000_000, wage_max=12_000_000)
    assert alerts.notify_saved_searches_for_vacancy(db.session, vacancy_id) == 2
    assert alerts.notify_saved_searches_for_vacancy(db.session, vacancy_id) == 0  # idempotent
    assert alert_tasks.alert_saved_searches(vacancy_id) == 0  # the task runs the same service
    assert notification_count() == 2

    mine = notifications.list_notifications(db.session, worker.id)
    assert mine.total == 1 and mine.unread == 1
    note = mine.items[0]
    assert note.dedupe_key == alerts.alert_key(matching.id, vacancy_id)
    assert "Thợ hàn CO2" in note.message and "Hàn" in note.message
    assert note.url == f"/vacancies/{vacancy_id}"


def test_alert_messages_are_written_in_the_owners_language(employer: User) -> None:
    worker = make_worker()
    accounts.set_user_locale(db.session, worker.id, "en")
    save(worker, "Welding", q="tho han")
    vacancy_id = welding(employer)
    alerts.notify_saved_searches_for_vacancy(db.session, vacancy_id)
    message = notifications.list_notifications(db.session, worker.id).items[0].message
    assert message.startswith("New vacancy for your saved search")


def test_drafts_disabled_owners_and_later_searches_raise_no_alert(employer: User) -> None:
    draft_id = welding(employer, open_it=False)
    worker = make_worker()
    save(worker, "Hàn", q="tho han")
    assert alerts.notify_saved_searches_for_vacancy(db.session, draft_id) == 0

    staff = make_user(Role.ADMIN)
    accounts.disable_user(db.session, worker.id, staff.id)
    assert alerts.notify_saved_searches_for_vacancy(db.session, welding(employer)) == 0

    opened_id = welding(employer, at=utcnow() - dt.timedelta(hours=1))
    late = make_worker("Phạm Văn Đức")
    save(late, "Hàn", q="tho han")  # saved after the vacancy opened: already in its results
    assert alerts.notify_saved_searches_for_vacancy(db.session, opened_id) == 0
    assert notification_count() == 0


def test_the_catch_up_alerts_what_the_queue_lost_and_only_once(employer: User) -> None:
    worker = make_worker()
    save(worker, "Hàn", q="tho han")
    first, second = welding(employer), welding(employer, title="Thợ hàn TIG")
    alerts.notify_saved_searches_for_vacancy(db.session, first)  # the second task was lost
    assert alert_tasks.catch_up_saved_search_alerts() == 1
    assert alert_tasks.catch_up_saved_search_alerts() == 0
    keys = set(db.session.scalars(select(Notification.dedupe_key)))
    assert {key.rsplit(":", 1)[1] for key in keys} == {str(first), str(second)}


def test_email_alerts_are_queued_only_when_asked_and_smtp_is_configured(
    app: Flask, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(alert_tasks.email_saved_search_alert, "delay", queued.append)
    by_mail = make_worker()
    save(by_mail, "Hàn", email=True, q="tho han")
    in_portal = make_worker("Lê Thị Mai")
    save(in_portal, "Hàn", q="tho han")

    alerts.notify_saved_searches_for_vacancy(db.session, welding(employer))
    assert queued == []  # embedded mode: no SMTP, the alerts stay in the portal

    monkeypatch.setitem(app.config, "MAIL_HOST", "smtp.example.vn")
    alerts.notify_saved_searches_for_vacancy(db.session, welding(employer, title="Thợ hàn TIG"))
    owners = [db.session.get(Notification, nid).user_id for nid in queued]  # type: ignore[union-attr]
    assert owners == [by_mail.id]

    sent: list[tuple[str, str, str]] = []
    monkeypatch.setattr(alert_tasks, "send_mail", lambda *message: sent.append(message))
    assert alert_tasks.email_saved_search_alert(queued[0]) is True
    to, subject, body = sent[0]
    assert subject
    assert to == by_mail.email and "Thợ hàn TIG" in body
    assert "http://portal.test/vacancies/" in body


def test_an_email_is_not_sent_to_a_disabled_account(
    app: Flask, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = make_worker()
    save(worker, "Hàn", email=True, q="tho han")
    alerts.notify_saved_searches_for_vacancy(db.session, welding(employer))
    note_id = db.session.scalar(select(Notification.id))
    accounts.disable_user(db.session, worker.id, make_user(Role.ADMIN).id)
    sent: list[Any] = []
    monkeypatch.setattr(alert_tasks, "send_mail", lambda *message: sent.append(message))
    assert alert_tasks.email_saved_search_alert(note_id) is False
    assert sent == []


def test_the_alert_tasks_are_registered_with_celery(app: Flask) -> None:
    celery = app.extensions["celery"]
    assert "portal.jobs.alert_tasks" in celery.conf.imports
    for name in (
        "alert_saved_searches",
        "catch_up_saved_search_alerts",
        "email_saved_search_alert",
    ):
        assert f"portal.jobs.alert_tasks.{name}" in celery.tasks


# -- the notification service ------------------------------------------------------------------


def test_notify_is_idempotent_per_user_and_key(app: Flask) -> None:
    worker, other = make_worker(), make_worker("Lê Thị Mai")
    first = notifications.notify(db.session, worker.id, "test", "Xin chào", dedupe_key="k1")
    assert first is not None
    assert notifications.notify(db.session, worker.id, "test", "Lần nữa", dedupe_key="k1") is None
    assert notifications.notify(db.session, other.id, "test", "Xin chào", dedupe_key="k1")
    db.session.commit()
    assert notification_count() == 2
    with pytest.raises(ValueError):
        notifications.notify(db.session, worker.id, "test", "  ", dedupe_key="k2")


def test_only_the_owner_reads_and_marks_a_notification(app: Flask) -> None:
    worker, other = make_worker(), authority()
    note_id = notifications.notify(db.session, worker.id, "test", "Tin mới", dedupe_key="k")
    notifications.notify(db.session, worker.id, "test", "Tin khác", dedupe_key="k2")
    db.session.commit()
    assert note_id is not None
    assert notifications.mark_read(db.session, other.id, note_id) is None
    assert notifications.unread_count(db.session, worker.id) == 2
    assert notifications.mark_read(db.session, worker.id, note_id) is not None
    assert notifications.unread_count(db.session, worker.id) == 1
    assert notifications.mark_all_read(db.session, other.id) == 0
    assert notifications.mark_all_read(db.session, worker.id) == 1
    assert notifications.list_notifications(db.session, other.id).total == 0
