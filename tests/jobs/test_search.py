"""The vacancy search service: folding, typos, filters, sorts, pages and bad parameters.

The whole module runs on SQLite and, with ``PORTAL_TEST_DATABASE_URL``, on PostgreSQL, where the
words go through the full-text index instead of ``LIKE``: the same assertions hold on both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.jobs import search, services
from portal.jobs.models import Vacancy
from portal.jobs.search_vocabulary import Vocabulary, analyse_query
from portal.jobs.search_words import text_condition
from portal.models import utcnow
from portal.reference.models import COMMUNE, DISTRICT, LEGACY, V2025, AdminUnit, UnitMapping
from tests.jobs.builders import make_employer, make_vacancy


@pytest.fixture(autouse=True)
def _fresh_vocabulary(app: Flask) -> Iterator[None]:
    """Each test has its own vacancies: forget the previous test's vocabulary."""
    search.invalidate_search_cache()
    yield
    search.invalidate_search_cache()


@pytest.fixture
def employer(app: Flask) -> User:
    return make_employer("Công ty TNHH Thành Đông")


def find(**args: Any) -> search.SearchPage:
    return search.search_vacancies(db.session, search.parse_search_params(args))


def titles(**args: Any) -> list[str]:
    return [hit.title for hit in find(**args).hits]


def vacancy(employer: User, title: str, **overrides: Any) -> Vacancy:
    defaults: dict[str, Any] = {
        "must_skills": [],
        "nice_skills": [],
        "industrial_park": "",
        "description": "",
    }
    defaults.update(overrides)
    return make_vacancy(employer, title=title, **defaults)


# -- words -------------------------------------------------------------------------------------


def test_diacritics_case_and_typos_are_forgiven(employer: User) -> None:
    vacancy(employer, "Kỹ thuật điện bảo trì", occupation_code="7411")
    vacancy(employer, "Thợ hàn CO2", occupation_code="7212")
    for query in ("ky thuat dien", "kỹ thuật điên", "KỸ THUẬT ĐIỆN", "  Ky   Thuat  DIEN "):
        assert titles(q=query) == ["Kỹ thuật điện bảo trì"], query
    page = find(q="ky thuat dein")
    assert [hit.title for hit in page.hits] == ["Kỹ thuật điện bảo trì"]
    assert "dien" in page.corrections["dein"]
    assert not page.relaxed


def test_a_word_being_typed_matches_the_start_of_a_word(employer: User) -> None:
    vacancy(employer, "Kỹ thuật điện bảo trì", occupation_code="7411")
    assert titles(q="ky thuat di") == ["Kỹ thuật điện bảo trì"]


def test_cong_nhan_may_finds_garment_vacancies_through_occupation_and_skills(
    employer: User,
) -> None:
    # Neither title says "công nhân may": the skill's aliases and the occupation's name do.
    vacancy(
        employer,
        "Tuyển lao động nữ chuyền 3",
        occupation_code="7533",
        must_skills=["May công nghiệp"],
    )
    vacancy(employer, "Thợ hàn CO2", occupation_code="7212", must_skills=["hàn điện"])
    assert titles(q="cong nhan may") == ["Tuyển lao động nữ chuyền 3"]
    assert titles(q="công nhân may") == ["Tuyển lao động nữ chuyền 3"]
    assert titles(q="cong nhan mya") == ["Tuyển lao động nữ chuyền 3"]
    assert titles(q="tho han") == ["Thợ hàn CO2"]


def test_a_common_word_beats_its_rare_misspelling() -> None:
    """A typo that slipped into a few vacancies must not hide the many spelt right."""
    vocabulary = Vocabulary.from_texts(["ky thuat dein"] + ["ky thuat dien"] * 40)
    assert vocabulary.knows("dein")
    terms, _ignored = analyse_query("ky thuat dein", vocabulary)
    assert [term.alternatives for term in terms] == [("ky",), ("thuat",), ("dein", "dien")]
    # …but a word as common as its neighbour keeps its meaning ("may" is not "mua").
    balanced = Vocabulary.from_texts(["cong nhan may", "nhan vien mua hang"] * 10)
    assert analyse_query("may", balanced)[0][0].alternatives == ("may",)


def test_the_vocabulary_estimates_the_share_a_query_matches() -> None:
    texts = ["cong nhan may"] * 30 + ["tho han co2"] * 60 + ["cong nhan han"] * 10
    vocabulary = Vocabulary.from_texts(texts)
    assert vocabulary.documents == 100 and vocabulary.sample_size == 100
    for query, share in (("cong nhan", 0.4), ("han", 0.7), ("ha", 0.7), ("cong may", 0.3)):
        terms, _ignored = analyse_query(query, vocabulary)
        assert vocabulary.estimate_share(terms) == pytest.approx(share), query


def test_words_matching_nothing_relax_the_search(employer: User) -> None:
    vacancy(employer, "Thợ hàn CO2", occupation_code="7212")
    page = find(q="tho han xyzzyq")
    assert page.relaxed
    assert [hit.title for hit in page.hits] == ["Thợ hàn CO2"]
    assert find(q="xyzzyq").total == 0


def test_drafts_closed_and_filled_vacancies_never_appear(employer: User) -> None:
    vacancy(employer, "Thợ hàn mở", occupation_code="7212")
    vacancy(employer, "Thợ hàn nháp", occupation_code="7212", open_it=False)
    closed = vacancy(employer, "Thợ hàn đã đóng", occupation_code="7212")
    services.close_vacancy(db.session, closed.id, employer.id, "Đủ người")
    filled = vacancy(employer, "Thợ hàn đã tuyển", occupation_code="7212")
    services.mark_vacancy_filled(db.session, filled.id, employer.id, "Đã tuyển")
    assert titles(q="tho han") == ["Thợ hàn mở"]
    assert titles() == ["Thợ hàn mở"]
    assert titles(q="nhap") == []


def test_a_suspended_employers_vacancies_disappear_from_search(employer: User) -> None:
    from portal.access import Role
    from portal.accounts import services as accounts

    vacancy(employer, "Thợ hàn của công ty bị đình chỉ", occupation_code="7212")
    assert titles(q="tho han") == ["Thợ hàn của công ty bị đình chỉ"]
    staff = accounts.create_user(
        db.session, email="canbo.dinhchi@example.vn", password=None, role=Role.AUTHORITY
    )
    assert employer.organisation_id is not None
    accounts.suspend_organisation(db.session, employer.organisation_id, staff.id, "Vi phạm")
    assert titles(q="tho han") == []
    assert titles() == []


# -- filters -----------------------------------------------------------------------------------


def _district_with_mapping() -> tuple[str, str, str, str]:
    """A former Hải Dương district, one of its legacy communes, the 2025 commune that commune
    became, and a 2025 commune formed from no commune of that district."""
    district = db.session.scalar(
        select(AdminUnit.code).where(
            AdminUnit.version == LEGACY,
            AdminUnit.level == DISTRICT,
            AdminUnit.province_code == "30",
            AdminUnit.code == "295",  # Cẩm Giàng
        )
    )
    assert district is not None
    legacy, new = db.session.execute(
        select(UnitMapping.legacy_code, UnitMapping.new_code)
        .join(
            AdminUnit,
            (AdminUnit.code == UnitMapping.legacy_code)
            & (AdminUnit.version == LEGACY)
            & (AdminUnit.level == COMMUNE),
        )
        .where(AdminUnit.parent_code == district, UnitMapping.is_split.is_(False))
        .order_by(UnitMapping.legacy_code)
    ).first()  # type: ignore[misc]
    of_district = set(
        db.session.scalars(
            select(UnitMapping.new_code).where(
                UnitMapping.legacy_code.in_(
                    select(AdminUnit.code).where(
                        AdminUnit.version == LEGACY, AdminUnit.parent_code == district
                    )
                )
            )
        )
    )
    elsewhere = db.session.scalar(
        select(AdminUnit.code)
        .where(
            AdminUnit.version == V2025,
            AdminUnit.level == COMMUNE,
            AdminUnit.province_code == "31",
            AdminUnit.code.not_in(of_district),
        )
        .order_by(AdminUnit.code)
    )
    assert elsewhere is not None
    return district, legacy, new, elsewhere


def test_commune_and_former_district_filters_go_through_the_unit_mapping(
    employer: User,
) -> None:
    district, legacy, new, elsewhere = _district_with_mapping()
    vacancy(employer, "Ở xã mới", commune=f"2025:{new}")
    stored_legacy = vacancy(employer, "Ghi theo mã cũ", commune=f"2025:{new}")
    # Imported before the reform: the vacancy keeps its legacy commune code.
    stored_legacy.unit_version, stored_legacy.commune_code = LEGACY, legacy
    services.refresh_search_text(db.session, stored_legacy)
    db.session.commit()
    vacancy(employer, "Ở nơi khác", commune=f"2025:{elsewhere}")

    assert sorted(titles(district=district)) == ["Ghi theo mã cũ", "Ở xã mới"]
    assert sorted(titles(commune=new)) == ["Ghi theo mã cũ", "Ở xã mới"]
    assert titles(commune=elsewhere) == ["Ở nơi khác"]


def test_occupation_filter_takes_a_group_code(employer: User) -> None:
    vacancy(employer, "Thợ hàn", occupation_code="7212")
    vacancy(employer, "Thợ điện", occupation_code="7411")
    vacancy(employer, "Đầu bếp", occupation_code="5120")
    assert titles(occupation="7212") == ["Thợ hàn"]
    assert titles(occupation="72") == ["Thợ hàn"]
    assert sorted(titles(occupation="7")) == ["Thợ hàn", "Thợ điện"]


def test_minimum_wage_keeps_ranges_reaching_it_and_negotiable_wages(employer: User) -> None:
    vacancy(employer, "Thấp", wage_min=6_000_000, wage_max=8_000_000)
    vacancy(employer, "Khoảng", wage_min=9_000_000, wage_max=12_000_000)
    vacancy(employer, "Từ mười hai", wage_min=12_000_000, wage_max=None)
    vacancy(employer, "Thỏa thuận", wage_min=None, wage_max=None, wage_negotiable=True)
    assert sorted(titles(min_wage="10.000.000")) == ["Khoảng", "Thỏa thuận", "Từ mười hai"]
    assert sorted(titles(min_wage="12500000")) == ["Thỏa thuận"]


def test_qualification_filter_keeps_vacancies_asking_for_that_level_or_lower(
    employer: User,
) -> None:
    vacancy(employer, "Không yêu cầu", qualification_code="none")
    vacancy(employer, "Trung cấp", qualification_code="trung_cap")
    vacancy(employer, "Đại học", qualification_code="dai_hoc")
    assert sorted(titles(qualification="trung_cap")) == ["Không yêu cầu", "Trung cấp"]
    assert titles(qualification="none") == ["Không yêu cầu"]


def test_industrial_park_filter(employer: User) -> None:
    vacancy(employer, "Đại An", industrial_park="KCN Đại An")
    vacancy(employer, "Nam Sách", industrial_park="kcn nam sach")  # stored in the listed spelling
    vacancy(employer, "Ngoài khu", industrial_park="")
    assert titles(park="KCN Đại An") == ["Đại An"]
    assert titles(park="KCN Nam Sách") == ["Nam Sách"]
    assert sorted(titles(park=search.ANY_PARK)) == ["Nam Sách", "Đại An"]
    assert "KCN Nam Sách" in search.search_choices(db.session, legacy_province="30").parks


def test_posted_within_days(employer: User) -> None:
    vacancy(employer, "Cũ", at=utcnow() - dt.timedelta(days=10))
    vacancy(employer, "Mới")
    assert titles(days="7") == ["Mới"]
    assert sorted(titles(days="30")) == ["Cũ", "Mới"]


# -- order and pages ---------------------------------------------------------------------------


def test_sorts(employer: User) -> None:
    now = utcnow()
    vacancy(
        employer,
        "Thợ hàn lương thấp",
        wage_min=7_000_000,
        wage_max=8_000_000,
        at=now - dt.timedelta(days=3),
    )
    vacancy(
        employer,
        "Thợ hàn thỏa thuận",
        wage_min=None,
        wage_max=None,
        wage_negotiable=True,
        at=now - dt.timedelta(days=2),
    )
    vacancy(
        employer,
        "Thợ hàn lương cao",
        wage_min=12_000_000,
        wage_max=15_000_000,
        at=now - dt.timedelta(days=1),
    )
    # "thợ hàn" is not in this title, only in its skills: relevance puts it last.
    vacancy(employer, "Nhân viên xưởng", must_skills=["hàn điện"], at=now)  # fmt: skip

    assert titles(q="tho han", sort="newest") == [
        "Nhân viên xưởng", "Thợ hàn lương cao", "Thợ hàn thỏa thuận", "Thợ hàn lương thấp",
    ]  # fmt: skip
    assert titles(q="tho han", sort="wage") == [
        "Thợ hàn lương cao", "Nhân viên xưởng", "Thợ hàn lương thấp", "Thợ hàn thỏa thuận",
    ]  # fmt: skip
    assert titles(q="tho han") == titles(q="tho han", sort="relevance") == [
        "Thợ hàn lương cao", "Thợ hàn thỏa thuận", "Thợ hàn lương thấp", "Nhân viên xưởng",
    ]  # fmt: skip
    assert titles(sort="relevance") == titles(sort="newest")  # no words: newest first


def test_pages_partition_the_results(employer: User) -> None:
    for number in range(23):
        vacancy(employer, f"Công nhân lắp ráp {number:02d}")
    seen: list[int] = []
    for number in (1, 2, 3):
        page = find(q="cong nhan lap rap", page=str(number), per_page="10")
        assert page.total == 23 and page.pages == 3
        seen += [hit.id for hit in page.hits]
    assert len(seen) == len(set(seen)) == 23
    assert find(q="cong nhan lap rap", page="4", per_page="10").hits == []


def test_the_count_stops_beyond_the_results_a_search_can_show() -> None:
    page = search.SearchPage(search.SearchParams(), [], search.MAX_RESULTS + 1)
    assert page.truncated and page.pages == search.MAX_RESULTS // search.DEFAULT_PER_PAGE


# -- bad parameters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "51"}, "page"),  # beyond the first 1,000 results at 20 a page
        ({"per_page": "500"}, "per_page"),
        ({"min_wage": "tám triệu"}, "min_wage"),
        ({"min_wage": "99999999999"}, "min_wage"),
        ({"days": "0"}, "days"),
        ({"days": "400"}, "days"),
        ({"sort": "cheapest"}, "sort"),
        ({"commune": "Cẩm Giàng"}, "commune"),
        ({"occupation": "72a"}, "occupation"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_are_named_with_a_message(args: dict[str, str], field: str) -> None:
    with pytest.raises(search.InvalidSearch) as refused:
        search.parse_search_params(args)
    assert field in refused.value.errors
    assert str(refused.value.errors[field])


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"commune": "99999"}, "commune"),
        ({"district": "999"}, "district"),
        ({"occupation": "0000"}, "occupation"),
        ({"qualification": "tien_si"}, "qualification"),
    ],
)
def test_codes_the_reference_data_does_not_know_are_refused(
    app: Flask, args: dict[str, str], field: str
) -> None:
    with pytest.raises(search.InvalidSearch) as refused:
        find(**args)
    assert field in refused.value.errors


def test_parameters_round_trip_through_the_query_string() -> None:
    args = {"q": "thợ hàn", "district": "295", "min_wage": "8.000.000", "days": "7", "page": "2"}
    params = search.parse_search_params(args)
    assert params.min_wage == 8_000_000
    assert search.parse_search_params(params.to_args()) == params
    assert "page" not in params.criteria() and params.criteria()["min_wage"] == "8000000"


# -- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_answers_words_from_the_text_index(employer: User) -> None:
    """The words' condition is the indexed expression, so PostgreSQL can answer it from the GIN
    index (bench/search.py shows it doing so on 50,000 vacancies; a test table this small is
    cheaper to scan, so scans are forbidden here)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PORTAL_TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    vacancy(employer, "Kỹ thuật điện bảo trì", occupation_code="7411")
    terms, _ignored = analyse_query("ky thuat dein", search.search_vocabulary(db.session))
    condition = text_condition(terms, relaxed=False, full_text=True)
    statement = select(Vacancy.id).where(condition)
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))
        found = connection.execute(statement).scalars().all()
    assert "ix_vacancies_search_document" in plan, plan
    assert len(found) == 1


@pytest.mark.postgres
@pytest.mark.parametrize(
    "args",
    [
        {"q": "tho han"},
        {"q": "tho han", "sort": "wage"},
        {"q": "cong nhan lap rap xyzzyq"},  # relaxed
        {"q": "tho han", "occupation": "72", "min_wage": "9000000"},
        {"q": "tho han", "days": "3", "sort": "newest", "page": "2", "per_page": "2"},
    ],
)
def test_every_postgresql_method_gives_the_same_answers(
    employer: User, monkeypatch: pytest.MonkeyPatch, args: dict[str, str]
) -> None:
    """LIKE, the walk and the text index are three spellings of one search (on 8 vacancies,
    with the result bound lowered so the walk's own answer is used, not its fallback)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PORTAL_TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    now = utcnow()
    for number in range(6):
        vacancy(
            employer,
            f"Thợ hàn {number}",
            wage_min=7_000_000 + number * 1_000_000,
            wage_max=None,
            at=now - dt.timedelta(days=number),
        )
    vacancy(employer, "Công nhân lắp ráp", occupation_code="8201")
    vacancy(employer, "Nhân viên kho", occupation_code="4321", must_skills=["hàn điện"])
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    params = search.parse_search_params(args)
    terms, _ignored = analyse_query(params.q, search.search_vocabulary(db.session))
    relaxed = "xyzzyq" in params.q
    answers = {
        method: search._page(
            db.session, params, terms, relaxed=relaxed, method=method, walk=100, now=now
        )
        for method in search.Method
    }
    like = answers[search.Method.LIKE]
    assert like[1] > 0
    for method, (hits, total) in answers.items():
        assert ([hit.id for hit in hits], total) == ([hit.id for hit in like[0]], like[1]), method
