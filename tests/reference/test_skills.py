"""The skills taxonomy: size, aliases that resolve to one skill, search without diacritics."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.reference import services
from portal.reference.loader import DATA_DIR, Sources
from portal.reference.models import Skill, SkillAlias, SkillOccupation
from portal.text import fold_key


def test_at_least_150_skills_with_several_aliases_each(app: Flask) -> None:
    skills = db.session.scalars(select(Skill)).all()
    assert len(skills) >= 150
    per_skill = Counter(db.session.scalars(select(SkillAlias.skill_id)))
    assert all(per_skill[skill.id] >= 3 for skill in skills)


def test_every_folded_alias_in_the_file_belongs_to_one_skill() -> None:
    owners: dict[str, set[str]] = {}
    rows = Sources(data_dir=DATA_DIR).rows("skills", key=lambda row: (row["slug"],))
    for row in rows:
        for text in [row["name_vi"], *row["aliases"].split("|")]:
            owners.setdefault(fold_key(text), set()).add(row["slug"])
    shared = {alias: slugs for alias, slugs in owners.items() if len(slugs) > 1}
    assert shared == {}


def test_aliases_are_unique_in_the_database(app: Flask) -> None:
    total = db.session.scalar(select(func.count()).select_from(SkillAlias))
    distinct = db.session.scalar(select(func.count(func.distinct(SkillAlias.alias_folded))))
    assert total == distinct and total > 600


def test_search_without_diacritics_finds_welding(app: Flask) -> None:
    found = services.search_skills(db.session, "han dien", 5)
    assert found[0].slug == "han-ho-quang-tay"
    assert found[0].name_vi == "Hàn hồ quang tay (hàn que)"
    assert "han-kim-loai" in {skill.slug for skill in services.search_skills(db.session, "thợ hàn")}


def test_search_by_abbreviation_synonym_and_job_title(app: Flask) -> None:
    def first(query: str) -> str:
        return services.search_skills(db.session, query, 3)[0].slug

    assert first("CNC") == "van-hanh-may-cnc"
    assert first("QC") == "kiem-tra-chat-luong"
    assert first("forklift") == "lai-xe-nang"
    assert first("xe nâng") == "lai-xe-nang"
    assert first("cong nhan may") == "may-cong-nghiep"
    assert first("tiếng Hàn") == "tieng-han"
    assert first("excel") == "excel"
    assert services.search_skills(db.session, "   ") == []
    assert 0 < len(services.search_skills(db.session, "c", 1000)) <= services.MAX_RESULTS


def test_resolve_exact(app: Flask) -> None:
    skill = services.resolve_skill_exact(db.session, "HÀN  ĐIỆN")
    assert skill is not None and skill.slug == "han-ho-quang-tay"
    assert services.resolve_skill_exact(db.session, "hàn") is None  # welding or Korean?
    assert services.resolve_skill_exact(db.session, "") is None
    resolved = services.resolve_skills(db.session, ["vận hành máy CNC", "lái xe nâng", "???"])
    assert {text: s.slug if s else None for text, s in resolved.items()} == {
        "vận hành máy CNC": "van-hanh-may-cnc",
        "lái xe nâng": "lai-xe-nang",
        "???": None,
    }


def test_skills_are_linked_to_occupations(app: Flask) -> None:
    linked = db.session.scalar(select(func.count(func.distinct(SkillOccupation.skill_id))))
    assert linked is not None and linked >= 140
    welding = services.resolve_skill_exact(db.session, "thợ hàn")
    assert welding is not None and [o.code for o in welding.occupations] == ["7212"]
    assert "han-tig" in {skill.slug for skill in services.skills_for_occupation(db.session, "721")}
