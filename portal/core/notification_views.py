"""The notifications page of every signed-in user, and the unread count for the menu."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import notifications
from portal.access import authenticated
from portal.core.views import bp
from portal.extensions import db
from portal.web import is_safe_redirect_target


def _page_arg() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 10_000 else 1


@bp.get("/notifications")
@authenticated
def notifications_page() -> str:
    page = notifications.list_notifications(db.session, current_user.id, page=_page_arg())
    return render_template("core/notifications.html", page=page)


@bp.post("/notifications/<int:notification_id>/read")
@authenticated
def read_notification(notification_id: int) -> Response:
    """Mark one of the user's own notifications read; with ``open``, go to what it is about."""
    notification = notifications.mark_read(db.session, current_user.id, notification_id)
    if notification is None:
        abort(404)
    if request.form.get("open") and is_safe_redirect_target(notification.url):
        return redirect(notification.url)
    return redirect(url_for("core.notifications_page"))


@bp.post("/notifications/read-all")
@authenticated
def read_all_notifications() -> Response:
    notifications.mark_all_read(db.session, current_user.id)
    return redirect(url_for("core.notifications_page"))


@bp.app_context_processor
def _unread_notifications() -> dict[str, object]:
    """``unread_notifications()`` for templates: counted once per request, only if asked."""

    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        if "unread_notifications" not in g:
            g.unread_notifications = notifications.unread_count(db.session, current_user.id)
        return int(g.unread_notifications)

    return {"unread_notifications": unread_notifications}
