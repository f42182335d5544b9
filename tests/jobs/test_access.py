"""Object-level access with two employers and two workers.

Employer A has a vacancy with an application from worker 1; employer B has one with an
application from worker 2. Every cross attempt is answered 404 (preferred: existence is not
revealed) or 403, and the body names nobody from the other side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.accounts.models import User
from portal.candidates import services as candidates
from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import Application, Vacancy
from tests.jobs.builders import apply, make_employer, make_vacancy, make_worker, move, profile_of
from tests.jobs.conftest import Login

CCCD_1 = "030195123456"  # worker 1: born 1995 in Hải Dương, female


@dataclass
class World:
    employer_a: User
    employer_b: User
    worker_1: User
    worker_2: User
    vacancy_a: Vacancy
    draft_a: Vacancy
    vacancy_b: Vacancy
    application_1: Application  # worker 1 → vacancy A
    application_2: Application  # worker 2 → vacancy B


# Names that must never cross to the other side.
A_SECRETS = ("Phạm Thị Lan", "Hàn khung thép xưởng A", "ghi chú riêng của A", CCCD_1)
B_SECRETS = ("Vũ Đức Minh", "Hàn bồn áp lực xưởng B", "ghi chú riêng của B")


@pytest.fixture
def world(app: Flask) -> World:
    employer_a = make_employer("Công ty TNHH Alpha Việt Nam", full_name="Lê Văn Tuyển")
    employer_b = make_employer("Công ty CP Beta Hải Dương", full_name="Đỗ Thị Dụng")
    worker_1 = make_worker("Phạm Thị Lan")
    worker_2 = make_worker("Vũ Đức Minh")
    candidates.save_identity(
        db.session,
        worker_1.id,
        full_name="Phạm Thị Lan",
        date_of_birth=dt.date(1995, 5, 17),
        sex="female",
        cccd=CCCD_1,
    )
    candidates.save_sensitive_data(
        db.session, profile_of(worker_1).id, ethnicity="06", disability="hearing_speech"
    )
    vacancy_a = make_vacancy(employer_a, title="Hàn khung thép xưởng A")
    draft_a = make_vacancy(employer_a, open_it=False, title="Bản nháp xưởng A")
    vacancy_b = make_vacancy(employer_b, title="Hàn bồn áp lực xưởng B")
    application_1 = apply(worker_1, vacancy_a)
    application_2 = apply(worker_2, vacancy_b)
    services.update_employer_notes(
        db.session, application_1.id, employer_a.id, "ghi chú riêng của A"
    )
    services.update_employer_notes(
        db.session, application_2.id, employer_b.id, "ghi chú riêng của B"
    )
    return World(
        employer_a, employer_b, worker_1, worker_2, vacancy_a, draft_a, vacancy_b,
        application_1, application_2,
    )  # fmt: skip


def _refused(client: FlaskClient, method: str, url: str, secrets: tuple[str, ...]) -> None:
    response = client.open(url, method=method, data={"move": "shortlisted"})
    assert response.status_code in (403, 404), f"{method} {url} → {response.status_code}"
    body = response.get_data(as_text=True)
    for secret in secrets:
        assert secret not in body, f"{method} {url} leaks {secret!r}"


def _employer_urls(w: World) -> list[tuple[str, str]]:
    a, d, app1 = w.vacancy_a.id, w.draft_a.id, w.application_1.id
    return [
        ("GET", f"/employer/vacancies/{a}/edit"),
        ("POST", f"/employer/vacancies/{a}/edit"),
        ("POST", f"/employer/vacancies/{d}/open"),
        ("POST", f"/employer/vacancies/{a}/close"),
        ("POST", f"/employer/vacancies/{a}/fill"),
        ("GET", f"/employer/vacancies/{a}/applicants"),
        ("GET", f"/employer/applications/{app1}"),
        ("POST", f"/employer/applications/{app1}/status"),
        ("POST", f"/employer/applications/{app1}/notes"),
        ("GET", f"/vacancies/{d}"),
    ]


def test_another_employer_reaches_nothing_of_employer_a(world: World, login: Login) -> None:
    client = login(world.employer_b)
    for method, url in _employer_urls(world):
        _refused(client, method, url, (*A_SECRETS, "Bản nháp xưởng A"))
    db.session.refresh(world.application_1)
    db.session.refresh(world.vacancy_a)
    assert world.application_1.status == "applied" and world.vacancy_a.status == "open"
    assert world.application_1.employer_notes == "ghi chú riêng của A"
    # B's own pages list only B's records.
    for url in ("/employer", f"/employer/vacancies/{world.vacancy_b.id}/applicants"):
        body = client.get(url).get_data(as_text=True)
        assert "Vũ Đức Minh" in body or "Hàn bồn áp lực xưởng B" in body
        for secret in (*A_SECRETS, "Bản nháp xưởng A"):
            assert secret not in body


def test_workers_reach_no_employer_page(world: World, login: Login) -> None:
    client = login(world.worker_1)
    for method, url in _employer_urls(world):
        if url.startswith("/vacancies/"):
            continue  # the public vacancy page: a draft is a 404, checked above
        response = client.open(url, method=method)
        assert response.status_code == 403, url
    assert client.get("/employer").status_code == 403


def test_a_worker_sees_only_their_own_applications(world: World, login: Login) -> None:
    client = login(world.worker_2)
    app1 = world.application_1.id
    for method, url in (
        ("GET", f"/my/applications/{app1}"),
        ("POST", f"/my/applications/{app1}/withdraw"),
    ):
        _refused(client, method, url, ("Phạm Thị Lan", "ghi chú riêng của A"))
    db.session.refresh(world.application_1)
    assert world.application_1.status == "applied"
    mine = client.get("/my/applications")
    assert mine.status_code == 200
    body = mine.get_data(as_text=True)
    assert "Hàn bồn áp lực xưởng B" in body
    assert "Hàn khung thép xưởng A" not in body
    assert "ghi chú riêng của B" not in body  # the employer's notes are private to it


def test_employers_cannot_use_worker_pages(world: World, login: Login) -> None:
    client = login(world.employer_a)
    for method, url in (
        ("GET", "/my/applications"),
        ("GET", f"/my/applications/{world.application_1.id}"),
        ("POST", f"/my/applications/{world.application_1.id}/withdraw"),
        ("POST", f"/vacancies/{world.vacancy_b.id}/apply"),
    ):
        assert client.open(url, method=method).status_code == 403, url


def test_anonymous_visitors_are_sent_to_log_in(world: World, client: FlaskClient) -> None:
    for method, url in [*_employer_urls(world)[:-1], ("GET", "/my/applications")]:
        response = client.open(url, method=method)
        assert response.status_code in (302, 401, 403), url
        for secret in A_SECRETS:
            assert secret not in response.get_data(as_text=True)


def test_services_refuse_cross_access_too(world: World) -> None:
    org_b = world.employer_b.organisation_id
    with pytest.raises(services.NotFound):
        services.get_employer_vacancy(db.session, world.vacancy_a.id, org_b)
    with pytest.raises(services.NotFound):
        services.get_application_for_employer(db.session, world.application_1.id, org_b)
    with pytest.raises(services.NotFound):
        services.get_application_for_worker(db.session, world.application_1.id, world.worker_2.id)
    for actor in (world.employer_b, world.worker_2):
        with pytest.raises(services.NotFound):
            services.change_application_status(
                db.session, world.application_1.id, actor.id, "shortlisted"
            )
    with pytest.raises(services.NotFound):
        services.update_employer_notes(db.session, world.application_1.id, world.employer_b.id, "x")


def test_the_applicant_page_shows_contact_but_no_cccd_or_sensitive_data(
    world: World, login: Login
) -> None:
    body = (
        login(world.employer_a)
        .get(f"/employer/applications/{world.application_1.id}")
        .get_data(as_text=True)
    )
    assert "Phạm Thị Lan" in body
    assert "0987654321" in body  # contact details: the worker applied
    assert CCCD_1 not in body and CCCD_1[-6:] not in body  # no CCCD, not even masked
    assert "Mường" not in body and "Hearing or speech" not in body  # sensitive data


def test_access_to_non_hired_applicants_ends_when_the_vacancy_closes(
    world: World, login: Login
) -> None:
    employer = world.employer_a
    hired_worker = make_worker("Hoàng Văn Được")
    hired = apply(hired_worker, world.vacancy_a)
    move(hired, employer, "shortlisted", "interview", "offered", "hired")
    client = login(employer)
    rejected_url = f"/employer/applications/{world.application_1.id}"
    assert client.get(rejected_url).status_code == 200

    services.close_vacancy(db.session, world.vacancy_a.id, employer.id)

    _refused(client, "GET", rejected_url, ("Phạm Thị Lan", "0987654321"))
    _refused(client, "POST", f"{rejected_url}/notes", ("Phạm Thị Lan",))
    listing = client.get(f"/employer/vacancies/{world.vacancy_a.id}/applicants")
    assert listing.status_code == 200
    body = listing.get_data(as_text=True)
    assert "Phạm Thị Lan" not in body
    assert "Hoàng Văn Được" in body  # hired: now the employer's staff, still visible
    assert client.get(f"/employer/applications/{hired.id}").status_code == 200
    # The worker still sees their own application and its history.
    mine = login(world.worker_1).get(f"/my/applications/{world.application_1.id}")
    assert mine.status_code == 200


def test_access_ends_when_the_vacancy_is_filled(world: World, login: Login) -> None:
    services.mark_vacancy_filled(db.session, world.vacancy_a.id, world.employer_a.id)
    client = login(world.employer_a)
    _refused(client, "GET", f"/employer/applications/{world.application_1.id}", ("Phạm Thị Lan",))


def test_personal_pages_are_not_cached(world: World, login: Login) -> None:
    response = login(world.employer_a).get(f"/employer/applications/{world.application_1.id}")
    assert response.headers["Cache-Control"] == "no-store"


def test_access_ends_when_the_applicant_withdraws(world: World, login: Login) -> None:
    services.withdraw_application(db.session, world.application_1.id, world.worker_1.id)
    client = login(world.employer_a)
    _refused(client, "GET", f"/employer/applications/{world.application_1.id}", ("Phạm Thị Lan",))
    listing = client.get(f"/employer/vacancies/{world.vacancy_a.id}/applicants")
    body = listing.get_data(as_text=True)
    assert listing.status_code == 200 and "Phạm Thị Lan" not in body
