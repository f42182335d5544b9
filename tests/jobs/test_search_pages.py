"""The search page, the saved-searches pages and the notifications page, through HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal import notifications
from portal.accounts.models import User
from portal.extensions import db
from portal.jobs import alerts, search
from portal.jobs.models import SavedSearch
from tests.accounts.builders import logged_in_client
from tests.jobs.builders import make_employer, make_vacancy, make_worker


@pytest.fixture(autouse=True)
def _fresh_vocabulary(app: Flask) -> Iterator[None]:
    search.invalidate_search_cache()
    yield
    search.invalidate_search_cache()


@pytest.fixture
def employer(app: Flask) -> User:
    return make_employer("Công ty TNHH Cơ khí Gia Lộc")


def page_text(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined]


def test_anyone_finds_a_vacancy_typed_without_diacritics(app: Flask, employer: User) -> None:
    vacancy = make_vacancy(employer, title="Thợ hàn CO2 ca ngày", wage_min=8_500_000)
    response = app.test_client().get("/search?q=tho+han+co2")
    assert response.status_code == 200
    html = page_text(response)
    assert f'href="/vacancies/{vacancy.id}"' in html
    assert "Thợ hàn CO2 ca ngày" in html and "Công ty TNHH Cơ khí Gia Lộc" in html
    assert "8.500.000\u00a0₫" in html  # |money
    assert vacancy.deadline.strftime("%d/%m/%Y") in html  # |date
    assert '<label class="form-label" for="q">' in html  # labelled inputs
    assert 'role="search"' in html and 'method="get"' in html  # works without JavaScript


def test_an_empty_result_says_so(app: Flask, employer: User) -> None:
    make_vacancy(employer)
    html = page_text(app.test_client().get("/search?q=xyzq+qwzx"))
    assert 'id="no-results"' in html
    assert 'id="no-results"' not in page_text(app.test_client().get("/search?q=tho+han"))


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "min_wage=tam+trieu", "days=999", "sort=x", "per_page=1000",
     "commune=99999", "occupation=0000", "district=abc"],
)  # fmt: skip
def test_bad_parameters_get_a_clear_message_not_a_crash(app: Flask, query: str) -> None:
    response = app.test_client().get("/search?" + query)
    assert response.status_code == 400
    html = page_text(response)
    assert 'class="alert alert-danger"' in html or "invalid-feedback d-block" in html


def test_page_links_keep_the_filters(app: Flask, employer: User) -> None:
    for number in range(3):
        make_vacancy(employer, title=f"Thợ hàn {number}", industrial_park="KCN Đại An")
    html = page_text(
        app.test_client().get("/search?q=tho+han&park=KCN+%C4%90%E1%BA%A1i+An&per_page=1&page=2")
    )
    links = re.findall(r'href="(/search\?[^"]+)"', html)
    next_link = next(link for link in links if "page=3" in link)
    args = parse_qs(urlsplit(next_link.replace("&amp;", "&")).query)
    assert args == {"q": ["tho han"], "park": ["KCN Đại An"], "per_page": ["1"], "page": ["3"]}


def test_a_worker_saves_the_search_and_sees_the_alert(app: Flask, employer: User) -> None:
    worker = make_worker()
    client = logged_in_client(app, worker)
    html = page_text(client.get("/search?q=tho+han&min_wage=8000000"))
    assert 'action="/saved-searches"' in html
    form = {"name": "Hàn từ 8 triệu", "q": "tho han", "min_wage": "8000000"}
    assert client.post("/saved-searches", data=form).status_code == 302
    assert client.post("/saved-searches", data=form).status_code == 302  # double click
    assert db.session.scalar(select(func.count(SavedSearch.id))) == 1
    listing = page_text(client.get("/saved-searches"))
    assert "Hàn từ 8 triệu" in listing and "/search?q=tho+han" in listing

    vacancy = make_vacancy(employer, title="Thợ hàn CO2", wage_min=9_000_000)
    assert alerts.notify_saved_searches_for_vacancy(db.session, vacancy.id) == 1
    inbox = page_text(client.get("/notifications"))
    assert "Thợ hàn CO2" in inbox
    note_id = notifications.list_notifications(db.session, worker.id).items[0].id
    opened = client.post(f"/notifications/{note_id}/read", data={"open": "1"})
    assert opened.status_code == 302 and opened.headers["Location"] == f"/vacancies/{vacancy.id}"
    assert notifications.unread_count(db.session, worker.id) == 0


def test_saving_without_a_name_shows_the_message_next_to_the_field(app: Flask) -> None:
    client = logged_in_client(app, make_worker())
    response = client.post("/saved-searches", data={"name": "", "q": "tho han"})
    assert response.status_code == 400
    assert 'id="name-error"' in page_text(response)
    assert db.session.scalar(select(func.count(SavedSearch.id))) == 0


def test_saved_searches_are_for_workers_and_private(app: Flask) -> None:
    owner, other = make_worker(), make_worker("Lê Thị Mai")
    saved = alerts.save_search(
        db.session, owner.id, "Hàn", search.parse_search_params({"q": "tho han"})
    )
    intruder = logged_in_client(app, other)
    assert "Hàn" not in page_text(intruder.get("/saved-searches"))
    assert intruder.post(f"/saved-searches/{saved.id}/delete").status_code == 404
    assert db.session.get(SavedSearch, saved.id) is not None
    employer_client = logged_in_client(app, make_employer())
    assert employer_client.get("/saved-searches").status_code == 403
    assert app.test_client().get("/saved-searches").status_code == 302  # to the login page


def test_notifications_are_private(app: Flask) -> None:
    owner, other = make_worker(), make_worker("Lê Thị Mai")
    note_id = notifications.notify(db.session, owner.id, "test", "Tin riêng", dedupe_key="k")
    db.session.commit()
    intruder = logged_in_client(app, other)
    assert "Tin riêng" not in page_text(intruder.get("/notifications"))
    assert intruder.post(f"/notifications/{note_id}/read").status_code == 404
    assert notifications.unread_count(db.session, owner.id) == 1
    mine = logged_in_client(app, owner)
    assert "Tin riêng" in page_text(mine.get("/notifications"))
    assert mine.post("/notifications/read-all").status_code == 302
    assert notifications.unread_count(db.session, owner.id) == 0
    assert app.test_client().get("/notifications").status_code == 302


def test_the_unread_count_is_available_to_templates(app: Flask) -> None:
    worker = make_worker()
    notifications.notify(db.session, worker.id, "test", "Một", dedupe_key="a")
    notifications.notify(db.session, worker.id, "test", "Hai", dedupe_key="b")
    db.session.commit()
    with app.test_request_context("/"):
        from flask_login import login_user

        login_user(db.session.get(User, worker.id))
        context: dict[str, object] = {}
        app.update_template_context(context)
        assert context["unread_notifications"]() == 2  # type: ignore[operator]
