"""Account forms. Labels and messages are lazy translations (Vietnamese first)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from portal.access import Role
from portal.accounts import passwords
from portal.accounts.models import OrganisationKind, OrganisationStatus

REQUIRED = _l("This field is required.")


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class NewPasswordPolicy:
    """Apply the password policy; ``email_field`` names the form's e-mail field, if any."""

    def __init__(self, email_field: str | None = None, email: str = "") -> None:
        self.email_field = email_field
        self.email = email

    def __call__(self, form: FlaskForm, field: Any) -> None:
        email = self.email or getattr(form, "known_email", "")
        if self.email_field:
            email = form[self.email_field].data or ""
        problems = passwords.password_problems(field.data or "", email)
        if problems:
            raise ValidationError(" ".join(str(problem) for problem in problems))


def role_choices() -> list[SelectChoice]:
    return [
        SelectChoice(Role.WORKER.value, _l("I am looking for a job (worker or graduate)")),
        SelectChoice(Role.EMPLOYER.value, _l("I recruit for a company (employer)")),
        SelectChoice(Role.SCHOOL.value, _l("I represent a vocational school or training centre")),
    ]


class RegisterForm(FlaskForm):
    role = RadioField(
        _l("Account type"),
        choices=role_choices(),
        default=Role.WORKER.value,
        validators=[InputRequired(message=_l("Please choose the type of account."))],
    )
    organisation_name = StringField(
        _l("Name of the company or school"),
        filters=[_strip],
        validators=[Length(max=255)],
    )
    full_name = StringField(
        _l("Full name"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please enter your full name.")), Length(max=200)],
    )
    email = EmailField(
        _l("E-mail address"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Please enter your e-mail address.")),
            Email(message=_l("Please enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    phone = StringField(
        _l("Phone number (optional)"), filters=[_strip], validators=[Optional(), Length(max=20)]
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Please choose a password.")),
            NewPasswordPolicy(email_field="email"),
        ],
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(message=_l("Please repeat the password.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )

    def validate_organisation_name(self, field: StringField) -> None:
        if self.role.data in (Role.EMPLOYER, Role.SCHOOL) and not field.data:
            raise ValidationError(_l("Please enter the name of your company or school."))


class LoginForm(FlaskForm):
    # No format check here: an address that was accepted once must always be able to log in.
    email = StringField(
        _l("E-mail address"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please enter your e-mail address."))],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(message=_l("Please enter your password."))]
    )
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Please enter your current password."))],
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(message=_l("Please choose a new password.")), NewPasswordPolicy()],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(message=_l("Please repeat the new password.")),
            EqualTo("new_password", message=_l("The two passwords are not the same.")),
        ],
    )


class PasswordResetRequestForm(FlaskForm):
    email = StringField(
        _l("E-mail address"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please enter your e-mail address."))],
    )


class PasswordResetForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(message=_l("Please choose a new password.")), NewPasswordPolicy()],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(message=_l("Please repeat the new password.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )


class ProfileForm(FlaskForm):
    full_name = StringField(
        _l("Full name"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please enter your full name.")), Length(max=200)],
    )
    phone = StringField(
        _l("Phone number (optional)"), filters=[_strip], validators=[Optional(), Length(max=20)]
    )


class LocaleForm(FlaskForm):
    locale = SelectField(
        _l("Language of pages and e-mails"),
        choices=[
            SelectChoice("vi", "Tiếng Việt", render_kw={"lang": "vi"}),
            SelectChoice("en", "English", render_kw={"lang": "en"}),
        ],
    )


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for one-button actions (log out, enable, disable)."""


def organisation_status_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _l("All statuses")),
        SelectChoice(OrganisationStatus.PENDING.value, _l("Waiting for verification")),
        SelectChoice(OrganisationStatus.VERIFIED.value, _l("Verified")),
        SelectChoice(OrganisationStatus.SUSPENDED.value, _l("Suspended")),
    ]


def organisation_kind_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _l("Employers and schools")),
        SelectChoice(OrganisationKind.EMPLOYER.value, _l("Employers")),
        SelectChoice(OrganisationKind.SCHOOL.value, _l("Schools")),
    ]


class OrganisationFilterForm(FlaskForm):
    """The filter of the organisations page (a GET form: no CSRF token needed)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=organisation_status_choices(), default="")
    kind = SelectField(_l("Kind"), choices=organisation_kind_choices(), default="")


class OrganisationDecisionForm(FlaskForm):
    action = HiddenField(validators=[DataRequired()])
    reason = TextAreaField(
        _l("Reason (required for a suspension; shown to the organisation)"),
        filters=[_strip],
        validators=[Length(max=2000)],
    )

    def validate_action(self, field: HiddenField) -> None:
        if field.data not in ("verify", "suspend", "reinstate"):
            raise ValidationError(_l("Unknown action."))


def user_role_filter_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _l("All roles")),
        SelectChoice(Role.WORKER.value, _l("Workers")),
        SelectChoice(Role.EMPLOYER.value, _l("Employers")),
        SelectChoice(Role.SCHOOL.value, _l("Schools")),
        SelectChoice(Role.AUTHORITY.value, _l("Authority staff")),
        SelectChoice(Role.ADMIN.value, _l("Administrators")),
    ]


class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False

    role = SelectField(_l("Role"), choices=user_role_filter_choices(), default="")
    q = StringField(_l("Search by name or e-mail"), filters=[_strip], validators=[Length(max=100)])


class AuthorityUserForm(FlaskForm):
    """An administrator creates an authority account; the user sets the password by e-mail."""

    full_name = StringField(
        _l("Full name"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Please enter the full name.")), Length(max=200)],
    )
    email = EmailField(
        _l("Work e-mail address"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Please enter the e-mail address.")),
            Email(message=_l("Please enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    phone = StringField(
        _l("Phone number (optional)"), filters=[_strip], validators=[Optional(), Length(max=20)]
    )
