"""The jobs domain's rules, in one place to import from.

Every function takes a SQLAlchemy session, owns its transaction (commits on success, rolls back
on a refusal) and never touches ``request``, ``flash`` or ``current_user``: views, the demo seed,
Celery tasks and tests call the same code. Refusals are :mod:`portal.jobs.errors` exceptions
carrying a translatable message (and the form field it belongs to).

The rules live in modules by meaning: :mod:`.employers` (the employer profile),
:mod:`.vacancies` (drafting, visibility, search text), :mod:`.vacancy_rules` (content checks,
Decree 70), :mod:`.vacancy_status` (publishing, closing, expiry),
:mod:`.applications` (applying and the hiring pipeline) and :mod:`.applicants` (who may read
what). Other domains rely on :func:`refresh_search_text` (search) and
:func:`close_expired_vacancies` (the beat task).
"""

from __future__ import annotations

from portal.jobs.applicants import (
    ApplicantList,
    ApplicantView,
    applicant_view,
    application_counts,
    get_application_for_employer,
    get_application_for_worker,
    hires_count,
    history_for_employer,
    history_for_worker,
    list_applicants,
    list_worker_applications,
    personal_data_visible,
)
from portal.jobs.applications import (
    TRANSITIONS,
    Side,
    allowed_moves,
    apply_to_vacancy,
    change_application_status,
    find_application,
    get_profile_for_user,
    update_employer_notes,
    withdraw_application,
)
from portal.jobs.employers import (
    EmployerProfileInput,
    employer_profile_summary,
    get_employer_profile,
    save_employer_profile,
)
from portal.jobs.errors import InvalidInput, InvalidTransition, JobsError, NotFound, NotPermitted
from portal.jobs.vacancies import (
    get_employer_vacancy,
    get_visible_vacancy,
    is_publicly_open,
    list_employer_vacancies,
    refresh_search_text,
    save_vacancy,
    vacancy_problems,
    vacancy_status_counts,
)
from portal.jobs.vacancy_rules import (
    FOREIGN_WORKER_MIN_DAYS,
    VacancyInput,
    earliest_close_date,
    vietnam_today,
)
from portal.jobs.vacancy_status import (
    close_expired_vacancies,
    close_vacancy,
    mark_vacancy_filled,
    open_vacancy,
)

__all__ = [
    "FOREIGN_WORKER_MIN_DAYS",
    "TRANSITIONS",
    "ApplicantList",
    "ApplicantView",
    "EmployerProfileInput",
    "InvalidInput",
    "InvalidTransition",
    "JobsError",
    "NotFound",
    "NotPermitted",
    "Side",
    "VacancyInput",
    "allowed_moves",
    "applicant_view",
    "application_counts",
    "apply_to_vacancy",
    "change_application_status",
    "close_expired_vacancies",
    "close_vacancy",
    "earliest_close_date",
    "employer_profile_summary",
    "find_application",
    "get_application_for_employer",
    "get_application_for_worker",
    "get_employer_profile",
    "get_employer_vacancy",
    "get_profile_for_user",
    "get_visible_vacancy",
    "hires_count",
    "history_for_employer",
    "history_for_worker",
    "is_publicly_open",
    "list_applicants",
    "list_employer_vacancies",
    "list_worker_applications",
    "mark_vacancy_filled",
    "open_vacancy",
    "personal_data_visible",
    "refresh_search_text",
    "save_employer_profile",
    "save_vacancy",
    "update_employer_notes",
    "vacancy_problems",
    "vacancy_status_counts",
    "vietnam_today",
    "withdraw_application",
]
