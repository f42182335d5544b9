"""Vacancy search benchmark on PostgreSQL (a script that prints figures, not a timed test).

    .venv/bin/python bench/search.py [--url postgresql://postgres@127.0.0.1:5432/portal_search_bench]
                                     [--vacancies 50000] [--queries 200] [--seed 7]
                                     [--keep | --reuse]

It (re)creates the database named in the URL, builds the schema with the models, loads the
reference data with ``flask ref load``'s code, bulk-loads realistic open vacancies with COPY
(titles and skills with diacritics, without them and with typos, spread over the communes of
Hải Phòng and of the former Hải Dương, occupations, wages, industrial parks and qualification
levels), runs VACUUM ANALYZE, then times mixed queries (words with and without diacritics or
with typos, filters, sorts, pages) through :func:`portal.jobs.search.search_vacancies` after a
short warm-up, and prints the median and p95 latency, the result counts, the machine's speed
for reference, and PostgreSQL's plan for a typical query. The database is dropped afterwards
unless ``--keep`` is given; ``--reuse`` queries a database kept earlier without rebuilding it.
Target: p95 under 50 ms on 50,000 open vacancies.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app
from portal.accounts.models import Organisation
from portal.extensions import db
from portal.jobs import search
from portal.jobs.industrial_parks import park_names
from portal.jobs.models import Vacancy, VacancyStatus
from portal.models import utcnow
from portal.reference.models import (
    COMMUNE,
    DISTRICT,
    LEGACY,
    V2025,
    AdminUnit,
    Occupation,
    QualificationLevel,
    Skill,
    UnitMapping,
)
from portal.text import fold, fold_key

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/portal_search_bench"

# (title, VSCO code, skill slugs): what employers of the province advertise most.
JOBS: list[tuple[str, str, list[str]]] = [
    ("Công nhân may công nghiệp", "7533", ["may-cong-nghiep", "may-vat-so"]),
    ("Công nhân may mẫu", "7533", ["may-mau", "may-cong-nghiep"]),
    ("Thợ vận hành máy may", "8153", ["may-cong-nghiep"]),
    ("Công nhân cắt vải", "7532", ["cat-vai"]),
    ("Nhân viên kiểm hàng may mặc", "7543", ["kiem-hang-may"]),
    ("Tổ trưởng chuyền may", "3122", ["quan-ly-chuyen-may", "ky-thuat-may"]),
    ("Công nhân may mũ giày", "8156", ["may-giay"]),
    ("Công nhân gò giày", "8156", ["go-giay"]),
    ("Thợ hàn CO2", "7212", ["han-mig-mag", "doc-ban-ve"]),
    ("Thợ hàn điện", "7212", ["han-ho-quang-tay"]),
    ("Thợ hàn TIG inox", "7212", ["han-tig"]),
    ("Công nhân vận hành máy CNC", "7223", ["van-hanh-may-cnc", "doc-ban-ve"]),
    ("Kỹ thuật viên lập trình CNC", "7223", ["lap-trinh-cnc", "autocad"]),
    ("Thợ tiện phay", "7223", ["tien", "phay"]),
    ("Công nhân vận hành máy dập", "8121", ["van-hanh-may-dap"]),
    ("Công nhân ép nhựa", "8142", ["ep-nhua"]),
    ("Kỹ thuật điện bảo trì", "7411", ["dien-cong-nghiep", "an-toan-dien"]),
    ("Thợ điện công nghiệp", "7412", ["dien-cong-nghiep", "tu-dien"]),
    ("Kỹ sư điện tự động hóa", "2151", ["plc", "tu-dong-hoa"]),
    ("Kỹ thuật viên điện tử", "3114", ["dien-tu-cong-nghiep", "kiem-tra-bo-mach"]),
    ("Công nhân lắp ráp linh kiện điện tử", "8202", ["lap-rap-dien-tu", "han-thiec"]),
    ("Công nhân lắp ráp bó dây điện ô tô", "8202", ["lap-rap-bo-day-dien", "bam-dau-cot"]),
    ("Công nhân vận hành dây chuyền SMT", "8202", ["smt"]),
    ("Nhân viên QC kiểm tra chất lượng", "7543", ["kiem-tra-chat-luong", "do-kiem"]),
    ("Nhân viên QA", "3119", ["dam-bao-chat-luong", "iso"]),
    ("Công nhân sản xuất", "9329", ["lao-dong-pho-thong", "lam-ca"]),
    ("Lao động phổ thông", "9329", ["lao-dong-pho-thong"]),
    ("Công nhân đóng gói", "9321", ["dong-goi"]),
    ("Lái xe nâng", "8344", ["lai-xe-nang"]),
    ("Lái xe tải bằng C", "8332", ["lai-xe-tai"]),
    ("Nhân viên giao hàng", "8321", ["giao-hang"]),
    ("Nhân viên kho", "4321", ["quan-ly-kho", "excel"]),
    ("Công nhân bốc xếp", "9333", ["boc-xep"]),
    ("Nhân viên xuất nhập khẩu", "3331", ["xuat-nhap-khau", "tieng-anh"]),
    ("Kế toán tổng hợp", "3313", ["ke-toan", "phan-mem-ke-toan"]),
    ("Kế toán tiền lương", "4313", ["tien-luong-bhxh", "excel"]),
    ("Nhân viên hành chính nhân sự", "4110", ["hanh-chinh", "tuyen-dung-nhan-su"]),
    ("Phiên dịch tiếng Hàn", "2643", ["tieng-han", "bien-phien-dich"]),
    ("Phiên dịch tiếng Nhật", "2643", ["tieng-nhat", "bien-phien-dich"]),
    ("Phiên dịch tiếng Trung", "2643", ["tieng-trung"]),
    ("Nhân viên bán hàng", "5223", ["ban-hang", "cham-soc-khach-hang"]),
    ("Thu ngân siêu thị", "5230", ["thu-ngan"]),
    ("Nhân viên bảo vệ", "5401", ["bao-ve", "pccc"]),
    ("Nhân viên tạp vụ", "9112", ["tap-vu"]),
    ("Phụ bếp nhà ăn công ty", "9402", ["phu-bep", "an-toan-thuc-pham"]),
    ("Đầu bếp", "5120", ["nau-an"]),
    ("Công nhân chế biến thực phẩm", "8160", ["che-bien-thuc-pham"]),
    ("Thợ xây", "7112", ["xay-trat"]),
    ("Thợ sơn tĩnh điện", "7131", ["son-tinh-dien"]),
    ("Thợ sửa chữa ô tô", "7231", ["sua-chua-o-to", "dien-o-to"]),
    ("Thợ bảo trì máy công nghiệp", "7233", ["bao-tri-may", "thuy-luc-khi-nen"]),
    ("Điều dưỡng", "3221", ["dieu-duong", "so-cap-cuu"]),
    ("Lập trình viên Python", "2512", ["lap-trinh-python", "co-so-du-lieu"]),
    ("Nhân viên IT hỗ trợ kỹ thuật", "3512", ["ho-tro-it", "quan-tri-mang"]),
    ("Kỹ sư xây dựng", "2142", ["du-toan", "autocad"]),
    ("Giám sát sản xuất", "3122", ["quan-ly-san-xuat", "5s-kaizen"]),
]
PREFIXES = ["", "", "", "Tuyển ", "Tuyển gấp ", "Cần tuyển ", "Tuyển dụng "]
SUFFIXES = [
    "", "", "", " ca ngày", " làm ca", " nam/nữ", " lương cao", " số lượng lớn",
    " có nhà ở", " không yêu cầu kinh nghiệm", " đi làm ngay",
]  # fmt: skip
COMPANY_KINDS = [
    "May", "Điện tử", "Cơ khí", "Dây điện ô tô", "Giày da", "Nhựa", "Thực phẩm",
    "Logistics", "Xây dựng", "Thép", "Linh kiện", "Bao bì", "Dệt",
]  # fmt: skip
COMPANY_PLACES = [
    "Hải Dương", "Đại An", "Nam Sách", "Cẩm Giàng", "Thành Đông", "Kim Thành", "Chí Linh",
    "Tứ Kỳ", "Gia Lộc", "Bình Giang", "Thanh Hà", "Việt Hàn", "Phúc Điền", "Sao Đỏ",
]  # fmt: skip
QUERIES = [
    "công nhân may", "cong nhan may", "cong nhan mya", "thợ hàn", "tho han co2", "tho hna",
    "kỹ thuật điện", "ky thuat dien", "ky thuat dein", "kỹ thuật điên", "lái xe nâng",
    "lai xe nang", "kế toán", "ke toan tong hop", "bảo vệ", "nhân viên kho", "qc",
    "kiem tra chat luong", "tieng han", "phien dich tieng nhat", "lap rap bo day dien",
    "lắp ráp linh kiện điện tử", "cnc", "van hanh may cnc", "dien tu", "cong nhan san xuat",
    "lao dong pho thong", "dieu duong", "phụ bếp", "boc xep", "nhan vien ban hang",
    "lap trinh python", "autocad", "may mau", "thợ điện", "bao tri may", "ep nhua",
    "giay", "han tig", "xuat nhap khau", "tuyen gap cong nhan", "smt", "kcn dai an",
    "cong nhan may cam giang", "tho han kim thanh", "nhan vien qa iso",
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="PostgreSQL database to (re)create")
    parser.add_argument("--vacancies", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="query a database kept by an earlier --keep run"
    )
    return parser.parse_args()


def libpq(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def recreate_database(url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(libpq(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(libpq(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def typo(word: str, rng: random.Random) -> str:
    """One slip of the fingers: two neighbouring letters swapped, or one letter dropped."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.6:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i + 1 :]


def spelling(text_: str, rng: random.Random) -> str:
    """As people type it: mostly with diacritics, some without, a few with a typo."""
    roll = rng.random()
    if roll < 0.75:
        return text_
    if roll < 0.9:
        return fold(text_).title() if rng.random() < 0.5 else fold(text_)
    words = text_.split()
    i = rng.randrange(len(words))
    words[i] = typo(words[i], rng)
    return " ".join(words)


def search_text(parts: list[str]) -> str:
    """As portal.jobs.vacancies.refresh_search_text builds it (title first, parts deduplicated),
    without its per-vacancy queries, so 50,000 rows load in seconds."""
    folded: list[str] = []
    for part in parts:
        key = fold_key(part)
        if key and key not in folded:
            folded.append(key)
    return " ".join(folded)


class Reference:
    """The reference rows the generator draws from."""

    def __init__(self) -> None:
        session = db.session
        self.occupations = dict(
            session.execute(select(Occupation.code, Occupation.name_vi)).tuples().all()
        )
        self.skills: dict[str, tuple[str, list[str]]] = {}
        for skill in session.scalars(select(Skill)):
            self.skills[skill.slug] = (skill.name_vi, [alias.alias for alias in skill.aliases])
        self.communes_2025 = list(
            session.execute(
                select(AdminUnit.code, AdminUnit.name).where(
                    AdminUnit.version == V2025,
                    AdminUnit.level == COMMUNE,
                    AdminUnit.province_code == "31",
                )
            )
            .tuples()
            .all()
        )
        self.communes_legacy = list(
            session.execute(
                select(AdminUnit.code, AdminUnit.name).where(
                    AdminUnit.version == LEGACY,
                    AdminUnit.level == COMMUNE,
                    AdminUnit.province_code == "30",
                )
            )
            .tuples()
            .all()
        )
        self.districts = list(
            session.scalars(
                select(AdminUnit.code).where(
                    AdminUnit.version == LEGACY,
                    AdminUnit.level == DISTRICT,
                    AdminUnit.province_code == "30",
                )
            )
        )
        from_hai_duong = set(
            session.scalars(
                select(UnitMapping.new_code).where(UnitMapping.legacy_province_code == "30")
            )
        )
        # Most vacancies are in former Hải Dương: weight its communes.
        self.weighted_communes = [
            unit
            for unit in self.communes_2025
            for _ in range(4 if unit[0] in from_hai_duong else 1)
        ]
        self.qualifications = list(
            session.scalars(select(QualificationLevel.code).order_by(QualificationLevel.rank))
        )
        self.parks = park_names()
        missing = {code for _, code, _ in JOBS if code not in self.occupations}
        missing |= {slug for _, _, slugs in JOBS for slug in slugs if slug not in self.skills}
        if missing:
            raise SystemExit(f"reference data lacks: {sorted(missing)}")


def insert_organisations(rng: random.Random, count: int) -> list[tuple[int, str]]:
    now = utcnow()
    rows = []
    for number in range(count):
        name = (
            f"Công ty {rng.choice(['TNHH', 'Cổ phần', 'TNHH MTV'])} {rng.choice(COMPANY_KINDS)} "
            f"{rng.choice(COMPANY_PLACES)} {number + 1}"
        )
        rows.append(
            {
                "kind": "employer",
                "name": name,
                "status": "verified",
                "created_at": now,
                "updated_at": now,
            }
        )
    db.session.execute(insert(Organisation), rows)
    db.session.commit()
    return list(db.session.execute(select(Organisation.id, Organisation.name)).tuples())


def vacancy_rows(
    ref: Reference, organisations: list[tuple[int, str]], count: int, rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    now = utcnow()
    today = now.date()
    for _ in range(count):
        title_base, occupation, slugs = rng.choice(JOBS)
        title = spelling(rng.choice(PREFIXES) + title_base + rng.choice(SUFFIXES), rng)[:200]
        organisation_id, employer = rng.choice(organisations)
        if rng.random() < 0.1:
            version, (commune, place) = LEGACY, rng.choice(ref.communes_legacy)
        else:
            version, (commune, place) = V2025, rng.choice(ref.weighted_communes)
        park = rng.choice(ref.parks) if rng.random() < 0.4 else ""
        skill_texts = []
        skill_parts: list[str] = []
        for slug in slugs:
            name, aliases = ref.skills[slug]
            skill_texts.append(spelling(rng.choice([name, *aliases[:3]]), rng))
            skill_parts += [name, *aliases]
        negotiable = rng.random() < 0.15
        wage_min = None if negotiable else rng.randrange(5_000_000, 20_000_001, 500_000)
        wage_max = (
            None
            if wage_min is None or rng.random() < 0.2
            else wage_min + rng.randrange(0, 10_000_001, 500_000)
        )
        opened = now - dt.timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
        text_ = search_text(
            [title, ref.occupations[occupation], *skill_texts, *skill_parts, employer, place, park]
        )
        yield (
            organisation_id, title, occupation, rng.randint(1, 200), wage_min, wage_max, negotiable,
            version, commune, park, rng.choices(ref.qualifications, [50, 15, 15, 10, 9, 1])[0],
            rng.choice([0, 0, 6, 12, 24]), "8h-17h", json.dumps(["day"]), json.dumps(["meals"]),
            today + dt.timedelta(days=rng.randint(1, 60)), "Mô tả công việc.", False,
            VacancyStatus.OPEN.value, opened, None, text_, opened, opened,
        )  # fmt: skip


VACANCY_COLUMNS = (
    "organisation_id, title, occupation_code, positions, wage_min, wage_max, wage_negotiable, "
    "unit_version, commune_code, industrial_park, qualification_code, min_experience_months, "
    "working_hours, shifts, benefits, deadline, description, foreign_worker_position, status, "
    "opened_at, closed_at, search_text, created_at, updated_at"
)


def copy_vacancies(rows: Iterator[tuple[Any, ...]]) -> None:
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        with cursor.copy(f"COPY vacancies ({VACANCY_COLUMNS}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)
        connection.commit()
    finally:
        connection.close()


def vacuum_analyze(url: str) -> None:
    """What autovacuum does after a bulk load: statistics and the visibility map."""
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def random_params(ref: Reference, rng: random.Random) -> dict[str, str]:
    args: dict[str, str] = {}
    kind = rng.random()
    if kind < 0.8:  # text, alone or with filters
        query = rng.choice(QUERIES)
        if rng.random() < 0.15:
            words = query.split()
            i = rng.randrange(len(words))
            words[i] = typo(words[i], rng)
            query = " ".join(words)
        args["q"] = query
    if kind >= 0.4:  # filters, with or without text
        for _ in range(rng.randint(1, 2)):
            choice = rng.choice(
                ["commune", "district", "occupation", "min_wage", "qualification", "park", "days"]
            )
            if choice == "commune":
                args["commune"] = rng.choice(ref.weighted_communes)[0]
            elif choice == "district":
                args["district"] = rng.choice(ref.districts)
            elif choice == "occupation":
                args["occupation"] = rng.choice(JOBS)[1][: rng.choice([2, 4])]
            elif choice == "min_wage":
                args["min_wage"] = str(rng.choice([6, 8, 10, 12, 15]) * 1_000_000)
            elif choice == "qualification":
                args["qualification"] = rng.choice(ref.qualifications[:4])
            elif choice == "park":
                args["park"] = rng.choice([*ref.parks, search.ANY_PARK])
            else:
                args["days"] = str(rng.choice([1, 3, 7, 30]))
    if rng.random() < 0.25:
        args["sort"] = rng.choice(["newest", "wage", "relevance"])
    if rng.random() < 0.2:
        args["page"] = str(rng.randint(2, 5))
    return args


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def explain_typical_query() -> list[str]:
    """PostgreSQL's plan for a text query as the service sends it (captured, then EXPLAINed)."""
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "to_tsvector" in statement and "count(*) OVER" in statement:
            captured.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        search.search_vacancies(db.session, search.parse_search_params({"q": "ky thuat dien"}))
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    statement, parameters = captured[0]
    with db.engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        return [row[0] for row in plan]


def build(args: argparse.Namespace, rng: random.Random) -> None:
    started = time.perf_counter()
    db.create_all()
    from portal.reference.loader import load_all

    load_all(db.session)
    ref = Reference()
    print(f"schema and reference data: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    organisations = insert_organisations(rng, 800)
    copy_vacancies(vacancy_rows(ref, organisations, args.vacancies, rng))
    vacuum_analyze(args.url)
    elapsed = time.perf_counter() - started
    print(f"generated {args.vacancies:,} open vacancies (COPY, VACUUM ANALYZE): {elapsed:.1f} s")


def baseline_ms() -> float:
    """How fast this machine is: the best of five ``count(*)`` over the vacancies (a plain
    scan), to read the figures below against."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        db.session.execute(text("SELECT count(*) FROM vacancies")).scalar()
        times.append(1000 * (time.perf_counter() - started))
    db.session.rollback()
    return min(times)


def run_queries(ref: Reference, rng: random.Random, count: int) -> list[tuple[float, Any]]:
    measured = []
    for _ in range(count):
        args = random_params(ref, rng)
        params = search.parse_search_params(args)
        started = time.perf_counter()
        page = search.search_vacancies(db.session, params)
        measured.append((1000 * (time.perf_counter() - started), page))
        db.session.rollback()  # end the read transaction, as a request would
    return measured


def report(label: str, timings: list[float]) -> None:
    if timings:
        median, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"  {label}: {len(timings)} queries, median {median:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    args = parse_args()
    rng = random.Random(args.seed)
    if not args.reuse:
        recreate_database(args.url)
    os.environ["PORTAL_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="portal-bench-")
    app = create_app({"DATABASE_URL": args.url, "SECRET_KEY": "benchmark-only", "REDIS_URL": ""})
    try:
        with app.app_context():
            if not args.reuse:
                build(args, rng)
            ref = Reference()
            open_count = db.session.scalar(
                select(func.count(Vacancy.id)).where(Vacancy.status == VacancyStatus.OPEN)
            )
            print(f"open vacancies: {open_count:,}; machine baseline, count(*) of the table: "
                  f"{baseline_ms():.1f} ms")  # fmt: skip
            search.invalidate_search_cache()
            started = time.perf_counter()
            search.search_vocabulary(db.session)
            elapsed = 1000 * (time.perf_counter() - started)
            print(f"typo vocabulary, built once per process: {elapsed:.0f} ms")
            run_queries(ref, random.Random(args.seed + 1), 20)  # warm the caches and the pool

            measured = run_queries(ref, random.Random(args.seed), args.queries)
            timings = [ms for ms, _ in measured]
            totals = [page.total for _, page in measured]
            print(f"{args.queries} mixed queries through portal.jobs.search.search_vacancies:")
            median, p95 = statistics.median(timings), percentile(timings, 0.95)
            print(f"  median {median:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms")
            report("with words", [ms for ms, page in measured if page.terms])
            report("filters only", [ms for ms, page in measured if not page.terms])
            report("relaxed (two queries)", [ms for ms, page in measured if page.relaxed])
            capped = sum(1 for page_total in totals if page_total > search.MAX_RESULTS)
            print(f"  results per query: median {statistics.median(totals):,.0f}, "
                  f"max {max(totals):,} (counted up to {search.MAX_RESULTS + 1:,}: "
                  f"{capped} queries match more); {totals.count(0)} with none")  # fmt: skip
            print("  target: p95 < 50 ms —", "met" if p95 < 50 else "NOT met")
            print("plan of q='ky thuat dien' (page 1, relevance):")
            for line in explain_typical_query():
                print("  " + line)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if not args.keep and not args.reuse:
            drop_database(args.url)


if __name__ == "__main__":
    main()
