"""The candidates domain's services, in one import for the other domains and the views.

The rules live in modules named by meaning: :mod:`.profiles` (the profile sections),
:mod:`.skills` (skills and experience entries), :mod:`.completeness`, :mod:`.validation`
(CCCD, phone, age, employment consistency), :mod:`.consent` (consent per purpose),
:mod:`.sensitive` (ethnicity and disability), :mod:`.mydata` ("my data" and deletion),
:mod:`.finder` (employers searching workers), :mod:`.contact` (contact requests and when
contact details are visible) and :mod:`.authority` (staff look-ups).

Contracts other domains rely on:

- ``get_profile_for_user(session, user_id) -> WorkerProfile | None``
- ``mask_cccd(cccd) -> str``
- ``contact_visible(session, organisation_id, profile_id) -> bool``
- ``has_consent(session, profile_id, purpose) -> bool`` and
  ``consenting_profile_ids(session, purpose, profile_ids=None) -> set[int]`` /
  ``consented_profiles_clause(purpose)`` for bulk queries (the matcher)
"""

from __future__ import annotations

from portal.candidates.authority import find_profiles
from portal.candidates.completeness import completeness, profile_sections
from portal.candidates.consent import (
    CONSENT_TEXTS,
    consent_history,
    consent_states,
    consent_text,
    consented_profiles_clause,
    consenting_profile_ids,
    give_consent,
    has_consent,
    withdraw_consent,
)
from portal.candidates.contact import (
    answer_contact_request,
    contact_requests_for_worker,
    contact_visible,
    request_contact,
)
from portal.candidates.finder import WorkerFilters, employer_view, search_workers, short_name
from portal.candidates.mydata import (
    collect_my_data,
    delete_account,
    my_data_csv_zip,
    my_data_json,
    safe_cell,
)
from portal.candidates.profiles import (
    get_profile,
    get_profile_for_user,
    local_today,
    save_education,
    save_employment,
    save_identity,
    save_residence,
    save_wishes,
)
from portal.candidates.sensitive import (
    erase_sensitive_data,
    get_sensitive_data,
    save_sensitive_data,
)
from portal.candidates.skills import add_experience, add_skill, remove_experience, remove_skill
from portal.candidates.validation import age_on, clean_cccd, clean_phone, mask_cccd

__all__ = [
    "CONSENT_TEXTS",
    "WorkerFilters",
    "add_experience",
    "add_skill",
    "age_on",
    "answer_contact_request",
    "clean_cccd",
    "clean_phone",
    "collect_my_data",
    "completeness",
    "consent_history",
    "consent_states",
    "consent_text",
    "consented_profiles_clause",
    "consenting_profile_ids",
    "contact_requests_for_worker",
    "contact_visible",
    "delete_account",
    "employer_view",
    "erase_sensitive_data",
    "find_profiles",
    "get_profile",
    "get_profile_for_user",
    "get_sensitive_data",
    "give_consent",
    "has_consent",
    "local_today",
    "mask_cccd",
    "my_data_csv_zip",
    "my_data_json",
    "profile_sections",
    "remove_experience",
    "remove_skill",
    "request_contact",
    "safe_cell",
    "save_education",
    "save_employment",
    "save_identity",
    "save_residence",
    "save_sensitive_data",
    "save_wishes",
    "search_workers",
    "short_name",
    "withdraw_consent",
]
