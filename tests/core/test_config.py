"""Layered configuration and the two run modes, through the real app factory.

Precedence: ``portal/settings.py`` < ``instance/config.py`` < ``PORTAL_*`` environment <
``test_config``. The embedded mode needs nothing; the production mode is chosen by an external
database or Redis and refuses to start without a secret key.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.config import EMBEDDED, PRODUCTION, ConfigurationError, sqlalchemy_uri
from tests.conftest import AppFactory

UNREACHABLE_REDIS = "redis://127.0.0.1:1/5"  # nothing listens: proves create_app never connects
UNREACHABLE_PG = "postgres://portal:secret@127.0.0.1:1/portal"


@pytest.fixture(autouse=True)
def _no_portal_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts from the embedded default, whatever the shell (or CI) exported."""
    for name in list(os.environ):
        if name.startswith("PORTAL_") and name != "PORTAL_INSTANCE_PATH":
            monkeypatch.delenv(name)
    yield


def instance_dir() -> Path:
    return Path(os.environ["PORTAL_INSTANCE_PATH"])


def write_instance_config(text: str) -> None:
    instance_dir().mkdir(parents=True, exist_ok=True)
    (instance_dir() / "config.py").write_text(text, encoding="utf-8")


# --- precedence -------------------------------------------------------------------------------


def test_each_layer_overrides_the_one_before(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_instance_config(
        "PORTAL_NAME = 'from instance'\nAUTHORITY_NAME = 'from instance'\nMAIL_PORT = 2525\n"
    )
    monkeypatch.setenv("PORTAL_AUTHORITY_NAME", "from env")
    monkeypatch.setenv("PORTAL_MAIL_PORT", "2626")

    app = make_app({"MAIL_PORT": 2727})

    assert app.config["LOGIN_LIMIT_PER_ACCOUNT"] == "5 per 15 minutes"  # settings only
    assert app.config["PORTAL_NAME"] == "from instance"  # instance beats settings
    assert app.config["AUTHORITY_NAME"] == "from env"  # env beats instance
    assert app.config["MAIL_PORT"] == 2727  # test_config beats env


def test_environment_values_are_parsed_as_json_when_they_can_be(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_MAIL_PORT", "2626")
    monkeypatch.setenv("PORTAL_MAIL_USE_TLS", "false")
    monkeypatch.setenv("PORTAL_MAIL_HOST", "smtp.intranet.local")
    app = make_app()
    assert app.config["MAIL_PORT"] == 2626
    assert app.config["MAIL_USE_TLS"] is False
    assert app.config["MAIL_HOST"] == "smtp.intranet.local"


def test_derived_settings_follow_an_overridden_source_value(make_app: AppFactory) -> None:
    """The SQLAlchemy URI and Celery settings are derived after every layer is applied."""
    app = make_app({"DATABASE_URL": "sqlite:////tmp/elsewhere.sqlite3", "SECRET_KEY": "k"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/elsewhere.sqlite3"
    assert app.config["RUN_MODE"] == PRODUCTION


def test_instance_path_comes_from_the_environment(make_app: AppFactory) -> None:
    app = make_app()
    assert Path(app.instance_path) == instance_dir()
    assert instance_dir().is_dir()


# --- embedded mode ----------------------------------------------------------------------------


def test_embedded_mode_needs_nothing(make_app: AppFactory) -> None:
    app = make_app()
    config = app.config
    assert config["RUN_MODE"] == EMBEDDED
    assert config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + str(
        instance_dir() / "portal.sqlite3"
    )
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config["CELERY"]["task_always_eager"] is True
    assert config["CELERY"]["broker_url"] == "memory://"
    assert not config.get("SESSION_COOKIE_SECURE")
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_embedded_secret_key_is_generated_private_and_reused(make_app: AppFactory) -> None:
    first = make_app()
    key_file = instance_dir() / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = first.config["SECRET_KEY"]
    assert len(key) >= 64
    assert key_file.read_text(encoding="ascii").strip() == key

    second = make_app()
    assert second.config["SECRET_KEY"] == key  # sessions survive a restart


def test_an_explicit_secret_key_wins_and_writes_no_file(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_SECRET_KEY", "from-the-environment")
    app = make_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (instance_dir() / "secret_key").exists()


# --- production mode --------------------------------------------------------------------------


def test_production_mode_from_the_environment(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_DATABASE_URL", UNREACHABLE_PG)
    monkeypatch.setenv("PORTAL_REDIS_URL", UNREACHABLE_REDIS)
    monkeypatch.setenv("PORTAL_SECRET_KEY", "a-long-random-production-secret")

    app = make_app()  # builds without connecting to anything
    config = app.config

    assert config["RUN_MODE"] == PRODUCTION
    assert (
        config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://portal:secret@127.0.0.1:1/portal"
    )
    assert config["RATELIMIT_STORAGE_URI"] == UNREACHABLE_REDIS
    assert config["CELERY"]["broker_url"] == UNREACHABLE_REDIS
    assert config["CELERY"]["task_always_eager"] is False
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True
    assert config["PREFERRED_URL_SCHEME"] == "https"
    assert not (instance_dir() / "secret_key").exists()


@pytest.mark.parametrize(
    "variable, value",
    [("PORTAL_DATABASE_URL", UNREACHABLE_PG), ("PORTAL_REDIS_URL", UNREACHABLE_REDIS)],
)
def test_production_mode_refuses_to_start_without_a_secret_key(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError, match="PORTAL_SECRET_KEY"):
        make_app()
    assert not (instance_dir() / "secret_key").exists()


def test_testing_keeps_cookies_usable_over_plain_http(make_app: AppFactory) -> None:
    app = make_app({"TESTING": True, "DATABASE_URL": UNREACHABLE_PG, "SECRET_KEY": "k"})
    assert app.config["RUN_MODE"] == PRODUCTION
    assert not app.config.get("SESSION_COOKIE_SECURE")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////srv/portal.sqlite3", "sqlite:////srv/portal.sqlite3"),
        ("", "sqlite:////inst/portal.sqlite3"),
    ],
)
def test_database_urls_are_pinned_to_psycopg_3(url: str, expected: str) -> None:
    assert sqlalchemy_uri({"DATABASE_URL": url}, "/inst") == expected
