"""``flask ref load`` on its own database: idempotent, updatable by instance files, all-or-nothing.

Runs on a fresh database of its own (a temporary SQLite file, or a private PostgreSQL schema
when ``PORTAL_TEST_DATABASE_URL`` is set) so that loading, changing and breaking the data never
touches the session database other tests read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import Table, create_engine, func, select, text

from portal.extensions import db
from portal.reference.loader import LISTS, ReferenceDataError, load, load_all
from portal.reference.models import AdminUnit, Occupation, Skill, SkillAlias, UnitMapping
from tests.conftest import TEST_DATABASE_URL, AppFactory, base_test_config


def reference_tables() -> list[Table]:
    return [table for table in db.metadata.sorted_tables if table.info.get("reference")]


@pytest.fixture
def fresh_app(make_app: AppFactory, tmp_path: Path) -> Iterator[Flask]:
    """An app on an empty database of its own, holding just the reference tables."""
    instance = tmp_path / "instance"
    schema = admin = None
    if TEST_DATABASE_URL:
        schema = f"reftest_{uuid.uuid4().hex[:8]}"
        admin = create_engine(
            TEST_DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)
        )
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{TEST_DATABASE_URL}?options=-csearch_path%3D{schema}"
    else:
        url = "sqlite:///" + str(tmp_path / "reference.sqlite3")
    try:
        application = make_app(base_test_config(instance, DATABASE_URL=url))
        with application.app_context():
            db.metadata.create_all(db.engine, tables=reference_tables())
            yield application
            db.session.remove()
    finally:
        if admin is not None:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


def table_count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_loading_twice_changes_nothing(fresh_app: Flask) -> None:
    first = load(db.session)
    assert all(entry.written == entry.rows for entry in first)
    counts = {entry.table: entry.rows for entry in first}
    assert counts["admin_units"] > 13_000 and counts["unit_mappings"] > 10_000

    second = load(db.session)
    assert [(e.table, e.rows, e.written, e.retired) for e in second] == [
        (e.table, e.rows, 0, 0) for e in first
    ]
    assert load_all(db.session) == counts
    # no duplicates: every table holds exactly the source rows
    for model, table in [
        (AdminUnit, "admin_units"),
        (UnitMapping, "unit_mappings"),
        (Occupation, "occupations"),
        (Skill, "skills"),
        (SkillAlias, "skill_aliases"),
    ]:
        assert table_count(model) == counts[table]


def test_an_instance_file_updates_adds_and_its_removal_retires(fresh_app: Flask) -> None:
    load(db.session)
    overrides = Path(fresh_app.instance_path) / "reference"
    overrides.mkdir(parents=True)
    override = overrides / "occupations.csv"
    override.write_text(
        "# local corrections\n"
        "code,level,name_vi,name_en,parent_code\n"
        '7212,4,"Thợ hàn, thợ cắt kim loại",Welders and flamecutters,721\n'
        "7213,4,Thợ gò kim loại tấm,Sheet-metal workers,721\n",
        encoding="utf-8-sig",  # as Excel saves it
    )
    [report] = load(db.session, ["occupations"])
    assert (report.written, report.retired) == (2, 0)
    welder = db.session.scalar(select(Occupation).where(Occupation.code == "7212"))
    assert welder is not None and welder.name_vi == "Thợ hàn, thợ cắt kim loại"
    assert welder.name_folded == "tho han tho cat kim loai"

    override.unlink()
    [report] = load(db.session, ["occupations"])
    assert (report.written, report.retired) == (1, 1)
    db.session.expire_all()
    retired = db.session.scalar(select(Occupation).where(Occupation.code == "7213"))
    assert retired is not None and retired.active is False  # kept: records may point at it
    assert db.session.scalar(select(Occupation.name_vi).where(Occupation.code == "7212")) == (
        "Thợ hàn và thợ cắt kim loại bằng nhiệt"
    )


def test_a_conflicting_alias_is_refused_and_nothing_is_saved(fresh_app: Flask) -> None:
    load(db.session, ["qualifications", "occupations"])
    overrides = Path(fresh_app.instance_path) / "reference"
    overrides.mkdir(parents=True)
    (overrides / "skills.csv").write_text(
        "slug,category,name_vi,name_en,occupations,aliases\n"
        "han-dien-local,han,Hàn điện công trình,Site welding,7212,han dien\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as raised:
        load(db.session, ["skills"])
    message = str(raised.value)
    assert "han-dien-local" in message and "han-ho-quang-tay" in message
    assert table_count(Skill) == 0 and table_count(SkillAlias) == 0


def test_unknown_occupation_codes_are_refused(fresh_app: Flask) -> None:
    with pytest.raises(ReferenceDataError, match="unknown VSCO occupation code"):
        load(db.session, ["training"])  # occupations not loaded yet
    with pytest.raises(ValueError, match="unknown reference lists"):
        load(db.session, ["units", "villages"])


def test_cli_prints_counts(fresh_app: Flask) -> None:
    runner = fresh_app.test_cli_runner()
    result = runner.invoke(
        args=["ref", "load", "--only", "qualifications", "--only", "occupations"]
    )
    assert result.exit_code == 0, result.output
    assert "qualification_levels" in result.output and "occupations" in result.output
    assert "admin_units" not in result.output
    again = runner.invoke(args=["ref", "load", "--only", "qualifications"])
    assert "      6        0        0" in again.output
    assert set(LISTS) == {
        "qualifications",
        "occupations",
        "industries",
        "training",
        "units",
        "skills",
    }
