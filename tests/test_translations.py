"""The zh-hans catalogue is complete and compiled; English is the source language."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "recirc" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdrf]|%[sdrf]")


@pytest.fixture(scope="module")
def chinese() -> polib.POFile:
    return polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def test_every_message_has_a_chinese_translation(chinese: polib.POFile) -> None:
    untranslated = [entry.msgid for entry in chinese if not entry.translated() and not entry.obsolete]
    fuzzy = [entry.msgid for entry in chinese if entry.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    assert len(chinese) > 500


def test_translations_keep_their_placeholders(chinese: polib.POFile) -> None:
    broken = []
    for entry in chinese:
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(translation)):
                broken.append(entry.msgid)
    assert broken == []


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [entry.msgid for entry in source
             if entry.msgstr and not entry.msgid_plural and compiled.gettext(entry.msgid) != entry.msgstr]
    assert stale == [], "run `make messages` to recompile the catalogues"


def test_a_required_term_is_translated_as_agreed(chinese: polib.POFile) -> None:
    assert chinese.find("Real-name verification").msgstr == "实名认证"
    assert chinese.find("Home").msgstr == "首页"
