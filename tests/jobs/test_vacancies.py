"""Vacancies: validation, skills, search text, the status flow and who may publish."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.accounts import services as accounts
from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import SkillImportance, Vacancy, VacancyStatus, VacancyStatusChange
from portal.text import fold_key
from tests.jobs.builders import (
    authority,
    make_employer,
    make_vacancy,
    vacancy_input,
)
from tests.jobs.conftest import Login, en


def _save(employer, **overrides):
    return services.save_vacancy(
        db.session, employer.organisation_id, employer.id, vacancy_input(**overrides)
    )


def _errors(employer, **overrides) -> dict[str, str]:
    with pytest.raises(services.InvalidInput) as refused:
        _save(employer, **overrides)
    return {field: en(message) for field, message in refused.value.errors.items()}


def test_wage_minimum_above_maximum_is_refused(app: Flask) -> None:
    errors = _errors(make_employer(), wage_min=12_000_000, wage_max=8_000_000)
    assert "cannot be lower than the minimum" in errors["wage_max"]


def test_wages_outside_sane_bounds_are_refused(app: Flask) -> None:
    errors = _errors(make_employer(), wage_min=8_500, wage_max=9_000_000_000)
    assert set(errors) == {"wage_min", "wage_max"}


def test_a_wage_or_negotiable_is_required(app: Flask) -> None:
    employer = make_employer()
    assert "wage_min" in _errors(employer, wage_min=None, wage_max=None)
    vacancy = _save(employer, wage_min=None, wage_max=None, wage_negotiable=True)
    assert vacancy.wage_negotiable and vacancy.wage_min is None


def test_a_past_deadline_is_refused(app: Flask) -> None:
    yesterday = services.vietnam_today() - dt.timedelta(days=1)
    errors = _errors(make_employer(), deadline=yesterday)
    assert "past" in errors["deadline"]


def test_zero_positions_is_refused(app: Flask) -> None:
    assert "positions" in _errors(make_employer(), positions=0)


def test_a_missing_or_unknown_occupation_is_refused(app: Flask) -> None:
    employer = make_employer()
    assert "occupation" in _errors(employer, occupation_code="")
    assert "occupation" in _errors(employer, occupation_code="99999")


def test_all_problems_come_back_together_and_nothing_is_saved(app: Flask) -> None:
    employer = make_employer()
    errors = _errors(
        employer,
        title="",
        occupation_code="",
        positions=0,
        wage_min=9_000_000,
        wage_max=1_000_000,
        deadline=None,
        commune="2025:00000",
        shifts=["siesta"],
    )
    assert {"title", "occupation", "positions", "wage_max", "deadline", "commune", "shifts"} <= set(
        errors
    )
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == 0


def test_skills_keep_the_typed_text_and_link_the_taxonomy(app: Flask) -> None:
    employer = make_employer()
    vacancy = _save(
        employer,
        must_skills=["  hàn   điện ", "Hàn điện", "Uốn ống đồng kiểu Nhật"],  # NFC, duplicates
        nice_skills=["hàn điện", "tiếng Nhật N3"],
    )
    rows = {(s.raw_text, s.importance): s.skill_id for s in vacancy.skills}
    assert ("hàn điện", SkillImportance.MUST) in rows
    assert rows[("hàn điện", SkillImportance.MUST)] is not None  # alias of a taxonomy skill
    assert rows[("Uốn ống đồng kiểu Nhật", SkillImportance.MUST)] is None  # free text, kept
    assert ("tiếng Nhật N3", SkillImportance.NICE) in rows
    assert len(vacancy.skills) == 3  # "Hàn điện" twice and again as nice-to-have: kept once


def test_editing_skills_keeps_rows_without_breaking_uniqueness(app: Flask) -> None:
    employer = make_employer()
    vacancy = _save(employer, must_skills=["hàn điện"], nice_skills=["tiếng Anh"])
    services.save_vacancy(
        db.session,
        employer.organisation_id,
        employer.id,
        vacancy_input(must_skills=["tiếng Anh", "hàn điện"], nice_skills=[]),
        vacancy.id,
    )
    assert sorted((s.raw_text, s.importance) for s in vacancy.skills) == [
        ("hàn điện", SkillImportance.MUST),
        ("tiếng Anh", SkillImportance.MUST),
    ]


def test_search_text_folds_title_occupation_skills_employer_and_place(app: Flask) -> None:
    employer = make_employer("Công ty TNHH Kỹ thuật Điện Hải Dương")
    vacancy = _save(employer, title="Thợ hàn", must_skills=["hàn điện"], industrial_park="")
    text = vacancy.search_text
    assert text == fold_key(text)  # folded: no diacritics, lower case, single spaces
    for expected in (
        "tho han",  # title
        "tho han va tho cat kim loai bang nhiet",  # occupation 7212
        "han dien",  # as typed
        "han ho quang tay",  # the taxonomy skill it resolved to
        "smaw",  # one of that skill's aliases
        "cong ty tnhh ky thuat dien hai duong",  # employer
    ):
        assert expected in text, expected
    commune = fold_key(
        services.employer_profile_summary(db.session, employer.organisation_id).commune_name
    )
    assert commune in text
    vacancy = services.save_vacancy(
        db.session,
        employer.organisation_id,
        employer.id,
        vacancy_input(title="Công nhân may", industrial_park="kcn phuc dien"),
        vacancy.id,
    )
    assert "cong nhan may" in vacancy.search_text
    assert "kcn phuc dien" in vacancy.search_text
    assert vacancy.search_text.startswith("cong nhan may ")  # the new title, refreshed


def test_status_flow_is_recorded_with_actor_and_reason(app: Flask) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer, open_it=False)
    assert vacancy.status == VacancyStatus.DRAFT
    services.open_vacancy(db.session, vacancy.id, employer.id)
    assert vacancy.status == VacancyStatus.OPEN and vacancy.opened_at is not None
    services.close_vacancy(db.session, vacancy.id, employer.id, "Đã tuyển qua hội chợ việc làm")
    assert vacancy.status == VacancyStatus.CLOSED and vacancy.closed_at is not None
    history = db.session.scalars(
        select(VacancyStatusChange)
        .where(VacancyStatusChange.vacancy_id == vacancy.id)
        .order_by(VacancyStatusChange.id)
    ).all()
    assert [(h.from_status, h.to_status, h.actor_id) for h in history] == [
        (None, VacancyStatus.DRAFT, employer.id),
        (VacancyStatus.DRAFT, VacancyStatus.OPEN, employer.id),
        (VacancyStatus.OPEN, VacancyStatus.CLOSED, employer.id),
    ]
    assert history[-1].reason == "Đã tuyển qua hội chợ việc làm"


def test_refused_status_changes(app: Flask) -> None:
    employer = make_employer()
    draft = make_vacancy(employer, open_it=False)
    with pytest.raises(services.InvalidTransition):
        services.close_vacancy(db.session, draft.id, employer.id)
    opened = make_vacancy(employer)
    with pytest.raises(services.InvalidTransition):
        services.open_vacancy(db.session, opened.id, employer.id)
    services.mark_vacancy_filled(db.session, opened.id, employer.id)
    assert opened.status == VacancyStatus.FILLED
    with pytest.raises(services.InvalidTransition):
        services.close_vacancy(db.session, opened.id, employer.id)
    with pytest.raises(services.InvalidTransition):
        services.save_vacancy(
            db.session, employer.organisation_id, employer.id, vacancy_input(), opened.id
        )


@pytest.mark.parametrize("state", ["pending", "suspended"])
def test_an_unverified_organisation_cannot_open_a_vacancy(app: Flask, state: str) -> None:
    employer = make_employer(verified=False, suspended=state == "suspended")
    vacancy = make_vacancy(employer, open_it=False)  # drafts are allowed
    with pytest.raises(services.NotPermitted) as refused:
        services.open_vacancy(db.session, vacancy.id, employer.id)
    assert "verified" in en(refused.value.message)
    assert vacancy.status == VacancyStatus.DRAFT


@pytest.mark.parametrize("state", ["pending", "suspended"])
def test_the_publish_button_is_refused_over_http(app: Flask, login: Login, state: str) -> None:
    employer = make_employer(verified=False, suspended=state == "suspended")
    vacancy = make_vacancy(employer, open_it=False)
    client = login(employer)
    response = client.post(f"/employer/vacancies/{vacancy.id}/open")
    assert response.status_code == 403
    assert "verified" in response.get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.status == VacancyStatus.DRAFT


def test_a_verified_organisation_publishes_over_http(app: Flask, login: Login) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer, open_it=False)
    client = login(employer)
    response = client.post(f"/employer/vacancies/{vacancy.id}/open", follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(vacancy)
    assert vacancy.status == VacancyStatus.OPEN


def test_publishing_needs_an_employer_profile(app: Flask) -> None:
    employer = make_employer(with_profile=False)
    vacancy = make_vacancy(employer, open_it=False)
    with pytest.raises(services.NotPermitted) as refused:
        services.open_vacancy(db.session, vacancy.id, employer.id)
    assert "profile" in en(refused.value.message)


def test_a_suspended_employers_open_vacancy_leaves_the_public_page(app: Flask, client) -> None:
    employer = make_employer()
    vacancy = make_vacancy(employer)
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 200
    accounts.suspend_organisation(db.session, employer.organisation_id, authority().id, "Vi phạm")
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 404


def test_the_public_page_shows_open_vacancies_only(app: Flask, client, login: Login) -> None:
    employer = make_employer("Công ty CP May Hải Dương")
    draft = make_vacancy(employer, open_it=False)
    opened = make_vacancy(employer, wage_min=8_500_000, wage_max=12_000_000)
    assert client.get(f"/vacancies/{draft.id}").status_code == 404
    body = client.get(f"/vacancies/{opened.id}").get_data(as_text=True)
    assert "8.500.000\u00a0₫" in body and "12.000.000\u00a0₫" in body
    assert "Công ty CP May Hải Dương" in body
    assert opened.deadline.strftime("%d/%m/%Y") in body
    assert "KCN Đại An" in body
    owner = login(employer)
    assert owner.get(f"/vacancies/{draft.id}").status_code == 200
    other = login(make_employer())
    assert other.get(f"/vacancies/{draft.id}").status_code == 404


def test_the_vacancy_form_creates_a_draft(app: Flask, login: Login) -> None:
    employer = make_employer()
    client = login(employer)
    page = client.get("/employer/vacancies/new")
    assert page.status_code == 200
    assert "occupation-options" in page.get_data(as_text=True)
    today = services.vietnam_today()
    form = {
        "title": "Công nhân may công nghiệp",
        "occupation": "8153 – Thợ vận hành máy may",
        "positions": "20",
        "wage_min": "7.500.000",
        "wage_max": "",
        "commune": vacancy_input().commune,
        "qualification_code": "none",
        "min_experience_months": "0",
        "shifts": ["office"],
        "benefits": ["bhxh", "shuttle"],
        "deadline": (today + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
        "must_skills-0": "may công nghiệp",
    }
    response = client.post("/employer/vacancies/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy is not None
    assert (vacancy.occupation_code, vacancy.positions, vacancy.wage_min) == ("8153", 20, 7_500_000)
    assert vacancy.benefits == ["bhxh", "shuttle"]


def test_the_vacancy_form_shows_errors_next_to_fields(app: Flask, login: Login) -> None:
    client = login(make_employer())
    form = {
        "title": "Thợ hàn",
        "occupation": "",
        "positions": "0",
        "wage_min": "9.000.000",
        "wage_max": "8.000.000",
        "commune": vacancy_input().commune,
        "qualification_code": "none",
        "deadline": "31/02/2020",
    }
    response = client.post("/employer/vacancies/new", data=form)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    for field in ("occupation", "positions", "deadline"):
        assert f'id="{field}-error"' in body, field
    assert "dd/mm/yyyy" in body
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == 0


def test_a_commune_outside_the_list_is_chosen_by_search(app: Flask, login: Login) -> None:
    """The search box takes a picked suggestion ("Name, Province (code)") or an exact name."""
    from portal.reference.models import COMMUNE, V2025, AdminUnit

    outside = db.session.scalars(
        select(AdminUnit)
        .where(
            AdminUnit.version == V2025,
            AdminUnit.level == COMMUNE,
            AdminUnit.province_code == "01",
        )
        .order_by(AdminUnit.code)
    ).first()
    assert outside is not None
    employer = make_employer()
    client = login(employer)
    page = client.get("/employer/vacancies/new").get_data(as_text=True)
    assert 'data-autocomplete="/reference/units?' in page
    today = services.vietnam_today()
    form = {
        "title": "Lái xe nâng",
        "occupation": "8344",
        "positions": "1",
        "wage_min": "9000000",
        "commune": vacancy_input().commune,
        "commune_search": f"{outside.name}, Thành phố Hà Nội ({outside.code})",
        "qualification_code": "none",
        "deadline": (today + dt.timedelta(days=10)).strftime("%d/%m/%Y"),
    }
    assert client.post("/employer/vacancies/new", data=form).status_code == 302
    vacancy = db.session.scalars(select(Vacancy)).one()
    assert (vacancy.unit_version, vacancy.commune_code) == (V2025, outside.code)

    form["commune_search"] = "Xã Không Có Thật"
    refused = client.post("/employer/vacancies/new", data=form)
    assert refused.status_code == 400
    assert 'id="commune_search-error"' in refused.get_data(as_text=True)


def test_an_exact_commune_name_is_found_only_when_it_is_unique(app: Flask) -> None:
    from collections import Counter

    from portal.jobs import lookups
    from portal.reference.models import COMMUNE, V2025, AdminUnit

    units = db.session.scalars(
        select(AdminUnit).where(
            AdminUnit.version == V2025, AdminUnit.level == COMMUNE, AdminUnit.active.is_(True)
        )
    ).all()
    names = Counter(unit.name.casefold() for unit in units)
    unique = next(u for u in units if u.province_code == "31" and names[u.name.casefold()] == 1)
    repeated = next(u for u in units if names[u.name.casefold()] > 1)
    found = lookups.find_commune_by_name(db.session, "  " + unique.name.upper() + " ")
    assert found is not None and found.code == unique.code
    assert lookups.find_commune_by_name(db.session, repeated.name) is None


def test_publishing_asks_for_saved_search_alerts_and_survives_a_broker_failure(
    app: Flask, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.jobs import views

    queued: list[int] = []
    monkeypatch.setattr(views.alert_saved_searches, "delay", queued.append)
    employer = make_employer()
    first = make_vacancy(employer, open_it=False)
    client = login(employer)
    client.post(f"/employer/vacancies/{first.id}/open")
    assert queued == [first.id]

    def broker_down(vacancy_id: int) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(views.alert_saved_searches, "delay", broker_down)
    second = make_vacancy(employer, open_it=False)
    response = client.post(f"/employer/vacancies/{second.id}/open")
    assert response.status_code == 302
    db.session.refresh(second)
    assert second.status == VacancyStatus.OPEN
