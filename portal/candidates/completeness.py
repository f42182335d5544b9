"""How complete a profile is: the sections of the profile forms and which are filled in."""

from __future__ import annotations

from dataclasses import dataclass

from portal.candidates.models import WorkerProfile

# -- completeness ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    endpoint: str
    done: bool
    optional: bool = False


def profile_sections(profile: WorkerProfile | None) -> list[Section]:
    """The sections of the profile forms and whether each is filled in."""
    p = profile
    return [
        Section("identity", "candidates.edit_identity", bool(p and p.cccd and p.date_of_birth)),
        Section(
            "residence",
            "candidates.edit_residence",
            bool(p and p.current_commune_code and (p.phone or p.email)),
        ),
        Section(
            "education",
            "candidates.edit_education",
            bool(p and p.general_education and p.qualification_code),
        ),
        Section("skills", "candidates.edit_skills", bool(p and p.skills)),
        Section("experience", "candidates.edit_experience", bool(p and p.experiences), True),
        Section("employment", "candidates.edit_employment", bool(p and p.employment_status)),
        Section("wishes", "candidates.edit_wishes", bool(p and p.wished_occupation_codes)),
    ]


def completeness(profile: WorkerProfile | None) -> int:
    """Percentage of the required sections filled in."""
    required = [section for section in profile_sections(profile) if not section.optional]
    done = sum(1 for section in required if section.done)
    return round(100 * done / len(required))
