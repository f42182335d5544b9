"""Outgoing mail: SMTP when configured, the log otherwise."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any, ClassVar

import pytest
from flask import Flask

from portal import mail


class FakeSMTP:
    sent: ClassVar[list[EmailMessage]] = []
    calls: ClassVar[list[tuple[str, Any]]] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.calls.append(("connect", (host, port, timeout)))

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *args: object) -> None:
        self.calls.append(("quit", None))

    def starttls(self, context: object) -> None:
        self.calls.append(("starttls", None))

    def login(self, user: str, password: str) -> None:
        self.calls.append(("login", (user, password)))

    def send_message(self, message: EmailMessage) -> None:
        self.sent.append(message)


def test_smtp_is_used_when_a_host_is_set(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeSMTP.sent, FakeSMTP.calls = [], []
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    for key, value in {
        "MAIL_HOST": "smtp.example.vn",
        "MAIL_PORT": 587,
        "MAIL_USERNAME": "portal",
        "MAIL_PASSWORD": "secret",
        "MAIL_USE_TLS": True,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    mail.send_mail("an@example.vn", "Đặt lại mật khẩu", "Nội dung tiếng Việt")
    assert [name for name, _ in FakeSMTP.calls] == ["connect", "starttls", "login", "quit"]
    assert FakeSMTP.calls[0][1] == ("smtp.example.vn", 587, mail.SMTP_TIMEOUT_SECONDS)
    (message,) = FakeSMTP.sent
    assert message["To"] == "an@example.vn"
    assert message["Subject"] == "Đặt lại mật khẩu"
    assert message["From"] == app.config["MAIL_SENDER"]
    assert "Nội dung tiếng Việt" in message.get_content()


def test_embedded_mode_logs_the_message(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="portal.mail")
    mail.send_mail("an@example.vn", "Subject line", "Body with http://portal.test/x")
    assert "http://portal.test/x" in caplog.text
    assert "an@example.vn" in caplog.text
