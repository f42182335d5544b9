"""Applying, the hiring pipeline, its history, and what hiring writes."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.candidates.models import EmploymentRecord, EmploymentStatus
from portal.extensions import db
from portal.jobs import services
from portal.jobs.applications import TRANSITIONS, Side
from portal.jobs.models import Application, ApplicationEvent, ApplicationStatus
from portal.reference.models import COMMUNE, AdminUnit
from tests.jobs.builders import apply, make_employer, make_vacancy, make_worker, move, profile_of
from tests.jobs.conftest import en

S = ApplicationStatus


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_the_transition_table_is_the_documented_pipeline() -> None:
    employer_moves = {
        (a, b)
        for a, moves in TRANSITIONS.items()
        for b, who in moves.items()
        if who == Side.EMPLOYER
    }
    assert employer_moves == {
        (S.APPLIED, S.SHORTLISTED),
        (S.APPLIED, S.REJECTED),
        (S.SHORTLISTED, S.INTERVIEW),
        (S.SHORTLISTED, S.REJECTED),
        (S.INTERVIEW, S.INTERVIEW),  # reschedule
        (S.INTERVIEW, S.OFFERED),
        (S.INTERVIEW, S.REJECTED),
        (S.OFFERED, S.HIRED),
        (S.OFFERED, S.REJECTED),
    }
    worker_moves = {
        (a, b) for a, moves in TRANSITIONS.items() for b, who in moves.items() if who == Side.WORKER
    }
    non_final = {S.APPLIED, S.SHORTLISTED, S.INTERVIEW, S.OFFERED}
    assert worker_moves == {(status, S.WITHDRAWN) for status in non_final}
    assert not TRANSITIONS[S.HIRED] and not TRANSITIONS[S.REJECTED] and not TRANSITIONS[S.WITHDRAWN]


def test_applying_twice_gives_one_application(app: Flask) -> None:
    vacancy = make_vacancy(make_employer())
    worker = make_worker()
    first, created = services.apply_to_vacancy(db.session, vacancy.id, worker.id, "Em chào anh chị")
    again, created_again = services.apply_to_vacancy(db.session, vacancy.id, worker.id, "lần 2")
    assert created and not created_again
    assert again.id == first.id and again.cover_note == "Em chào anh chị"
    assert _count(Application) == 1
    assert _count(ApplicationEvent) == 1


def test_a_double_click_race_is_settled_by_the_unique_constraint(app: Flask, monkeypatch) -> None:
    """Two requests that both saw "not applied yet": the second insert hits the constraint and
    answers with the first application instead of an error."""
    vacancy = make_vacancy(make_employer())
    worker = make_worker()
    first = apply(worker, vacancy)
    from portal.jobs import applications

    real = applications.find_application
    calls = {"n": 0}

    def stale(session, vacancy_id, profile_id):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(session, vacancy_id, profile_id)

    monkeypatch.setattr(applications, "find_application", stale)
    again, created = services.apply_to_vacancy(db.session, vacancy.id, worker.id)
    assert not created and again.id == first.id
    assert _count(Application) == 1


def test_a_double_submitted_form_creates_one_application(app: Flask, login) -> None:
    vacancy = make_vacancy(make_employer())
    worker = make_worker()
    client = login(worker)
    for _ in range(2):
        response = client.post(f"/vacancies/{vacancy.id}/apply", data={"cover_note": "Xin chào"})
        assert response.status_code == 302
    assert _count(Application) == 1
    follow = client.get(response.headers["Location"])
    assert follow.status_code == 200


def test_applying_needs_a_profile_and_an_open_vacancy(app: Flask) -> None:
    employer = make_employer()
    draft = make_vacancy(employer, open_it=False)
    with pytest.raises(services.NotPermitted):
        services.apply_to_vacancy(db.session, draft.id, make_worker(with_profile=False).id)
    with pytest.raises(services.InvalidTransition):
        services.apply_to_vacancy(db.session, draft.id, make_worker().id)
    with pytest.raises(services.NotPermitted):  # employers do not apply
        services.apply_to_vacancy(db.session, make_vacancy(employer).id, employer.id)


def test_the_pipeline_records_each_step_with_its_actor(app: Flask) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer)
    worker = make_worker()
    application = apply(worker, vacancy, "Em có 3 năm kinh nghiệm hàn")
    move(application, employer, "shortlisted", "interview", "offered")
    events = application.events
    assert [(e.from_status, e.to_status) for e in events] == [
        (None, S.APPLIED),
        (S.APPLIED, S.SHORTLISTED),
        (S.SHORTLISTED, S.INTERVIEW),
        (S.INTERVIEW, S.OFFERED),
    ]
    assert [e.actor_id for e in events] == [worker.id, employer.id, employer.id, employer.id]
    assert events[2].interview_place == "Phòng nhân sự" and events[2].interview_at is not None
    # Both sides see the same history, each with the actors named as it should see them.
    for_worker = services.history_for_worker(db.session, application, "Bạn", "Cổng")
    assert [v.actor for v in for_worker] == ["Bạn"] + [vacancy.organisation.name] * 3
    for_employer = services.history_for_employer(db.session, application)
    assert for_employer[0].actor == "Nguyễn Văn Nam"
    assert for_employer[1].actor == employer.display_name


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], "interview"),  # applied → interview skips the shortlist
        ([], "offered"),
        ([], "hired"),
        (["shortlisted"], "hired"),
        (["rejected"], "shortlisted"),  # final
        (["shortlisted", "interview", "offered", "hired"], "rejected"),  # final
    ],
)
def test_refused_transitions_say_why(app: Flask, path: list[str], refused: str) -> None:
    employer = make_employer()
    application = apply(make_worker(), make_vacancy(employer))
    move(application, employer, *path)
    before = application.status
    with pytest.raises(services.InvalidTransition) as error:
        move(application, employer, refused)
    assert "cannot go from" in en(error.value.message)
    db.session.refresh(application)
    assert application.status == before


def test_the_worker_may_only_withdraw_and_the_employer_may_not(app: Flask) -> None:
    employer = make_employer()
    worker = make_worker()
    application = apply(worker, make_vacancy(employer))
    with pytest.raises(services.InvalidTransition):
        move(application, worker, "shortlisted")
    with pytest.raises(services.InvalidTransition):
        move(application, employer, "withdrawn")
    move(application, employer, "shortlisted", "interview")
    services.withdraw_application(db.session, application.id, worker.id, "Đã có việc khác")
    assert application.status == S.WITHDRAWN
    assert application.events[-1].note == "Đã có việc khác"
    with pytest.raises(services.InvalidTransition):
        services.withdraw_application(db.session, application.id, worker.id)


def test_an_interview_needs_a_date_and_a_place(app: Flask) -> None:
    employer = make_employer()
    application = apply(make_worker(), make_vacancy(employer))
    move(application, employer, "shortlisted")
    with pytest.raises(services.InvalidInput) as refused:
        services.change_application_status(db.session, application.id, employer.id, "interview")
    assert set(refused.value.errors) == {"interview_at", "interview_place"}
    assert application.status == S.SHORTLISTED


def test_hiring_writes_one_employment_record_and_updates_the_profile(app: Flask) -> None:
    employer = make_employer("Công ty TNHH Dây điện Ô tô Sumi")
    vacancy = make_vacancy(employer, positions=1)
    worker = make_worker()
    application = apply(worker, vacancy)
    start = services.vietnam_today() + dt.timedelta(days=7)
    move(application, employer, "shortlisted", "interview", "offered", "hired")

    record = db.session.scalars(select(EmploymentRecord)).one()
    commune = db.session.scalars(
        select(AdminUnit).where(
            AdminUnit.version == vacancy.unit_version,
            AdminUnit.level == COMMUNE,
            AdminUnit.code == vacancy.commune_code,
        )
    ).one()
    assert (record.employer_organisation_id, record.employer_name) == (
        employer.organisation_id,
        "Công ty TNHH Dây điện Ô tô Sumi",
    )
    assert record.occupation_code == vacancy.occupation_code
    assert (record.workplace_commune_code, record.workplace_province_code) == (
        vacancy.commune_code,
        commune.province_code,
    )
    assert record.start_date == start and record.source == "portal"
    assert record.application_id == application.id

    profile = profile_of(worker)
    db.session.refresh(profile)
    assert profile.employment_status == EmploymentStatus.EMPLOYED
    assert profile.current_employer_name == "Công ty TNHH Dây điện Ô tô Sumi"
    assert profile.current_occupation_code == vacancy.occupation_code
    assert profile.workplace_commune_code == vacancy.commune_code

    with pytest.raises(services.InvalidTransition):  # hiring twice: no second record
        move(application, employer, "hired")
    assert _count(EmploymentRecord) == 1
    assert services.hires_count(db.session, vacancy.id) == 1
    services.mark_vacancy_filled(db.session, vacancy.id, employer.id)


def test_hiring_needs_a_start_date(app: Flask) -> None:
    employer = make_employer()
    application = apply(make_worker(), make_vacancy(employer))
    move(application, employer, "shortlisted", "interview", "offered")
    with pytest.raises(services.InvalidInput) as refused:
        services.change_application_status(db.session, application.id, employer.id, "hired")
    assert refused.value.field == "start_date"
    assert _count(EmploymentRecord) == 0


def test_the_employer_cannot_change_applications_of_a_closed_vacancy(app: Flask) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer)
    worker = make_worker()
    application = apply(worker, vacancy)
    services.close_vacancy(db.session, vacancy.id, employer.id)
    with pytest.raises(services.NotFound):  # its data is no longer the employer's to see
        services.get_application_for_employer(db.session, application.id, employer.organisation_id)
    with pytest.raises(services.InvalidTransition):
        move(application, employer, "shortlisted")
    services.withdraw_application(db.session, application.id, worker.id)  # the worker still can


def test_pipeline_over_http_with_errors_next_to_fields(app: Flask, login) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer)
    worker = make_worker()
    application = apply(worker, vacancy)
    client = login(employer)
    url = f"/employer/applications/{application.id}/status"
    assert client.post(url, data={"move": "shortlisted"}).status_code == 302
    refused = client.post(url, data={"move": "interview", "interview-interview_date": "31/13/2026"})
    assert refused.status_code == 400
    assert 'id="interview-interview_date-error"' in refused.get_data(as_text=True)
    missing = client.post(
        url,
        data={
            "move": "interview",
            "interview-interview_date": (services.vietnam_today() + dt.timedelta(days=3)).strftime(
                "%d/%m/%Y"
            ),
            "interview-interview_time": "08:30",
        },
    )
    assert missing.status_code == 400
    assert 'id="interview-interview_place-error"' in missing.get_data(as_text=True)
    day = services.vietnam_today() + dt.timedelta(days=3)
    ok = client.post(
        url,
        data={
            "move": "interview",
            "interview-interview_date": day.strftime("%d/%m/%Y"),
            "interview-interview_time": "08:30",
            "interview-interview_place": "Phòng họp số 2, KCN Đại An",
            "interview-note": "Mang theo CCCD và bằng nghề",
        },
    )
    assert ok.status_code == 302
    db.session.refresh(application)
    assert application.status == S.INTERVIEW
    assert application.interview_at == dt.datetime.combine(
        day, dt.time(1, 30), tzinfo=dt.UTC
    )  # 08:30 in Vietnam
    mine = login(worker).get(f"/my/applications/{application.id}").get_data(as_text=True)
    assert "Phòng họp số 2, KCN Đại An" in mine
    assert "Mang theo CCCD và bằng nghề" in mine
    assert f"{day.strftime('%d/%m/%Y')} 08:30" in mine


def test_the_worker_is_notified_of_each_employer_step_once(app: Flask) -> None:
    from portal.jobs.applications import application_path
    from portal.jobs.models import Notification

    employer = make_employer("Công ty TNHH Gốm Chu Đậu")
    worker = make_worker()
    application = apply(worker, make_vacancy(employer))
    move(application, employer, "shortlisted", "interview")
    notes = db.session.scalars(
        select(Notification).where(Notification.user_id == worker.id).order_by(Notification.id)
    ).all()
    assert len(notes) == 2  # applying itself is the worker's own step: no notification
    assert all(n.url == application_path(application.id) for n in notes)
    assert "Công ty TNHH Gốm Chu Đậu" in notes[0].message
    services.withdraw_application(db.session, application.id, worker.id)
    assert _count(Notification) == 2
    with app.test_request_context():
        from flask import url_for

        assert url_for("jobs.my_application", application_id=7) == application_path(7)
