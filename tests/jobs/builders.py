"""Data builders for the jobs tests: employers, profiles, vacancies and workers.

Everything is built through the real services (accounts, candidates, jobs), so a test starts
from data the portal itself could have made.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from portal.access import Role
from portal.accounts import services as accounts
from portal.accounts.models import User
from portal.candidates import services as candidates
from portal.candidates.models import Sex, WorkerProfile
from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import Application, EmployerProfile, Vacancy
from portal.reference.models import COMMUNE, V2025, AdminUnit
from tests.accounts.builders import PASSWORD

_serial = itertools.count(1)
OCCUPATION = "7212"  # Thợ hàn và thợ cắt kim loại bằng nhiệt (VSCO 2020)
START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 09:00 in Vietnam, Monday 2 March 2026


def home_commune(index: int = 0) -> AdminUnit:
    """A 2025 commune of the home province (Hải Phòng, 31)."""
    units = db.session.scalars(
        select(AdminUnit)
        .where(
            AdminUnit.version == V2025,
            AdminUnit.level == COMMUNE,
            AdminUnit.province_code == "31",
        )
        .order_by(AdminUnit.code)
    ).all()
    return units[index]


def commune_value(index: int = 0) -> str:
    unit = home_commune(index)
    return f"{unit.version}:{unit.code}"


def authority() -> User:
    return accounts.create_user(
        db.session,
        email=f"staff{next(_serial)}@sonoivu.example.vn",
        password=PASSWORD,
        role=Role.AUTHORITY,
        full_name="Cán bộ Sở",
    )


def make_employer(
    name: str | None = None,
    *,
    verified: bool = True,
    suspended: bool = False,
    with_profile: bool = True,
    full_name: str = "Trần Thị Hoa",
) -> User:
    """An employer account whose organisation registered pending and was then verified (or
    suspended) by authority staff through the accounts services."""
    number = next(_serial)
    user = accounts.register_user(
        db.session,
        email=f"hr{number}@congty{number}.example.vn",
        password=PASSWORD,
        full_name=full_name,
        role=Role.EMPLOYER,
        organisation_name=name or f"Công ty TNHH Điện tử Số {number}",
    )
    organisation_id = user.organisation_id
    assert organisation_id is not None
    if verified or suspended:
        staff = authority()
        accounts.verify_organisation(db.session, organisation_id, staff.id)
        if suspended:
            accounts.suspend_organisation(db.session, organisation_id, staff.id, "Hồ sơ sai")
    if with_profile:
        make_employer_profile(user, tax_code=f"08{number:08d}")
    db.session.refresh(user)
    return user


def profile_input(**overrides: Any) -> services.EmployerProfileInput:
    data = services.EmployerProfileInput(
        tax_code="0800123456",
        enterprise_type="fdi",
        industries=["2018:C"],
        commune=commune_value(),
        contact_person="Trần Thị Hoa",
        phone="0912 345 678",
        email="tuyendung@congty.example.vn",
        size="large",
        address_detail="Lô A1",
        industrial_park="kcn dai an",
    )
    return replace(data, **overrides)


def make_employer_profile(user: User, **overrides: Any) -> EmployerProfile:
    assert user.organisation_id is not None
    return services.save_employer_profile(
        db.session, user.organisation_id, user.id, profile_input(**overrides)
    )


def vacancy_input(today: dt.date | None = None, **overrides: Any) -> services.VacancyInput:
    today = today or services.vietnam_today()
    data = services.VacancyInput(
        title="Thợ hàn CO2 ca ngày",
        occupation_code=OCCUPATION,
        commune=commune_value(),
        deadline=today + dt.timedelta(days=30),
        positions=2,
        wage_min=8_500_000,
        wage_max=12_000_000,
        industrial_park="KCN Đại An",
        qualification_code="so_cap",
        min_experience_months=6,
        working_hours="8 giờ/ngày",
        shifts=["office", "two_shifts"],
        benefits=["bhxh", "bhtn", "meals"],
        must_skills=["hàn điện", "Đọc bản vẽ kỹ thuật cơ khí"],
        nice_skills=["Làm việc nhóm tốt"],
        description="Hàn khung thép.",
    )
    return replace(data, **overrides)


def make_vacancy(
    employer: User, *, open_it: bool = True, at: dt.datetime | None = None, **overrides: Any
) -> Vacancy:
    assert employer.organisation_id is not None
    today = services.vietnam_today(at) if at else None
    vacancy = services.save_vacancy(
        db.session,
        employer.organisation_id,
        employer.id,
        vacancy_input(today, **overrides),
        at=at,
    )
    if open_it:
        services.open_vacancy(db.session, vacancy.id, employer.id, at=at)
    return vacancy


def make_worker(
    full_name: str = "Nguyễn Văn Nam",
    *,
    cccd: str | None = None,
    with_profile: bool = True,
) -> User:
    """A worker account with a profile (made by the candidates services)."""
    number = next(_serial)
    user = accounts.register_user(
        db.session,
        email=f"worker{number}@example.vn",
        password=PASSWORD,
        full_name=full_name,
        role=Role.WORKER,
        phone="0987654321",
    )
    if with_profile:
        candidates.save_identity(
            db.session,
            user.id,
            full_name=full_name,
            date_of_birth=dt.date(1995, 5, 17),
            sex=Sex.MALE,
            cccd=cccd,
        )
    return user


def profile_of(user: User) -> WorkerProfile:
    profile = candidates.get_profile_for_user(db.session, user.id)
    assert profile is not None
    return profile


def apply(
    worker: User, vacancy: Vacancy, note: str = "", at: dt.datetime | None = None
) -> Application:
    application, _ = services.apply_to_vacancy(db.session, vacancy.id, worker.id, note, at=at)
    return application


def move(
    application: Application, actor: User, *steps: str, at: dt.datetime | None = None
) -> Application:
    """Walk an application through ``steps`` (with the details each step needs)."""
    for step in steps:
        extra: dict[str, Any] = {}
        if step == "interview":
            base = at or dt.datetime.now(dt.UTC)
            extra = {
                "interview_at": base + dt.timedelta(days=2),
                "interview_place": "Phòng nhân sự",
            }
        if step == "hired":
            base_date = services.vietnam_today(at)
            extra = {"start_date": base_date + dt.timedelta(days=7)}
        application = services.change_application_status(
            db.session, application.id, actor.id, step, at=at, **extra
        )
    return application
