"""Users, the organisations that employer and school accounts represent, and login sessions.

Organisations are deliberately generic (a kind, a name and a verification status): the employer
profile (tax code, industries…) and the school profile live in their own domains' tables, keyed
by ``organisation_id``, so this package never has to know about them.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import unicodedata

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.access import Role
from portal.models import Base, TimestampMixin, str_enum, utcnow


class OrganisationKind(enum.StrEnum):
    EMPLOYER = "employer"
    SCHOOL = "school"


class OrganisationStatus(enum.StrEnum):
    PENDING = "pending"  # registered, waiting for the authority: cannot publish
    VERIFIED = "verified"
    SUSPENDED = "suspended"  # verified once, then stopped by the authority: cannot publish


class Organisation(TimestampMixin, Base):
    """An employer or a vocational school, represented on the portal by one or more accounts."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, "kind"))
    name: Mapped[str] = mapped_column(String(255))
    status: Mapped[OrganisationStatus] = mapped_column(
        str_enum(OrganisationStatus, "status"), default=OrganisationStatus.PENDING, index=True
    )
    # Who last changed the status is the actor of the newest history row (see status_changed_by):
    # a foreign key from here to users would make a cycle with users.organisation_id, which
    # neither table sorting nor Alembic's autogenerate handles cleanly.
    status_changed_at: Mapped[dt.datetime | None]

    users: Mapped[list[User]] = relationship(back_populates="organisation")
    status_changes: Mapped[list[OrganisationStatusChange]] = relationship(
        back_populates="organisation",
        order_by="OrganisationStatusChange.id.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def can_publish(self) -> bool:
        """Only a verified organisation may publish vacancies, courses or anything else."""
        return self.status == OrganisationStatus.VERIFIED

    @property
    def is_pending(self) -> bool:
        return self.status == OrganisationStatus.PENDING

    @property
    def status_changed_by(self) -> User | None:
        """The authority or admin user who made the latest status change, if any."""
        return self.status_changes[0].actor if self.status_changes else None

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.status}>"


class OrganisationStatusChange(Base):
    """One verification decision, kept for the record (who, when, why)."""

    __tablename__ = "organisation_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[OrganisationStatus | None] = mapped_column(
        str_enum(OrganisationStatus, "from_status")
    )
    to_status: Mapped[OrganisationStatus] = mapped_column(str_enum(OrganisationStatus, "to_status"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="status_changes")
    actor: Mapped[User | None] = relationship()


class User(UserMixin, TimestampMixin, Base):
    """An account. E-mail addresses are stored normalised (see :func:`normalise_email`)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), index=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    disabled: Mapped[bool] = mapped_column(default=False)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    last_login_at: Mapped[dt.datetime | None]
    password_changed_at: Mapped[dt.datetime | None]

    # Joined: the access check reads the organisation's status on every organisation request.
    organisation: Mapped[Organisation | None] = relationship(back_populates="users", lazy="joined")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return not self.disabled

    @property
    def display_name(self) -> str:
        return self.full_name.strip() or self.email.split("@", 1)[0]

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.AUTHORITY, Role.ADMIN)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


def normalise_email(email: str) -> str:
    """The stored form of an address: trimmed, Unicode NFC, lower-case."""
    return unicodedata.normalize("NFC", email.strip()).lower()


def hash_session_token(token: str) -> str:
    """The stored form of a session token: a leaked table gives no usable cookie."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class AuthSession(Base):
    """A server-side login session; the browser holds only the random token.

    Ending a session (logout, password change, disabled account) sets ``revoked_at``, so a
    replayed old cookie is refused even though its signature is still valid.
    """

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_last_seen_at", "last_seen_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the token, hex
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(255))

    user: Mapped[User] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
