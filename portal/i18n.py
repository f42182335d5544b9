"""Language choice and the Vietnamese formats used everywhere (dates, money, numbers).

Vietnamese is the default; English is chosen explicitly (language switch, stored in a cookie
and on the account). Dates are shown as dd/mm/yyyy and money as ``8.500.000 ₫`` in both
languages: the figures are Vietnamese administrative figures, and switching language must not
change how a wage or a date reads.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import Flask, current_app, request
from flask_login import current_user

LANG_COOKIE = "lang"


def supported_languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """Cookie set by the language switch, then the account's preference, then Vietnamese."""
    languages = supported_languages()
    chosen = request.cookies.get(LANG_COOKIE) if request else None
    if chosen in languages:
        return str(chosen)
    preferred = getattr(current_user, "locale", None) if current_user else None
    if preferred in languages:
        return str(preferred)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """Vietnamese grouping: dot for thousands, comma for decimals (1.234.567,8)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def format_money(value: int | Decimal | None) -> str:
    """VND with dot grouping and the đồng sign after a non-breaking space: 8.500.000 ₫."""
    if value is None:
        return ""
    return format_number(int(value)) + "\u00a0₫"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy; datetimes are shown in Vietnam's time zone (UTC+7)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_local(value)
    return value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Vietnam's time zone."""
    if value is None:
        return ""
    return to_local(value).strftime("%d/%m/%Y %H:%M")


VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def to_local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(VIETNAM_TZ)


def parse_date(text: str) -> dt.date:
    """Parse dd/mm/yyyy (also d/m/yyyy and ISO yyyy-mm-dd, as browsers send date inputs)."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_money, "money")
    app.add_template_filter(format_number, "number")

    @app.context_processor
    def _language_context() -> dict[str, object]:
        from flask_babel import get_locale

        locale = str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])
        english = locale == "en"
        return {
            "current_language": locale,
            "languages": app.config["LANGUAGES"],
            "portal_name": app.config["PORTAL_NAME_EN" if english else "PORTAL_NAME"],
            "authority_name": app.config["AUTHORITY_NAME_EN" if english else "AUTHORITY_NAME"],
        }
