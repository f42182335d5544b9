"""The skills taxonomy read straight from its data file, for tests and the benchmark.

In the portal the vocabulary is built from the ``skills`` tables (portal.matching.services);
tests and ``bench/matching.py`` need the same taxonomy without a database, so this reads
``portal/reference/data/skills.csv`` (the file ``flask ref load`` loads; see its header and
portal/reference/data/README.md). Skills get ids 1, 2, 3… in file order, standing in for the
database ids.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from portal.matching.canonical import SkillEntry
from portal.text import normalise

SKILLS_CSV = Path(__file__).resolve().parent.parent / "reference" / "data" / "skills.csv"


def read_skill_entries(path: Path = SKILLS_CSV) -> list[SkillEntry]:
    """Skill entries in file order (``#`` lines are comments, as for the loader)."""
    content = path.read_text(encoding="utf-8-sig")
    lines = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
    entries = []
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=1):
        aliases = tuple(normalise(alias) for alias in (row["aliases"] or "").split("|"))
        entries.append(
            SkillEntry(
                skill_id=number,
                name_vi=normalise(row["name_vi"]),
                name_en=normalise(row["name_en"]),
                category=normalise(row["category"]),
                aliases=tuple(alias for alias in aliases if alias),
                occupation_codes=tuple((row["occupations"] or "").split()),
            )
        )
    return entries


def slug_ids(path: Path = SKILLS_CSV) -> dict[str, int]:
    """Slug → the id :func:`read_skill_entries` gives it (tests name skills by slug)."""
    content = path.read_text(encoding="utf-8-sig")
    lines = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return {row["slug"]: number for number, row in enumerate(reader, start=1)}
