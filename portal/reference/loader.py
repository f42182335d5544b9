"""Load reference data into the database: an idempotent upsert from packages and data files.

Sources:

* administrative units and the old→new commune table: the files shipped inside the
  ``vietnamadminunits`` package (MIT), read directly (:mod:`portal.reference.units_source`);
* everything else: the documented CSV files in ``portal/reference/data/``, each merged with a
  same-named file in ``<instance>/reference/`` if the authority dropped one there (its rows
  replace rows with the same key and add new ones).

Each table is read once and compared with its source in Python; only new and changed rows are
sent, with the dialect's ``INSERT … ON CONFLICT DO UPDATE`` (Core statements in batches, or
``COPY`` into a staging table for the bulk of a first load on PostgreSQL). A re-run writes
nothing and a changed file row updates one row; a whole first load of about 25,000 rows takes a
few seconds on either database. Rows that left a source are never deleted, because
workers, vacancies and statistics may point at them: they are marked ``active = False`` and
reactivated if they come back. Skill aliases and skill↔occupation links are the exception: no
other table points at them, so they are made to match the file exactly.

Everything a call loads is written in one transaction; a bad file (unknown occupation code, an
alias claimed by two skills…) raises :class:`ReferenceDataError` naming the file and line, and
nothing is saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import Column, MetaData, Table, delete, false, or_, select, text, true, update
from sqlalchemy.orm import Session

from portal.reference import units_source
from portal.reference.models import (
    CAO_DANG,
    INDUSTRY_VERSIONS,
    TRUNG_CAP,
    AdminUnit,
    Industry,
    Occupation,
    QualificationLevel,
    Skill,
    SkillAlias,
    SkillOccupation,
    TrainingOccupation,
    UnitMapping,
)
from portal.text import fold_key, normalise

DATA_DIR = Path(__file__).parent / "data"
OVERRIDE_DIR = "reference"  # under the Flask instance folder
BATCH_SIZE = 500
COPY_THRESHOLD = 2000  # rows; PostgreSQL only

# The lists ``flask ref load --only`` accepts, in the order they must load (skills and training
# occupations refer to occupations).
LISTS = ("qualifications", "occupations", "industries", "training", "units", "skills")


class ReferenceDataError(ValueError):
    """A source file is inconsistent; the message lists every problem found."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("Reference data not loaded:\n" + "\n".join(self.problems))


@dataclass
class TableLoad:
    """What loading one table did: rows in the source, rows written, rows retired."""

    table: str
    rows: int
    written: int = 0
    retired: int = 0


# ---------------------------------------------------------------------------------------------
# Reading the curated files


@dataclass
class Row:
    """One CSV row and where it came from, for error messages."""

    values: dict[str, str]
    origin: str

    def __getitem__(self, column: str) -> str:
        return normalise(self.values.get(column) or "")


@dataclass
class Sources:
    """Where to read from: the shipped data folder and the instance override folder."""

    data_dir: Path = DATA_DIR
    override_dir: Path | None = None

    @classmethod
    def for_instance(cls, instance_path: str | Path | None) -> Sources:
        if instance_path is None and has_app_context():
            instance_path = current_app.instance_path
        override = Path(instance_path) / OVERRIDE_DIR if instance_path else None
        return cls(override_dir=override)

    def rows(self, name: str, key: Callable[[Row], tuple[str, ...]]) -> list[Row]:
        """The shipped file's rows, then the override file's rows replacing or adding by key."""
        merged: dict[tuple[str, ...], Row] = {}
        problems: list[str] = []
        paths = [self.data_dir / f"{name}.csv"]
        if self.override_dir is not None and (self.override_dir / f"{name}.csv").is_file():
            paths.append(self.override_dir / f"{name}.csv")
        for path in paths:
            seen: dict[tuple[str, ...], str] = {}
            for row in _read_csv(path):
                row_key = key(row)
                if row_key in seen:  # within one file a repeated key is a mistake, not an edit
                    problems.append(f"{row.origin}: {'/'.join(row_key)} repeats {seen[row_key]}")
                seen[row_key] = row.origin
                merged[row_key] = row
        _raise_if(problems)
        return list(merged.values())


def _read_csv(path: Path) -> Iterator[Row]:
    """Rows of a UTF-8 CSV file (BOM allowed, as Excel writes it); ``#`` lines are comments."""
    content = path.read_text(encoding="utf-8-sig")
    numbered = [
        (number, line)
        for number, line in enumerate(content.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        return
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    for (number, _), values in zip(numbered[1:], reader, strict=False):
        yield Row(
            values={k: v for k, v in values.items() if k is not None}, origin=f"{path}:{number}"
        )


def _flag(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "y", "x", "có"}


# ---------------------------------------------------------------------------------------------
# Writing


def upsert(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]
) -> int:
    """Insert ``rows``, or update the row with the same unique ``key``; return ``len(rows)``.

    Callers pass only new or changed rows (see :func:`changed_rows`); the update still fires
    only where a value differs (``IS DISTINCT FROM``), so a concurrent load cannot make it
    rewrite identical rows. Large batches on PostgreSQL go through ``COPY`` into a temporary
    table first: row-by-row statements cost seconds for the 25,000 unit rows.
    """
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    else:  # pragma: no cover - the portal runs on SQLite and PostgreSQL only
        raise NotImplementedError(f"upsert is not implemented for {dialect}")
    names = list(rows[0])
    columns = [name for name in names if name not in key]

    def on_conflict(statement: Any) -> Any:
        excluded = statement.excluded
        if not columns:
            return statement.on_conflict_do_nothing(index_elements=[table.c[n] for n in key])
        return statement.on_conflict_do_update(
            index_elements=[table.c[name] for name in key],
            set_={name: excluded[name] for name in columns},
            where=or_(*(table.c[name].is_distinct_from(excluded[name]) for name in columns)),
        )

    if dialect == "postgresql" and len(rows) > COPY_THRESHOLD:
        staging = _copy_to_staging(session, table, names, rows)
        session.execute(on_conflict(insert(table).from_select(names, select(*staging.c))))
        session.execute(text(f'DROP TABLE "{staging.name}"'))
        return len(rows)
    statement = on_conflict(insert(table))
    # A list of parameters: psycopg pipelines one prepared statement, sqlite3 runs executemany.
    for start in range(0, len(rows), BATCH_SIZE):
        session.execute(statement, list(rows[start : start + BATCH_SIZE]))
    return len(rows)


def _copy_to_staging(
    session: Session, table: Table, names: list[str], rows: Sequence[dict[str, Any]]
) -> Table:
    """A temporary table with ``names`` columns of ``table``, filled by ``COPY``."""
    staging = Table(
        f"staging_{table.name}",
        MetaData(),
        *(Column(name, table.c[name].type) for name in names),
        prefixes=["TEMPORARY"],
    )
    connection = session.connection()
    staging.create(connection)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    column_list = ", ".join(f'"{name}"' for name in names)
    with cursor.copy(f'COPY "{staging.name}" ({column_list}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])
    cursor.close()
    return staging


def retire_missing(
    session: Session, table: Table, key: Sequence[str], present: set[tuple[Any, ...]]
) -> int:
    """Mark active rows whose key is not in ``present`` inactive; return how many."""
    key_columns = [table.c[name] for name in key]
    stale = [
        row_id
        for row_id, *values in session.execute(
            select(table.c.id, *key_columns).where(table.c.active == true())
        )
        if tuple(values) not in present
    ]
    for start in range(0, len(stale), BATCH_SIZE):
        session.execute(
            update(table)
            .where(table.c.id.in_(stale[start : start + BATCH_SIZE]))
            .values(active=false())
        )
    return len(stale)


def changed_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]
) -> list[dict[str, Any]]:
    """The rows that are new or differ from what the table holds, compared in Python.

    Reading the table once is far cheaper than sending every row back to the database, so a
    re-run with unchanged files writes nothing at all.
    """
    if not rows:
        return []
    columns = list(rows[0])
    stored = {
        tuple(values[: len(key)]): tuple(values[len(key) :])
        for values in session.execute(
            select(*(table.c[name] for name in key), *(table.c[name] for name in columns))
        )
    }
    return [
        row
        for row in rows
        if stored.get(tuple(row[name] for name in key)) != tuple(row[name] for name in columns)
    ]


def _sync(
    session: Session, model: type[Any], rows: list[dict[str, Any]], key: Sequence[str]
) -> TableLoad:
    """Upsert new and changed ``rows`` (all active); retire the rows no longer listed."""
    table: Table = model.__table__
    for row in rows:
        row["active"] = True
    written = upsert(session, table, changed_rows(session, table, rows, key), key)
    retired = retire_missing(session, table, key, {tuple(r[k] for k in key) for r in rows})
    return TableLoad(table.name, len(rows), written, retired)


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise ReferenceDataError(problems)


# ---------------------------------------------------------------------------------------------
# One loader per list


def _load_qualifications(session: Session, sources: Sources) -> list[TableLoad]:
    problems: list[str] = []
    rows = []
    for row in sources.rows("qualification_levels", key=lambda r: (r["code"],)):
        if not row["code"] or not row["rank"].isdigit() or not row["name_vi"]:
            problems.append(f"{row.origin}: code, rank (a number) and name_vi are required")
            continue
        rows.append(
            {
                "code": row["code"],
                "rank": int(row["rank"]),
                "name_vi": row["name_vi"],
                "name_en": row["name_en"] or row["name_vi"],
                "counts_as_trained": _flag(row["counts_as_trained"]),
            }
        )
    _raise_if(problems)
    return [_sync(session, QualificationLevel, rows, ("code",))]


def _load_occupations(session: Session, sources: Sources) -> list[TableLoad]:
    problems: list[str] = []
    source_rows = sources.rows("occupations", key=lambda r: (r["code"],))
    codes = {row["code"] for row in source_rows}
    rows = []
    for row in source_rows:
        code, parent = row["code"], row["parent_code"] or None
        if not code.isdigit() or len(code) > 5:
            problems.append(f"{row.origin}: code {code!r} must be 1 to 5 digits")
            continue
        if row["level"] != str(len(code)):
            problems.append(f"{row.origin}: level of {code} must be {len(code)} (its length)")
        if len(code) > 1 and (parent != code[:-1] or parent not in codes):
            problems.append(f"{row.origin}: parent of {code} must be {code[:-1]}, listed too")
        if not row["name_vi"]:
            problems.append(f"{row.origin}: name_vi is required")
        rows.append(
            {
                "code": code,
                "level": len(code),
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "parent_code": parent,
                "name_folded": fold_key(row["name_vi"]),
            }
        )
    _raise_if(problems)
    return [_sync(session, Occupation, rows, ("code",))]


def _load_industries(session: Session, sources: Sources) -> list[TableLoad]:
    problems: list[str] = []
    source_rows = sources.rows("industries", key=lambda r: (r["version"], r["code"]))
    keys = {(row["version"], row["code"]) for row in source_rows}
    rows = []
    for row in source_rows:
        version, code, parent = row["version"], row["code"], row["parent_code"] or None
        if version not in INDUSTRY_VERSIONS:
            problems.append(f"{row.origin}: version must be one of {', '.join(INDUSTRY_VERSIONS)}")
            continue
        section = len(code) == 1 and code.isalpha() and code.isupper()
        if not section and not (code.isdigit() and 2 <= len(code) <= 5):
            problems.append(f"{row.origin}: code {code!r} must be a section letter or 2-5 digits")
            continue
        level = 1 if section else len(code)
        if row["level"] != str(level):
            problems.append(f"{row.origin}: level of {code} must be {level}")
        expected_parent = None if section else (code[:-1] if level > 2 else parent)
        if level > 1 and (
            parent is None or parent != expected_parent or (version, parent) not in keys
        ):
            problems.append(
                f"{row.origin}: parent of {code} must be listed (and {expected_parent})"
            )
        rows.append(
            {
                "version": version,
                "code": code,
                "level": level,
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "parent_code": parent,
                "name_folded": fold_key(row["name_vi"]),
            }
        )
    _raise_if(problems)
    return [_sync(session, Industry, rows, ("version", "code"))]


def _occupation_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Occupation.code, Occupation.id)).tuples().all())


def _load_training(session: Session, sources: Sources) -> list[TableLoad]:
    problems: list[str] = []
    known = _occupation_ids(session)
    rows = []
    for row in sources.rows("training_occupations", key=lambda r: (r["code"],)):
        code = row["code"]
        if not (code.isdigit() and len(code) == 7 and code[0] in "56"):
            problems.append(f"{row.origin}: code {code!r} must be 7 digits starting with 5 or 6")
            continue
        vsco = row["occupation_codes"].split()
        unknown = [c for c in vsco if c not in known]
        if unknown:
            problems.append(f"{row.origin}: unknown VSCO occupation codes {' '.join(unknown)}")
        rows.append(
            {
                "code": code,
                "level": TRUNG_CAP if code[0] == "5" else CAO_DANG,
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "occupation_codes": " ".join(vsco),
                "name_folded": fold_key(row["name_vi"]),
            }
        )
    _raise_if(problems)
    return [_sync(session, TrainingOccupation, rows, ("code",))]


def _load_units(session: Session, sources: Sources) -> list[TableLoad]:
    units = units_source.read_units()
    corrections = sources.rows(
        "unit_mapping_corrections", key=lambda r: (r["legacy_code"], r["new_code"])
    )
    mappings = units_source.read_mappings(
        [
            units_source.MappingCorrection(
                legacy_code=row["legacy_code"],
                new_code=row["new_code"],
                action=row["action"],
                is_default=_flag(row["is_default"]),
                origin=row.origin,
            )
            for row in corrections
        ]
    )
    unit_rows = [
        {
            "version": unit.version,
            "level": unit.level,
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "unit_type": unit.unit_type,
            "parent_code": unit.parent_code,
            "province_code": unit.province_code,
            "latitude": unit.latitude,
            "longitude": unit.longitude,
            "name_folded": fold_key(unit.name),
        }
        for unit in units
    ]
    mapping_rows = [
        {
            "legacy_level": mapping.legacy_level,
            "legacy_code": mapping.legacy_code,
            "legacy_province_code": mapping.legacy_province_code,
            "new_code": mapping.new_code,
            "new_province_code": mapping.new_province_code,
            "is_split": mapping.is_split,
            "is_default": mapping.is_default,
        }
        for mapping in mappings
    ]
    return [
        _sync(session, AdminUnit, unit_rows, ("version", "level", "code")),
        _sync(session, UnitMapping, mapping_rows, ("legacy_code", "new_code")),
    ]


def _load_skills(session: Session, sources: Sources) -> list[TableLoad]:
    problems: list[str] = []
    known = _occupation_ids(session)
    source_rows = sources.rows("skills", key=lambda r: (r["slug"],))
    skill_rows: list[dict[str, Any]] = []
    aliases: dict[str, tuple[str, str, str]] = {}  # folded → (slug, text, origin)
    links: set[tuple[str, str]] = set()
    for row in source_rows:
        slug, name = row["slug"], row["name_vi"]
        if not slug or not name or not row["category"]:
            problems.append(f"{row.origin}: slug, category and name_vi are required")
            continue
        skill_rows.append(
            {
                "slug": slug,
                "name_vi": name,
                "name_en": row["name_en"],
                "category": row["category"],
                "name_folded": fold_key(name),
            }
        )
        for code in row["occupations"].split():
            if code in known:
                links.add((slug, code))
            else:
                problems.append(f"{row.origin}: unknown VSCO occupation code {code}")
        for written_as in [name, *row["aliases"].split("|")]:
            alias, folded = normalise(written_as), fold_key(written_as)
            if not folded:
                continue
            owner = aliases.get(folded)
            if owner is None:
                aliases[folded] = (slug, alias, row.origin)
            elif owner[0] != slug:
                problems.append(
                    f"{row.origin}: alias {alias!r} of {slug} folds like {owner[1]!r} of "
                    f"{owner[0]} ({owner[2]}); an alias must belong to one skill"
                )
    _raise_if(problems)
    skills = _sync(session, Skill, skill_rows, ("slug",))
    skill_ids = dict(session.execute(select(Skill.slug, Skill.id)).tuples().all())

    alias_table: Table = SkillAlias.__table__
    alias_rows = [
        {"alias_folded": folded, "skill_id": skill_ids[slug], "alias": alias}
        for folded, (slug, alias, _) in aliases.items()
    ]
    alias_written = upsert(
        session,
        alias_table,
        changed_rows(session, alias_table, alias_rows, ("alias_folded",)),
        ("alias_folded",),
    )
    stale_aliases = [
        alias_id
        for alias_id, folded in session.execute(select(SkillAlias.id, SkillAlias.alias_folded))
        if folded not in aliases
    ]
    _delete_ids(session, alias_table, stale_aliases)

    link_table: Table = SkillOccupation.__table__
    wanted = {(skill_ids[slug], known[code]) for slug, code in links}
    existing = set(session.execute(select(link_table.c.skill_id, link_table.c.occupation_id)))
    new_links = [{"skill_id": s, "occupation_id": o} for s, o in sorted(wanted - set(existing))]
    link_written = upsert(session, link_table, new_links, ("skill_id", "occupation_id"))
    stale_links = set(existing) - wanted
    for skill_id, occupation_id in stale_links:
        session.execute(
            delete(link_table).where(
                link_table.c.skill_id == skill_id, link_table.c.occupation_id == occupation_id
            )
        )
    return [
        skills,
        TableLoad(alias_table.name, len(alias_rows), alias_written, len(stale_aliases)),
        TableLoad(link_table.name, len(wanted), link_written, len(stale_links)),
    ]


def _delete_ids(session: Session, table: Table, ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH_SIZE):
        session.execute(delete(table).where(table.c.id.in_(ids[start : start + BATCH_SIZE])))


LOADERS: dict[str, Callable[[Session, Sources], list[TableLoad]]] = {
    "qualifications": _load_qualifications,
    "occupations": _load_occupations,
    "industries": _load_industries,
    "training": _load_training,
    "units": _load_units,
    "skills": _load_skills,
}


# ---------------------------------------------------------------------------------------------
# Entry points


def load(
    session: Session,
    only: Iterable[str] | None = None,
    instance_path: str | Path | None = None,
) -> list[TableLoad]:
    """Load the named lists (all by default) in one transaction; report per table.

    ``instance_path`` is where override files are looked for (``<instance>/reference/``);
    by default the current app's instance folder.
    """
    wanted = set(LISTS if only is None else only)
    unknown = wanted - set(LISTS)
    if unknown:
        raise ValueError(f"unknown reference lists: {', '.join(sorted(unknown))}")
    sources = Sources.for_instance(instance_path)
    report: list[TableLoad] = []
    try:
        for name in LISTS:
            if name in wanted:
                report.extend(LOADERS[name](session, sources))
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def load_all(session: Session, instance_path: str | Path | None = None) -> dict[str, int]:
    """Load every list; return the number of source rows per table (re-running is a no-op)."""
    return {entry.table: entry.rows for entry in load(session, None, instance_path)}


def load_units(session: Session, instance_path: str | Path | None = None) -> list[TableLoad]:
    """Administrative units of both versions and the old→new commune table."""
    return load(session, ["units"], instance_path)


def load_occupations(session: Session, instance_path: str | Path | None = None) -> list[TableLoad]:
    return load(session, ["occupations"], instance_path)


def load_industries(session: Session, instance_path: str | Path | None = None) -> list[TableLoad]:
    return load(session, ["industries"], instance_path)


def load_training(session: Session, instance_path: str | Path | None = None) -> list[TableLoad]:
    """Training occupations; needs the occupations loaded (their VSCO codes are checked)."""
    return load(session, ["training"], instance_path)


def load_qualifications(
    session: Session, instance_path: str | Path | None = None
) -> list[TableLoad]:
    return load(session, ["qualifications"], instance_path)


def load_skills(session: Session, instance_path: str | Path | None = None) -> list[TableLoad]:
    """Skills, aliases and skill↔occupation links; needs the occupations loaded."""
    return load(session, ["skills"], instance_path)
