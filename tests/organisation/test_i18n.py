"""The gettext catalogues are complete, compiled, and English can be chosen on the site.

The source strings (msgids) are Swedish; `locale/sv` repeats them and `locale/en` translates
them. The .po files are read with a small parser of our own so the test suite needs nothing
beyond the standard library.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["sv", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _fields(path: Path) -> list[tuple[int, str, str, set[str]]]:
    """(line, keyword, text, flags of the comment just above) for each field of a .po file.

    Continuation lines ("...") are joined to their field; obsolete (#~) entries are skipped.
    """
    fields: list[tuple[int, str, str, set[str]]] = []
    flags: set[str] = set()
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif not line or line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert fields, f"{path}:{line_no}: continuation without a field"
            at, keyword, text, above = fields[-1]
            fields[-1] = (at, keyword, text + ast.literal_eval(line), above)
        else:
            keyword, _, rest = line.partition(" ")
            fields.append((line_no, keyword, ast.literal_eval(rest), flags))
            flags = set()
    return fields


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") first."""
    entries: list[Entry] = []
    previous = ""
    for line_no, keyword, text, flags in _fields(path):
        if keyword == "msgctxt" or (keyword == "msgid" and previous != "msgctxt"):
            entries.append(Entry(flags=flags, line=line_no))
        entry = entries[-1]
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            setattr(entry, keyword, text)
        elif (match := re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)) is not None:
            entry.msgstr[int(match[1] or 0)] = text
        else:
            raise AssertionError(f"{path}:{line_no}: unknown keyword {keyword!r}")
        previous = keyword
    return entries


def catalogue(language: str) -> tuple[Entry, list[Entry]]:
    entries = parse_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    header, messages = entries[0], entries[1:]
    assert header.msgid == "", "the header must come first"
    return header, messages


def test_po_reader_sees_flags_plurals_and_empty_translations(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "Hej %(name)s"\nmsgstr "Hi %(name)s"\n\n'
        'msgid ""\n"Lång "\n"text"\nmsgstr ""\n\n'
        'msgid "%(counter)s sida"\nmsgid_plural "%(counter)s sidor"\n'
        'msgstr[0] "%(counter)s page"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    header, fuzzy, empty, plural = parse_po(po)
    assert header.msgstr == {0: "Language: en\n"}
    assert fuzzy.flags == {"fuzzy", "python-format"}
    assert (empty.msgid, empty.msgstr) == ("Lång text", {0: ""})
    assert plural.msgid_plural == "%(counter)s sidor"
    assert plural.msgstr == {0: "%(counter)s page", 1: ""}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_a_translation_for_every_message(language: str) -> None:
    _header, messages = catalogue(language)
    assert len(messages) > 300, "makemessages should have found the portal's strings"
    empty = [
        f"line {m.line}: {m.msgid!r}"
        for m in messages
        if not m.msgstr or any(not text for text in m.msgstr.values())
    ]
    assert empty == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_fuzzy_entries_or_header(language: str) -> None:
    header, messages = catalogue(language)
    assert "fuzzy" not in header.flags
    assert [f"line {m.line}: {m.msgid!r}" for m in messages if "fuzzy" in m.flags] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header_names_language_and_two_plural_forms(language: str) -> None:
    header, _messages = catalogue(language)
    meta = header.msgstr[0]
    assert f"Language: {language}\n" in meta
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in meta
    assert "charset=UTF-8" in meta


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_both_forms(language: str) -> None:
    _header, messages = catalogue(language)
    plurals = [m for m in messages if m.msgid_plural is not None]
    assert plurals, "the templates use blocktranslate count"
    assert [m.msgid for m in plurals if sorted(m.msgstr) != [0, 1]] == []


def test_swedish_catalogue_repeats_the_swedish_source_strings() -> None:
    _header, messages = catalogue("sv")
    differing = [
        m.msgid
        for m in messages
        if m.msgid != "English"  # a language name, the only non-Swedish msgid
        and (m.msgstr[0] != m.msgid or (m.msgid_plural and m.msgstr[1] != m.msgid_plural))
    ]
    assert differing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    _header, messages = catalogue(language)
    broken = []
    for m in messages:
        sources = [m.msgid] if m.msgid_plural is None else [m.msgid, m.msgid_plural]
        for index, text in m.msgstr.items():
            source = sources[min(index, len(sources) - 1)]
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                broken.append((m.msgid, text))
    assert broken == []


def test_english_catalogue_translates_the_swedish_interface() -> None:
    _header, messages = catalogue("en")
    by_msgid = {m.msgid: m.msgstr[0] for m in messages}
    assert by_msgid["Pågående projekt"] == "Ongoing projects"
    assert by_msgid["Samordnare"] == "Coordinator"
    assert by_msgid["Kontaktperson"] == "Department contact"
    assert by_msgid["Förtroendevald"] == "Elected representative"
    assert by_msgid["Kommunfullmäktige"] == "Municipal Council"
    assert by_msgid["Kommunstyrelsen"] == "Municipal Executive Board"
    assert by_msgid["diarienummer"] == "case number"
    assert by_msgid["Tillgänglighetsredogörelse"] == "Accessibility statement"
    # yesno needs exactly three comma-separated words.
    assert by_msgid["ja,nej,inte angivet"].count(",") == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language: str) -> None:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    _header, messages = catalogue(language)
    stale = []
    for m in messages:
        assert m.msgctxt is None, "no msgctxt expected; extend this check if one appears"
        if m.msgid_plural is None:
            actual = [compiled.gettext(m.msgid)]
            expected = [m.msgstr[0]]
        else:
            actual = [compiled.ngettext(m.msgid, m.msgid_plural, n) for n in (1, 2)]
            expected = [m.msgstr[0], m.msgstr[1]]
        if actual != expected:
            stale.append(m.msgid)
    assert stale == [], "run compilemessages after editing the .po files"


# What `make messages` leaves out of the scan (besides version control and caches).
NOT_SCANNED = (".git", ".venv", "var", "static", "test-artifacts", "tools", "node_modules")


def test_catalogues_hold_exactly_the_messages_the_code_marks(tmp_path: Path) -> None:
    """Every string marked for translation is in both catalogues, and nothing else is.

    A string makemessages cannot see (gettext called inside an f-string, or under a name it
    does not know) is shown untranslated in English; a string no longer in the code is dead
    weight. `make messages` is run on a copy of the source, and its catalogues compared.
    """
    source = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(*NOT_SCANNED, "__pycache__", "*.mo"),
    )
    environment = {**os.environ, "PYTHONPATH": str(source)}
    environment["DJANGO_SETTINGS_MODULE"] = "intl_portal.settings.local"
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "-l", "en", "--no-obsolete"],
        cwd=source, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    def keys(path: Path) -> set[tuple[str | None, str, str | None]]:
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in parse_po(path) if e.msgid}

    for language in LANGUAGES:
        po = Path("locale") / language / "LC_MESSAGES" / "django.po"
        extracted, committed = keys(source / po), keys(LOCALE_DIR.parent / po)
        missing = sorted(m[1] for m in extracted - committed)
        unused = sorted(m[1] for m in committed - extracted)
        assert (missing, unused) == ([], []), f"{language}: run make messages and translate"


@pytest.fixture
def municipality(db: None) -> None:
    factories.MunicipalityFactory()


def test_home_page_is_swedish_by_default(client: Client, municipality: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Pågående projekt" in html
    assert "Tillgänglighetsredogörelse" in html
    assert "Ongoing projects" not in html


def test_home_page_stays_swedish_when_the_browser_prefers_english(
    client: Client, municipality: None
) -> None:
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="sv">' in html
    assert "Pågående projekt" in html


def test_home_page_is_english_after_choosing_english(client: Client, municipality: None) -> None:
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Ongoing projects" in html
    assert "International work at Skövde kommun" in html
    assert "Accessibility statement" in html
    assert "Change language" in html
    assert "Pågående projekt" not in html


def test_choosing_swedish_again_switches_back(client: Client, municipality: None) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    assert "Pågående projekt" in html
