"""Verification of organisations by the authority: services, history and pages."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.access import Role
from portal.accounts import services
from portal.accounts.errors import InvalidInput, InvalidStatusChange, NotPermitted
from portal.accounts.models import Organisation, OrganisationStatus, OrganisationStatusChange
from portal.extensions import db
from tests.accounts.builders import logged_in_client, make_user

PENDING, VERIFIED, SUSPENDED = (
    OrganisationStatus.PENDING,
    OrganisationStatus.VERIFIED,
    OrganisationStatus.SUSPENDED,
)


def organisation_of(role: Role = Role.EMPLOYER, status: str = "pending") -> Organisation:
    organisation = make_user(role, organisation_status=status).organisation
    assert organisation is not None
    return organisation


def test_verify_suspend_reinstate_with_history(app: Flask) -> None:
    authority = make_user(Role.AUTHORITY)
    organisation = organisation_of()
    assert not organisation.can_publish

    services.verify_organisation(db.session, organisation.id, authority.id)
    assert organisation.status == VERIFIED and organisation.can_publish
    services.suspend_organisation(db.session, organisation.id, authority.id, "Giấy phép giả")
    assert organisation.status == SUSPENDED and not organisation.can_publish
    services.reinstate_organisation(db.session, organisation.id, authority.id, "Đã xác minh lại")
    assert organisation.status == VERIFIED

    db.session.expire_all()
    organisation = db.session.get(Organisation, organisation.id)
    assert organisation is not None
    history = [(c.from_status, c.to_status, c.actor_id) for c in organisation.status_changes]
    assert history == [
        (SUSPENDED, VERIFIED, authority.id),
        (VERIFIED, SUSPENDED, authority.id),
        (PENDING, VERIFIED, authority.id),
        (None, PENDING, None),
    ]
    assert organisation.status_changed_by is not None
    assert organisation.status_changed_by.id == authority.id
    assert organisation.status_changed_at is not None


def test_suspension_needs_a_reason(app: Flask) -> None:
    authority = make_user(Role.AUTHORITY)
    organisation = organisation_of(status="verified")
    with pytest.raises(InvalidInput):
        services.suspend_organisation(db.session, organisation.id, authority.id, "  ")
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).status == VERIFIED  # type: ignore[union-attr]


def test_impossible_transitions_are_refused(app: Flask) -> None:
    authority = make_user(Role.AUTHORITY)
    organisation = organisation_of(status="verified")
    with pytest.raises(InvalidStatusChange):
        services.verify_organisation(db.session, organisation.id, authority.id)
    with pytest.raises(InvalidStatusChange):
        services.reinstate_organisation(db.session, organisation.id, authority.id)


@pytest.mark.parametrize("role", [Role.WORKER, Role.EMPLOYER, Role.SCHOOL])
def test_only_staff_may_decide(app: Flask, role: Role) -> None:
    actor = make_user(role)
    organisation = organisation_of()
    with pytest.raises(NotPermitted):
        services.verify_organisation(db.session, organisation.id, actor.id)
    assert db.session.scalars(select(OrganisationStatusChange)).all() != []  # only "registered"
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).status == PENDING  # type: ignore[union-attr]


def test_authority_verifies_through_the_pages(app: Flask) -> None:
    client = logged_in_client(app, make_user(Role.AUTHORITY))
    pending = organisation_of(status="pending")
    verified = organisation_of(Role.SCHOOL, status="verified")

    listing = client.get("/organisations?status=pending").get_data(as_text=True)
    assert pending.name in listing and verified.name not in listing
    listing = client.get("/organisations?kind=school").get_data(as_text=True)
    assert verified.name in listing and pending.name not in listing

    page = client.get(f"/organisations/{pending.id}")
    assert page.status_code == 200
    assert 'value="verify"' in page.get_data(as_text=True)
    response = client.post(f"/organisations/{pending.id}/status", data={"action": "verify"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, pending.id).status == VERIFIED  # type: ignore[union-attr]


def test_suspension_without_reason_shows_the_error_next_to_the_field(app: Flask) -> None:
    client = logged_in_client(app, make_user(Role.AUTHORITY))
    organisation = organisation_of(status="verified")
    response = client.post(f"/organisations/{organisation.id}/status", data={"action": "suspend"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="reason-error"' in html
    assert "Vui lòng nêu lý do đình chỉ" in html
    response = client.post(
        f"/organisations/{organisation.id}/status",
        data={"action": "suspend", "reason": "Tuyển dụng lừa đảo"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).status == SUSPENDED  # type: ignore[union-attr]


def test_suspended_organisation_sees_the_reason(app: Flask) -> None:
    authority = make_user(Role.AUTHORITY)
    employer = make_user(Role.EMPLOYER, organisation_status="verified")
    assert employer.organisation is not None
    services.suspend_organisation(
        db.session, employer.organisation.id, authority.id, "Thiếu giấy phép kinh doanh"
    )
    html = logged_in_client(app, employer).get("/account").get_data(as_text=True)
    assert "Tổ chức của bạn đã bị cơ quan quản lý lao động đình chỉ" in html
    assert "Thiếu giấy phép kinh doanh" in html


def test_unknown_organisation_is_404(app: Flask) -> None:
    client = logged_in_client(app, make_user(Role.ADMIN))
    assert client.get("/organisations/999999").status_code == 404
