"""Decree 70/2023/NĐ-CP: a foreign-worker position is advertised for at least 15 days.

Dates are passed to the services explicitly (``at``), so the tests do not depend on today.
"""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask

from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import VacancyStatus
from tests.jobs.builders import START, make_employer, make_vacancy, vacancy_input
from tests.jobs.conftest import en

OPENED = START.date()  # 2 March 2026 in Vietnam


def _days(n: int) -> dt.datetime:
    return START + dt.timedelta(days=n)


def _foreign(employer, deadline_days: int):
    return make_vacancy(
        employer,
        open_it=False,
        at=START,
        foreign_worker_position=True,
        deadline=OPENED + dt.timedelta(days=deadline_days),
    )


def test_opening_with_a_deadline_under_15_days_is_refused(app: Flask) -> None:
    employer = make_employer()
    vacancy = _foreign(employer, 14)
    with pytest.raises(services.InvalidInput) as refused:
        services.open_vacancy(db.session, vacancy.id, employer.id, at=START)
    assert refused.value.field == "deadline"
    assert "15 days" in en(refused.value.message)
    assert "17/03/2026" in en(refused.value.message)  # the first acceptable deadline
    assert vacancy.status == VacancyStatus.DRAFT


def test_a_deadline_exactly_15_days_later_is_accepted(app: Flask) -> None:
    employer = make_employer()
    vacancy = _foreign(employer, 15)
    services.open_vacancy(db.session, vacancy.id, employer.id, at=START)
    assert vacancy.status == VacancyStatus.OPEN


def test_an_ordinary_vacancy_has_no_minimum_period(app: Flask) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer, at=START, deadline=OPENED + dt.timedelta(days=3))
    services.close_vacancy(db.session, vacancy.id, employer.id, at=_days(1))
    assert vacancy.status == VacancyStatus.CLOSED


@pytest.mark.parametrize("end", [services.close_vacancy, services.mark_vacancy_filled])
def test_closing_or_filling_early_is_refused_then_allowed_after_15_days(app: Flask, end) -> None:
    employer = make_employer()
    vacancy = _foreign(employer, 30)
    services.open_vacancy(db.session, vacancy.id, employer.id, at=START)
    for day in (0, 1, 14):
        with pytest.raises(services.InvalidTransition) as refused:
            end(db.session, vacancy.id, employer.id, at=_days(day))
        assert "Decree 70/2023" in en(refused.value.message)
        assert vacancy.status == VacancyStatus.OPEN
    end(db.session, vacancy.id, employer.id, at=_days(15))
    assert vacancy.status in (VacancyStatus.CLOSED, VacancyStatus.FILLED)


def test_the_deadline_of_an_open_foreign_vacancy_cannot_be_shortened(app: Flask) -> None:
    employer = make_employer()
    vacancy = _foreign(employer, 30)
    services.open_vacancy(db.session, vacancy.id, employer.id, at=START)
    with pytest.raises(services.InvalidInput) as refused:
        services.save_vacancy(
            db.session,
            employer.organisation_id,
            employer.id,
            vacancy_input(
                OPENED, foreign_worker_position=True, deadline=OPENED + dt.timedelta(days=10)
            ),
            vacancy.id,
            at=_days(2),
        )
    assert "deadline" in refused.value.errors
    db.session.refresh(vacancy)
    assert vacancy.deadline == OPENED + dt.timedelta(days=30)


def test_the_flag_cannot_be_dropped_after_publication(app: Flask) -> None:
    employer = make_employer()
    vacancy = _foreign(employer, 30)
    services.open_vacancy(db.session, vacancy.id, employer.id, at=START)
    with pytest.raises(services.InvalidInput) as refused:
        services.save_vacancy(
            db.session,
            employer.organisation_id,
            employer.id,
            vacancy_input(OPENED, foreign_worker_position=False),
            vacancy.id,
            at=_days(1),
        )
    assert "foreign_worker_position" in refused.value.errors


def test_the_close_button_is_refused_early_over_http(app: Flask, login) -> None:
    employer = make_employer()
    today = services.vietnam_today()
    vacancy = make_vacancy(
        employer, foreign_worker_position=True, deadline=today + dt.timedelta(days=20)
    )
    client = login(employer)
    response = client.post(f"/employer/vacancies/{vacancy.id}/close", follow_redirects=True)
    assert response.status_code == 200
    assert "Decree 70/2023" in response.get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.status == VacancyStatus.OPEN
