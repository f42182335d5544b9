"""Profile forms, one per section so each fits a phone screen. Labels are lazy translations.

Field names match the ``field`` of the services' refusals, so a refusal is shown next to the
field it concerns. Field-level checks (CCCD, phone, date of birth) call the same validation
functions as the services, so all of a form's errors show at once; the services check again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from portal.candidates import labels
from portal.candidates.errors import InvalidProfileData
from portal.candidates.profiles import MAX_PREFERRED_COMMUNES, local_today
from portal.candidates.sensitive import DISABILITY_FORMS, ETHNIC_GROUPS
from portal.candidates.validation import (
    check_date_of_birth,
    clean_cccd,
    clean_email,
    clean_phone,
)
from portal.i18n import format_date, parse_date
from portal.jobs.choices import SHIFTS
from portal.reference.models import V2025

REQUIRED = _l("This field is required.")


def as_choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """WTForms 3.3 wants SelectChoice objects rather than (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]


DATE_FORMAT_MESSAGE = _l("Please enter a date as dd/mm/yyyy, for example 25/03/1998.")


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class DateText(StringField):
    """A date typed as dd/mm/yyyy (yyyy-mm-dd from a browser's date picker is accepted too)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = str(valuelist[0]).strip() if valuelist else ""
        self.data = None
        if not text:
            return
        try:
            self.data = parse_date(text)
        except ValueError as error:
            raise ValueError(str(DATE_FORMAT_MESSAGE)) from error

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return format_date(self.data) if self.data else ""


class MoneyField(IntegerField):
    """Đồng per month, typed as people write it: 7000000, 7.000.000 or 7 000 000 ₫."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = str(valuelist[0]) if valuelist else ""
        for junk in (".", ",", " ", "\u00a0", "₫", "đ", "vnd", "VND"):
            text = text.replace(junk, "")
        self.data = None
        if not text:
            return
        if not text.isdigit():
            raise ValueError(str(_l("Please enter an amount in đồng, for example 7.000.000.")))
        self.data = int(text)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Check:
    """Run one of :mod:`portal.candidates.validation`'s checks as a field validator."""

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __call__(self, form: FlaskForm, field: Any) -> None:
        if field.data in (None, ""):
            return
        try:
            self.check(field.data)
        except InvalidProfileData as error:
            raise ValidationError(str(error.message)) from error


def _dob_check(value: Any) -> None:
    check_date_of_birth(value, local_today())


class IdentityForm(FlaskForm):
    full_name = StringField(
        _l("Full name (as on your CCCD)"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please enter your full name.")), Length(max=200)],
    )
    date_of_birth = DateText(
        _l("Date of birth (dd/mm/yyyy)"),
        validators=[
            InputRequired(message=_l("Please enter your date of birth (dd/mm/yyyy).")),
            Check(_dob_check),
        ],
    )
    sex = RadioField(
        _l("Sex"),
        choices=labels.choices("sex"),
        validators=[InputRequired(message=_l("Please choose your sex."))],
    )
    cccd = StringField(
        _l("Personal identification number (CCCD, 12 digits)"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Please enter your 12-digit CCCD number.")),
            Check(clean_cccd),
        ],
    )
    # Shown only when the profile is created; never pre-ticked (BooleanField defaults False).
    consent_matching = BooleanField(_l("Job matching and being found by employers"))
    consent_contact = BooleanField(_l("Being contacted by employers"))
    consent_statistics = BooleanField(_l("Labour statistics"))


class ResidenceForm(FlaskForm):
    phone = StringField(
        _l("Mobile phone number"),
        filters=[_strip],
        validators=[Optional(), Length(max=20), Check(clean_phone)],
    )
    email = EmailField(
        _l("E-mail address"),
        filters=[_strip],
        validators=[Optional(), Length(max=254), Check(clean_email)],
    )
    unit_version = SelectField(
        _l("List of communes"), choices=labels.choices("unit_version"), default=V2025
    )
    current_commune = StringField(
        _l("Commune where you live now"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please choose the commune where you live now."))],
    )
    permanent_commune = StringField(
        _l("Commune of permanent residence (if different)"), filters=[_strip]
    )
    address_detail = StringField(
        _l("House number, street, village (optional)"),
        filters=[_strip],
        validators=[Length(max=255)],
    )
    home_province_code = SelectField(_l("Home province (quê quán)"), choices=[], default="")


class EducationForm(FlaskForm):
    general_education = SelectField(
        _l("Highest general education"),
        choices=labels.choices("general_education", blank=_l("Choose…")),
        default="",
        validators=[DataRequired(message=_l("Please choose your highest general education."))],
    )
    qualification_code = SelectField(
        _l("Highest professional qualification"),
        choices=[],
        default="",
        validators=[DataRequired(message=_l("Please choose your highest qualification."))],
    )
    training_field = StringField(
        _l("Field of training (major)"), filters=[_strip], validators=[Length(max=255)]
    )
    training_occupation_code = SelectField(
        _l("Vocational training occupation"), choices=[], default=""
    )
    school_name = StringField(
        _l("School or training centre"), filters=[_strip], validators=[Length(max=255)]
    )
    graduation_year = IntegerField(
        _l("Year of graduation"),
        validators=[
            Optional(),
            NumberRange(min=1950, max=2100, message=_l("Please enter a year such as 2020.")),
        ],
    )


class SkillForm(FlaskForm):
    raw_text = StringField(
        _l("Skill"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please type a skill.")), Length(max=150)],
    )
    years = IntegerField(
        _l("Years of practice (optional)"),
        validators=[
            Optional(),
            NumberRange(min=0, max=60, message=_l("Please enter a number of years from 0 to 60.")),
        ],
    )


class ExperienceForm(FlaskForm):
    employer_name = StringField(
        _l("Employer"),
        filters=[_strip],
        validators=[DataRequired(message=REQUIRED), Length(max=255)],
    )
    job_title = StringField(
        _l("Job title"),
        filters=[_strip],
        validators=[DataRequired(message=REQUIRED), Length(max=255)],
    )
    occupation_code = SelectField(_l("Occupation (optional)"), choices=[], default="")
    start_date = DateText(
        _l("From (dd/mm/yyyy)"),
        validators=[InputRequired(message=_l("Please enter the start date (dd/mm/yyyy)."))],
    )
    end_date = DateText(_l("Until (dd/mm/yyyy; empty if you still work there)"))
    description = TextAreaField(
        _l("What you did (optional)"), filters=[_strip], validators=[Length(max=2000)]
    )


class EmploymentForm(FlaskForm):
    employment_status = RadioField(
        _l("Current employment status"),
        choices=labels.choices("employment_status"),
        validators=[InputRequired(message=_l("Please choose your current employment status."))],
    )
    unemployed_since = DateText(_l("Without work since (dd/mm/yyyy)"))
    inactive_reason = SelectField(
        _l("Reason for not working or looking for work"),
        choices=labels.choices("inactive_reason", blank=_l("Choose…")),
        default="",
    )
    current_occupation_code = SelectField(_l("Current job (occupation)"), choices=[], default="")
    current_employer_name = StringField(
        _l("Employer"), filters=[_strip], validators=[Length(max=255)]
    )
    workplace_province_code = SelectField(_l("Province where you work"), choices=[], default="")
    workplace_commune = StringField(_l("Commune where you work (optional)"), filters=[_strip])
    has_bhxh = BooleanField(_l("I take part in social insurance (BHXH)"))
    has_bhtn = BooleanField(_l("I take part in unemployment insurance (BHTN)"))


class WishesForm(FlaskForm):
    wished_occupation_codes = SelectMultipleField(_l("Occupations you are looking for"), choices=[])
    preferred_communes = FieldList(
        StringField(_l("Preferred commune"), filters=[_strip]),
        min_entries=MAX_PREFERRED_COMMUNES // 2,
        max_entries=MAX_PREFERRED_COMMUNES,
    )
    max_commute_km = IntegerField(
        _l("Longest daily commute (km)"),
        validators=[
            Optional(),
            NumberRange(
                min=1, max=300, message=_l("Please enter a distance between 1 and 300 km.")
            ),
        ],
    )
    min_wage = MoneyField(_l("Lowest acceptable wage (đồng per month)"), validators=[Optional()])
    shifts = MultiCheckboxField(_l("Shifts you accept"), choices=as_choices(SHIFTS.items()))
    willing_to_relocate = BooleanField(_l("I am willing to move for a job"))
    summary = TextAreaField(
        _l("A few words about yourself (optional)"),
        filters=[_strip],
        validators=[Length(max=2000)],
    )


class SensitiveForm(FlaskForm):
    ethnicity = SelectField(
        _l("Ethnicity"),
        choices=as_choices([("", _l("I prefer not to say")), *ETHNIC_GROUPS.items()]),
        default="",
    )
    disability = SelectField(
        _l("Disability"),
        choices=as_choices([("", _l("None, or I prefer not to say")), *DISABILITY_FORMS.items()]),
        default="",
    )


class ConsentForm(FlaskForm):
    """One purpose's button: the text version shown is posted with it."""

    text_version = HiddenField()


class ConfirmForm(FlaskForm):
    """A button that needs only the CSRF token (remove, accept, decline…)."""


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(message=_l("Please enter your password to confirm."))],
    )


class ContactRequestForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the worker (optional)"),
        filters=[_strip],
        validators=[Length(max=1000)],
    )
    vacancy_id = SelectField(_l("About this vacancy (optional)"), choices=[], default="")


class WorkerSearchForm(FlaskForm):
    """The employers' search filters (GET: no CSRF token, bookmarkable)."""

    class Meta:
        csrf = False

    occupation = SelectField(_l("Occupation"), choices=[], default="")
    skill = StringField(_l("Skill"), filters=[_strip], validators=[Length(max=100)])
    commune = SelectField(_l("Commune"), choices=[], default="")
    district = SelectField(_l("Former district"), choices=[], default="")
    qualification = SelectField(_l("Qualification at least"), choices=[], default="")


class AuthoritySearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name or CCCD number"), filters=[_strip], validators=[Length(max=100)])
