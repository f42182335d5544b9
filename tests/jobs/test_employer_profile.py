"""The employer profile: tax code, uniqueness, reference codes, and the pages."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.jobs import services
from portal.jobs.industrial_parks import canonical_park_name
from portal.jobs.models import EmployerIndustry, EmployerProfile
from portal.jobs.validation import clean_phone, clean_tax_code
from tests.jobs.builders import commune_value, make_employer, make_employer_profile, profile_input
from tests.jobs.conftest import Login, en


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0800123456", "0800123456"),
        ("0800123456-001", "0800123456-001"),
        (" 0800123456 - 001 ", "0800123456-001"),
        ("0800123456–002", "0800123456-002"),  # an en dash typed by a word processor
    ],
)
def test_valid_tax_codes_are_normalised(typed: str, stored: str) -> None:
    assert clean_tax_code(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["", "080012345", "08001234567", "0800123456-01", "0800123456-0001", "08001234AB",
     "0000000000", "0800123456/001", "030095123456"],
)  # fmt: skip
def test_invalid_tax_codes_are_refused(typed: str) -> None:
    assert clean_tax_code(typed) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("0220.3854.568", "02203854568"),  # a Hải Dương landline with its area code
        ("1900 1234", "19001234"),
    ],
)
def test_vietnamese_phone_numbers(typed: str, stored: str) -> None:
    assert clean_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "0123456789", "091234567", "abc", ""])
def test_phone_numbers_that_are_not_vietnamese_are_refused(typed: str) -> None:
    assert clean_phone(typed) is None


def test_listed_industrial_parks_get_one_spelling() -> None:
    assert canonical_park_name("kcn dai an") == "KCN Đại An"
    assert canonical_park_name("Khu công nghiệp Phúc Điền") == "KCN Phúc Điền"
    assert canonical_park_name("Cụm công nghiệp Cao An") == "Cụm công nghiệp Cao An"


def test_a_pending_organisation_can_fill_its_profile(app: Flask) -> None:
    employer = make_employer(verified=False, with_profile=False)
    profile = make_employer_profile(employer, industries=["2018:C", "2018:26"])
    assert profile.tax_code == "0800123456"
    assert profile.industrial_park == "KCN Đại An"
    assert profile.phone == "0912345678"
    assert {(i.vsic_version, i.vsic_code) for i in profile.industries} == {
        ("2018", "C"),
        ("2018", "26"),
    }


def test_a_tax_code_is_unique_with_a_clear_message(app: Flask) -> None:
    first = make_employer(with_profile=False)
    second = make_employer(with_profile=False)
    make_employer_profile(first, tax_code="0800999999")
    with pytest.raises(services.InvalidInput) as refused:
        make_employer_profile(second, tax_code="0800999999")
    assert refused.value.field == "tax_code"
    assert "already registered" in en(refused.value.message)
    assert services.get_employer_profile(db.session, second.organisation_id) is None
    # A branch has its own tax code: the head office's code with a suffix is not a duplicate.
    make_employer_profile(second, tax_code="0800999999-001")


def test_every_problem_is_reported_at_once_and_nothing_is_saved(app: Flask) -> None:
    employer = make_employer(verified=False, with_profile=False)
    with pytest.raises(services.InvalidInput) as refused:
        make_employer_profile(
            employer,
            tax_code="12345",
            enterprise_type="",
            industries=["2018:99999"],
            commune="2025:99999",
            phone="12",
            email="not-an-address",
            contact_person=" ",
            size="",
        )
    assert set(refused.value.errors) == {
        "tax_code",
        "enterprise_type",
        "industries",
        "commune",
        "phone",
        "email",
        "contact_person",
        "size",
    }
    assert db.session.scalar(select(func.count()).select_from(EmployerProfile)) == 0


def test_a_verified_organisation_cannot_change_its_tax_code_alone(app: Flask) -> None:
    employer = make_employer(with_profile=False, verified=False)
    make_employer_profile(employer, tax_code="0800111111")
    make_employer_profile(employer, tax_code="0800111112")  # pending: still free to correct
    employer = make_employer(with_profile=True)
    profile = services.get_employer_profile(db.session, employer.organisation_id)
    assert profile is not None
    with pytest.raises(services.InvalidInput) as refused:
        make_employer_profile(employer, tax_code="0800222222")
    assert refused.value.field == "tax_code"
    make_employer_profile(employer, tax_code=profile.tax_code, size="small")


def test_industries_are_replaced_not_duplicated(app: Flask) -> None:
    employer = make_employer(with_profile=False)
    make_employer_profile(employer, industries=["2018:C", "2018:26"])
    make_employer_profile(employer, industries=["2018:26", "2018:F"])
    codes = set(db.session.scalars(select(EmployerIndustry.vsic_code)))
    assert codes == {"26", "F"}


def test_only_the_organisations_own_staff_may_write_its_profile(app: Flask) -> None:
    first = make_employer(with_profile=False)
    second = make_employer(with_profile=False)
    with pytest.raises(services.NotPermitted):
        services.save_employer_profile(
            db.session, first.organisation_id, second.id, profile_input()
        )


def test_the_profile_page_saves_and_shows_errors_next_to_fields(app: Flask, login: Login) -> None:
    employer = make_employer(verified=False, with_profile=False)
    client = login(employer)
    page = client.get("/employer/profile")
    assert page.status_code == 200
    assert "KCN Đại An" in page.get_data(as_text=True)  # the curated list is offered

    form = {
        "tax_code": "08001",
        "enterprise_type": "private",
        "industries": ["2018:C"],
        "commune": commune_value(),
        "contact_person": "Trần Thị Hoa",
        "phone": "0912345678",
        "email": "hr@example.vn",
        "size": "small",
    }
    refused = client.post("/employer/profile", data=form)
    assert refused.status_code == 400
    body = refused.get_data(as_text=True)
    assert 'id="tax_code-error"' in body
    assert "10 digits" in body

    form["tax_code"] = "0800123456"
    saved = client.post("/employer/profile", data=form)
    assert saved.status_code == 302
    profile = services.get_employer_profile(db.session, employer.organisation_id)
    assert profile is not None and profile.enterprise_type == "private"


def test_the_authority_include_shows_the_profile(app: Flask) -> None:
    employer = make_employer()
    from flask import render_template_string

    with app.test_request_context():
        html = render_template_string(
            '{% include "jobs/_employer_profile.html" %}', organisation=employer.organisation
        )
    profile = services.get_employer_profile(db.session, employer.organisation_id)
    assert profile is not None
    assert profile.tax_code in html
    assert "KCN Đại An" in html
