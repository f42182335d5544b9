"""The Vietnamese catalog is complete: every message in the code and templates is translated.

CATALOG COMPLETENESS TEST. It extracts the messages exactly as ``make translations`` does
(babel.cfg, the same keywords) and fails, listing them, for any message that is missing from
``portal/translations/vi/LC_MESSAGES/messages.po``, has an empty translation or is marked fuzzy
(pybabel compile skips fuzzy entries, so users would see English). To fix a failure run
``make translations`` and translate the listed entries in the vi catalog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

REPO_ROOT = Path(__file__).resolve().parents[2]
CATALOG_DIR = REPO_ROOT / "portal" / "translations"
# Keep in step with BABEL_KEYWORDS in the Makefile.
EXTRA_KEYWORDS = {
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "_ln": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}


def extracted_messages() -> dict[tuple[str, str | None], list[str]]:
    """msgid (and context) → the files it appears in."""
    with (REPO_ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(REPO_ROOT / "babel.cfg"))
    keywords = {**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS}
    found: dict[tuple[str, str | None], list[str]] = {}
    for filename, _line, message, _comments, context in extract_from_dir(
        str(REPO_ROOT), method_map, options_map, keywords=keywords
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault((msgid, context), []).append(filename)
    return found


def read_catalog(language: str):  # type: ignore[no-untyped-def]
    path = CATALOG_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def test_extraction_finds_the_portal_messages() -> None:
    """Guards the completeness test itself: an empty extraction would pass vacuously."""
    messages = extracted_messages()
    assert ("Page not found", None) in messages  # portal/web.py
    assert ("Skip to main content", None) in messages  # templates/base.html
    assert ("Find jobs", None) in messages  # portal/navigation.py, a lazy _l() string


def test_catalogs_exist_for_every_language() -> None:
    for language in ("vi", "en"):
        catalog = read_catalog(language)
        assert str(catalog.locale) == language


def test_vietnamese_catalog_is_complete() -> None:
    """Expected to fail until the vi catalog is filled in (see the module docstring)."""
    catalog = read_catalog("vi")
    problems = []
    for (msgid, context), files in sorted(extracted_messages().items()):
        where = ", ".join(sorted(set(files)))
        entry = catalog.get(msgid, context=context)
        if entry is None:
            problems.append(f"missing   {msgid!r}  ({where})")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(text.strip() for text in strings):
            problems.append(f"untranslated {msgid!r}  ({where})")
        elif entry.fuzzy:
            problems.append(f"fuzzy     {msgid!r}  ({where})")
    if problems:
        pytest.fail(
            f"{len(problems)} message(s) lack a Vietnamese translation; run `make translations` "
            "and fill in portal/translations/vi/LC_MESSAGES/messages.po:\n  "
            + "\n  ".join(problems)
        )
