"""Fixtures of the candidates tests."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.access import Role
from portal.accounts.models import OrganisationStatus, User
from tests.candidates.builders import make_user


@pytest.fixture
def worker(app: Flask) -> User:
    return make_user(Role.WORKER, full_name="Trần Văn Bình")


@pytest.fixture
def employer(app: Flask) -> User:
    return make_user(Role.EMPLOYER, full_name="Phạm Thị Lan")


@pytest.fixture
def pending_employer(app: Flask) -> User:
    return make_user(Role.EMPLOYER, organisation_status=OrganisationStatus.PENDING)


@pytest.fixture
def authority(app: Flask) -> User:
    return make_user(Role.AUTHORITY, full_name="Lê Văn Cường")
