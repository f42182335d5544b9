"""Demo employers' profiles, open vacancies and worker profiles, written through the services.

Going through the same services as the pages means the demo data passes every validation rule
(tax codes, CCCD, consistent employment fields…), so what ``make run`` shows is what a real
user could have typed. Skills are phrased the way employers and workers write them, with and
without diacritics.

Demo CCCD numbers are clearly fake: province code 030 (Hải Dương), the century/sex digit and
birth year as the rules require, and a serial in the documented test range 999000–999999.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import Role

if TYPE_CHECKING:
    from portal.demo.seed import SeedReport

DEMO_CCCD_SERIAL_MIN = 999000

# (tax code, enterprise type, VSIC 2018 code, industrial park, size)
EMPLOYER_PROFILES = {
    "employer1": ("0800990001", "fdi", "2930", "Nam Sách", "large"),
    "employer2": ("0800990002", "private", "1410", "", "large"),
    "employer3": ("0800990003", "fdi", "2610", "Đại An", "large"),
    "employer4": ("0800990004", "private", "1520", "", "medium"),
}

# (employer, title, VSCO occupation, must skills, nice skills, wage min, wage max, shifts,
#  benefits, qualification)
VACANCIES = (
    (
        "employer1",
        "Công nhân lắp ráp dây điện ô tô",
        "8202",
        ["lắp ráp dây điện", "đọc bản vẽ"],
        ["5S"],
        7_500_000,
        9_500_000,
        ["two_shifts"],
        ["bhxh", "bhtn", "meals", "shuttle"],
        "none",
    ),
    (
        "employer1",
        "Nhân viên kiểm tra chất lượng (QC) dây điện",
        "7543",
        ["kiem tra chat luong", "đọc bản vẽ"],
        ["tin học văn phòng"],
        8_500_000,
        11_000_000,
        ["office"],
        ["bhxh", "bhtn", "meals"],
        "trung_cap",
    ),
    (
        "employer1",
        "Thợ bảo trì điện công nghiệp",
        "7412",
        ["điện công nghiệp", "sửa chữa điện"],
        ["PLC"],
        10_000_000,
        14_000_000,
        ["rotating"],
        ["bhxh", "bhtn", "meals", "dormitory"],
        "cao_dang",
    ),
    (
        "employer2",
        "Công nhân may công nghiệp",
        "8153",
        ["may cong nghiep"],
        ["vắt sổ"],
        7_000_000,
        10_000_000,
        ["office"],
        ["bhxh", "bhtn", "attendance_bonus"],
        "none",
    ),
    (
        "employer2",
        "Thợ cắt vải",
        "7532",
        ["cắt vải", "đọc bản vẽ"],
        [],
        7_500_000,
        9_000_000,
        ["office"],
        ["bhxh", "bhtn", "meals"],
        "none",
    ),
    (
        "employer2",
        "Nhân viên kho",
        "4321",
        ["quản lý kho", "lái xe nâng"],
        ["Excel"],
        8_000_000,
        10_000_000,
        ["office"],
        ["bhxh", "bhtn", "meals"],
        "none",
    ),
    (
        "employer3",
        "Công nhân lắp ráp linh kiện điện tử",
        "8202",
        ["lap rap linh kien dien tu"],
        ["hàn thiếc"],
        7_800_000,
        9_800_000,
        ["three_shifts"],
        ["bhxh", "bhtn", "meals", "shuttle", "dormitory"],
        "none",
    ),
    (
        "employer3",
        "Kỹ thuật viên vận hành máy CNC",
        "7223",
        ["vận hành máy CNC", "đọc bản vẽ"],
        ["đo lường cơ khí"],
        11_000_000,
        15_000_000,
        ["two_shifts"],
        ["bhxh", "bhtn", "meals", "thirteenth_month"],
        "trung_cap",
    ),
    (
        "employer3",
        "Thợ hàn điện",
        "7212",
        ["hàn điện"],
        ["han TIG"],
        10_000_000,
        13_000_000,
        ["office"],
        ["bhxh", "bhtn", "meals"],
        "so_cap",
    ),
)

# Worker skills as people type them.
WORKER_SKILL_SETS = (
    ["han dien", "doc ban ve", "an toàn lao động"],
    ["may công nghiệp", "vắt sổ"],
    ["lắp ráp dây điện", "5S"],
    ["vận hành máy CNC", "đọc bản vẽ", "đo lường cơ khí"],
    ["lái xe nâng", "quản lý kho", "excel"],
)


def _communes(session: Session) -> list[str]:
    from portal.reference.services import communes_from_former_haiduong

    return [unit.code for unit in communes_from_former_haiduong(session)]


def _user_id(session: Session, email: str) -> int:
    from portal.accounts.models import User

    user_id = session.scalar(select(User.id).where(User.email == email))
    assert user_id is not None, email
    return user_id


def _organisation_id(session: Session, email: str) -> int:
    from portal.accounts.models import User

    organisation_id = session.scalar(select(User.organisation_id).where(User.email == email))
    assert organisation_id is not None, email
    return organisation_id


def seed_employers(session: Session, rng: random.Random, report: SeedReport) -> None:
    from portal.demo.seed import DEMO_DOMAIN
    from portal.jobs.services import (
        EmployerProfileInput,
        get_employer_profile,
        save_employer_profile,
    )

    communes = _communes(session)
    for local, (tax, kind, vsic, park, size) in EMPLOYER_PROFILES.items():
        email = f"{local}@{DEMO_DOMAIN}"
        organisation_id = _organisation_id(session, email)
        if get_employer_profile(session, organisation_id) is not None:
            continue
        save_employer_profile(
            session,
            organisation_id,
            _user_id(session, email),
            EmployerProfileInput(
                tax_code=tax,
                enterprise_type=kind,
                industries=[f"2018:{vsic}"],
                commune=f"2025:{rng.choice(communes)}",
                contact_person="Phòng Nhân sự",
                phone="0220" + str(rng.randint(3_000_000, 3_999_999)),
                email=f"tuyendung.{local}@{DEMO_DOMAIN}",
                size=size,
                industrial_park=park,
            ),
        )
    report.counts["employer profiles"] = len(EMPLOYER_PROFILES)


def seed_vacancies(session: Session, rng: random.Random, report: SeedReport) -> None:
    from portal.demo.seed import DEMO_DOMAIN
    from portal.jobs.models import Vacancy
    from portal.jobs.services import VacancyInput, open_vacancy, save_vacancy

    communes = _communes(session)
    today = dt.date.today()
    created = 0
    for (
        local,
        title,
        occupation,
        must,
        nice,
        wage_min,
        wage_max,
        shifts,
        benefits,
        qualification,
    ) in VACANCIES:
        email = f"{local}@{DEMO_DOMAIN}"
        organisation_id = _organisation_id(session, email)
        exists = session.scalar(
            select(Vacancy.id).where(
                Vacancy.organisation_id == organisation_id, Vacancy.title == title
            )
        )
        if exists is not None:
            continue
        actor = _user_id(session, email)
        vacancy = save_vacancy(
            session,
            organisation_id,
            actor,
            VacancyInput(
                title=title,
                occupation_code=occupation,
                commune=f"2025:{rng.choice(communes)}",
                deadline=today + dt.timedelta(days=rng.randint(20, 60)),
                positions=rng.randint(2, 30),
                wage_min=wage_min,
                wage_max=wage_max,
                qualification_code=qualification,
                shifts=shifts,
                benefits=benefits,
                must_skills=must,
                nice_skills=nice,
                working_hours="08:00–17:00",
                description="Làm việc tại nhà máy, được đào tạo khi mới vào làm.",
            ),
        )
        open_vacancy(session, vacancy.id, actor)
        created += 1
    report.counts["vacancies opened"] = created


def demo_cccd(rng: random.Random, birth: dt.date, female: bool) -> str:
    century = 0 if birth.year < 2000 else 2
    return (
        "030"
        + str(century + (1 if female else 0))
        + f"{birth.year % 100:02d}"
        + str(rng.randint(DEMO_CCCD_SERIAL_MIN, 999_999))
    )


def seed_workers(session: Session, rng: random.Random, report: SeedReport) -> None:
    from portal.accounts.models import User
    from portal.candidates.consent import consent_text
    from portal.candidates.models import ConsentPurpose, Sex
    from portal.candidates.services import (
        add_skill,
        get_profile_for_user,
        give_consent,
        save_education,
        save_employment,
        save_identity,
        save_residence,
        save_wishes,
    )
    from portal.demo.seed import DEMO_DOMAIN

    communes = _communes(session)
    workers = session.scalars(
        select(User)
        .where(User.role == Role.WORKER, User.email.like(f"%@{DEMO_DOMAIN}"))
        .order_by(User.id)
    ).all()
    for index, user in enumerate(workers):
        if get_profile_for_user(session, user.id) is not None:
            continue
        female = index % 2 == 1
        birth = dt.date(rng.randint(1985, 2005), rng.randint(1, 12), rng.randint(1, 28))
        profile = save_identity(
            session,
            user.id,
            full_name=user.full_name,
            date_of_birth=birth,
            sex=Sex.FEMALE if female else Sex.MALE,
            cccd=demo_cccd(rng, birth, female),
        )
        home = rng.choice(communes)
        save_residence(
            session,
            user.id,
            phone="09" + str(rng.randint(10_000_000, 99_999_999)),
            email=user.email,
            unit_version="2025",
            permanent_commune=home,
            current_commune=home,
            home_province_code="31",
        )
        save_education(
            session,
            user.id,
            general_education="upper_secondary",
            qualification_code=rng.choice(["none", "so_cap", "trung_cap"]),
        )
        save_employment(
            session,
            user.id,
            employment_status="unemployed",
            unemployed_since=dt.date.today() - dt.timedelta(days=rng.randint(10, 200)),
        )
        save_wishes(
            session,
            user.id,
            max_commute_km=rng.choice([10, 15, 20, 30]),
            min_wage=rng.choice([6_500_000, 7_000_000, 8_000_000]),
            shifts=["office"],
        )
        for text in WORKER_SKILL_SETS[index % len(WORKER_SKILL_SETS)]:
            add_skill(session, user.id, text)
        for purpose in (ConsentPurpose.MATCHING, ConsentPurpose.CONTACT):
            give_consent(session, profile.id, purpose, consent_text(purpose).version)
    report.counts["worker profiles"] = len(workers)
