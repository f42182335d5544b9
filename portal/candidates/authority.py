"""Authority staff look workers up by name or CCCD and see the whole record.

Authorised staff of the labour authority (and administrators) see the full CCCD and the
sensitive data: the worker record of Circular 01/2022 is kept for them. Employers never reach
these functions (the views declare ``roles(AUTHORITY, ADMIN)``).
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session, scoped_session

from portal.candidates.models import WorkerProfile
from portal.text import fold_key

DbSession = Session | scoped_session[Session]
PER_PAGE = 25


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


def find_profiles(
    session: DbSession, query: str = "", *, page: int = 1, per_page: int = PER_PAGE
) -> tuple[list[WorkerProfile], int]:
    """Profiles whose CCCD contains the digits typed, or whose name contains the words typed
    (diacritics and case ignored); newest first."""
    statement = select(WorkerProfile)
    text = (query or "").strip()
    digits = re.sub(r"[\s.]", "", text)
    if digits.isdigit():
        statement = statement.where(
            WorkerProfile.cccd.like(f"%{_like_escape(digits)}%", escape="\\")
        )
    elif text:
        folded = fold_key(text)
        statement = statement.where(
            WorkerProfile.name_folded.like(f"%{_like_escape(folded)}%", escape="\\")
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(WorkerProfile.updated_at.desc(), WorkerProfile.id.desc())
        .limit(per_page)
        .offset(max(page - 1, 0) * per_page)
    )
    return list(rows), total
