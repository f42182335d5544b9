"""Celery entry point: ``celery -A worker worker`` and ``celery -A worker beat``.

The Flask app is built once per worker process tree; its configuration (``PORTAL_*``) selects
the broker. Database engines inherited from the parent are disposed after each fork, so no two
processes ever share a connection.
"""

from __future__ import annotations

from typing import Any

from celery.signals import worker_process_init

from portal import create_app
from portal.extensions import db

flask_app = create_app()
celery_app = flask_app.extensions["celery"]


@worker_process_init.connect
def _dispose_engines_after_fork(**_: Any) -> None:
    with flask_app.app_context():
        for engine in db.engines.values():
            # close=False: leave the parent's connections to the parent, open fresh ones here.
            engine.dispose(close=False)
