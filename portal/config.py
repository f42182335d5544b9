"""Derive the effective settings of a mode from the layered source values.

The app factory loads the layers (defaults, instance file, ``PORTAL_*`` environment, test
config); this module turns the few source values (``DATABASE_URL``, ``REDIS_URL``,
``SECRET_KEY``) into what the extensions read. Keeping the derivation in one place means the
embedded and production modes cannot drift apart silently, and a test can assert the result.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from celery.app.defaults import DEFAULTS as CELERY_SETTING_NAMES

EMBEDDED = "embedded"
PRODUCTION = "production"


class ConfigurationError(RuntimeError):
    """Raised when the portal refuses to start with an unsafe or incomplete configuration."""


def run_mode(config: dict[str, Any]) -> str:
    """Production as soon as an external database or Redis is configured."""
    if config.get("DATABASE_URL") or config.get("REDIS_URL"):
        return PRODUCTION
    return EMBEDDED


def sqlalchemy_uri(config: dict[str, Any], instance_path: str) -> str:
    """The database URL; PostgreSQL URLs are pinned to the psycopg 3 driver."""
    url = str(config.get("DATABASE_URL") or "")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "portal.sqlite3")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def embedded_secret_key(instance_path: str) -> str:
    """Read or create the embedded mode's secret key, readable by the owner only."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def celery_settings(config: dict[str, Any]) -> dict[str, Any]:
    """Celery's settings, with Celery's own lowercase names (unknown keys are ignored silently).

    Reliability: late acknowledgement plus reject-on-worker-lost means a task whose worker dies
    is redelivered; prefetch 1 keeps one slow task from holding others back. Tasks must be
    idempotent for this to be safe, and they are (they write with unique keys).
    """
    redis_url = str(config.get("REDIS_URL") or "")
    base: dict[str, Any] = {
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "timezone": "Asia/Ho_Chi_Minh",
        "enable_utc": True,
        "task_time_limit": int(config["CELERY_TASK_TIME_LIMIT"]),
        "task_soft_time_limit": int(config["CELERY_TASK_SOFT_TIME_LIMIT"]),
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "beat_schedule": dict(config.get("CELERY_BEAT_SCHEDULE") or {}),
        "imports": list(config.get("CELERY_TASK_MODULES") or []),
    }
    if redis_url:
        base.update(
            {
                "broker_url": redis_url,
                "task_always_eager": False,
                "broker_connection_retry_on_startup": True,
                # A web request must never hang on a dead broker: publishing gives up quickly
                # and the request stays recorded in the database for the sweeper to retry.
                "broker_connection_timeout": 2,
                "broker_transport_options": {
                    "visibility_timeout": 3600,
                    "socket_connect_timeout": 2,
                    "socket_timeout": 5,
                },
                "task_publish_retry": False,
            }
        )
    else:
        base.update(
            {
                "broker_url": "memory://",
                "task_always_eager": True,
                "task_eager_propagates": True,
            }
        )
    base.update(config.get("CELERY_OVERRIDES") or {})
    unknown = sorted(set(base) - set(CELERY_SETTING_NAMES))
    if unknown:
        # Celery would ignore these silently; a misspelt reliability setting must not ship.
        raise ConfigurationError("Unknown Celery settings (misspelt?): " + ", ".join(unknown))
    return base


def finalise(config: dict[str, Any], instance_path: str) -> None:
    """Compute derived settings in place and refuse unsafe production configurations."""
    mode = run_mode(config)
    config["RUN_MODE"] = mode
    config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_uri(config, instance_path)
    config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    if not config.get("SECRET_KEY"):
        if mode == PRODUCTION:
            raise ConfigurationError(
                "PORTAL_SECRET_KEY must be set in production mode "
                "(PORTAL_DATABASE_URL or PORTAL_REDIS_URL is set)."
            )
        config["SECRET_KEY"] = embedded_secret_key(instance_path)
    if mode == PRODUCTION and not config.get("TESTING"):
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
        config["PREFERRED_URL_SCHEME"] = "https"
    redis_url = str(config.get("REDIS_URL") or "")
    config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    config["CELERY"] = celery_settings(config)
    # Beat keeps its last-run times in a file; by default it lands in the working directory.
    config["CELERY"].setdefault(
        "beat_schedule_filename", str(Path(instance_path) / "celerybeat-schedule")
    )
