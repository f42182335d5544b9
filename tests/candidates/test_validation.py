"""Bad input is refused with a clear message next to the field, and nothing is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask_babel import force_locale

from portal.accounts.models import User
from portal.candidates import services
from portal.candidates.errors import InvalidProfileData
from portal.candidates.models import EmploymentStatus, InactiveReason, Sex
from portal.candidates.validation import (
    check_cccd_matches,
    check_date_of_birth,
    check_employment,
    clean_cccd,
    clean_phone,
    mask_cccd,
)
from portal.extensions import db
from tests.candidates.builders import (
    cccd_for,
    client_for,
    field_error,
    in_vietnamese,
    make_user,
)

TODAY = dt.date(2025, 9, 1)
Later = Callable[[], str]


def in_vietnamese_later(msgid: str, **variables: object) -> Later:
    """Parameters are built before the app exists; translate when the test runs."""
    return lambda: in_vietnamese(msgid, **variables)


@pytest.fixture
def english(app: Flask) -> Iterator[None]:
    """Refusal texts in English, so the rule tests can name the message they expect."""
    with force_locale("en"):
        yield


# -- the rules, as plain functions -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("030098123456", "030098123456"), ("030 098 123 456", "030098123456"), ("", None)],
)
def test_cccd_is_stored_as_its_twelve_digits(typed: str, stored: str | None) -> None:
    assert clean_cccd(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "03009812345",  # 11 digits
        "0300981234567",  # 13 digits
        "03009812345A",  # a letter
        "０３００９８１２３４５６",  # full-width digits are not ASCII digits
        "000098123456",  # 000 is no province code
        "097098123456",  # beyond 096
        "003098123456",  # 003 was never issued (Hà Giang is 002, Cao Bằng 004)
    ],
)
def test_malformed_cccd_numbers_are_refused(app: Flask, typed: str) -> None:
    with pytest.raises(InvalidProfileData) as refused:
        clean_cccd(typed)
    assert refused.value.field == "cccd"


def test_cccd_century_sex_and_year_digits_must_fit_the_person(english: None) -> None:
    born = dt.date(1998, 3, 25)
    check_cccd_matches("030098123456", born, Sex.MALE)  # 0: man born in the 1900s
    check_cccd_matches("030198123456", born, Sex.FEMALE)  # 1: woman born in the 1900s
    check_cccd_matches("030205123456", dt.date(2005, 1, 1), Sex.MALE)  # 2: man, 2000s
    check_cccd_matches("030305123456", dt.date(2005, 1, 1), Sex.FEMALE)  # 3: woman, 2000s
    with pytest.raises(InvalidProfileData, match="4th digit"):
        check_cccd_matches("030098123456", born, Sex.FEMALE)
    with pytest.raises(InvalidProfileData, match="5th and 6th"):
        check_cccd_matches("030097123456", born, Sex.MALE)


def test_mask_shows_at_most_the_first_and_last_three_digits() -> None:
    masked = mask_cccd("030098123789")
    assert masked == "030••••••789"
    assert "098123" not in masked
    assert sum(char.isdigit() for char in masked) == 6
    assert mask_cccd(None) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(+84) 38-123-4567", "0381234567"),
        ("", None),
    ],
)
def test_phone_numbers_are_normalised(typed: str, stored: str | None) -> None:
    assert clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["02203850123", "091234567", "09123456789", "0112345678", "+1 415 555 0100", "abc"]
)
def test_numbers_that_are_not_vietnamese_mobiles_are_refused(app: Flask, typed: str) -> None:
    with pytest.raises(InvalidProfileData) as refused:
        clean_phone(typed)
    assert refused.value.field == "phone"


def test_workers_must_be_fifteen(english: None) -> None:
    check_date_of_birth(dt.date(2010, 9, 1), TODAY)  # fifteen today
    with pytest.raises(InvalidProfileData, match="15"):
        check_date_of_birth(dt.date(2010, 9, 2), TODAY)  # fifteen tomorrow
    with pytest.raises(InvalidProfileData, match="future"):
        check_date_of_birth(dt.date(2026, 1, 1), TODAY)
    with pytest.raises(InvalidProfileData):
        check_date_of_birth(dt.date(1900, 1, 1), TODAY)


def _employment(**overrides: object) -> None:
    values: dict[str, object] = {
        "status": EmploymentStatus.EMPLOYED,
        "unemployed_since": None,
        "inactive_reason": None,
        "workplace_province_code": "31",
        "current_employer_name": "",
        "date_of_birth": dt.date(1990, 1, 1),
        "has_bhxh": False,
        "has_bhtn": False,
        "today": TODAY,
    }
    values.update(overrides)
    check_employment(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"workplace_province_code": None}, "workplace_province_code"),
        ({"status": EmploymentStatus.UNEMPLOYED}, "workplace_province_code"),
        (
            {"status": EmploymentStatus.UNEMPLOYED, "workplace_province_code": None},
            "unemployed_since",
        ),
        (
            {
                "status": EmploymentStatus.UNEMPLOYED,
                "workplace_province_code": None,
                "unemployed_since": dt.date(2026, 1, 1),
            },
            "unemployed_since",
        ),
        (
            {"status": EmploymentStatus.NOT_IN_LABOUR_FORCE, "workplace_province_code": None},
            "inactive_reason",
        ),
        (
            {
                "status": EmploymentStatus.NOT_IN_LABOUR_FORCE,
                "workplace_province_code": None,
                "current_employer_name": "Công ty A",
                "inactive_reason": InactiveReason.RETIRED,
            },
            "current_employer_name",
        ),
        ({"inactive_reason": InactiveReason.RETIRED}, "inactive_reason"),
        ({"unemployed_since": dt.date(2024, 1, 1)}, "unemployed_since"),
        ({"has_bhtn": True}, "has_bhtn"),
        ({"status": None}, "employment_status"),
    ],
)
def test_employment_status_and_its_dependent_fields_must_agree(
    app: Flask, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidProfileData) as refused:
        _employment(**overrides)
    assert refused.value.field == field


def test_consistent_employment_statuses_pass(app: Flask) -> None:
    _employment()
    _employment(has_bhxh=True, has_bhtn=True)
    _employment(
        status=EmploymentStatus.UNEMPLOYED,
        workplace_province_code=None,
        unemployed_since=dt.date(2025, 1, 1),
    )
    _employment(
        status=EmploymentStatus.NOT_IN_LABOUR_FORCE,
        workplace_province_code=None,
        inactive_reason=InactiveReason.HOUSEWORK,
    )
    _employment(status=EmploymentStatus.STUDENT, workplace_province_code=None)


# -- the same rules through the forms: message next to the field, nothing saved -------------


def _identity(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Vũ Thị Mai",
        "date_of_birth": "25/03/1998",
        "sex": "female",
        "cccd": cccd_for(dt.date(1998, 3, 25), Sex.FEMALE, serial=777),
    }
    data.update(overrides)
    return data


CCCD_LENGTH = "The CCCD number must have exactly 12 digits."
CCCD_PROVINCE = (
    "The first 3 digits of a CCCD number are the code of the province of birth (001 to 096); "
    "%(code)s is not one of them. Please check the number."
)
CCCD_SEX = (
    "The 4th digit of the CCCD number gives the sex and the century of birth; it does not "
    "match the sex and date of birth given."
)
CCCD_TAKEN = (
    "This CCCD number is already registered on another profile. If it is yours, please "
    "contact the labour authority to have it checked."
)
PHONE = (
    "Please enter a Vietnamese mobile number: 10 digits starting with 03, 05, 07, 08 or 09 "
    "(for example 0912 345 678)."
)


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"cccd": "12345"}, "cccd", in_vietnamese_later(CCCD_LENGTH)),
        ({"cccd": "099198000777"}, "cccd", in_vietnamese_later(CCCD_PROVINCE, code="099")),
        ({"cccd": "030098000777"}, "cccd", in_vietnamese_later(CCCD_SEX)),  # a man's digit
        ({"cccd": ""}, "cccd", in_vietnamese_later("Please enter your 12-digit CCCD number.")),
        (
            {"date_of_birth": "31/02/2000"},
            "date_of_birth",
            in_vietnamese_later("Please enter a date as dd/mm/yyyy, for example 25/03/1998."),
        ),
        (
            {"date_of_birth": "2015-06-01"},
            "date_of_birth",
            in_vietnamese_later(
                "You must be at least %(age)d years old to register a worker profile.", age=15
            ),
        ),
        (
            {"date_of_birth": ""},
            "date_of_birth",
            in_vietnamese_later("Please enter your date of birth (dd/mm/yyyy)."),
        ),
        ({"sex": ""}, "sex", in_vietnamese_later("Please choose your sex.")),
        ({"full_name": " "}, "full_name", in_vietnamese_later("Please enter your full name.")),
    ],
)
def test_identity_errors_show_next_to_the_field_and_nothing_is_saved(
    app: Flask, worker: User, overrides: dict[str, str], field_id: str, message: Later
) -> None:
    client = client_for(app, worker)
    response = client.post("/profile/identity", data=_identity(**overrides))
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), field_id) == message()
    assert services.get_profile_for_user(db.session, worker.id) is None


def test_errors_are_in_vietnamese_by_default_and_english_on_request(
    app: Flask, worker: User
) -> None:
    client = client_for(app, worker)
    response = client.post("/profile/identity", data=_identity(cccd="12345"))
    page = response.get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert field_error(page, "cccd") == in_vietnamese(CCCD_LENGTH)
    client.post("/language", data={"lang": "en", "next": "/profile"})
    page = client.post("/profile/identity", data=_identity(cccd="12345")).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert field_error(page, "cccd") == CCCD_LENGTH


def test_a_cccd_already_registered_is_refused_without_saying_whose(
    app: Flask, worker: User
) -> None:
    first = make_user(full_name="Đỗ Văn Hùng")
    number = cccd_for(dt.date(1998, 3, 25), Sex.FEMALE, serial=4242)
    services.save_identity(
        db.session,
        first.id,
        full_name="Đỗ Thị Hương",
        date_of_birth=dt.date(1998, 3, 25),
        sex=Sex.FEMALE,
        cccd=number,
    )
    client = client_for(app, worker)
    response = client.post("/profile/identity", data=_identity(cccd=number))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert field_error(page, "cccd") == in_vietnamese(CCCD_TAKEN)
    assert "Đỗ Thị Hương" not in page
    assert services.get_profile_for_user(db.session, worker.id) is None


def test_changing_identity_keeps_the_own_cccd(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    assert client.post("/profile/identity", data=_identity()).status_code == 302
    response = client.post("/profile/identity", data=_identity(full_name="Vũ Thị Mai Anh"))
    assert response.status_code == 302
    db.session.expire_all()
    assert services.get_profile_for_user(db.session, worker.id).full_name == "Vũ Thị Mai Anh"


def test_a_bad_phone_is_refused_next_to_the_field(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=_identity())
    response = client.post(
        "/profile/residence",
        data={"phone": "0123", "unit_version": "2025", "current_commune": "10507"},
    )
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "phone") == in_vietnamese(PHONE)
    db.session.expire_all()
    profile = services.get_profile_for_user(db.session, worker.id)
    assert profile.current_commune_code is None


@pytest.mark.parametrize(
    ("data", "field_id"),
    [
        ({"employment_status": "employed"}, "workplace_province_code"),
        ({"employment_status": "unemployed"}, "unemployed_since"),
        ({"employment_status": "inactive"}, "inactive_reason"),
        (
            {
                "employment_status": "inactive",
                "inactive_reason": "retired",
                "workplace_province_code": "31",
            },
            "workplace_province_code",
        ),
        (
            {"employment_status": "employed", "workplace_province_code": "31", "has_bhtn": "y"},
            "has_bhtn",
        ),
        ({"employment_status": "unemployed", "unemployed_since": "45/01/2024"}, "unemployed_since"),
    ],
)
def test_inconsistent_employment_is_refused_next_to_the_field(
    app: Flask, worker: User, data: dict[str, str], field_id: str
) -> None:
    client = client_for(app, worker)
    client.post("/profile/identity", data=_identity())
    response = client.post("/profile/employment", data=data)
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), field_id)
    db.session.expire_all()
    assert services.get_profile_for_user(db.session, worker.id).employment_status is None
