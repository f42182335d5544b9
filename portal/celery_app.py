"""Celery wired the Flask way (Flask docs, "Background Tasks with Celery").

Every task runs inside an app context, so a task body calls the same services as the views.
The effective settings come from :func:`portal.config.celery_settings`: eager in the embedded
mode, Redis with late acknowledgement in production.
"""

from __future__ import annotations

import importlib
from typing import Any

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):  # type: ignore[misc]
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    # Import the task modules now so the web process can send and (eagerly) run them by name.
    for module in app.config["CELERY"]["imports"]:
        importlib.import_module(module)
    app.extensions["celery"] = celery_app
    return celery_app
