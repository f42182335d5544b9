"""Who may see what: two workers, two employers, a pending employer, anonymous, authority.

Every cross attempt gets 403 or 404 and leaks nothing; employers never see sensitive data or a
full CCCD; the owner and authority staff do.
"""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.access import Role
from portal.candidates import services
from portal.candidates.models import ConsentPurpose, Experience
from portal.extensions import db
from portal.jobs.models import ContactRequest
from tests.candidates.builders import (
    client_for,
    in_vietnamese,
    make_user,
    make_worker_with_profile,
)

BOTH = (ConsentPurpose.MATCHING, ConsentPurpose.CONTACT)
WORKER_PAGES = (
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
    "/my-data.json",
    "/my-data.zip",
    "/my-data/delete",
)
AUTHORITY_PAGES = ("/authority/workers",)
EMPLOYER_PAGES = ("/workers",)
# The ethnic group given, and the disability's label and both field names in either language.
SENSITIVE_MSGIDS = ("Vision", "Ethnicity", "Disability", "Sensitive data")


@pytest.fixture
def cast(app: Flask) -> dict[str, object]:
    worker_a, profile_a = make_worker_with_profile(full_name="Nguyễn Thị Hoa", consents=BOTH)
    worker_b, profile_b = make_worker_with_profile(full_name="Đặng Văn Tuấn", consents=BOTH)
    services.save_sensitive_data(db.session, profile_a.id, ethnicity="06", disability="vision")
    return {
        "worker_a": worker_a,
        "profile_a": profile_a,
        "worker_b": worker_b,
        "profile_b": profile_b,
        "employer_a": make_user(Role.EMPLOYER),
        "employer_b": make_user(Role.EMPLOYER),
        "pending": make_user(Role.EMPLOYER, organisation_status="pending"),
        "authority": make_user(Role.AUTHORITY),
        "admin": make_user(Role.ADMIN),
        "school": make_user(Role.SCHOOL),
    }


def test_anonymous_visitors_are_sent_to_the_login_page(app: Flask, cast: dict) -> None:
    client = app.test_client()
    paths = (*WORKER_PAGES, *AUTHORITY_PAGES, *EMPLOYER_PAGES, "/workers/1", "/authority/workers/1")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/login" in response.headers["Location"], path


def test_only_workers_reach_the_worker_pages(app: Flask, cast: dict) -> None:
    for who in ("employer_a", "pending", "authority", "admin", "school"):
        client = client_for(app, cast[who])
        for path in WORKER_PAGES:
            assert client.get(path).status_code == 403, (who, path)
        assert client.post("/profile/consent/matching/give").status_code == 403


def test_only_verified_employers_reach_the_search(app: Flask, cast: dict) -> None:
    profile_id = cast["profile_a"].id
    for who in ("worker_a", "pending", "authority", "admin", "school"):
        client = client_for(app, cast[who])
        assert client.get("/workers").status_code == 403, who
        assert client.get(f"/workers/{profile_id}").status_code == 403, who
        assert client.post(f"/workers/{profile_id}/contact").status_code == 403, who
    assert client_for(app, cast["employer_a"]).get("/workers").status_code == 200


def test_only_authority_staff_reach_the_records(app: Flask, cast: dict) -> None:
    profile_id = cast["profile_a"].id
    for who in ("worker_a", "employer_a", "pending", "school"):
        client = client_for(app, cast[who])
        assert client.get("/authority/workers").status_code == 403, who
        assert client.get(f"/authority/workers/{profile_id}").status_code == 403, who
    for who in ("authority", "admin"):
        assert client_for(app, cast[who]).get("/authority/workers").status_code == 200


def test_a_worker_sees_only_their_own_data(app: Flask, cast: dict) -> None:
    a = cast["profile_a"]
    client = client_for(app, cast["worker_b"])
    for path in ("/profile", "/profile/identity", "/my-data", "/my-data.json"):
        body = client.get(path).get_data(as_text=True)
        for secret in (a.full_name, a.cccd, a.phone, a.email):
            assert secret not in body, (path, secret)
    experience = services.add_experience(
        db.session,
        cast["worker_a"].id,
        employer_name="Công ty A",
        job_title="Thợ hàn",
        start_date=a.date_of_birth.replace(year=a.date_of_birth.year + 18),
    )
    assert client.post(f"/profile/experience/{experience.id}/remove").status_code == 404
    assert client.post(f"/profile/skills/{a.skills[0].id}/remove").status_code == 404
    db.session.expire_all()
    assert db.session.get(Experience, experience.id) is not None


def test_the_owner_and_authority_see_the_full_cccd_employers_never(app: Flask, cast: dict) -> None:
    profile = cast["profile_a"]
    owner = client_for(app, cast["worker_a"]).get("/profile/identity").get_data(as_text=True)
    assert profile.cccd in owner

    staff = client_for(app, cast["authority"])
    listing = staff.get("/authority/workers?q=nguyen+thi+hoa").get_data(as_text=True)
    assert profile.cccd in listing and "Nguyễn Thị Hoa" in listing
    assert cast["profile_b"].full_name not in listing
    by_number = staff.get(f"/authority/workers?q={profile.cccd[:6]}").get_data(as_text=True)
    assert profile.cccd in by_number
    detail = staff.get(f"/authority/workers/{profile.id}")
    assert detail.status_code == 200 and detail.headers["Cache-Control"] == "no-store"
    html = detail.get_data(as_text=True)
    assert profile.cccd in html and "Mường" in html  # staff see the sensitive data
    assert staff.get("/authority/workers/999999").status_code == 404

    employer = client_for(app, cast["employer_a"])
    pages = [employer.get("/workers"), employer.get(f"/workers/{profile.id}")]
    assert all(profile.cccd not in page.get_data(as_text=True) for page in pages)


def test_sensitive_data_never_reaches_an_employer(app: Flask, cast: dict) -> None:
    profile = cast["profile_a"]
    employer = client_for(app, cast["employer_a"])
    employer.post(f"/workers/{profile.id}/contact", data={"message": "Xin liên hệ"})
    request_id = db.session.scalar(select(ContactRequest.id))
    client_for(app, cast["worker_a"]).post(f"/profile/contact-requests/{request_id}/accept")
    pages = {
        "search": employer.get("/workers"),
        "search-filtered": employer.get("/workers?skill=han"),
        "worker": employer.get(f"/workers/{profile.id}"),
    }
    assert profile.phone in pages["worker"].get_data(as_text=True)  # contact is shared…
    markers = {"Mường", *SENSITIVE_MSGIDS, *(in_vietnamese(m) for m in SENSITIVE_MSGIDS)}
    for name, response in pages.items():
        html = response.get_data(as_text=True)
        for marker in markers:
            assert marker not in html, (name, marker)  # …sensitive data never is


def test_employer_b_sees_nothing_of_employer_as_contact(app: Flask, cast: dict) -> None:
    profile = cast["profile_a"]
    client_for(app, cast["employer_a"]).post(f"/workers/{profile.id}/contact", data={})
    request_id = db.session.scalar(select(ContactRequest.id))
    client_for(app, cast["worker_a"]).post(f"/profile/contact-requests/{request_id}/accept")
    other = client_for(app, cast["employer_b"]).get(f"/workers/{profile.id}")
    assert other.status_code == 200  # found through the search consent…
    html = other.get_data(as_text=True)
    assert profile.phone not in html and profile.email not in html  # …but no contact
    assert "Nguyễn Thị Hoa" not in html


def test_unknown_workers_are_not_found(app: Flask, cast: dict) -> None:
    employer = client_for(app, cast["employer_a"])
    assert employer.get("/workers/999999").status_code == 404
    assert employer.post("/workers/999999/contact").status_code == 404
