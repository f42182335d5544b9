"""Account rules: registration, login, passwords, password reset, user administration.

Every public function takes a SQLAlchemy session, owns its transaction (commits on success,
leaves nothing behind on a refusal) and never touches ``request``, ``flash`` or
``current_user``: views, CLI commands, the demo seed and Celery tasks all call the same code.
Refusals are :mod:`portal.accounts.errors` exceptions carrying a translatable message.

Organisation verification (:mod:`portal.accounts.organisations`), password reset
(:mod:`portal.accounts.password_reset`) and server-side login sessions
(:mod:`portal.accounts.authsessions`) live in their own modules and are re-exported here, so
other domains import every account service from this one module.
"""

from __future__ import annotations

import re

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.access import ORGANISATION_ROLES, Role
from portal.accounts import passwords
from portal.accounts.authsessions import (
    DbSession,
    active_sessions,
    create_session_record,
    open_session,
    purge_expired_sessions,
    revoke_all_sessions,
    revoke_session,
    revoke_user_sessions,
    user_for_session,
)
from portal.accounts.errors import (
    AccountDisabled,
    EmailTaken,
    InvalidCredentials,
    InvalidInput,
    NotFound,
    NotPermitted,
    WrongCurrentPassword,
    rollback_on_refusal,
)
from portal.accounts.models import (
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    OrganisationStatusChange,
    User,
    normalise_email,
)
from portal.accounts.organisations import (
    change_organisation_status,
    list_organisations,
    reinstate_organisation,
    suspend_organisation,
    verify_organisation,
)
from portal.accounts.password_reset import (
    make_reset_token,
    request_password_reset,
    reset_password,
    send_password_setup_link,
    user_for_reset_token,
)
from portal.models import utcnow

__all__ = [
    "SELF_REGISTERED_ROLES",
    "active_sessions",
    "authenticate",
    "change_organisation_status",
    "change_password",
    "create_user",
    "disable_user",
    "enable_user",
    "find_user_by_email",
    "get_user",
    "list_organisations",
    "list_users",
    "make_reset_token",
    "normalise_email",
    "open_session",
    "purge_expired_sessions",
    "register_user",
    "reinstate_organisation",
    "request_password_reset",
    "reset_password",
    "revoke_session",
    "revoke_user_sessions",
    "send_password_setup_link",
    "set_user_locale",
    "suspend_organisation",
    "update_profile",
    "user_for_reset_token",
    "user_for_session",
    "verify_organisation",
]

# Authority and admin accounts are created by an administrator (or the seed), never self-made.
SELF_REGISTERED_ROLES = frozenset({Role.WORKER, Role.EMPLOYER, Role.SCHOOL})
ORGANISATION_KIND_OF_ROLE = {
    Role.EMPLOYER: OrganisationKind.EMPLOYER,
    Role.SCHOOL: OrganisationKind.SCHOOL,
}
# Deliberately loose: the forms validate addresses properly; services only refuse what can
# never be an address (the demo seed uses reserved ``.local`` domains on purpose).
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+$")
_PHONE_SHAPE = re.compile(r"^\+?[0-9]{8,15}$")


# -- lookups -------------------------------------------------------------------------------


def get_user(session: DbSession, user_id: int) -> User | None:
    return session.get(User, user_id)


def find_user_by_email(session: DbSession, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def list_users(
    session: DbSession,
    *,
    role: Role | str | None = None,
    search: str = "",
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[User], int]:
    """Users for the admin page, newest first, with the total count for paging."""
    query = select(User)
    if role:
        query = query.where(User.role == Role(role))
    if search.strip():
        pattern = "%" + search.strip().lower().replace("%", r"\%").replace("_", r"\_") + "%"
        query = query.where(
            func.lower(User.email).like(pattern, escape="\\")
            | func.lower(User.full_name).like(pattern, escape="\\")
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    users = session.scalars(
        query.order_by(User.created_at.desc(), User.id.desc()).limit(limit).offset(offset)
    ).unique()
    return list(users), total


# -- creating accounts -----------------------------------------------------------------------


def _clean_email(email: str) -> str:
    email = normalise_email(email)
    if not _EMAIL_SHAPE.match(email) or len(email) > 254:
        raise InvalidInput(_l("Please enter a valid e-mail address."), field="email")
    return email


def _clean_phone(phone: str | None) -> str | None:
    if phone is None:
        return None
    phone = re.sub(r"[\s.\-()]", "", phone)
    if not phone:
        return None
    if not _PHONE_SHAPE.match(phone):
        raise InvalidInput(_l("Please enter a valid phone number."), field="phone")
    return phone


def _check_locale(locale: str) -> str:
    if locale not in current_app.config["LANGUAGES"]:
        raise InvalidInput(_l("This language is not available."), field="locale")
    return locale


@rollback_on_refusal
def create_user(
    session: DbSession,
    *,
    email: str,
    password: str | None,
    role: Role | str,
    full_name: str = "",
    phone: str | None = None,
    locale: str = "vi",
    organisation_id: int | None = None,
    organisation_name: str | None = None,
    organisation_status: OrganisationStatus | str = OrganisationStatus.PENDING,
    disabled: bool = False,
    actor_id: int | None = None,
) -> User:
    """Create an account of any role (admin pages, the demo seed, tests).

    An employer or school account either joins an existing organisation (``organisation_id``)
    or creates one named ``organisation_name`` with ``organisation_status``. ``password=None``
    makes an account that can only log in after setting a password through an e-mailed link.
    The password policy applies to every password given.
    """
    role = Role(role)
    email = _clean_email(email)
    if find_user_by_email(session, email) is not None:
        raise EmailTaken(field="email")
    if password is not None:
        passwords.check_new_password(password, email)
    now = utcnow()
    user = User(
        email=email,
        password_hash=(
            passwords.hash_password(password)
            if password is not None
            else passwords.UNUSABLE_PASSWORD
        ),
        role=role,
        full_name=full_name.strip(),
        phone=_clean_phone(phone),
        locale=_check_locale(locale),
        disabled=disabled,
        password_changed_at=now if password is not None else None,
    )
    if role in ORGANISATION_ROLES:
        if organisation_id is not None:
            organisation = session.get(Organisation, organisation_id)
            if organisation is None or organisation.kind != ORGANISATION_KIND_OF_ROLE[role]:
                raise NotFound(_l("This organisation does not exist."), field="organisation")
        else:
            name = (organisation_name or "").strip()
            if not name:
                raise InvalidInput(
                    _l("Please enter the name of your company or school."),
                    field="organisation_name",
                )
            status = OrganisationStatus(organisation_status)
            organisation = Organisation(
                kind=ORGANISATION_KIND_OF_ROLE[role],
                name=name,
                status=status,
                status_changed_at=now,
            )
            organisation.status_changes.append(
                OrganisationStatusChange(
                    from_status=None,
                    to_status=status,
                    actor_id=actor_id,
                    at=now,
                    reason="",
                )
            )
            session.add(organisation)
        user.organisation = organisation
    elif organisation_id is not None or organisation_name:
        raise InvalidInput(
            _l("Only employer and school accounts belong to an organisation."),
            field="organisation_name",
        )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:  # a concurrent registration with the same address
        session.rollback()
        raise EmailTaken(field="email") from error
    return user


@rollback_on_refusal
def register_user(
    session: DbSession,
    *,
    email: str,
    password: str,
    full_name: str,
    role: Role | str,
    organisation_name: str | None = None,
    phone: str | None = None,
    locale: str = "vi",
) -> User:
    """Self-registration: a worker, or an employer or school whose organisation starts pending."""
    if Role(role) not in SELF_REGISTERED_ROLES:
        raise NotPermitted(_l("This kind of account cannot be registered here."), field="role")
    if not full_name.strip():
        raise InvalidInput(_l("Please enter your full name."), field="full_name")
    return create_user(
        session,
        email=email,
        password=password,
        role=role,
        full_name=full_name,
        phone=phone,
        locale=locale,
        organisation_name=organisation_name if Role(role) in ORGANISATION_ROLES else None,
        organisation_status=OrganisationStatus.PENDING,
    )


# -- logging in and passwords ----------------------------------------------------------------


@rollback_on_refusal
def authenticate(session: DbSession, email: str, password: str) -> User:
    """The user whose credentials these are; upgrades an outdated password hash on the way.

    An unknown address and a wrong password raise the same :class:`InvalidCredentials`, after
    the same amount of hashing work, so neither the message nor the timing reveals accounts.
    A disabled account is reported only to someone who knows its password.
    """
    user = find_user_by_email(session, email)
    if user is None:
        passwords.burn_verification_time()
        raise InvalidCredentials()
    if not passwords.verify_password(user.password_hash, password):
        raise InvalidCredentials()
    if user.disabled:
        raise AccountDisabled()
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    session.commit()
    return user


@rollback_on_refusal
def change_password(
    session: DbSession,
    user_id: int,
    current_password: str,
    new_password: str,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
) -> str:
    """Set a new password, end every session of the user and return a fresh session token.

    The caller's own session is rotated rather than kept: whoever else held its token (a
    stolen cookie) is logged out too.
    """
    user = session.get(User, user_id)
    if user is None or user.disabled:
        raise NotFound()
    if not passwords.verify_password(user.password_hash, current_password):
        raise WrongCurrentPassword(field="current_password")
    passwords.check_new_password(new_password, user.email, field="new_password")
    now = utcnow()
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = now
    revoke_all_sessions(session, user.id, now)
    token = create_session_record(session, user.id, ip=ip, user_agent=user_agent, now=now)
    session.commit()
    return token


# -- profile and administration --------------------------------------------------------------


@rollback_on_refusal
def set_user_locale(session: DbSession, user_id: int, locale: str) -> None:
    """Remember the user's language for pages and e-mails."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    user.locale = _check_locale(locale)
    session.commit()


@rollback_on_refusal
def update_profile(session: DbSession, user_id: int, *, full_name: str, phone: str | None) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if not full_name.strip():
        raise InvalidInput(_l("Please enter your full name."), field="full_name")
    user.full_name = full_name.strip()
    user.phone = _clean_phone(phone)
    session.commit()
    return user


def _admin(session: DbSession, actor_id: int) -> User:
    actor = session.get(User, actor_id)
    if actor is None or actor.disabled or actor.role != Role.ADMIN:
        raise NotPermitted()
    return actor


@rollback_on_refusal
def disable_user(session: DbSession, user_id: int, actor_id: int) -> User:
    """Disable an account (admin only) and end all its sessions at once."""
    actor = _admin(session, actor_id)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if user.id == actor.id:
        raise NotPermitted(_l("You cannot disable your own account."))
    user.disabled = True
    revoke_all_sessions(session, user.id, utcnow())
    session.commit()
    return user


@rollback_on_refusal
def enable_user(session: DbSession, user_id: int, actor_id: int) -> User:
    _admin(session, actor_id)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    user.disabled = False
    session.commit()
    return user
