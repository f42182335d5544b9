"""Verified employers search consenting workers; contact details only after acceptance or an
application; never sensitive data, never the full CCCD."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from sqlalchemy import select

from portal.access import Role
from portal.accounts.models import User
from portal.candidates import services
from portal.candidates.consent import CONSENT_TEXTS
from portal.candidates.models import ConsentPurpose, WorkerProfile
from portal.extensions import db
from portal.jobs.models import (
    Application,
    ApplicationStatus,
    ContactRequest,
    Notification,
    Vacancy,
    VacancyStatus,
)
from portal.reference.models import LEGACY
from tests.candidates.builders import (
    client_for,
    home_communes,
    legacy_commune,
    make_user,
    make_worker_with_profile,
    new_commune_of,
)

MATCHING = ConsentPurpose.MATCHING
CONTACT = ConsentPurpose.CONTACT
BOTH = (MATCHING, CONTACT)


def open_vacancy(organisation_id: int, **overrides: object) -> Vacancy:
    values: dict[str, object] = {
        "organisation_id": organisation_id,
        "title": "Công nhân hàn",
        "occupation_code": "7212",
        "commune_code": home_communes()[0].code,
        "deadline": dt.date.today() + dt.timedelta(days=30),
        "status": VacancyStatus.OPEN,
    }
    values.update(overrides)
    vacancy = Vacancy(**values)
    db.session.add(vacancy)
    db.session.commit()
    return vacancy


def apply(vacancy: Vacancy, profile: WorkerProfile, **overrides: object) -> Application:
    application = Application(vacancy_id=vacancy.id, profile_id=profile.id, **overrides)
    db.session.add(application)
    db.session.commit()
    return application


def found_ids(client, query: str = "") -> set[int]:  # type: ignore[no-untyped-def]
    response = client.get("/workers" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    html = response.get_data(as_text=True)
    return {
        profile.id
        for profile in db.session.scalars(select(WorkerProfile))
        if f'href="/workers/{profile.id}"' in html
    }


def test_only_consenting_workers_are_found_with_a_short_name_and_no_contact(
    app: Flask, employer: User
) -> None:
    _u1, shown = make_worker_with_profile(full_name="Nguyễn Thị Hoa", consents=(MATCHING,))
    _u2, hidden = make_worker_with_profile(full_name="Bùi Văn Khánh")
    _u3, other = make_worker_with_profile(full_name="Lý Văn Long", consents=(CONTACT,))
    client = client_for(app, employer)
    response = client.get("/workers")
    html = response.get_data(as_text=True)
    assert found_ids(client) == {shown.id}
    assert "N.T. Hoa" in html
    assert "Nguyễn Thị Hoa" not in html
    assert "Hàn hồ quang tay" in html  # skills are shown
    assert shown.phone not in html and shown.email not in html
    assert shown.cccd not in html and shown.cccd[-3:] + "<" not in html
    assert hidden.full_name not in html and other.full_name not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_filters_by_occupation_skill_qualification_commune_and_former_district(
    app: Flask, employer: User
) -> None:
    cam_giang = legacy_commune("295")
    communes = home_communes()
    _a, welder = make_worker_with_profile(
        consents=(MATCHING,),
        skills=("hàn điện",),
        wished=("7212",),
        qualification="trung_cap",
        commune=new_commune_of(cam_giang.code),
    )
    _b, sewer = make_worker_with_profile(
        consents=(MATCHING,),
        skills=("Vận hành máy may công nghiệp",),
        wished=("8153",),
        qualification="none",
        commune=communes[-1],
    )
    _c, legacy = make_worker_with_profile(
        consents=(MATCHING,),
        skills=("Thêu tay tranh chữ thập",),
        wished=("7533",),
        qualification="cao_dang",
        commune=cam_giang,
    )
    assert legacy.unit_version == LEGACY
    client = client_for(app, employer)
    assert found_ids(client) == {welder.id, sewer.id, legacy.id}
    assert found_ids(client, "?occupation=7212") == {welder.id}
    assert found_ids(client, "?occupation=75") == {legacy.id}  # a group finds its members
    assert found_ids(client, "?skill=HAN+DIEN") == {welder.id}  # folded, case-insensitive
    assert found_ids(client, "?skill=theu+tay") == {legacy.id}  # free text, without marks
    assert found_ids(client, "?skill=may+cong+nghiep") == {sewer.id}
    assert found_ids(client, "?qualification=trung_cap") == {welder.id, legacy.id}
    # The former district of Cẩm Giàng finds both the legacy address and the 2025 one.
    assert found_ids(client, "?district=295") == {welder.id, legacy.id}
    assert found_ids(client, f"?commune=2025:{new_commune_of(cam_giang.code).code}") == {
        welder.id,
        legacy.id,
    }
    response = client.get("/workers?district=999")
    assert response.status_code == 400


def test_unverified_employers_and_other_roles_cannot_search(
    app: Flask, pending_employer: User, authority: User
) -> None:
    make_worker_with_profile(consents=(MATCHING,))
    worker = make_user(Role.WORKER)
    school = make_user(Role.SCHOOL)
    for user in (pending_employer, worker, school, authority):
        client = client_for(app, user)
        assert client.get("/workers").status_code == 403, user.role
    anonymous = app.test_client().get("/workers")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_contact_request_accepted_shows_contact_details_to_that_employer_only(
    app: Flask, employer: User
) -> None:
    worker, profile = make_worker_with_profile(full_name="Nguyễn Thị Hoa", consents=BOTH)
    other_employer = make_user(Role.EMPLOYER)
    client = client_for(app, employer)
    page = client.get(f"/workers/{profile.id}").get_data(as_text=True)
    assert profile.phone not in page and "Nguyễn Thị Hoa" not in page

    response = client.post(f"/workers/{profile.id}/contact", data={"message": "Mời phỏng vấn"})
    assert response.status_code == 302
    client.post(f"/workers/{profile.id}/contact", data={"message": "again"})  # double click
    requests = db.session.scalars(select(ContactRequest)).all()
    assert len(requests) == 1 and requests[0].status == "pending"
    notification = db.session.scalar(select(Notification).where(Notification.user_id == worker.id))
    assert notification is not None and notification.kind == "contact_request"
    assert not services.contact_visible(db.session, employer.organisation_id, profile.id)

    worker_client = client_for(app, worker)
    listing = worker_client.get("/profile/contact-requests").get_data(as_text=True)
    assert "Mời phỏng vấn" in listing and employer.organisation.name in listing
    answer = worker_client.post(f"/profile/contact-requests/{requests[0].id}/accept")
    assert answer.status_code == 302

    assert services.contact_visible(db.session, employer.organisation_id, profile.id)
    page = client.get(f"/workers/{profile.id}").get_data(as_text=True)
    assert profile.phone in page and profile.email in page and "Nguyễn Thị Hoa" in page
    assert services.mask_cccd(profile.cccd) in page
    assert profile.cccd not in page  # employers never see the full number

    other = client_for(app, other_employer).get(f"/workers/{profile.id}").get_data(as_text=True)
    assert profile.phone not in other
    assert not services.contact_visible(db.session, other_employer.organisation_id, profile.id)

    # Withdrawing consent to be contacted ends the sharing at once.
    worker_client.post("/profile/consent/contact/withdraw")
    assert not services.contact_visible(db.session, employer.organisation_id, profile.id)
    assert profile.phone not in client.get(f"/workers/{profile.id}").get_data(as_text=True)


def test_a_declined_request_shares_nothing_and_cannot_be_resent(app: Flask, employer: User) -> None:
    worker, profile = make_worker_with_profile(consents=BOTH)
    client = client_for(app, employer)
    client.post(f"/workers/{profile.id}/contact", data={})
    request_id = db.session.scalar(select(ContactRequest.id))
    client_for(app, worker).post(f"/profile/contact-requests/{request_id}/decline")
    client.post(f"/workers/{profile.id}/contact", data={})
    db.session.expire_all()
    statuses = db.session.scalars(select(ContactRequest.status)).all()
    assert statuses == ["declined"]
    assert not services.contact_visible(db.session, employer.organisation_id, profile.id)


def test_workers_not_accepting_contact_cannot_be_asked(app: Flask, employer: User) -> None:
    _worker, profile = make_worker_with_profile(consents=(MATCHING,))
    client = client_for(app, employer)
    page = client.get(f"/workers/{profile.id}").get_data(as_text=True)
    assert f"/workers/{profile.id}/contact" not in page
    response = client.post(f"/workers/{profile.id}/contact", data={})
    assert response.status_code == 400
    assert db.session.scalar(select(ContactRequest.id)) is None


def test_a_worker_cannot_answer_someone_elses_request(app: Flask, employer: User) -> None:
    _owner, profile = make_worker_with_profile(consents=BOTH)
    intruder, _other = make_worker_with_profile(consents=BOTH)
    client_for(app, employer).post(f"/workers/{profile.id}/contact", data={})
    request_id = db.session.scalar(select(ContactRequest.id))
    response = client_for(app, intruder).post(f"/profile/contact-requests/{request_id}/accept")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.scalar(select(ContactRequest.status)) == "pending"


def test_an_application_makes_contact_visible_while_the_vacancy_is_open(
    app: Flask, employer: User
) -> None:
    _worker, profile = make_worker_with_profile()  # no consent to be found at all
    vacancy = open_vacancy(employer.organisation_id)
    other_employer = make_user(Role.EMPLOYER)
    client = client_for(app, employer)
    assert client.get(f"/workers/{profile.id}").status_code == 404

    application = apply(vacancy, profile)
    assert services.contact_visible(db.session, employer.organisation_id, profile.id)
    assert not services.contact_visible(db.session, other_employer.organisation_id, profile.id)
    page = client.get(f"/workers/{profile.id}").get_data(as_text=True)
    assert profile.phone in page
    assert client_for(app, other_employer).get(f"/workers/{profile.id}").status_code == 404

    vacancy.status = VacancyStatus.CLOSED  # access to a non-hired applicant ends on closing
    db.session.commit()
    assert not services.contact_visible(db.session, employer.organisation_id, profile.id)
    application.status = ApplicationStatus.HIRED
    db.session.commit()
    assert services.contact_visible(db.session, employer.organisation_id, profile.id)


def test_a_withdrawn_application_no_longer_shows_contact(app: Flask, employer: User) -> None:
    _worker, profile = make_worker_with_profile()
    vacancy = open_vacancy(employer.organisation_id)
    apply(vacancy, profile, status=ApplicationStatus.WITHDRAWN)
    assert not services.contact_visible(db.session, employer.organisation_id, profile.id)


def test_giving_consent_again_after_a_new_text_version(app: Flask, employer: User) -> None:
    _worker, profile = make_worker_with_profile()
    services.give_consent(db.session, profile.id, MATCHING, CONSENT_TEXTS[MATCHING].version)
    assert profile.id in found_ids(client_for(app, employer))
