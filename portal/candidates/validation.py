"""Checks on the official content of a worker profile: CCCD, phone, age, employment status.

Plain functions that raise :class:`~portal.candidates.errors.InvalidProfileData` naming the
field, so the forms show the message next to it and the services refuse the same input when it
arrives from anywhere else (an import, the API, the demo seed).
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import lazy_gettext as _l

from portal.candidates.errors import InvalidProfileData
from portal.candidates.models import EmploymentStatus, InactiveReason, Sex

# Place-of-birth codes of the 12-digit personal identification number (Circular 59/2021/TT-BCA,
# appendix): the three-digit form of the 63 province codes as they stood when the numbers were
# issued. They are the codes printed on existing cards, so the 2025 merger of provinces does not
# change them: a card issued in former Hải Dương keeps 030.
CCCD_PROVINCE_CODES = frozenset(
    {
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019",
        "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036",
        "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
        "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    }
)  # fmt: skip
MIN_WORKING_AGE = 15  # Labour Code 2019 art. 169; Circular 01/2022 records people aged 15+
MAX_PLAUSIBLE_AGE = 100
_SEPARATORS = re.compile(r"[\s.\-()]")
# Vietnamese mobile numbers: 10 digits, 0 + a network prefix (03x, 05x, 07x, 08x, 09x).
_MOBILE = re.compile(r"^0(?:3[2-9]|5[2-9]|7[06-9]|8[1-9]|9\d)\d{7}$")


# -- CCCD ------------------------------------------------------------------------------------


def clean_cccd(value: str | None) -> str | None:
    """The 12 digits of a CCCD number (spaces and dots removed), or None when left empty."""
    if value is None:
        return None
    digits = _SEPARATORS.sub("", value)
    if not digits:
        return None
    if not digits.isascii() or not digits.isdigit() or len(digits) != 12:
        raise InvalidProfileData(_l("The CCCD number must have exactly 12 digits."), field="cccd")
    if digits[:3] not in CCCD_PROVINCE_CODES:
        raise InvalidProfileData(
            _l(
                "The first 3 digits of a CCCD number are the code of the province of birth "
                "(001 to 096); %(code)s is not one of them. Please check the number.",
                code=digits[:3],
            ),
            field="cccd",
        )
    return digits


def century_sex_digit(date_of_birth: dt.date, sex: Sex | str) -> str:
    """The 4th digit of a CCCD number: century of birth and sex (0/1 for the 1900s, 2/3 for the
    2000s …, even for men, odd for women)."""
    century = date_of_birth.year // 100 - 19
    return str(2 * century + (1 if Sex(sex) == Sex.FEMALE else 0))


def check_cccd_matches(cccd: str | None, date_of_birth: dt.date | None, sex: Sex | None) -> None:
    """The 4th to 6th digits of a CCCD number repeat the century, sex and year of birth."""
    if not cccd:
        return
    if date_of_birth is not None and cccd[4:6] != f"{date_of_birth.year % 100:02d}":
        raise InvalidProfileData(
            _l(
                "The 5th and 6th digits of the CCCD number are the last two digits of the year "
                "of birth; they do not match the date of birth given."
            ),
            field="cccd",
        )
    if date_of_birth is not None and sex is not None:
        if not 1900 <= date_of_birth.year <= 2399:
            return
        if cccd[3] != century_sex_digit(date_of_birth, sex):
            raise InvalidProfileData(
                _l(
                    "The 4th digit of the CCCD number gives the sex and the century of birth; "
                    "it does not match the sex and date of birth given."
                ),
                field="cccd",
            )


def mask_cccd(cccd: str | None) -> str:
    """A CCCD number with only the first 3 and last 3 digits shown: ``030••••••789``.

    The first three digits are only the province of birth, the last three too few to find a
    person: what an employer may see.
    """
    if not cccd:
        return ""
    if len(cccd) <= 6:
        return "•" * len(cccd)
    return cccd[:3] + "•" * (len(cccd) - 6) + cccd[-3:]


# -- phone, e-mail ---------------------------------------------------------------------------


def clean_phone(value: str | None) -> str | None:
    """A Vietnamese mobile number in its national form ``0xxxxxxxxx``, or None when empty.

    Accepts spaces, dots, dashes and the +84 / 84 country prefix as people write them.
    """
    if value is None:
        return None
    phone = _SEPARATORS.sub("", value)
    if not phone:
        return None
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif phone.startswith("84") and len(phone) == 11:
        phone = "0" + phone[2:]
    if not _MOBILE.match(phone):
        raise InvalidProfileData(
            _l(
                "Please enter a Vietnamese mobile number: 10 digits starting with 03, 05, 07, "
                "08 or 09 (for example 0912 345 678)."
            ),
            field="phone",
        )
    return phone


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    email = value.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise InvalidProfileData(_l("Please enter a valid e-mail address."), field="email")
    return email


# -- age -------------------------------------------------------------------------------------


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Completed years of age on ``day``."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (1 if before_birthday else 0)


def check_date_of_birth(date_of_birth: dt.date | None, today: dt.date) -> None:
    """A worker profile is for people aged 15 or more (Circular 01/2022)."""
    if date_of_birth is None:
        raise InvalidProfileData(
            _l("Please enter your date of birth (dd/mm/yyyy)."), field="date_of_birth"
        )
    if date_of_birth > today:
        raise InvalidProfileData(
            _l("The date of birth cannot be in the future."), field="date_of_birth"
        )
    age = age_on(date_of_birth, today)
    if age < MIN_WORKING_AGE:
        raise InvalidProfileData(
            _l(
                "You must be at least %(age)d years old to register a worker profile.",
                age=MIN_WORKING_AGE,
            ),
            field="date_of_birth",
        )
    if age > MAX_PLAUSIBLE_AGE:
        raise InvalidProfileData(_l("Please check the year of birth."), field="date_of_birth")


def check_graduation_year(year: int | None, date_of_birth: dt.date | None, today: dt.date) -> None:
    if year is None:
        return
    if year > today.year + 6:
        raise InvalidProfileData(
            _l("The graduation year is too far in the future."), field="graduation_year"
        )
    if year < 1950 or (date_of_birth is not None and year < date_of_birth.year + 10):
        raise InvalidProfileData(
            _l("The graduation year does not fit the date of birth."), field="graduation_year"
        )


# -- employment status -----------------------------------------------------------------------


def check_employment(
    *,
    status: EmploymentStatus | None,
    unemployed_since: dt.date | None,
    inactive_reason: InactiveReason | None,
    workplace_province_code: str | None,
    current_employer_name: str,
    date_of_birth: dt.date | None,
    has_bhxh: bool,
    has_bhtn: bool,
    today: dt.date,
) -> None:
    """The dependent fields must fit the status (Circular 01/2022 art. 7).

    Employed: where the job is (province). Unemployed: since when. Not economically active:
    why. Someone without a job has no workplace. Unemployment insurance (BHTN) is paid only
    together with compulsory social insurance (BHXH).
    """
    if status is None:
        raise InvalidProfileData(
            _l("Please choose your current employment status."), field="employment_status"
        )
    has_workplace = bool(workplace_province_code or current_employer_name.strip())
    if status == EmploymentStatus.EMPLOYED:
        if not workplace_province_code:
            raise InvalidProfileData(
                _l("Please choose the province where you work."),
                field="workplace_province_code",
            )
    elif has_workplace:
        field = "workplace_province_code" if workplace_province_code else "current_employer_name"
        raise InvalidProfileData(
            _l(
                "A workplace can only be given when you are employed. Clear it, or choose "
                '"Employed" as your status.'
            ),
            field=field,
        )
    if status == EmploymentStatus.UNEMPLOYED:
        if unemployed_since is None:
            raise InvalidProfileData(
                _l("Please enter since when you have been without work (dd/mm/yyyy)."),
                field="unemployed_since",
            )
        if unemployed_since > today:
            raise InvalidProfileData(
                _l("This date cannot be in the future."), field="unemployed_since"
            )
        if date_of_birth is not None and unemployed_since < date_of_birth:
            raise InvalidProfileData(
                _l("This date is before your date of birth."), field="unemployed_since"
            )
    elif unemployed_since is not None:
        raise InvalidProfileData(
            _l("This date is only for people who are unemployed; please clear it."),
            field="unemployed_since",
        )
    if status == EmploymentStatus.NOT_IN_LABOUR_FORCE:
        if inactive_reason is None:
            raise InvalidProfileData(
                _l("Please say why you are not working or looking for work."),
                field="inactive_reason",
            )
    elif inactive_reason is not None:
        raise InvalidProfileData(
            _l(
                "A reason is only given by people who are not working or looking for work; "
                "please clear it."
            ),
            field="inactive_reason",
        )
    if has_bhtn and not has_bhxh:
        raise InvalidProfileData(
            _l(
                "Unemployment insurance (BHTN) is paid together with compulsory social "
                "insurance (BHXH): please tick BHXH too, or untick BHTN."
            ),
            field="has_bhtn",
        )
