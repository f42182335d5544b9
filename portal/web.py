"""HTTP-wide behaviour: security headers and the Vietnamese error pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException

# Everything is served from the portal itself (offline intranet): no external origin anywhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def security_headers(response: Response) -> Response:
    """Headers on every response; ``no-store`` wherever a signed-in user sees a page.

    Every page a signed-in user sees may carry personal data (names, CCCD, applications), so
    none of them may be kept by a browser or a shared proxy cache.
    """
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    static = request.endpoint in ("static", "bootstrap.static")
    if not static and (current_user.is_authenticated or getattr(request, "personal_data", False)):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def is_safe_redirect_target(target: str | None) -> bool:
    """Whether ``target`` is a path on this site, safe to redirect to after a form.

    Browsers read ``/\\evil.example`` as ``//evil.example`` and drop tabs and newlines from
    URLs, so a "starts with one slash" check is not enough.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


ERROR_TITLES = {
    400: lambda: _("The request could not be understood"),
    403: lambda: _("You do not have permission to see this page"),
    404: lambda: _("Page not found"),
    405: lambda: _("This action is not allowed here"),
    413: lambda: _("The file is too large"),
    429: lambda: _("Too many attempts"),
    500: lambda: _("Something went wrong on our side"),
}

ERROR_HINTS = {
    400: lambda: _("Please go back, check what you entered and try again."),
    403: lambda: _("If you think you should have access, sign in with the right account."),
    404: lambda: _("The address may be mistyped, or the page has been removed."),
    405: lambda: _("Please go back and use the buttons on the page."),
    413: lambda: _("Please upload a smaller file (see the size limit on the upload page)."),
    429: lambda: _("Please wait a few minutes before trying again."),
    500: lambda: _("The error has been logged. Please try again later."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or (
        request.accept_mimetypes.best_match(["application/json", "text/html"]) == "application/json"
    )


def render_error(error: HTTPException) -> tuple[str | dict[str, object], int]:
    code = error.code or 500
    title = ERROR_TITLES.get(code, ERROR_TITLES[500])()
    hint = ERROR_HINTS.get(code, ERROR_HINTS[500])()
    if code == 403 and error.description == "organisation_not_verified":
        hint = _(
            "Your organisation has not been verified by the labour authority yet, or it has "
            "been suspended. You can publish once it is verified."
        )
    if _wants_json():
        return {"error": {"code": code, "title": title, "detail": hint}}, code
    return render_template("errors/error.html", code=code, title=title, hint=hint), code


def register_error_pages(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, render_error)
    app.register_error_handler(HTTPException, render_error)
