"""The Hải Dương job portal and labour database."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the portal: settings → instance config → ``PORTAL_*`` env → ``test_config``."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=os.path.join(root, "templates"),
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or os.path.join(root, "instance"),
    )
    app.config.from_object("portal.settings")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PORTAL")
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from portal.config import finalise

    finalise(app.config, app.instance_path)

    from portal import wiring

    wiring.bind_extensions(app)
    wiring.register_blueprints(app)
    wiring.register_hooks(app)
    if int(app.config.get("PROXY_COUNT") or 0) > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]
    return app
