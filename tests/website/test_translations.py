"""Dutch is the default language: every interface string has a Dutch translation."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"


def live_entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete and entry.msgid]


def test_every_string_has_a_dutch_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    missing = [entry.msgid for entry in live_entries(po) if not entry.translated()]
    assert missing == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    source = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in live_entries(po)}
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in live_entries(mo)}
    assert compiled == source
