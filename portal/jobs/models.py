"""Employers, vacancies, applications and the hiring pipeline.

Every state change (vacancy status, application status) is kept as a history row with its
actor and time: both sides see the history, and the labour statistics follow real events.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.functions import FunctionElement

from portal.models import Base, TimestampMixin, str_enum, utcnow

if TYPE_CHECKING:
    from portal.accounts.models import Organisation
    from portal.candidates.models import WorkerProfile


class EnterpriseType(enum.StrEnum):
    STATE = "state"
    PRIVATE = "private"
    FDI = "fdi"
    COOPERATIVE = "cooperative"
    HOUSEHOLD = "household"  # household business


class SizeBand(enum.StrEnum):
    MICRO = "micro"  # up to 10 employees
    SMALL = "small"  # 11–100
    MEDIUM = "medium"  # 101–200
    LARGE = "large"  # more than 200


class VacancyStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    FILLED = "filled"


class SkillImportance(enum.StrEnum):
    MUST = "must"
    NICE = "nice"


class ApplicationStatus(enum.StrEnum):
    APPLIED = "applied"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    OFFERED = "offered"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class EmployerProfile(TimestampMixin, Base):
    """The enterprise behind an employer organisation (demand-form content, FACTS.md §4)."""

    __tablename__ = "employer_profiles"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    tax_code: Mapped[str] = mapped_column(String(14), unique=True)  # 10 or 10-3 digits
    enterprise_type: Mapped[EnterpriseType] = mapped_column(
        str_enum(EnterpriseType, "enterprise_type")
    )
    unit_version: Mapped[str] = mapped_column(String(8), default="2025")
    commune_code: Mapped[str] = mapped_column(String(5))
    address_detail: Mapped[str] = mapped_column(String(255), default="")
    industrial_park: Mapped[str] = mapped_column(String(120), default="")
    contact_person: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(254))
    size: Mapped[SizeBand] = mapped_column(str_enum(SizeBand, "size"))
    website: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")

    industries: Mapped[list[EmployerIndustry]] = relationship(
        back_populates="employer", cascade="all, delete-orphan"
    )


class EmployerIndustry(Base):
    """A main industry of an employer, as a VSIC code with its version (2018 or 2025)."""

    __tablename__ = "employer_industries"
    __table_args__ = (UniqueConstraint("organisation_id", "vsic_version", "vsic_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("employer_profiles.organisation_id", ondelete="CASCADE"), index=True
    )
    vsic_version: Mapped[str] = mapped_column(String(8))
    vsic_code: Mapped[str] = mapped_column(String(5))

    employer: Mapped[EmployerProfile] = relationship(back_populates="industries")


class Vacancy(TimestampMixin, Base):
    __tablename__ = "vacancies"
    __table_args__ = (
        Index("ix_vacancies_status_deadline", "status", "deadline"),
        Index("ix_vacancies_status_opened_at", "status", "opened_at"),
        # The search cache's change check reads max(updated_at) through this index.
        Index("ix_vacancies_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    occupation_code: Mapped[str] = mapped_column(String(5), index=True)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    wage_min: Mapped[int | None] = mapped_column(Integer)  # VND per month
    wage_max: Mapped[int | None] = mapped_column(Integer)
    wage_negotiable: Mapped[bool] = mapped_column(default=False)
    unit_version: Mapped[str] = mapped_column(String(8), default="2025")
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    industrial_park: Mapped[str] = mapped_column(String(120), default="")
    qualification_code: Mapped[str] = mapped_column(String(16), default="none")
    min_experience_months: Mapped[int] = mapped_column(Integer, default=0)
    working_hours: Mapped[str] = mapped_column(String(255), default="")
    shifts: Mapped[list[str]] = mapped_column(JSON, default=list)
    benefits: Mapped[list[str]] = mapped_column(JSON, default=list)
    deadline: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    # Decree 70/2023: a position later offered to a foreign worker must first be advertised to
    # Vietnamese workers for at least 15 days; the portal keeps such a vacancy open that long.
    foreign_worker_position: Mapped[bool] = mapped_column(default=False)
    status: Mapped[VacancyStatus] = mapped_column(
        str_enum(VacancyStatus, "status"), default=VacancyStatus.DRAFT
    )
    opened_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    # Folded title, occupation, skills, employer, place: what free-text search reads.
    search_text: Mapped[str] = mapped_column(Text, default="")

    skills: Mapped[list[VacancySkill]] = relationship(
        back_populates="vacancy", cascade="all, delete-orphan", order_by="VacancySkill.id"
    )
    status_changes: Mapped[list[VacancyStatusChange]] = relationship(
        back_populates="vacancy", cascade="all, delete-orphan", order_by="VacancyStatusChange.id"
    )
    organisation: Mapped[Organisation] = relationship(viewonly=True)


class search_document(FunctionElement[Any]):
    """The folded search text as the search index holds it (docs/decisions/0006).

    On PostgreSQL a full-text document, ``to_tsvector('simple', search_text)`` (the 'simple'
    configuration: words as they are, no stemming, no stop words), indexed with GIN so that a
    word-prefix query is answered from the index; elsewhere (SQLite) the text itself, which
    :mod:`portal.jobs.search` matches with ``LIKE``. Queries use this same construct so that
    PostgreSQL recognises the indexed expression.
    """

    name = "search_document"
    inherit_cache = True


@compiles(search_document, "postgresql")
def _search_document_postgresql(element: search_document, compiler: Any, **kw: Any) -> str:
    return f"to_tsvector('simple'::regconfig, {compiler.process(element.clauses, **kw)})"


@compiles(search_document)
def _search_document_default(element: search_document, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


Index(
    "ix_vacancies_search_document",
    search_document(Vacancy.__table__.c.search_text),
    postgresql_using="gin",
)


class VacancySkill(Base):
    """A required skill: a taxonomy skill when the text mapped to one, else free text (kept)."""

    __tablename__ = "vacancy_skills"
    __table_args__ = (UniqueConstraint("vacancy_id", "raw_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id"), index=True)
    raw_text: Mapped[str] = mapped_column(String(150))
    importance: Mapped[SkillImportance] = mapped_column(str_enum(SkillImportance, "importance"))

    vacancy: Mapped[Vacancy] = relationship(back_populates="skills")


class VacancyStatusChange(Base):
    __tablename__ = "vacancy_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[VacancyStatus | None] = mapped_column(
        str_enum(VacancyStatus, "from_status")
    )
    to_status: Mapped[VacancyStatus] = mapped_column(str_enum(VacancyStatus, "to_status"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(255), default="")  # e.g. "deadline passed"
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    vacancy: Mapped[Vacancy] = relationship(back_populates="status_changes")


class Application(TimestampMixin, Base):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("vacancy_id", "profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus, "status"), default=ApplicationStatus.APPLIED
    )
    cover_note: Mapped[str] = mapped_column(Text, default="")  # from the worker
    employer_notes: Mapped[str] = mapped_column(Text, default="")  # private to the employer
    interview_at: Mapped[dt.datetime | None]
    interview_place: Mapped[str] = mapped_column(String(255), default="")

    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationEvent.id"
    )
    vacancy: Mapped[Vacancy] = relationship(viewonly=True)
    profile: Mapped[WorkerProfile] = relationship(viewonly=True)


class ApplicationEvent(Base):
    """One step of the pipeline, visible to the worker and the employer."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[ApplicationStatus | None] = mapped_column(
        str_enum(ApplicationStatus, "from_status")
    )
    to_status: Mapped[ApplicationStatus] = mapped_column(str_enum(ApplicationStatus, "to_status"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")  # shown to both sides
    # The interview arranged by this step (kept per event, so a rescheduled interview's
    # history still shows the earlier date and place).
    interview_at: Mapped[dt.datetime | None]
    interview_place: Mapped[str] = mapped_column(String(255), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="events")


class ContactRequest(Base):
    """An employer asks a consenting worker for contact; details show only once accepted."""

    __tablename__ = "contact_requests"
    __table_args__ = (UniqueConstraint("organisation_id", "profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), index=True
    )
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancies.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")  # accepted / declined
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[dt.datetime | None]


class SavedSearch(Base):
    """A worker's saved vacancy search; new matching vacancies raise an alert."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    params: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    email_alerts: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """An in-app notification (saved-search alert, application status change, invitation)."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        UniqueConstraint("user_id", "dedupe_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)  # already in the user's language
    url: Mapped[str] = mapped_column(String(255), default="")
    # Idempotence: the same alert for the same vacancy and saved search is created once.
    dedupe_key: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    read_at: Mapped[dt.datetime | None]
