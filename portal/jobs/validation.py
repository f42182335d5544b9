"""Pure checks of the identifiers employers type: tax codes, phone numbers, e-mail addresses.

Each function returns the stored form of a valid value, or None when the value is not valid;
the services turn None into a message next to the field.
"""

from __future__ import annotations

import re
import unicodedata

# Mã số thuế: 10 digits for an enterprise, 10 + "-" + 3 digits for a dependent unit (branch).
_TAX_CODE = re.compile(r"^(\d{10})(?:-(\d{3}))?$")
# Vietnamese numbers after the 2017–2018 renumbering: mobiles 0 + 9 digits starting 3/5/7/8/9;
# landlines 0 + 2xx area code + 7–8 digits (Hải Dương was 0220 xxx xxxx); 1800/1900 hotlines.
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_HOTLINE = re.compile(r"^1[89]00\d{4,6}$")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
# Loose on purpose (the demo seed uses reserved ``.local`` domains); the form checks properly.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_tax_code(text: str | None) -> str | None:
    """``"0100109106"`` or ``"0100109106-001"``; spaces around the dash are forgiven."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    value = value.replace("–", "-").replace("—", "-")
    match = _TAX_CODE.match(value)
    if match is None or match.group(1) == "0" * 10:
        return None
    return value


def clean_phone(text: str | None) -> str | None:
    """A Vietnamese number in its national form (``0912345678``); ``+84``/``84`` is accepted."""
    value = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", text or ""))
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) in (11, 12):
        value = "0" + value[2:]
    if _MOBILE.match(value) or _LANDLINE.match(value) or _HOTLINE.match(value):
        return value
    return None


def clean_email(text: str | None) -> str | None:
    value = unicodedata.normalize("NFC", (text or "").strip()).lower()
    if not value or len(value) > 254 or not _EMAIL.match(value):
        return None
    return value
