"""The Celery settings each mode really runs with, read back from the Celery app itself.

Celery ignores unknown setting names without a word, so a misspelt ``task_acks_late`` would
quietly lose tasks when a worker dies. These tests read the effective values from
``celery.conf`` (what workers and publishers use) and check every name we pass against Celery's
own table of settings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from celery import Celery
from celery.app.defaults import DEFAULTS
from flask import Flask, current_app

from portal.config import ConfigurationError, celery_settings
from portal.settings import CELERY_TASK_SOFT_TIME_LIMIT, CELERY_TASK_TIME_LIMIT
from tests.conftest import AppFactory

REPO_ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:1/7"  # never contacted: these tests only read settings


@pytest.fixture(autouse=True)
def _no_portal_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("PORTAL_") and name != "PORTAL_INSTANCE_PATH":
            monkeypatch.delenv(name)
    yield


@pytest.fixture
def embedded(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def production(make_app: AppFactory) -> Flask:
    return make_app({"REDIS_URL": REDIS_URL, "SECRET_KEY": "k"})


def celery_of(app: Flask) -> Celery:
    celery_app = app.extensions["celery"]
    assert isinstance(celery_app, Celery)
    return celery_app


def base_source_config(**overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "CELERY_TASK_TIME_LIMIT": CELERY_TASK_TIME_LIMIT,
        "CELERY_TASK_SOFT_TIME_LIMIT": CELERY_TASK_SOFT_TIME_LIMIT,
        "CELERY_TASK_MODULES": ["portal.accounts.tasks"],
        "CELERY_BEAT_SCHEDULE": {},
    }
    config.update(overrides)
    return config


@pytest.mark.parametrize("redis_url", ["", REDIS_URL], ids=["embedded", "production"])
def test_every_setting_we_pass_is_a_real_celery_setting(redis_url: str) -> None:
    settings = celery_settings(base_source_config(REDIS_URL=redis_url))
    unknown = sorted(set(settings) - set(DEFAULTS))
    assert not unknown, f"Celery would silently ignore: {unknown}"
    # Old upper-case names mixed with new ones make Celery refuse the whole configuration.
    assert all(key == key.lower() for key in settings)


def test_a_misspelt_override_is_refused_not_ignored(make_app: AppFactory) -> None:
    with pytest.raises(ConfigurationError, match="task_acks_lat"):
        make_app({"CELERY_OVERRIDES": {"task_acks_lat": False}})


def test_a_correct_override_reaches_celery(make_app: AppFactory) -> None:
    app = make_app({"CELERY_OVERRIDES": {"worker_prefetch_multiplier": 4}})
    assert celery_of(app).conf.worker_prefetch_multiplier == 4


def assert_reliability_settings(conf: Any) -> None:
    """Shared by both modes: a task whose worker dies is redelivered, never dropped."""
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit == CELERY_TASK_TIME_LIMIT
    assert conf.task_soft_time_limit == CELERY_TASK_SOFT_TIME_LIMIT
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_ignore_result is True
    assert conf.timezone == "Asia/Ho_Chi_Minh"
    assert conf.enable_utc is True
    assert "portal.accounts.tasks" in conf.imports


def test_embedded_mode_runs_tasks_in_process(embedded: Flask) -> None:
    conf = celery_of(embedded).conf
    assert conf.task_always_eager is True
    assert conf.task_eager_propagates is True
    assert conf.broker_url == "memory://"
    assert_reliability_settings(conf)


def test_production_mode_uses_redis_and_never_runs_eagerly(production: Flask) -> None:
    conf = celery_of(production).conf
    assert conf.task_always_eager is False
    assert conf.broker_url == REDIS_URL
    assert conf.broker_connection_retry_on_startup is True
    assert conf.broker_connection_timeout == 2
    assert conf.task_publish_retry is False
    assert_reliability_settings(conf)
    # With late acknowledgement Redis redelivers a task still unacknowledged after the
    # visibility timeout: it must outlast the longest task, or long tasks run twice.
    options = conf.broker_transport_options
    assert options["visibility_timeout"] > conf.task_time_limit
    assert options["socket_connect_timeout"] <= 5


@pytest.mark.parametrize("mode", ["embedded", "production"])
def test_beat_schedule_names_registered_tasks(mode: str, request: pytest.FixtureRequest) -> None:
    app: Flask = request.getfixturevalue(mode)
    celery_app = celery_of(app)
    schedule = celery_app.conf.beat_schedule
    assert schedule["purge-expired-sessions"]["task"] == (
        "portal.accounts.tasks.purge_expired_sessions"
    )
    assert schedule["purge-expired-sessions"]["schedule"] == 3600.0
    # Beat's state file lives in the instance folder, not wherever beat was started.
    assert celery_app.conf.beat_schedule_filename == str(
        Path(app.instance_path) / "celerybeat-schedule"
    )
    registered = set(celery_app.tasks.keys())
    missing = sorted({entry["task"] for entry in schedule.values()} - registered)
    assert not missing, f"beat would send tasks no worker knows: {missing}"


def test_tasks_run_inside_the_flask_app_context(embedded: Flask) -> None:
    celery_app = celery_of(embedded)

    @celery_app.task(name="tests.core.probe_app_context")
    def probe() -> str:
        return str(current_app.config["RUN_MODE"]) + ":" + current_app.instance_path

    result = probe.delay()  # eager in the embedded mode: runs here, in the app context
    assert result.get(timeout=5) == "embedded:" + embedded.instance_path


def test_the_worker_entry_point_builds_a_production_celery_app(tmp_path: Path) -> None:
    """What ``celery -A worker`` loads, with the variables an operator sets."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PORTAL_")}
    env.update(
        PORTAL_REDIS_URL=REDIS_URL,
        PORTAL_DATABASE_URL="postgresql://portal@127.0.0.1:1/portal",
        PORTAL_SECRET_KEY="worker-secret",
        PORTAL_INSTANCE_PATH=str(tmp_path),
    )
    script = (
        "import json\n"
        "from celery.app.utils import find_app\n"
        "from celery.signals import worker_process_init\n"
        "import worker\n"
        "app = find_app('worker')\n"
        "names = [getattr(r(), '__name__', '') for _, r in worker_process_init.receivers]\n"
        "print(json.dumps({\n"
        "  'same_app': app is worker.flask_app.extensions['celery'],\n"
        "  'broker_url': app.conf.broker_url,\n"
        "  'eager': app.conf.task_always_eager,\n"
        "  'acks_late': app.conf.task_acks_late,\n"
        "  'db': worker.flask_app.config['SQLALCHEMY_DATABASE_URI'],\n"
        "  'dispose_after_fork': '_dispose_engines_after_fork' in names,\n"
        "  'tasks': sorted(t for t in app.tasks if t.startswith('portal.')),\n"
        "}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    seen = json.loads(completed.stdout.strip().splitlines()[-1])
    assert seen["same_app"] is True
    assert seen["broker_url"] == REDIS_URL
    assert seen["eager"] is False
    assert seen["acks_late"] is True
    assert seen["db"] == "postgresql+psycopg://portal@127.0.0.1:1/portal"
    assert seen["dispose_after_fork"] is True
    assert "portal.accounts.tasks.purge_expired_sessions" in seen["tasks"]
