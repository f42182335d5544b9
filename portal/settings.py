"""Documented defaults for the embedded mode.

Every key here can be overridden, in this order, by ``instance/config.py``, by an environment
variable prefixed ``PORTAL_`` (``PORTAL_DATABASE_URL`` sets ``DATABASE_URL``) and finally by the
``test_config`` mapping given to :func:`portal.create_app`. Derived settings (the SQLAlchemy URI,
Celery's configuration, the rate-limit storage) are computed afterwards in
:mod:`portal.config`, so that an override of the source value is always honoured.
"""

# Database. Empty means the embedded SQLite file ``instance/portal.sqlite3``.
DATABASE_URL = ""
# Redis for the Celery broker and the rate-limit storage. Empty means embedded mode: tasks run
# in-process and limits are counted in memory.
REDIS_URL = ""
# Required in production; the embedded mode generates one and keeps it in ``instance/``.
SECRET_KEY = ""

# The authority's display name is configuration, never hard-coded: labour functions moved from
# the former labour department to the home-affairs department on 1 July 2025.
AUTHORITY_NAME = "Sở Nội vụ thành phố Hải Phòng"
AUTHORITY_NAME_EN = "Hai Phong City Department of Home Affairs"
PORTAL_NAME = "Cổng việc làm và cơ sở dữ liệu lao động Hải Dương"
PORTAL_NAME_EN = "Hai Duong Job Portal and Labour Database"
# Province codes (numeric, as in the General Statistics Office list). Hải Dương (30) became part
# of Hải Phòng (31) on 1 July 2025; both are data, kept here so a later change is a setting.
HOME_PROVINCE_CODE_LEGACY = "30"
HOME_PROVINCE_CODE = "31"

# Internationalisation: Vietnamese first, English selectable.
BABEL_DEFAULT_LOCALE = "vi"
BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
LANGUAGES = ("vi", "en")

# Sessions and cookies. SESSION_COOKIE_SECURE is switched on in production by portal.config.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "portal_session"
PERMANENT_SESSION_LIFETIME = 8 * 3600
# Server-side sessions idle longer than this are refused.
AUTH_SESSION_IDLE_SECONDS = 8 * 3600

# Uploads: spreadsheets and CSV files are refused above this size (413).
MAX_CONTENT_LENGTH = 20 * 1024 * 1024

# Login throttling (Flask-Limiter syntax). Per IP address and per account.
LOGIN_LIMIT_PER_IP = "30 per 15 minutes"
LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
REGISTER_LIMIT_PER_IP = "10 per hour"
PASSWORD_RESET_LIMIT_PER_IP = "10 per hour"  # noqa: S105 - a rate, not a secret
PASSWORD_RESET_LIMIT_PER_ACCOUNT = "3 per hour"  # noqa: S105 - a rate
RATELIMIT_HEADERS_ENABLED = True

# Number of reverse proxies in front of the portal (nginx…) whose X-Forwarded-For/-Proto to
# trust. 0 in the embedded mode; set PORTAL_PROXY_COUNT=1 behind one proxy, or the per-IP login
# limit would count every user as the proxy's address.
PROXY_COUNT = 0

# Password reset tokens expire after this many seconds.
PASSWORD_RESET_MAX_AGE = 3600

# Outgoing mail. Empty host means the embedded mode: messages are written to the log instead.
MAIL_HOST = ""
MAIL_PORT = 587
MAIL_USERNAME = ""
MAIL_PASSWORD = ""
MAIL_USE_TLS = True
MAIL_SENDER = "no-reply@vieclam.haiduong.local"

# Modules that define Celery tasks: imported by the web app and by every worker.
CELERY_TASK_MODULES = ["portal.accounts.tasks", "portal.jobs.tasks", "portal.jobs.alert_tasks"]
# Periodic tasks (Celery beat), by Celery task name.
CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {
        "task": "portal.accounts.tasks.purge_expired_sessions",
        "schedule": 3600.0,
    },
    # Hourly, so a vacancy closes within the hour after its deadline day ends in Vietnam.
    "close-expired-vacancies": {
        "task": "portal.jobs.tasks.close_expired_vacancies",
        "schedule": 3600.0,
    },
    # Saved-search alerts that could not be queued when their vacancy opened.
    "catch-up-saved-search-alerts": {
        "task": "portal.jobs.alert_tasks.catch_up_saved_search_alerts",
        "schedule": 3600.0,
    },
}
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
