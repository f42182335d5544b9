"""The portal's main journey, end to end through HTTP, as two people would click through it.

An employer registers, the authority verifies the organisation, the employer fills its profile
and publishes a vacancy; a worker registers, fills the profile, consents, finds the vacancy
with words typed without diacritics, applies; the employer takes the application to "hired";
the worker sees every step, and the hire is in the worker's employment record.

Only the set-up of the authority account (staff accounts are created by an admin, never
registered) goes through a service; everything else is a form post or a page.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.access import Role
from portal.accounts import services as accounts
from portal.accounts.models import Organisation, OrganisationStatus, User
from portal.candidates.models import ConsentPurpose, EmploymentRecord, EmploymentStatus
from portal.candidates.services import CONSENT_TEXTS, get_profile_for_user, has_consent
from portal.extensions import db
from portal.i18n import LANG_COOKIE
from portal.jobs import search
from portal.jobs.models import Application, ApplicationStatus, Vacancy, VacancyStatus
from portal.jobs.vacancy_rules import vietnam_today
from portal.reference.models import COMMUNE, V2025, AdminUnit
from tests.accounts.builders import HOST, PASSWORD, log_in


def register(client: FlaskClient, **fields: str) -> User:
    form = {"password": PASSWORD, "confirm": PASSWORD, "phone": "0912345678", **fields}
    response = client.post("/register", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == fields["email"]))
    assert user is not None
    return user


def ok(response: object) -> None:
    """A form post that succeeded: a redirect, never a page re-rendered with errors."""
    status = response.status_code  # type: ignore[attr-defined]
    assert status == 302, response.get_data(as_text=True)  # type: ignore[attr-defined]


def workplace() -> AdminUnit:
    """A 2025 commune of Hải Phòng formed from the former Hải Dương province."""
    unit = db.session.scalar(
        select(AdminUnit)
        .where(
            AdminUnit.version == V2025,
            AdminUnit.level == COMMUNE,
            AdminUnit.province_code == "31",
            AdminUnit.active.is_(True),
        )
        .order_by(AdminUnit.code)
    )
    assert unit is not None
    return unit


def test_from_registration_to_a_recorded_hire(app: Flask) -> None:
    search.invalidate_search_cache()
    today = vietnam_today()
    commune = workplace()

    # -- the employer registers; its organisation waits for the authority ----------------------
    employer_browser = app.test_client()
    employer = register(
        employer_browser,
        role=Role.EMPLOYER.value,
        organisation_name="Công ty TNHH May mặc Thanh Miện",
        full_name="Trần Thị Hoa",
        email="tuyendung@maythanhmien.example.vn",
    )
    organisation_id = employer.organisation_id
    assert organisation_id is not None
    assert db.session.get(Organisation, organisation_id).status == OrganisationStatus.PENDING  # type: ignore[union-attr]

    # -- the authority verifies it ------------------------------------------------------------
    staff = accounts.create_user(
        db.session,
        email="lao.dong@sonoivu.example.vn",
        password=PASSWORD,
        role=Role.AUTHORITY,
        full_name="Nguyễn Văn Sở",
    )
    staff_browser = app.test_client()
    ok(log_in(staff_browser, staff.email))
    assert "Thanh Miện" in staff_browser.get("/organisations").get_data(as_text=True)
    ok(staff_browser.post(f"/organisations/{organisation_id}/status", data={"action": "verify"}))
    db.session.expire_all()
    assert db.session.get(Organisation, organisation_id).can_publish  # type: ignore[union-attr]

    # -- the employer fills its profile and publishes a vacancy --------------------------------
    ok(
        employer_browser.post(
            "/employer/profile",
            data={
                "tax_code": "0801234567",
                "enterprise_type": "private",
                "industries": ["2018:C"],
                "commune": f"{commune.version}:{commune.code}",
                "contact_person": "Trần Thị Hoa",
                "phone": "0912345678",
                "email": "tuyendung@maythanhmien.example.vn",
                "size": "large",
                "industrial_park": "",
            },
        )
    )
    ok(
        employer_browser.post(
            "/employer/vacancies/new",
            data={
                "title": "Công nhân may công nghiệp",
                "occupation": "7533 – Thợ may",
                "positions": "30",
                "wage_min": "7.500.000",
                "wage_max": "10.000.000",
                "commune": f"{commune.version}:{commune.code}",
                "qualification_code": "none",
                "min_experience_months": "0",
                "shifts": ["office"],
                "benefits": ["bhxh", "meals"],
                "deadline": (today + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
                "must_skills-0": "may công nghiệp",
                "description": "May áo sơ mi xuất khẩu.",
            },
        )
    )
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.organisation_id == organisation_id))
    assert vacancy is not None and vacancy.status == VacancyStatus.DRAFT
    ok(employer_browser.post(f"/employer/vacancies/{vacancy.id}/open", data={"reason": ""}))
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).status == VacancyStatus.OPEN  # type: ignore[union-attr]

    # -- a worker registers, fills the profile and consents -----------------------------------
    worker_browser = app.test_client()
    worker = register(
        worker_browser,
        role=Role.WORKER.value,
        full_name="Phạm Thị Lan",
        email="pham.thi.lan@example.vn",
    )
    ok(
        worker_browser.post(
            "/profile/identity",
            data={
                "full_name": "Phạm Thị Lan",
                "date_of_birth": "14/02/1999",
                "sex": "female",
                "cccd": "030199001234",
            },
        )
    )
    profile = get_profile_for_user(db.session, worker.id)
    assert profile is not None
    version = CONSENT_TEXTS[ConsentPurpose.MATCHING].version
    ok(
        worker_browser.post(
            "/profile/consent/matching/give", data={"matching-text_version": version}
        )
    )
    assert has_consent(db.session, profile.id, ConsentPurpose.MATCHING)

    # -- …finds the vacancy with a query typed without diacritics, and applies ------------------
    results = worker_browser.get("/search?q=cong+nhan+may")
    assert results.status_code == 200
    html = results.get_data(as_text=True)
    assert f'href="/vacancies/{vacancy.id}"' in html
    assert "Công ty TNHH May mặc Thanh Miện" in html
    assert "Công nhân may công nghiệp" in worker_browser.get(f"/vacancies/{vacancy.id}").get_data(
        as_text=True
    )
    applied = worker_browser.post(
        f"/vacancies/{vacancy.id}/apply", data={"cover_note": "Em đã may 3 năm."}
    )
    ok(applied)
    application = db.session.scalar(select(Application).where(Application.profile_id == profile.id))
    assert application is not None
    assert applied.headers["Location"] == f"/my/applications/{application.id}"

    # -- the employer takes the application to "hired" -----------------------------------------
    listing = employer_browser.get(f"/employer/vacancies/{vacancy.id}/applicants")
    assert "Phạm Thị Lan" in listing.get_data(as_text=True)
    status_url = f"/employer/applications/{application.id}/status"
    interview_day = today + dt.timedelta(days=2)
    steps = [
        {"move": "shortlisted"},
        {
            "move": "interview",
            "interview-interview_date": interview_day.strftime("%d/%m/%Y"),
            "interview-interview_time": "08:30",
            "interview-interview_place": "Phòng nhân sự, nhà xưởng số 1",
        },
        {"move": "offered", "offered-note": "Lương 8.500.000 ₫, vào làm thứ Hai."},
        {"move": "hired", "hired-start_date": (today + dt.timedelta(days=7)).strftime("%d/%m/%Y")},
    ]
    worker_browser.set_cookie(LANG_COOKIE, "en", domain=HOST)  # compare with the English labels
    for step, label in zip(steps, ("Shortlisted", "Interview", "Offered", "Hired"), strict=True):
        ok(employer_browser.post(status_url, data=step))
        db.session.expire_all()
        assert db.session.get(Application, application.id).status == step["move"]  # type: ignore[union-attr]
        page = worker_browser.get(f"/my/applications/{application.id}")
        assert page.status_code == 200
        assert label in page.get_data(as_text=True), label  # the worker follows each step
    assert db.session.get(Application, application.id).status == ApplicationStatus.HIRED  # type: ignore[union-attr]
    mine = worker_browser.get(f"/my/applications/{application.id}").get_data(as_text=True)
    assert "Phòng nhân sự, nhà xưởng số 1" in mine  # the interview the worker was invited to
    assert "Lương 8.500.000 ₫, vào làm thứ Hai." in mine  # the employer's note on the offer
    overview = worker_browser.get("/my/applications").get_data(as_text=True)
    assert "Công nhân may công nghiệp" in overview
    # …and was told of each step in the portal's notifications.
    inbox = worker_browser.get("/notifications").get_data(as_text=True)
    assert inbox.count("Công nhân may công nghiệp") >= len(steps)

    # -- hiring wrote the worker's employment record ------------------------------------------
    record = db.session.scalar(
        select(EmploymentRecord).where(EmploymentRecord.profile_id == profile.id)
    )
    assert record is not None
    assert record.employer_organisation_id == organisation_id
    assert record.application_id == application.id
    assert record.occupation_code == "7533"
    assert (record.unit_version, record.workplace_commune_code) == (commune.version, commune.code)
    assert record.start_date == today + dt.timedelta(days=7)
    db.session.refresh(profile)
    assert profile.employment_status == EmploymentStatus.EMPLOYED
    assert "Thanh Miện" in record.employer_name
