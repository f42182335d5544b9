"""The employer and worker pages render, and every form they carry is protected by CSRF."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import Application, Vacancy
from tests.jobs.builders import apply, make_employer, make_vacancy, make_worker, move
from tests.jobs.conftest import Login

BASE_FORMS = 2  # log out and the language switch, on every page of a signed-in user
FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


def _post_forms_have_tokens(html: str) -> int:
    forms = FORM.findall(html)
    for body in forms:
        assert 'name="csrf_token"' in body or re.search(r'name="[\w-]*-?csrf_token"', body), body
    return len(forms) - BASE_FORMS


def test_the_employer_journey_pages(
    app: Flask, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    employer = make_employer("Công ty TNHH Ánh Dương")
    vacancy = make_vacancy(employer, positions=1)
    draft = make_vacancy(employer, open_it=False, title="Kỹ thuật viên điện")
    worker = make_worker("Phạm Thị Lan")
    application = apply(worker, vacancy, "Em muốn làm ca ngày")
    client = login(employer)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # so that forms render tokens

    dashboard = client.get("/employer").get_data(as_text=True)
    assert "Công ty TNHH Ánh Dương" in dashboard
    assert "Thợ hàn CO2 ca ngày" in dashboard and "Kỹ thuật viên điện" in dashboard

    edit = client.get(f"/employer/vacancies/{draft.id}/edit").get_data(as_text=True)
    assert 'value="Kỹ thuật viên điện"' in edit
    assert "7212 – Thợ hàn" in edit  # the occupation comes back as code and name
    assert 'value="hàn điện"' in edit  # the skills come back as typed
    assert _post_forms_have_tokens(edit) == 1

    detail = client.get(f"/vacancies/{draft.id}").get_data(as_text=True)
    assert _post_forms_have_tokens(detail) >= 1  # publish

    listing = client.get(f"/employer/vacancies/{vacancy.id}/applicants").get_data(as_text=True)
    assert "Phạm Thị Lan" in listing
    assert "Phạm Thị Lan" not in client.get(
        f"/employer/vacancies/{vacancy.id}/applicants?status=hired"
    ).get_data(as_text=True)

    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert "Em muốn làm ca ngày" in page
    assert _post_forms_have_tokens(page) == 3  # shortlist, reject, notes

    move(application, employer, "shortlisted", "interview", "offered", "hired")
    page = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
    assert "All positions are filled." in page  # filling is offered once hires reach positions
    assert "Mark as filled" in page


def test_the_worker_pages(app: Flask, login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    employer = make_employer("Công ty CP Hoa Sen")
    vacancy = make_vacancy(employer)
    worker = make_worker()
    client = login(worker)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    detail = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
    assert "Apply with my profile" in detail or "Ứng tuyển" in detail
    assert _post_forms_have_tokens(detail) >= 1
    application = apply(worker, vacancy)
    services.change_application_status(
        db.session, application.id, employer.id, "shortlisted", note="Hẹn gặp tuần sau"
    )
    listing = client.get("/my/applications").get_data(as_text=True)
    assert "Thợ hàn CO2 ca ngày" in listing and "Công ty CP Hoa Sen" in listing
    assert "Shortlisted" in listing and "Hẹn gặp tuần sau" in listing  # status and history
    mine = client.get(f"/my/applications/{application.id}").get_data(as_text=True)
    assert _post_forms_have_tokens(mine) >= 1  # withdraw


def test_a_worker_without_a_profile_is_asked_to_make_one(app: Flask, login: Login) -> None:
    vacancy = make_vacancy(make_employer())
    client = login(make_worker(with_profile=False))
    response = client.post(f"/vacancies/{vacancy.id}/apply", follow_redirects=True)
    assert "create your profile" in response.get_data(as_text=True).lower()
    assert db.session.scalar(select(func.count()).select_from(Application)) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/employer/profile",
        "/employer/vacancies/new",
        "/employer/vacancies/{vacancy}/close",
        "/employer/applications/{application}/status",
        "/vacancies/{vacancy}/apply",
    ],
)
def test_posts_without_a_csrf_token_are_refused(
    app: Flask, login: Login, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    employer = make_employer()
    worker = make_worker()
    vacancy = make_vacancy(employer)
    application = apply(make_worker("Trần Văn Bình"), vacancy)
    actor = worker if path.startswith("/vacancies") else employer
    client = login(actor)  # logged in while CSRF is off in the test config
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post(
        path.format(vacancy=vacancy.id, application=application.id),
        data={"title": "x", "move": "shortlisted", "cover_note": "x"},
    )
    assert response.status_code == 400
    db.session.refresh(vacancy)
    db.session.refresh(application)
    assert vacancy.status == "open" and application.status == "applied"
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == 1
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1


def test_the_dashboard_counts_vacancies_per_status(app: Flask) -> None:
    employer = make_employer()
    make_vacancy(employer)
    make_vacancy(employer)
    make_vacancy(employer, open_it=False)
    counts = services.vacancy_status_counts(db.session, employer.organisation_id)
    assert (counts["open"], counts["draft"], counts["closed"], counts["filled"]) == (2, 1, 0, 0)
