"""Password hashing (Argon2id) and the password policy.

argon2-cffi's default parameters are RFC 9106's low-memory profile (Argon2id, t=3, 64 MiB,
p=4). A stored hash made with weaker parameters is upgraded at the next successful login
(:func:`needs_rehash`), so raising the parameters later needs no migration.
"""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.accounts.errors import PasswordRejected

MIN_LENGTH = 10
# Argon2 accepts any length, but hashing megabytes on every login attempt is a denial of service.
MAX_LENGTH = 256
# A stored value that no password verifies against: for accounts that must set a password
# through an e-mailed link before they can log in.
UNUSABLE_PASSWORD = "!unusable"  # noqa: S105 - not a password: a marker no hash matches

_hasher = PasswordHasher()

# Short by design: the length rule already excludes most leaked-password lists; these are the
# long ones seen most in breaches, plus the Vietnamese favourites.
COMMON_PASSWORDS = frozenset(
    {
        "1234567890",
        "12345678910",
        "123456789a",
        "1234567890a",
        "0123456789",
        "1111111111",
        "0000000000",
        "1234512345",
        "qwertyuiop",
        "qwerty1234",
        "qwerty12345",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "iloveyou123",
        "abc1234567",
        "abcd123456",
        "abcdefghij",
        "asdfghjkl1",
        "zxcvbnm123",
        "admin12345",
        "administrator",
        "letmein123",
        "welcome123",
        "matkhau123",
        "matkhau1234",
        "matkhaucuatoi",
        "anhyeuem123",
        "anhyeuem1234",
        "emyeuanh123",
        "yeuemnhieu",
        "vietnam123",
        "vietnam1234",
        "vietnam2024",
        "vietnam2025",
        "haiduong123",
        "haiphong123",
        "hanoi12345",
        "vieclam123",
        "vieclam2025",
    }
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches; False for a wrong password or an unusable hash."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return False


def burn_verification_time() -> None:
    """Spend what a real verification costs, so a missing account answers as slowly."""
    verify_password(_dummy_hash(), "not the password")


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(_hasher.hash("dummy password for timing"))
    return _DUMMY[0]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def password_problems(password: str, email: str = "") -> list[LazyString]:
    """What is wrong with a new password, as translatable messages (empty when acceptable)."""
    problems: list[LazyString] = []
    if len(password) < MIN_LENGTH:
        problems.append(
            _l("The password must be at least %(count)d characters long.", count=MIN_LENGTH)
        )
    if len(password) > MAX_LENGTH:
        problems.append(
            _l("The password must be at most %(count)d characters long.", count=MAX_LENGTH)
        )
    folded = _fold(password)
    email = _fold(email)
    if email and (folded == email or folded == email.split("@", 1)[0]):
        problems.append(_l("The password must not be your e-mail address."))
    if folded in COMMON_PASSWORDS:
        problems.append(
            _l("This password is too common and easy to guess. Please choose another one.")
        )
    return problems


def check_new_password(password: str, email: str = "", field: str = "password") -> None:
    """Raise :class:`~portal.accounts.errors.PasswordRejected` unless the policy is met."""
    problems = password_problems(password, email)
    if problems:
        raise PasswordRejected(problems, field=field)
