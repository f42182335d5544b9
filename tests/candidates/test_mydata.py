""" "My data": everything shown and downloadable (JSON, zip of CSV files, formula-safe), and
account deletion that erases the person, keeps an anonymous row, ends every session, and
leaves nothing half-done when it fails."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.access import Role
from portal.accounts.models import AuthSession, User
from portal.candidates import mydata, services
from portal.candidates.errors import WrongPassword
from portal.candidates.models import (
    AnonymisedWorker,
    ConsentEvent,
    ConsentPurpose,
    EmploymentRecord,
    Experience,
    SensitiveData,
    WorkerProfile,
    WorkerSkill,
)
from portal.extensions import db
from portal.jobs.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ContactRequest,
    Notification,
    SavedSearch,
    Vacancy,
    VacancyStatus,
)
from tests.candidates.builders import (
    PASSWORD,
    client_for,
    client_with_cookie,
    home_communes,
    make_user,
    make_worker_with_profile,
    session_cookie,
)

FORMULAS = ('=HYPERLINK("http://evil")', "+84 Lê Lợi", "-2+3", "@SUM(A1)", "\tTab", "\rCR")


def rich_worker(employer: User) -> tuple[User, WorkerProfile]:
    """A worker with something in every table "my data" covers."""
    user, profile = make_worker_with_profile(
        full_name="Nguyễn Thị Hoa",
        consents=(ConsentPurpose.MATCHING, ConsentPurpose.CONTACT),
        skills=("Hàn hồ quang tay", "@SUM(A1)"),
    )
    services.add_experience(
        db.session,
        user.id,
        employer_name="Công ty May Tứ Kỳ",
        job_title='=HYPERLINK("http://evil")',
        start_date=dt.date(2019, 5, 1),
        end_date=dt.date(2023, 5, 1),
        description="-2+3",
    )
    services.save_sensitive_data(db.session, profile.id, ethnicity="06", disability="vision")
    vacancy = Vacancy(
        organisation_id=employer.organisation_id,
        title="Thợ hàn",
        occupation_code="7212",
        commune_code=home_communes()[0].code,
        deadline=dt.date.today() + dt.timedelta(days=30),
        status=VacancyStatus.OPEN,
    )
    db.session.add(vacancy)
    db.session.flush()
    application = Application(
        vacancy_id=vacancy.id,
        profile_id=profile.id,
        cover_note="\tTab",
        employer_notes="private note of the employer",
        status=ApplicationStatus.HIRED,
    )
    db.session.add(application)
    db.session.flush()
    db.session.add(
        ApplicationEvent(
            application_id=application.id,
            from_status=None,
            to_status=ApplicationStatus.APPLIED,
            actor_id=user.id,
            note="\rCR",
        )
    )
    db.session.add(
        EmploymentRecord(
            profile_id=profile.id,
            employer_organisation_id=employer.organisation_id,
            employer_name="Công ty May Tứ Kỳ",
            start_date=dt.date(2025, 6, 1),
            application_id=application.id,
        )
    )
    db.session.add(
        ContactRequest(
            organisation_id=employer.organisation_id, profile_id=profile.id, message="+84 Lê Lợi"
        )
    )
    db.session.add(
        Notification(user_id=user.id, kind="test", message="Thông báo thử", dedupe_key="t1")
    )
    db.session.add(SavedSearch(user_id=user.id, name="Hàn ở Cẩm Giàng", params={"q": "han"}))
    db.session.commit()
    return user, profile


def test_my_data_page_shows_everything_held(app: Flask, employer: User) -> None:
    user, profile = rich_worker(employer)
    client = client_for(app, user)
    page = client.get("/my-data")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    for expected in (
        "Nguyễn Thị Hoa",
        profile.cccd,
        "Hàn hồ quang tay",
        "Công ty May Tứ Kỳ",
        "Mường",  # the worker sees their own sensitive data
        "Thợ hàn",
        "Thông báo thử",
        "Hàn ở Cẩm Giàng",
        "/profile/identity",  # links to correct it
    ):
        assert expected in html, expected
    assert "private note of the employer" not in html


def test_json_download_contains_the_persons_data_only(app: Flask, employer: User) -> None:
    user, profile = rich_worker(employer)
    _other, stranger = make_worker_with_profile(full_name="Bùi Văn Khánh")
    response = client_for(app, user).get("/my-data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["full_name"] == "Nguyễn Thị Hoa"
    assert data["profile"]["cccd"] == profile.cccd
    assert data["profile"]["date_of_birth"] == "1998-03-25"
    assert {s["raw_text"] for s in data["skills"]} == {"Hàn hồ quang tay", "@SUM(A1)"}
    assert data["experiences"][0]["employer_name"] == "Công ty May Tứ Kỳ"
    assert data["sensitive_data"]["ethnicity"] == "06"
    assert [c["purpose"] for c in data["consents"]] == ["matching", "contact"]
    assert data["applications"][0]["vacancy_title"] == "Thợ hàn"
    assert "employer_notes" not in data["applications"][0]
    assert data["application_history"][0]["to_status"] == "applied"
    assert data["employment_records"][0]["employer_name"] == "Công ty May Tứ Kỳ"
    assert data["contact_requests"][0]["message"] == "+84 Lê Lợi"
    assert data["notifications"][0]["message"] == "Thông báo thử"
    assert data["saved_searches"][0]["name"] == "Hàn ở Cẩm Giàng"
    assert data["account"]["email"] == user.email
    assert data["login_sessions"]
    text = response.get_data(as_text=True)
    assert stranger.full_name not in text and stranger.cccd not in text


def test_csv_download_is_a_zip_with_formula_injection_escaped(app: Flask, employer: User) -> None:
    user, profile = rich_worker(employer)
    response = client_for(app, user).get("/my-data.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {
        "README.txt",
        "profile.csv",
        "skills.csv",
        "experiences.csv",
        "consents.csv",
        "sensitive_data.csv",
        "applications.csv",
        "application_history.csv",
        "employment_records.csv",
        "contact_requests.csv",
        "notifications.csv",
        "saved_searches.csv",
        "account.csv",
        "login_sessions.csv",
    } <= names

    def rows(name: str) -> list[list[str]]:
        text = archive.read(name).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))

    profile_rows = dict(row for row in rows("profile.csv")[1:])
    assert profile_rows["full_name"] == "Nguyễn Thị Hoa"
    assert profile_rows["cccd"] == profile.cccd
    cells = [cell for name in names - {"README.txt"} for row in rows(name) for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells, formula
        assert formula not in cells
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "true"),
        (12, "12"),
    ],
)
def test_safe_cell(value: object, cell: str) -> None:
    assert mydata.safe_cell(value) == cell


def count(model: type, *where: object) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_deleting_the_account_erases_the_person_and_keeps_an_anonymous_row(
    app: Flask, employer: User
) -> None:
    user, profile = rich_worker(employer)
    pid, uid, email = profile.id, user.id, user.email
    birth_year, commune = profile.date_of_birth.year, profile.current_commune_code
    client = client_for(app, user)
    other_browser = client_for(app, user)
    saved = session_cookie(client)

    page = client.get("/my-data/delete")
    assert page.status_code == 200
    response = client.post("/my-data/delete", data={"password": PASSWORD})
    assert response.status_code == 302

    assert count(WorkerProfile, WorkerProfile.id == pid) == 0
    for model in (
        WorkerSkill,
        Experience,
        SensitiveData,
        ConsentEvent,
        EmploymentRecord,
        Application,
        ContactRequest,
    ):
        assert count(model, model.profile_id == pid) == 0, model
    assert count(ApplicationEvent) == 0
    assert count(Notification, Notification.user_id == uid) == 0
    assert count(SavedSearch, SavedSearch.user_id == uid) == 0
    account = db.session.get(User, uid)
    assert account.disabled and account.full_name == "" and account.phone is None
    assert account.email != email and "deleted" in account.email
    assert count(AuthSession, AuthSession.user_id == uid, AuthSession.revoked_at.is_(None)) == 0
    assert count(AuthSession, AuthSession.user_id == uid, AuthSession.ip.is_not(None)) == 0

    (anonymous,) = db.session.scalars(select(AnonymisedWorker)).all()
    assert anonymous.birth_year == birth_year
    assert anonymous.sex == "female"
    assert anonymous.commune_code == commune
    assert anonymous.qualification_code == "trung_cap"
    assert anonymous.employment_status == "unemployed"

    for browser in (client, other_browser, client_with_cookie(app, saved)):
        refused = browser.get("/profile")
        assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    login = client.post("/login", data={"email": email, "password": PASSWORD})
    assert login.status_code != 302
    # The address is free again: the person may register anew one day.
    assert make_user(Role.WORKER).email != email


def test_deletion_needs_the_password(app: Flask, employer: User) -> None:
    user, profile = rich_worker(employer)
    client = client_for(app, user)
    response = client.post("/my-data/delete", data={"password": "not my password"})
    assert response.status_code == 400
    assert 'id="password-error"' in response.get_data(as_text=True)
    assert count(WorkerProfile, WorkerProfile.id == profile.id) == 1
    assert client.get("/profile").status_code == 200


def test_a_failed_deletion_leaves_everything_as_it_was(
    app: Flask, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, profile = rich_worker(employer)
    before = {
        model: count(model, model.profile_id == profile.id)
        for model in (WorkerSkill, Experience, SensitiveData, ConsentEvent, Application)
    }

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(mydata, "revoke_all_sessions", broken)
    with pytest.raises(RuntimeError):
        mydata.delete_account(db.session, user.id, PASSWORD)
    after = {model: count(model, model.profile_id == profile.id) for model in before}
    assert after == before
    assert count(WorkerProfile, WorkerProfile.id == profile.id) == 1
    assert count(AnonymisedWorker) == 0
    assert count(Notification, Notification.user_id == user.id) == 1
    account = db.session.get(User, user.id)
    assert not account.disabled and account.full_name == "Nguyễn Thị Hoa"
    with pytest.raises(WrongPassword):
        mydata.delete_account(db.session, user.id, "wrong password")


def test_a_worker_without_a_profile_can_delete_the_account(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    assert client.get("/my-data").status_code == 200
    assert client.post("/my-data/delete", data={"password": PASSWORD}).status_code == 302
    assert count(AnonymisedWorker) == 0
    assert db.session.get(User, worker.id).disabled
