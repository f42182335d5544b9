"""Every weight and threshold of the matcher, in one place (docs/decisions/0007-matching.md).

A match score is the sum of eight parts, each the part's weight (its maximum, in points) times
a fraction in [0, 1] that :mod:`portal.matching.scoring` computes. The weights add up to 100, so
a worker who fits in every respect scores 100. When a vacancy names no skills, the skills part
cannot be earned by anyone and the other parts are scaled up to fill 0–100 (the ranking of that
vacancy's candidates is unchanged by the scaling; the score stays readable).

Changing a number here changes every ranking: bump :data:`ENGINE_VERSION` with it, so stored
matches show which rules produced them and a full re-match replaces them.
"""

from __future__ import annotations

from typing import Final

#: Stored with every computed match; bump on any change to these numbers or to the rules.
ENGINE_VERSION: Final = "match-2025.1"

# ---------------------------------------------------------------------------------------------
# Parts of the score (points; they add up to 100)

SKILLS: Final = 40.0  # the vacancy's skills the worker has, must-haves weighing more
OCCUPATION: Final = 15.0  # the worker's wished or held occupation against the vacancy's
LOCATION: Final = 15.0  # residence against workplace: same commune … far away
QUALIFICATION: Final = 8.0  # qualification level against the level required
EXPERIENCE: Final = 7.0  # months of experience against the minimum asked
WAGE: Final = 7.0  # the worker's minimum wage against the offer
AVAILABILITY: Final = 5.0  # unemployed and seeking first, employed but open second
RECENT_GRADUATE: Final = 3.0  # finished, recently, a course for this trade

TOTAL: Final = (
    SKILLS
    + OCCUPATION
    + LOCATION
    + QUALIFICATION
    + EXPERIENCE
    + WAGE
    + AVAILABILITY
    + RECENT_GRADUATE
)

# ---------------------------------------------------------------------------------------------
# Skills

#: Weight of one skill within the skills part: a must-have counts three nice-to-haves.
MUST_HAVE: Final = 3.0
NICE_TO_HAVE: Final = 1.0

# Partial credit for a vacancy skill the worker lacks when the worker has a related skill (the
# best related skill counts). Relations are symmetric and come from the taxonomy
# (portal/reference/data/skills.csv): the same category, typical for the same occupation (a
# VSCO code both skills list), or named as related explicitly.
RELATED_EXPLICIT: Final = 0.6
RELATED_CATEGORY_AND_OCCUPATION: Final = 0.6  # "Hàn TIG" for "Hàn MIG/MAG": same trade
RELATED_SHARED_OCCUPATION: Final = 0.45  # "Hàn thiếc" for "Lắp ráp bó dây điện" (8202)
RELATED_SAME_CATEGORY: Final = 0.3  # "Mài" for "Phay": same family, other machine
#: Categories whose members are not related to each other by category alone: soft skills
#: ("Làm việc nhóm" tells nothing about "Giao tiếp") and the mixed service trades.
UNRELATED_CATEGORIES: Final = frozenset({"ky_nang", "dich_vu"})
#: At most this many related skills per skill (the strongest, then by id): bounds the
#: candidates a vacancy skill pulls in from the index.
RELATED_PER_SKILL: Final = 8

# ---------------------------------------------------------------------------------------------
# Canonicalisation of typed skills (portal.matching.canonical)

#: rapidfuzz ``fuzz.ratio`` on the folded words in sorted order (``token_sort_ratio``) needed
#: for a typed skill to count as a taxonomy alias. 86 accepts one slip in a short phrase
#: ("van hanh may cmc" 94, "cong nhan mayy" 96, "lai xe nag" 95) but not a different word in
#: a very short one ("han mig" against "han tig" is 85.7). Exact aliases are looked up first,
#: so "hàn MIG" never reaches this.
CANONICAL_SIMILARITY: Final = 86.0
#: A fuzzy match is refused when another skill scores within this margin of the best: "han die"
#: is as close to "hàn điện" as to "hàn điểm", and guessing would be worse than free text.
CANONICAL_AMBIGUITY_MARGIN: Final = 3.0
#: Typed text this short (folded characters) must match an alias exactly: "QA", "PLC", "SQL".
CANONICAL_EXACT_ONLY_LENGTH: Final = 4
#: Free text (no taxonomy skill) joins an earlier free text at least this similar, so "sua may
#: khau" and "sửa máy khâu" and "sua may khua" count as one skill.
FREE_TEXT_SIMILARITY: Final = 88.0

# ---------------------------------------------------------------------------------------------
# Occupation fit (VSCO 2020 codes nest by prefix: 7 ⊃ 72 ⊃ 721 ⊃ 7212)

OCCUPATION_SAME: Final = 1.0  # the same code
OCCUPATION_MINOR_GROUP: Final = 0.75  # same 3-digit group
OCCUPATION_SUB_MAJOR_GROUP: Final = 0.5  # same 2-digit group (what the demand form reports)
OCCUPATION_MAJOR_GROUP: Final = 0.2  # same 1-digit group
#: A profile is a candidate for a vacancy when it shares a skill (or a related one), or its
#: occupation fits at least this well, or it is a recent graduate for the trade. A profile that
#: only shares the major group ("7 Craft workers") is not offered on that alone.
RELEVANT_OCCUPATION_FIT: Final = OCCUPATION_SUB_MAJOR_GROUP

# ---------------------------------------------------------------------------------------------
# Location bands (fraction of LOCATION)

LOCATION_SAME_COMMUNE: Final = 1.0
#: Within the worker's commuting distance: from COMMUTE_NEAR at 0 km down to
#: COMMUTE_NEAR - COMMUTE_SPAN at the limit.
COMMUTE_NEAR: Final = 0.95
COMMUTE_SPAN: Final = 0.35
LOCATION_PROVINCE: Final = 0.35  # elsewhere in the workplace's province
LOCATION_RELOCATE: Final = 0.25  # outside the province, willing to relocate
LOCATION_UNKNOWN: Final = 0.15  # residence or workplace not given
LOCATION_FAR: Final = 0.0
#: Commuting distance assumed when the worker did not state one (km): a motorbike ride of
#: about half an hour on the province's roads.
DEFAULT_COMMUTE_KM: Final = 15

# ---------------------------------------------------------------------------------------------
# Qualification: fraction by the number of levels below the required one (0, 1, 2 or more).
# Being above the required level costs nothing.

QUALIFICATION_BY_GAP: Final = (1.0, 0.4, 0.0)

# ---------------------------------------------------------------------------------------------
# Wage (fraction of WAGE)

WAGE_MEETS: Final = 1.0  # the top of the offer reaches the worker's minimum
#: Below the minimum the fraction falls linearly to 0 when the offer is this share below it.
WAGE_TOLERANCE: Final = 0.3
WAGE_NEGOTIABLE: Final = 0.7  # no amount offered ("thỏa thuận")
WAGE_UNSTATED: Final = 0.8  # the worker stated no minimum

# ---------------------------------------------------------------------------------------------
# Availability (fraction of AVAILABILITY), by portal.matching.features.Availability

AVAILABILITY_SEEKING: Final = 1.0  # unemployed and looking for work
AVAILABILITY_OPEN: Final = 0.6  # employed but open to offers
AVAILABILITY_OTHER: Final = 0.2  # student, not in the labour force, or not open

# ---------------------------------------------------------------------------------------------
# Recent graduate

#: A course finished in this calendar year or the previous ones down to this many years back.
RECENT_GRADUATE_YEARS: Final = 2
#: The course's occupation fits the vacancy's at least this well (same 3-digit group), or is an
#: occupation the vacancy's skills are typical for.
GRADUATE_OCCUPATION_FIT: Final = OCCUPATION_MINOR_GROUP

#: Experience counted from the profile's entries is capped (months): 50 years.
MAX_EXPERIENCE_MONTHS: Final = 600
