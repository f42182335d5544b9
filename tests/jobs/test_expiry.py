"""Open vacancies past their deadline close automatically (Celery beat, hourly)."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.jobs import choices, services, tasks
from portal.jobs.models import Vacancy, VacancyStatus, VacancyStatusChange
from tests.jobs.builders import START, make_employer, make_vacancy

OPENED = START.date()


def _statuses() -> dict[str, VacancyStatus]:
    return {v.title: v.status for v in db.session.scalars(select(Vacancy))}


def test_only_past_deadline_open_vacancies_close_and_a_rerun_closes_nothing(app: Flask) -> None:
    employer = make_employer()
    make_vacancy(employer, at=START, title="past", deadline=OPENED + dt.timedelta(days=3))
    make_vacancy(employer, at=START, title="today", deadline=OPENED + dt.timedelta(days=5))
    make_vacancy(employer, at=START, title="future", deadline=OPENED + dt.timedelta(days=9))
    make_vacancy(
        employer, at=START, open_it=False, title="draft", deadline=OPENED + dt.timedelta(days=1)
    )
    today = OPENED + dt.timedelta(days=5)

    assert services.close_expired_vacancies(db.session, today) == 1
    assert _statuses() == {
        "past": VacancyStatus.CLOSED,
        "today": VacancyStatus.OPEN,  # the deadline day itself still takes applications
        "future": VacancyStatus.OPEN,
        "draft": VacancyStatus.DRAFT,
    }
    assert services.close_expired_vacancies(db.session, today) == 0  # idempotent
    change = db.session.scalars(
        select(VacancyStatusChange).where(VacancyStatusChange.to_status == VacancyStatus.CLOSED)
    ).one()
    assert change.actor_id is None and change.reason == choices.DEADLINE_PASSED


def test_the_task_closes_by_vietnams_date(app: Flask) -> None:
    employer = make_employer()
    today = services.vietnam_today()
    vacancy = make_vacancy(employer, deadline=today)
    vacancy.deadline = today - dt.timedelta(days=1)  # as if a day had passed since
    db.session.commit()
    assert tasks.close_expired_vacancies.run() == 1
    assert tasks.close_expired_vacancies.run() == 0
    db.session.refresh(vacancy)
    assert vacancy.status == VacancyStatus.CLOSED


def test_vietnams_date_is_used_not_utcs() -> None:
    late_evening_utc = dt.datetime(2026, 3, 1, 18, 30, tzinfo=dt.UTC)  # 01:30 on 2 March in VN
    assert services.vietnam_today(late_evening_utc) == dt.date(2026, 3, 2)


def test_the_task_is_on_the_beat_schedule(app: Flask) -> None:
    celery_app = app.extensions["celery"]
    names = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "portal.jobs.tasks.close_expired_vacancies" in names
    assert "portal.jobs.tasks.close_expired_vacancies" in celery_app.tasks
