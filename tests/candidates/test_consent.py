"""Consent per purpose: never pre-ticked, recorded with time and text version, withdrawn as
easily as given, and effective at once (the employers' search follows it)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.candidates import services
from portal.candidates.consent import CONSENT_TEXTS
from portal.candidates.errors import InvalidProfileData
from portal.candidates.models import ConsentEvent, ConsentPurpose
from portal.extensions import db
from tests.candidates.builders import client_for, in_vietnamese, make_worker_with_profile

MATCHING = ConsentPurpose.MATCHING


def checked_inputs(html: str) -> list[str]:
    return [tag for tag in re.findall(r"<input[^>]*>", html) if re.search(r"\bchecked\b", tag)]


def test_the_first_form_offers_consent_without_ticking_anything(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    page = client.get("/profile/identity").get_data(as_text=True)
    for name in ("consent_matching", "consent_contact", "consent_statistics"):
        assert f'name="{name}"' in page
    assert checked_inputs(page) == []


def test_the_consent_page_ticks_nothing_and_offers_one_button_per_purpose(app: Flask) -> None:
    user, _profile = make_worker_with_profile()
    client = client_for(app, user)
    page = client.get("/profile/consent").get_data(as_text=True)
    assert checked_inputs(page) == []
    for purpose in ConsentPurpose:
        assert f"/profile/consent/{purpose.value}/give" in page
        assert f"/profile/consent/{purpose.value}/withdraw" not in page
        assert CONSENT_TEXTS[purpose].version in page


def test_ticking_a_purpose_on_the_first_form_records_it(app: Flask, worker: User) -> None:
    client = client_for(app, worker)
    client.post(
        "/profile/identity",
        data={
            "full_name": "Trần Văn Bình",
            "date_of_birth": "25/03/1998",
            "sex": "male",
            "cccd": "030098000123",
            "consent_contact": "y",
        },
    )
    profile = services.get_profile_for_user(db.session, worker.id)
    assert not services.has_consent(db.session, profile.id, MATCHING)
    assert services.has_consent(db.session, profile.id, ConsentPurpose.CONTACT)
    assert not services.has_consent(db.session, profile.id, ConsentPurpose.STATISTICS)


def test_give_and_withdraw_with_one_click_each_recorded_with_time_and_version(
    app: Flask,
) -> None:
    user, profile = make_worker_with_profile()
    client = client_for(app, user)
    version = CONSENT_TEXTS[MATCHING].version
    response = client.post(
        "/profile/consent/matching/give", data={"matching-text_version": version}
    )
    assert response.status_code == 302
    assert services.has_consent(db.session, profile.id, MATCHING)
    page = client.get("/profile/consent").get_data(as_text=True)
    assert "/profile/consent/matching/withdraw" in page

    assert client.post("/profile/consent/matching/withdraw").status_code == 302
    assert not services.has_consent(db.session, profile.id, MATCHING)

    events = services.consent_history(db.session, profile.id)
    assert [(e.purpose, e.granted) for e in events] == [(MATCHING, False), (MATCHING, True)]
    assert all(e.text_version == version and e.at is not None for e in events)


def test_a_double_click_records_one_event(app: Flask) -> None:
    user, profile = make_worker_with_profile()
    client = client_for(app, user)
    data = {"matching-text_version": CONSENT_TEXTS[MATCHING].version}
    client.post("/profile/consent/matching/give", data=data)
    client.post("/profile/consent/matching/give", data=data)
    assert len(services.consent_history(db.session, profile.id)) == 1


def test_agreeing_to_an_outdated_text_is_refused(app: Flask) -> None:
    _user, profile = make_worker_with_profile()
    with pytest.raises(InvalidProfileData) as refused:
        services.give_consent(db.session, profile.id, MATCHING, "matching-1999-01")
    assert str(refused.value.message) == in_vietnamese(
        "The text of this consent has changed. Please read it again before agreeing."
    )
    assert not services.has_consent(db.session, profile.id, MATCHING)


def test_an_unknown_purpose_is_not_found(app: Flask) -> None:
    user, _profile = make_worker_with_profile()
    client = client_for(app, user)
    assert client.post("/profile/consent/marketing/give").status_code == 404


def test_the_latest_event_wins_and_bulk_queries_agree(app: Flask) -> None:
    _a, first = make_worker_with_profile(consents=(MATCHING,))
    _b, second = make_worker_with_profile(consents=(MATCHING,))
    _c, third = make_worker_with_profile()
    services.withdraw_consent(db.session, second.id, MATCHING)
    services.give_consent(db.session, second.id, MATCHING, CONSENT_TEXTS[MATCHING].version)
    services.withdraw_consent(db.session, first.id, MATCHING)

    assert not services.has_consent(db.session, first.id, MATCHING)
    assert services.has_consent(db.session, second.id, MATCHING)
    assert not services.has_consent(db.session, third.id, MATCHING)
    assert services.consenting_profile_ids(db.session, MATCHING) == {second.id}
    assert services.consenting_profile_ids(db.session, MATCHING, [first.id, third.id]) == set()
    assert services.consenting_profile_ids(db.session, "contact") == set()
    # Consent to one purpose says nothing about another.
    count = select(func.count()).where(ConsentEvent.profile_id == second.id)
    assert db.session.scalar(count) == 3


def test_withdrawing_matching_removes_the_worker_from_the_search_at_once(
    app: Flask, employer: User
) -> None:
    user, profile = make_worker_with_profile(full_name="Hoàng Thị Thu", consents=(MATCHING,))
    search = client_for(app, employer)
    assert f"/workers/{profile.id}" in search.get("/workers").get_data(as_text=True)

    worker_client = client_for(app, user)
    assert worker_client.post("/profile/consent/matching/withdraw").status_code == 302

    page = search.get("/workers").get_data(as_text=True)
    assert f"/workers/{profile.id}" not in page
    assert search.get(f"/workers/{profile.id}").status_code == 404

    version = CONSENT_TEXTS[MATCHING].version
    worker_client.post("/profile/consent/matching/give", data={"matching-text_version": version})
    assert f"/workers/{profile.id}" in search.get("/workers").get_data(as_text=True)
