"""Forms of the employer, vacancy and application pages.

Forms parse what the browser sends (numbers, dates, money typed with dots) and report what
cannot be parsed; the rules themselves (bounds, deadlines, reference codes, Decree 70) are
checked by the services, whose messages the views put next to the same fields. Choices that
come from reference data are filled in by the view. Labels are lazy translations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.i18n import parse_date
from portal.jobs.choices import BENEFITS, ENTERPRISE_TYPES, SHIFTS, SIZE_BANDS

SKILL_ROWS = 5  # empty skill inputs offered on a new vacancy (more appear after saving)
WHOLE_NUMBER = _l("Please enter a whole number.")
COMMUNE_SEARCH = {"list": "commune-options", "autocomplete": "off"}
SKILL_INPUT = {"list": "skill-options", "autocomplete": "off", "maxlength": 150}


class Needed:
    """Marks a field required (the ``required`` attribute, announced by screen readers); the
    service checks it and words the message, so this validator checks nothing itself."""

    field_flags: ClassVar[dict[str, bool]] = {"required": True}

    def __call__(self, form: Any, field: Any) -> None:
        return None


NEEDED = Needed()


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class MoneyField(StringField):
    """An amount in đồng typed as people write it: 8500000, 8.500.000, 8 500 000 ₫."""

    amount: int | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        text = (self.data or "").strip()
        self.amount = None
        if not text:
            return
        digits = re.sub(r"[\s.,₫]|đ|vnd|VND|đồng", "", text)
        if not digits.isdigit() or len(digits) > 12:
            raise ValueError(
                _l("Please enter the amount in đồng per month, for example 8.500.000.")
            )
        self.amount = int(digits)

    def process_data(self, value: Any) -> None:
        self.amount = value if isinstance(value, int) else None
        self.data = f"{value:,}".replace(",", ".") if isinstance(value, int) else ""


class WholeNumberField(StringField):
    """A whole number; anything else gets a message in the reader's language."""

    number: int | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        text = (self.data or "").strip().replace(".", "").replace(" ", "")
        self.number = None
        if not text:
            return
        if not text.isdigit() or len(text) > 9:
            raise ValueError(WHOLE_NUMBER)
        self.number = int(text)

    def process_data(self, value: Any) -> None:
        self.number = value if isinstance(value, int) else None
        self.data = str(value) if isinstance(value, int) else ""


class VietnameseDateField(StringField):
    """A date typed as dd/mm/yyyy (also d/m/yyyy, or yyyy-mm-dd from a date input)."""

    date: dt.date | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        text = (self.data or "").strip()
        self.date = None
        if not text:
            return
        try:
            self.date = parse_date(text)
        except ValueError:
            raise ValueError(_l("Please enter the date as dd/mm/yyyy.")) from None

    def process_data(self, value: Any) -> None:
        self.date = value if isinstance(value, dt.date) else None
        self.data = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


class TimeField(StringField):
    """A time of day typed as HH:MM (24-hour)."""

    time: dt.time | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        text = (self.data or "").strip().replace("h", ":").replace(".", ":")
        self.time = None
        if not text:
            return
        match = re.fullmatch(r"(\d{1,2}):?(\d{2})?", text)
        hour = int(match.group(1)) if match else 99
        minute = int(match.group(2) or 0) if match else 99
        if hour > 23 or minute > 59:
            raise ValueError(_l("Please enter the time as HH:MM, for example 08:30."))
        self.time = dt.time(hour, minute)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def as_choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _choices(labels: dict[str, Any]) -> list[SelectChoice]:
    return as_choices(labels.items())


def _blank(label: Any) -> list[SelectChoice]:
    return [SelectChoice("", label)]


class EmployerProfileForm(FlaskForm):
    tax_code = StringField(
        _l("Tax code (mã số thuế)"), filters=[_strip], validators=[NEEDED, Length(max=20)]
    )
    enterprise_type = SelectField(
        _l("Type of enterprise"),
        choices=_blank(_l("Choose…")) + _choices(ENTERPRISE_TYPES),
        validators=[NEEDED],
        validate_choice=False,
    )
    industries = SelectMultipleField(
        _l("Main industries (VSIC)"),
        validators=[NEEDED],
        validate_choice=False,
        render_kw={"size": 8},
    )
    commune = SelectField(
        _l("Commune or ward of the address"), validators=[NEEDED], validate_choice=False
    )
    commune_search = StringField(
        _l("…or search for another commune or ward"),
        filters=[_strip],
        validators=[Length(max=200)],
        render_kw=COMMUNE_SEARCH,
    )
    address_detail = StringField(
        _l("Street address (house number, street, village)"),
        filters=[_strip],
        validators=[Length(max=255)],
    )
    industrial_park = StringField(
        _l("Industrial park or cluster (if any)"),
        filters=[_strip],
        validators=[Length(max=120)],
        render_kw={"list": "park-options", "autocomplete": "off"},
    )
    contact_person = StringField(
        _l("Contact person"), filters=[_strip], validators=[NEEDED, Length(max=200)]
    )
    phone = StringField(_l("Phone"), filters=[_strip], validators=[NEEDED, Length(max=30)])
    email = StringField(_l("E-mail"), filters=[_strip], validators=[NEEDED, Length(max=254)])
    size = SelectField(
        _l("Number of employees"),
        choices=_blank(_l("Choose…")) + _choices(SIZE_BANDS),
        validators=[NEEDED],
        validate_choice=False,
    )
    website = StringField(_l("Website"), filters=[_strip], validators=[Length(max=255)])
    description = TextAreaField(
        _l("About the enterprise"), validators=[Length(max=5000)], render_kw={"rows": 4}
    )


_CODE_IN_BRACKETS = re.compile(r"\((\d{5})\)\s*$")


def commune_value_of(select_value: str | None, search_text: str | None) -> str:
    """The commune a form names: a suggestion picked in the search box ("Xã Cẩm Giang, Thành
    phố Hải Phòng (10801)") wins over the list; a typed text without a code is passed on as is
    and refused by the service."""
    text = (search_text or "").strip()
    if not text:
        return select_value or ""
    match = _CODE_IN_BRACKETS.search(text)
    return f"2025:{match.group(1)}" if match else text


def occupation_code_of(text: str | None) -> str:
    """The code at the start of an autocomplete value ("7212 – Thợ hàn…" → "7212")."""
    match = re.match(r"\s*(\d{1,5})\b", text or "")
    return match.group(1) if match else ""


class VacancyForm(FlaskForm):
    title = StringField(_l("Job title"), filters=[_strip], validators=[NEEDED, Length(max=200)])
    occupation = StringField(
        _l("Occupation"),
        filters=[_strip],
        validators=[NEEDED, Length(max=300)],
        render_kw={"list": "occupation-options", "autocomplete": "off"},
    )
    positions = WholeNumberField(_l("Number of positions"), default=1, validators=[NEEDED])
    wage_min = MoneyField(_l("Minimum wage (đồng per month)"))
    wage_max = MoneyField(_l("Maximum wage (đồng per month)"))
    wage_negotiable = BooleanField(_l("Wage negotiable"))
    commune = SelectField(
        _l("Workplace: commune or ward"), validators=[NEEDED], validate_choice=False
    )
    commune_search = StringField(
        _l("…or search for another commune or ward"),
        filters=[_strip],
        validators=[Length(max=200)],
        render_kw=COMMUNE_SEARCH,
    )
    industrial_park = StringField(
        _l("Workplace: industrial park or cluster (if any)"),
        filters=[_strip],
        validators=[Length(max=120)],
        render_kw={"list": "park-options", "autocomplete": "off"},
    )
    qualification_code = SelectField(
        _l("Qualification required"), default="none", validate_choice=False
    )
    min_experience_months = WholeNumberField(_l("Minimum experience (months)"), default=0)
    working_hours = StringField(_l("Working hours"), filters=[_strip], validators=[Length(max=255)])
    shifts = MultiCheckboxField(_l("Shifts"), choices=_choices(SHIFTS), validate_choice=False)
    benefits = MultiCheckboxField(_l("Benefits"), choices=_choices(BENEFITS), validate_choice=False)
    deadline = VietnameseDateField(_l("Application deadline (dd/mm/yyyy)"), validators=[NEEDED])
    must_skills = FieldList(
        StringField(_l("Required skill"), filters=[_strip], render_kw=SKILL_INPUT),
        min_entries=SKILL_ROWS,
    )
    nice_skills = FieldList(
        StringField(_l("Useful skill"), filters=[_strip], render_kw=SKILL_INPUT),
        min_entries=SKILL_ROWS,
    )
    description = TextAreaField(
        _l("Description of the work"), validators=[Length(max=10_000)], render_kw={"rows": 6}
    )
    foreign_worker_position = BooleanField(
        _l("This position may later be offered to a foreign worker (Decree 70/2023/NĐ-CP)")
    )


class ApplyForm(FlaskForm):
    cover_note = TextAreaField(
        _l("A short note to the employer (optional)"),
        validators=[Length(max=2000)],
        render_kw={"rows": 4},
    )


class ApplicationStatusForm(FlaskForm):
    """One next step of the pipeline; one form per possible step, prefixed by the status."""

    note = TextAreaField(
        _l("Note (the applicant will see it)"),
        validators=[Length(max=2000)],
        render_kw={"rows": 2},
    )
    interview_date = VietnameseDateField(_l("Interview date (dd/mm/yyyy)"))
    interview_time = TimeField(_l("Time (HH:MM)"))
    interview_place = StringField(
        _l("Place of the interview"), filters=[_strip], validators=[Length(max=255)]
    )
    start_date = VietnameseDateField(_l("Start date (dd/mm/yyyy)"))


class WithdrawForm(FlaskForm):
    note = TextAreaField(
        _l("Reason (optional; the employer will see it)"),
        validators=[Length(max=2000)],
        render_kw={"rows": 2},
    )


class NotesForm(FlaskForm):
    employer_notes = TextAreaField(
        _l("Private notes (only your organisation sees them)"),
        validators=[Length(max=5000)],
        render_kw={"rows": 4},
    )


class VacancyActionForm(FlaskForm):
    reason = StringField(_l("Reason (optional)"), filters=[_strip], validators=[Length(max=255)])
