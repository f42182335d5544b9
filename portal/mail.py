"""Outgoing e-mail: SMTP when ``MAIL_HOST`` is set, otherwise the log (embedded mode).

In the embedded mode a developer or a demo operator reads password-reset links from the
console, so the message is logged at INFO on the ``portal.mail`` logger, whose level is raised
to INFO when nobody has configured it (Python's default would drop INFO records).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

SMTP_TIMEOUT_SECONDS = 10


def _logger() -> logging.Logger:
    # current_app.logger ("portal") gets Flask's console handler on first access; the child
    # logger propagates to it and to whatever the operator has configured on the root.
    logger = current_app.logger.getChild("mail")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    return logger


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=config["MAIL_SENDER"].rpartition("@")[2] or None)
    message.set_content(body, charset="utf-8")
    return message


def send_mail(to: str, subject: str, body: str) -> None:
    """Send a plain-text message now; in the embedded mode, log it instead.

    SMTP failures are raised to the caller: a lost password-reset mail must be visible.
    """
    config = current_app.config
    host = str(config.get("MAIL_HOST") or "")
    if not host:
        _logger().info(
            "E-mail not sent (MAIL_HOST is empty; embedded mode).\nTo: %s\nSubject: %s\n\n%s",
            to,
            subject,
            body,
        )
        return
    message = build_message(to, subject, body)
    with smtplib.SMTP(host, int(config["MAIL_PORT"]), timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(str(config["MAIL_USERNAME"]), str(config.get("MAIL_PASSWORD") or ""))
        smtp.send_message(message)
    _logger().info("E-mail sent: %s", subject)
