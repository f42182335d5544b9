"""Worker and graduate profiles: the official labour-record content plus job wishes.

The fields follow Circular 01/2022/TT-BLĐTBXH art. 7 (FACTS.md §4) so a profile can feed the
labour database directly. Administrative units are stored as numeric codes with their version
("legacy" before 1 July 2025, "2025" after); names are looked up, never stored.

Sensitive data (ethnicity, religion, health, disability) is kept apart in
:class:`SensitiveData`, collected only for a stated purpose and never shown to employers.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models import Base, TimestampMixin, str_enum, utcnow


class Sex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class EmploymentStatus(enum.StrEnum):
    """Labour-force status in the Circular 01/2022 sense."""

    EMPLOYED = "employed"
    UNEMPLOYED = "unemployed"  # without work, looking for and available for work
    NOT_IN_LABOUR_FORCE = "inactive"  # not economically active (reason recorded)
    STUDENT = "student"


class InactiveReason(enum.StrEnum):
    STUDYING = "studying"
    HOUSEWORK = "housework"
    RETIRED = "retired"
    ILLNESS_DISABILITY = "illness"
    OTHER = "other"


class GeneralEducation(enum.StrEnum):
    """Highest completed general education (grade reached)."""

    NONE = "none"
    PRIMARY = "primary"  # tiểu học
    LOWER_SECONDARY = "lower_secondary"  # THCS
    UPPER_SECONDARY = "upper_secondary"  # THPT


class ConsentPurpose(enum.StrEnum):
    MATCHING = "matching"  # matching and being found by employers
    CONTACT = "contact"  # being contacted by employers and schools
    STATISTICS = "statistics"  # use of the record in labour statistics


class WorkerProfile(TimestampMixin, Base):
    """One person's profile, owned by a worker account (or a graduate not yet claimed)."""

    __tablename__ = "worker_profiles"
    __table_args__ = (Index("ix_worker_profiles_current_commune", "current_commune_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Nullable: a school can import a graduate before the graduate claims the profile.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    # portal.text.fold_key(full_name): the authority finds "Nguyễn Văn An" by "nguyen van an".
    name_folded: Mapped[str] = mapped_column(String(200), default="", index=True)
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[Sex | None] = mapped_column(str_enum(Sex, "sex"))
    # 12-digit personal identification number (CCCD); unique; shown masked except to its owner
    # and authorised authority staff.
    cccd: Mapped[str | None] = mapped_column(String(12), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    unit_version: Mapped[str] = mapped_column(String(8), default="2025")
    permanent_commune_code: Mapped[str | None] = mapped_column(String(5))
    current_commune_code: Mapped[str | None] = mapped_column(String(5))
    address_detail: Mapped[str] = mapped_column(String(255), default="")
    home_province_code: Mapped[str | None] = mapped_column(String(2))

    general_education: Mapped[GeneralEducation | None] = mapped_column(
        str_enum(GeneralEducation, "general_education")
    )
    qualification_code: Mapped[str | None] = mapped_column(String(16))  # QualificationLevel
    training_field: Mapped[str] = mapped_column(String(255), default="")
    training_occupation_code: Mapped[str | None] = mapped_column(String(7))
    school_name: Mapped[str] = mapped_column(String(255), default="")
    graduation_year: Mapped[int | None] = mapped_column(Integer)

    employment_status: Mapped[EmploymentStatus | None] = mapped_column(
        str_enum(EmploymentStatus, "employment_status")
    )
    unemployed_since: Mapped[dt.date | None] = mapped_column(Date)
    inactive_reason: Mapped[InactiveReason | None] = mapped_column(
        str_enum(InactiveReason, "inactive_reason")
    )
    current_occupation_code: Mapped[str | None] = mapped_column(String(5))
    current_employer_name: Mapped[str] = mapped_column(String(255), default="")
    workplace_province_code: Mapped[str | None] = mapped_column(String(2))
    workplace_commune_code: Mapped[str | None] = mapped_column(String(5))
    has_bhxh: Mapped[bool] = mapped_column(default=False)  # social insurance
    has_bhtn: Mapped[bool] = mapped_column(default=False)  # unemployment insurance
    open_to_offers: Mapped[bool] = mapped_column(default=True)

    # Job wishes.
    wished_occupation_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    preferred_commune_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    max_commute_km: Mapped[int | None] = mapped_column(Integer)
    min_wage: Mapped[int | None] = mapped_column(Integer)  # VND per month
    shifts_accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    willing_to_relocate: Mapped[bool] = mapped_column(default=False)
    summary: Mapped[str] = mapped_column(Text, default="")

    skills: Mapped[list[WorkerSkill]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="WorkerSkill.id"
    )
    experiences: Mapped[list[Experience]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="Experience.start_date"
    )


class WorkerSkill(Base):
    """A skill on a profile: a taxonomy skill when the text mapped to one, else free text."""

    __tablename__ = "worker_skills"
    __table_args__ = (UniqueConstraint("profile_id", "raw_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), index=True
    )
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id"), index=True)
    raw_text: Mapped[str] = mapped_column(String(150))  # as typed, NFC; kept even when mapped
    # portal.text.fold_key(raw_text): employers search free-text skills without diacritics.
    text_folded: Mapped[str] = mapped_column(String(150), default="")
    years: Mapped[int | None] = mapped_column(Integer)

    profile: Mapped[WorkerProfile] = relationship(back_populates="skills")


class Experience(Base):
    __tablename__ = "worker_experiences"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), index=True
    )
    employer_name: Mapped[str] = mapped_column(String(255))
    job_title: Mapped[str] = mapped_column(String(255))
    occupation_code: Mapped[str | None] = mapped_column(String(5))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")

    profile: Mapped[WorkerProfile] = relationship(back_populates="experiences")


class SensitiveData(Base):
    """Special-category data, collected only for a stated purpose; never shown to employers."""

    __tablename__ = "worker_sensitive_data"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), primary_key=True
    )
    ethnicity: Mapped[str | None] = mapped_column(String(64))  # statistics (Circular 01/2022)
    religion: Mapped[str | None] = mapped_column(String(64))
    disability: Mapped[str | None] = mapped_column(String(255))  # for supported employment
    purpose: Mapped[str] = mapped_column(String(255))
    collected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConsentEvent(Base):
    """Append-only consent log: the latest event per purpose is the current state."""

    __tablename__ = "consent_events"
    __table_args__ = (Index("ix_consent_events_profile_purpose", "profile_id", "purpose", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[ConsentPurpose] = mapped_column(str_enum(ConsentPurpose, "purpose"))
    granted: Mapped[bool]
    text_version: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EmploymentRecord(Base):
    """A job held by a worker; hiring through the portal writes one (source ``portal``)."""

    __tablename__ = "employment_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("worker_profiles.id", ondelete="CASCADE"), index=True
    )
    employer_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    employer_name: Mapped[str] = mapped_column(String(255))
    occupation_code: Mapped[str | None] = mapped_column(String(5))
    unit_version: Mapped[str] = mapped_column(String(8), default="2025")
    workplace_commune_code: Mapped[str | None] = mapped_column(String(5))
    workplace_province_code: Mapped[str | None] = mapped_column(String(2))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(32), default="portal")
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AnonymisedWorker(Base):
    """What remains of a deleted account for statistics: no name, no identifier, no contact."""

    __tablename__ = "anonymised_workers"

    id: Mapped[int] = mapped_column(primary_key=True)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[Sex | None] = mapped_column(str_enum(Sex, "sex"))
    unit_version: Mapped[str] = mapped_column(String(8), default="2025")
    commune_code: Mapped[str | None] = mapped_column(String(5))
    qualification_code: Mapped[str | None] = mapped_column(String(16))
    employment_status: Mapped[EmploymentStatus | None] = mapped_column(
        str_enum(EmploymentStatus, "employment_status")
    )
    deleted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
