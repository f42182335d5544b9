""" "My data": everything the portal holds about a worker, its download, and account deletion.

:func:`collect_my_data` gathers every row about the person (account, login sessions, profile,
skills, experience, sensitive data, consent history, applications with their history,
employment records, contact requests, notifications, saved searches). The page, the JSON
download and the CSV download all render this one structure, so they cannot disagree.

The CSV download is a zip of one CSV file per kind of record (UTF-8 with a byte-order mark,
so spreadsheet programs read Vietnamese correctly), because the records do not share columns.
Every text cell that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or
a carriage return) gets a leading apostrophe.

Not included: an employer's private notes on an application (the employer's working notes,
never shown to the worker); the worker sees the history and notes shared with both sides.

:func:`delete_account` erases the person in one transaction and keeps only an
:class:`~portal.candidates.models.AnonymisedWorker` row for statistics.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, inspect, select, update
from sqlalchemy.orm import Session, scoped_session

from portal.access import Role
from portal.accounts import passwords
from portal.accounts.authsessions import revoke_all_sessions
from portal.accounts.models import AuthSession, Organisation, User
from portal.candidates.errors import NotAllowed, WrongPassword, rollback_on_refusal
from portal.candidates.models import (
    AnonymisedWorker,
    ConsentEvent,
    EmploymentRecord,
    Experience,
    SensitiveData,
    WorkerProfile,
    WorkerSkill,
)
from portal.candidates.profiles import get_profile_for_user
from portal.jobs.models import (
    Application,
    ApplicationEvent,
    ContactRequest,
    Notification,
    SavedSearch,
    Vacancy,
)
from portal.models import utcnow

DbSession = Session | scoped_session[Session]
Record = dict[str, Any]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELETED_EMAIL_DOMAIN = "deleted.invalid"  # RFC 2606: can never be a real mailbox

# Profile columns that are internal bookkeeping rather than data about the person.
_PROFILE_SKIP = {"name_folded"}


def _columns(row: Any, skip: set[str] | frozenset[str] = frozenset()) -> Record:
    """A row's column values, for export (keys are the column names)."""
    mapper = inspect(row).mapper
    return {
        attr.key: getattr(row, attr.key) for attr in mapper.column_attrs if attr.key not in skip
    }


def collect_my_data(session: DbSession, user_id: int) -> Record:
    """Everything held about the worker behind ``user_id``, as plain records."""
    user = session.get(User, user_id)
    if user is None:
        raise NotAllowed()
    data: Record = {
        "exported_at": utcnow(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "role": user.role,
            "locale": user.locale,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
            "password_changed_at": user.password_changed_at,
        },
        "login_sessions": [
            _columns(row, {"id", "user_id"})
            for row in session.scalars(
                select(AuthSession)
                .where(AuthSession.user_id == user.id)
                .order_by(AuthSession.created_at.desc())
            )
        ],
        "notifications": [
            _columns(row, {"user_id", "dedupe_key"})
            for row in session.scalars(
                select(Notification)
                .where(Notification.user_id == user.id)
                .order_by(Notification.id.desc())
            )
        ],
        "saved_searches": [
            _columns(row, {"user_id"})
            for row in session.scalars(
                select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id)
            )
        ],
        "profile": None,
        "skills": [],
        "experiences": [],
        "sensitive_data": None,
        "consents": [],
        "applications": [],
        "application_history": [],
        "employment_records": [],
        "contact_requests": [],
    }
    profile = get_profile_for_user(session, user.id)
    if profile is None:
        return data
    pid = profile.id
    data["profile"] = _columns(profile, _PROFILE_SKIP)
    data["skills"] = [_columns(s, {"profile_id", "text_folded"}) for s in profile.skills]
    data["experiences"] = [_columns(e, {"profile_id"}) for e in profile.experiences]
    sensitive = session.get(SensitiveData, pid)
    data["sensitive_data"] = _columns(sensitive, {"profile_id"}) if sensitive else None
    data["consents"] = [
        _columns(e, {"profile_id"})
        for e in session.scalars(
            select(ConsentEvent).where(ConsentEvent.profile_id == pid).order_by(ConsentEvent.id)
        )
    ]
    applications = session.execute(
        select(Application, Vacancy.title, Organisation.name)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .where(Application.profile_id == pid)
        .order_by(Application.id)
    ).all()
    for application, title, employer in applications:
        record = _columns(application, {"profile_id", "employer_notes"})
        record["vacancy_title"] = title
        record["employer"] = employer
        data["applications"].append(record)
        data["application_history"].extend(
            _columns(event, {"actor_id"}) for event in application.events
        )
    data["employment_records"] = [
        _columns(r, {"profile_id"})
        for r in session.scalars(
            select(EmploymentRecord)
            .where(EmploymentRecord.profile_id == pid)
            .order_by(EmploymentRecord.start_date)
        )
    ]
    requests = session.execute(
        select(ContactRequest, Organisation.name)
        .join(Organisation, Organisation.id == ContactRequest.organisation_id)
        .where(ContactRequest.profile_id == pid)
        .order_by(ContactRequest.id)
    ).all()
    for contact, employer in requests:
        record = _columns(contact, {"profile_id"})
        record["employer"] = employer
        data["contact_requests"].append(record)
    return data


# -- downloads ------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready form of a value: ISO dates, enum values, lists and dicts recursively."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def my_data_json(data: Record) -> str:
    return json.dumps(_plain(data), ensure_ascii=False, indent=2, sort_keys=False)


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading apostrophe."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _csv_bytes(rows: Sequence[Record]) -> bytes:
    buffer = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(column) for column in columns])
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _field_value_rows(record: Record | None) -> list[Record]:
    if not record:
        return []
    return [{"field": key, "value": value} for key, value in record.items()]


CSV_README = """Your data from the Hai Duong job portal
Dữ liệu của bạn trên cổng việc làm Hải Dương

One CSV file per kind of record (UTF-8). Mỗi loại dữ liệu là một tệp CSV (UTF-8).
account.csv, profile.csv and sensitive_data.csv list one field per line (field, value);
the other files have one record per line. Dates and times are ISO 8601 (times in UTC).
Text that a spreadsheet could run as a formula starts with an apostrophe (').
"""


def my_data_csv_zip(data: Record) -> bytes:
    """The zip of CSV files described in the module docstring."""
    files: dict[str, list[Record]] = {
        "account.csv": _field_value_rows(data["account"]),
        "profile.csv": _field_value_rows(data["profile"]),
        "sensitive_data.csv": _field_value_rows(data["sensitive_data"]),
    }
    for key in (
        "skills",
        "experiences",
        "consents",
        "applications",
        "application_history",
        "employment_records",
        "contact_requests",
        "notifications",
        "saved_searches",
        "login_sessions",
    ):
        files[f"{key}.csv"] = list(data[key])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", CSV_README)
        for name, rows in files.items():
            archive.writestr(name, _csv_bytes(rows))
    return buffer.getvalue()


# -- deleting the account -------------------------------------------------------------------


@rollback_on_refusal
def delete_account(session: DbSession, user_id: int, password: str) -> AnonymisedWorker | None:
    """Erase the worker's personal data and end every session, all in one transaction.

    Deleted: the profile, skills, experience, sensitive data, consent history, applications
    (with their notes and history), employment records, contact requests, notifications and
    saved searches. The account row stays (other people's records name it as an actor) but is
    disabled and stripped of name, e-mail, phone and password, and its sessions are revoked,
    so an old cookie is refused. What remains for statistics is one
    :class:`AnonymisedWorker` row: birth year, sex, commune, qualification, employment status.
    """
    user = session.get(User, user_id)
    if user is None or user.disabled or user.role != Role.WORKER:
        raise NotAllowed()
    if not passwords.verify_password(user.password_hash, password):
        raise WrongPassword(field="password")
    now = utcnow()
    try:
        anonymous = _erase_profile(session, user.id, now)
        session.execute(delete(Notification).where(Notification.user_id == user.id))
        session.execute(delete(SavedSearch).where(SavedSearch.user_id == user.id))
        user.email = f"deleted-{user.id}@{DELETED_EMAIL_DOMAIN}"
        user.full_name = ""
        user.phone = None
        user.password_hash = passwords.UNUSABLE_PASSWORD
        user.disabled = True
        user.last_login_at = None
        revoke_all_sessions(session, user.id, now)
        session.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user.id)
            .values(ip=None, user_agent=None)
            .execution_options(synchronize_session=False)
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return anonymous


def _erase_profile(session: DbSession, user_id: int, now: dt.datetime) -> AnonymisedWorker | None:
    profile = get_profile_for_user(session, user_id)
    if profile is None:
        return None
    anonymous = AnonymisedWorker(
        birth_year=profile.date_of_birth.year if profile.date_of_birth else None,
        sex=profile.sex,
        unit_version=profile.unit_version,
        commune_code=profile.current_commune_code,
        qualification_code=profile.qualification_code,
        employment_status=profile.employment_status,
        deleted_at=now,
    )
    session.add(anonymous)
    pid = profile.id
    applications = select(Application.id).where(Application.profile_id == pid)
    # Explicit deletes, children first: SQLite does not enforce ON DELETE CASCADE by default,
    # and nothing about the person may survive on one database and not the other.
    statements = (
        delete(ApplicationEvent).where(ApplicationEvent.application_id.in_(applications)),
        delete(EmploymentRecord).where(EmploymentRecord.profile_id == pid),
        delete(Application).where(Application.profile_id == pid),
        delete(ContactRequest).where(ContactRequest.profile_id == pid),
        delete(ConsentEvent).where(ConsentEvent.profile_id == pid),
        delete(SensitiveData).where(SensitiveData.profile_id == pid),
        delete(WorkerSkill).where(WorkerSkill.profile_id == pid),
        delete(Experience).where(Experience.profile_id == pid),
    )
    for statement in statements:
        session.execute(statement.execution_options(synchronize_session=False))
    session.expunge(profile)
    session.execute(delete(WorkerProfile).where(WorkerProfile.id == pid))
    return anonymous
