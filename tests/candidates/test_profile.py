"""Creating and editing a profile section by section, through the real forms."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.candidates import services
from portal.candidates.models import WorkerProfile, WorkerSkill
from portal.extensions import db
from portal.reference.models import LEGACY, V2025
from tests.candidates.builders import (
    cccd_for,
    client_for,
    home_communes,
    legacy_commune,
    make_worker_with_profile,
)

DOB = dt.date(1998, 3, 25)


def identity_form(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Trần Văn Bình",
        "date_of_birth": "25/03/1998",
        "sex": "male",
        "cccd": cccd_for(DOB, "male", serial=123456),
    }
    data.update(overrides)
    return data


def profile_of(user: User) -> WorkerProfile | None:
    db.session.expire_all()
    return services.get_profile_for_user(db.session, user.id)


def test_a_worker_creates_a_profile_and_fills_each_section(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    assert client.get("/profile").status_code == 200
    page = client.get("/profile/identity")
    assert page.status_code == 200
    assert "Trần Văn Bình" in page.get_data(as_text=True)  # prefilled from the account

    response = client.post("/profile/identity", data=identity_form(cccd="030 098 123 456"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/profile/residence")
    profile = profile_of(worker)
    assert profile is not None
    assert profile.cccd == "030098123456"  # digits only
    assert profile.date_of_birth == DOB
    assert profile.name_folded == "tran van binh"

    commune = home_communes()[0]
    response = client.post(
        "/profile/residence",
        data={
            "phone": "+84 912 345 678",
            "email": "binh@example.vn",
            "unit_version": V2025,
            "current_commune": f"{commune.name} ({commune.code})",
            "permanent_commune": commune.name,  # an exact name is enough when it is unique
            "home_province_code": "31",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    profile = profile_of(worker)
    assert profile.phone == "0912345678"
    assert profile.current_commune_code == commune.code
    assert profile.permanent_commune_code == commune.code
    assert profile.home_province_code == "31"
    page = client.get("/profile/residence").get_data(as_text=True)
    assert f"({commune.code})" in page  # the stored code is shown with its name

    response = client.post(
        "/profile/education",
        data={
            "general_education": "upper_secondary",
            "qualification_code": "trung_cap",
            "training_field": "Điện công nghiệp",
            "training_occupation_code": "5520227",
            "school_name": "Trường Cao đẳng Kỹ thuật Hải Dương",
            "graduation_year": "2018",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)

    assert (
        client.post("/profile/skills", data={"raw_text": "hàn điện", "years": "3"}).status_code
        == 302
    )
    response = client.post(
        "/profile/experience",
        data={
            "employer_name": "Công ty TNHH Dây điện Nam Sách",
            "job_title": "Công nhân hàn",
            "occupation_code": "7212",
            "start_date": "01/06/2018",
            "end_date": "31/12/2024",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post(
        "/profile/employment",
        data={"employment_status": "unemployed", "unemployed_since": "02/01/2025", "has_bhxh": "y"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post(
        "/profile/wishes",
        data={
            "wished_occupation_codes": ["7212", "7411"],
            "preferred_communes-0": commune.code,
            "max_commute_km": "20",
            "min_wage": "8.500.000",
            "shifts": ["office", "two_shifts"],
            "willing_to_relocate": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)

    profile = profile_of(worker)
    assert profile.qualification_code == "trung_cap"
    assert profile.training_occupation_code == "5520227"
    assert [e.job_title for e in profile.experiences] == ["Công nhân hàn"]
    assert profile.employment_status == "unemployed"
    assert profile.unemployed_since == dt.date(2025, 1, 2)
    assert profile.has_bhxh and not profile.has_bhtn
    assert profile.wished_occupation_codes == ["7212", "7411"]
    assert profile.preferred_commune_codes == [commune.code]
    assert profile.min_wage == 8_500_000
    assert profile.shifts_accepted == ["office", "two_shifts"]
    assert services.completeness(profile) == 100
    dashboard = client.get("/profile").get_data(as_text=True)
    assert "100%" in dashboard


def test_sections_before_the_identity_send_the_worker_to_it(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    for path in ("/profile/residence", "/profile/skills", "/profile/consent", "/profile/wishes"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/profile/identity")


def test_legacy_communes_are_accepted_with_their_version(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    commune = legacy_commune()
    response = client.post(
        "/profile/residence",
        data={
            "phone": "0987654321",
            "unit_version": LEGACY,
            "current_commune": commune.code,
            "home_province_code": "30",  # Hải Dương exists in the legacy list only
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    profile = profile_of(worker)
    assert (profile.unit_version, profile.current_commune_code) == (LEGACY, commune.code)
    assert profile.home_province_code == "30"


def test_an_unknown_commune_is_refused_next_to_the_field(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    response = client.post(
        "/profile/residence",
        data={"phone": "0987654321", "unit_version": V2025, "current_commune": "99999"},
    )
    assert response.status_code == 400
    assert 'id="current_commune-error"' in response.get_data(as_text=True)
    assert profile_of(worker).current_commune_code is None


def test_skills_keep_the_free_text_and_map_it_when_the_taxonomy_knows_it(
    app: Flask, worker: User
) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    client.post("/profile/skills", data={"raw_text": "han dien"})  # an alias, typed bare
    client.post("/profile/skills", data={"raw_text": "Thêu tay tranh chữ thập"})  # unknown
    client.post("/profile/skills", data={"raw_text": "Han  Dien"})  # the same again: kept once
    profile = profile_of(worker)
    rows = {skill.raw_text: skill for skill in profile.skills}
    assert set(rows) == {"han dien", "Thêu tay tranh chữ thập"}
    assert rows["han dien"].skill_id is not None  # mapped to "Hàn hồ quang tay"
    assert rows["Thêu tay tranh chữ thập"].skill_id is None  # free text kept as typed
    assert rows["Thêu tay tranh chữ thập"].text_folded == "theu tay tranh chu thap"


def test_skill_text_is_stored_in_composed_unicode(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    decomposed = "Ha\u0300n tie\u0302\u0301p"  # "Hàn tiếp" typed with combining marks
    client.post("/profile/skills", data={"raw_text": decomposed})
    (skill,) = profile_of(worker).skills
    assert skill.raw_text == "Hàn tiếp"


def test_removing_a_skill_or_job_of_someone_else_is_not_found(app: Flask, worker: User) -> None:
    _other, other_profile = make_worker_with_profile()
    other_skill = other_profile.skills[0].id
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    assert client.post(f"/profile/skills/{other_skill}/remove").status_code == 404
    db.session.expire_all()
    assert db.session.get(WorkerSkill, other_skill) is not None


def test_a_double_submitted_experience_is_kept_once(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    data = {"employer_name": "Công ty A", "job_title": "Thợ may", "start_date": "01/01/2020"}
    client.post("/profile/experience", data=data)
    client.post("/profile/experience", data=data)
    assert len(profile_of(worker).experiences) == 1


def test_the_identity_form_creates_one_profile_even_when_sent_twice(
    app: Flask, worker: User
) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    client.post("/profile/identity", data=identity_form())
    count = db.session.scalar(
        select(func.count()).select_from(WorkerProfile).where(WorkerProfile.user_id == worker.id)
    )
    assert count == 1


def test_every_profile_page_renders_for_its_owner(app: Flask) -> None:
    user, _profile = make_worker_with_profile()
    services.save_employment(
        db.session,
        user.id,
        employment_status="employed",
        current_occupation_code="7212",
        current_employer_name="Công ty TNHH Ford Việt Nam",
        workplace_province_code="31",
        has_bhxh=True,
        has_bhtn=True,
    )
    client = client_for(app, user)
    for path in (
        "/profile",
        "/profile/identity",
        "/profile/residence",
        "/profile/education",
        "/profile/skills",
        "/profile/experience",
        "/profile/employment",
        "/profile/wishes",
        "/profile/consent",
        "/profile/sensitive",
        "/profile/contact-requests",
        "/my-data",
        "/my-data/delete",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    employment = client.get("/profile/employment").get_data(as_text=True)
    assert "Công ty TNHH Ford Việt Nam" in employment
    assert 'selected value="7212"' in employment


def test_the_autocomplete_script_is_served_and_used(app: Flask, worker: User) -> None:
    script = app.test_client().get("/profile/autocomplete.js")
    assert script.status_code == 200
    assert script.mimetype == "text/javascript"
    assert "data-autocomplete" in script.get_data(as_text=True)
    client = client_for(app, worker)
    client.post("/profile/identity", data=identity_form())
    page = client.get("/profile/residence").get_data(as_text=True)
    assert 'data-autocomplete="/reference/units?level=commune"' in page
    assert 'list="current_commune-options"' in page
    assert '<datalist id="current_commune-options">' in page
