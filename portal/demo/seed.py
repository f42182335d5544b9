"""The small deterministic demo data set that ``make run`` loads.

Deterministic from a seed so two machines show the same portal; idempotent so ``make run`` can
be repeated. Each domain contributes one ``seed_*`` function taking the session and a
``random.Random``; later issues add theirs to :data:`SEEDERS` (and issue 7 grows this into the
synthetic province generator).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import Role
from portal.demo.names import (
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    SURNAMES,
)

DEMO_PASSWORD = "HaiDuong@2025"  # noqa: S105 - published demo credential, embedded mode only
DEMO_DOMAIN = "demo.vieclam.local"


@dataclass
class SeedReport:
    """What a seed created, and the logins to print."""

    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, note)
    counts: dict[str, int] = field(default_factory=dict)


def vietnamese_name(rng: random.Random, female: bool) -> str:
    surnames = [name for name, _ in SURNAMES]
    weights = [weight for _, weight in SURNAMES]
    surname = rng.choices(surnames, weights=weights, k=1)[0]
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return f"{surname} {middle} {given}"


# Organisations of the demo: real-sounding names, clearly marked as demo data in e-mails.
DEMO_EMPLOYERS: tuple[tuple[str, str, str], ...] = (
    ("employer1", "Công ty TNHH Dây điện Ô tô Nam Sách (dữ liệu mẫu)", "verified"),
    ("employer2", "Công ty TNHH May mặc Cẩm Giàng (dữ liệu mẫu)", "verified"),
    ("employer3", "Công ty CP Điện tử Đại An (dữ liệu mẫu)", "verified"),
    ("employer4", "Công ty TNHH Giày da Thanh Miện (dữ liệu mẫu)", "pending"),
)
DEMO_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("school1", "Trường Cao đẳng Kỹ thuật Hải Dương (dữ liệu mẫu)", "verified"),
)


def seed_accounts(session: Session, rng: random.Random, report: SeedReport) -> None:
    from portal.accounts.models import User
    from portal.accounts.services import create_user

    def ensure(local: str, role: Role, full_name: str, note: str, **kwargs: object) -> None:
        email = f"{local}@{DEMO_DOMAIN}"
        exists = session.scalar(select(User.id).where(User.email == email))
        if exists is None:
            create_user(
                session,
                email=email,
                password=DEMO_PASSWORD,
                role=role,
                full_name=full_name,
                **kwargs,  # type: ignore[arg-type]
            )
        report.logins.append((str(role), email, note))

    ensure("admin", Role.ADMIN, "Quản trị hệ thống", "administrator")
    ensure("canbo", Role.AUTHORITY, vietnamese_name(rng, female=True), "labour authority staff")
    for local, name, status in DEMO_EMPLOYERS:
        ensure(
            local,
            Role.EMPLOYER,
            vietnamese_name(rng, rng.random() < 0.5),
            f"{name} ({status})",
            organisation_name=name,
            organisation_status=status,
        )
    for local, name, status in DEMO_SCHOOLS:
        ensure(
            local,
            Role.SCHOOL,
            vietnamese_name(rng, rng.random() < 0.5),
            f"{name} ({status})",
            organisation_name=name,
            organisation_status=status,
        )
    for index in range(1, 6):
        female = index % 2 == 0
        ensure(f"worker{index}", Role.WORKER, vietnamese_name(rng, female), "worker")


def _marketplace_seeders() -> tuple[Callable[[Session, random.Random, SeedReport], None], ...]:
    from portal.demo.marketplace import seed_employers, seed_vacancies, seed_workers

    return (seed_employers, seed_vacancies, seed_workers)


SEEDERS: tuple[Callable[[Session, random.Random, SeedReport], None], ...] = (seed_accounts,)


def seed(session: Session, seed_value: int = 20250701) -> SeedReport:
    """Create the demo data (idempotent) and return the logins to print."""
    rng = random.Random(seed_value)
    report = SeedReport()
    for seeder in (*SEEDERS, *_marketplace_seeders()):
        seeder(session, rng, report)
    session.commit()
    return report
