"""The demo seed: idempotent, valid through the services, and explorable at once."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models import Organisation, OrganisationStatus, User
from portal.candidates.models import WorkerProfile
from portal.demo.seed import DEMO_DOMAIN, DEMO_PASSWORD, seed
from portal.extensions import db
from portal.jobs.models import Vacancy, VacancyStatus
from tests.accounts.builders import log_in


def _counts() -> tuple[int, int, int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(User)) or 0,
        db.session.scalar(select(func.count()).select_from(Organisation)) or 0,
        db.session.scalar(select(func.count()).select_from(Vacancy)) or 0,
        db.session.scalar(select(func.count()).select_from(WorkerProfile)) or 0,
    )


def test_seed_is_idempotent_and_deterministic(app: Flask) -> None:
    first = seed(db.session)
    counts = _counts()
    second = seed(db.session)
    assert _counts() == counts
    assert first.logins == second.logins
    roles = {role for role, _email, _note in first.logins}
    assert roles == {"admin", "authority", "employer", "school", "worker"}
    assert counts[2] > 0 and counts[3] > 0


def test_seed_has_a_pending_and_verified_organisations(app: Flask) -> None:
    seed(db.session)
    statuses = set(db.session.scalars(select(Organisation.status)))
    assert {OrganisationStatus.PENDING, OrganisationStatus.VERIFIED} <= statuses
    open_vacancies = db.session.scalars(
        select(Vacancy).where(Vacancy.status == VacancyStatus.OPEN)
    ).all()
    assert open_vacancies
    # Only verified organisations could publish.
    for vacancy in open_vacancies:
        organisation = db.session.get(Organisation, vacancy.organisation_id)
        assert organisation is not None and organisation.can_publish


def test_every_printed_login_works(app: Flask) -> None:
    report = seed(db.session)
    db.session.commit()
    for _role, email, _note in report.logins:
        assert email.endswith("@" + DEMO_DOMAIN)
        response = log_in(app.test_client(), email, DEMO_PASSWORD)
        assert response.status_code == 302, email


def test_demo_vacancies_are_found_without_diacritics(app: Flask) -> None:
    seed(db.session)
    db.session.commit()
    body = app.test_client().get("/search?q=cong+nhan+may").get_data(as_text=True)
    assert "Công nhân may công nghiệp" in body
