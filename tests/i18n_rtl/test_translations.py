"""Polish, Turkish and Arabic visitors, learners and managers meet no English: every text of
the interface they can see is translated, and no translation breaks the text it fills in.

Texts only trainers and editors see in the Wagtail admin (panels, help for editors, admin
menus) may stay untranslated; docs/translations.md says so.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale

from courses.models import CoursePage
from quizzes.models import Quiz

LANGUAGES = ["pl", "tr", "ar"]
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Where a text shows only in the Wagtail admin or its editors, or in a test.
ADMIN_ONLY_SOURCE = re.compile(
    r"panels\.py$|wagtail_hooks\.py$|apps\.py$|^templates/\w+/admin/|publishing\.py$|^tests/"
    r"|^scenarios/(twee|twine|twine_views|editor_views|editing|graph|problems)\.py$"
)
# Model files whose field names and help texts speak to editors in the admin; their
# choices and error messages reach learners.
EDITOR_MODELS = re.compile(
    r"^(scenarios/models|library/models|website/models|courses/models/pages"
    r"|quizzes/models/content|live/models|\w+/blocks)\.py$"
)
EDITOR_FIELD = re.compile(r"help_text|verbose_name|label=|description=|group=|heading=")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%")

# Interface texts a page shows in English when they were not translated. Words that are the
# same in one of the languages ("Menu" in Polish) are left out.
ENGLISH_UI = [
    "Skip to content",
    "Leave this site quickly",
    "How to clear your history",
    "Search the site",
    "Sign In",
    "Sign Up",
    "Main menu",
    "Worried about someone?",
    "Immediate danger",
    "Accessibility statement",
    "Training for your work",
    "Breadcrumb",
    "Lesson 1 of",
    "Read aloud",
    "Finished reading?",
    "Mark lesson as done",
    "All lessons of this module",
    "Your progress is kept in this browser",
    "Start the quiz",
    "Pass mark",
    "Time limit",
    "Question 1 of",
    "Submit answer",
    "Forgot your password",
    "Remember Me",
    "Password",
    "What do you do?",
]


def _source_line(path: str, line: str) -> str:
    lines = (Path(settings.BASE_DIR) / path).read_text().split("\n")
    number = int(line)
    return "\n".join(lines[max(number - 2, 0) : number])


def _admin_only(entry: polib.POEntry) -> bool:
    def admin(path, line):
        if ADMIN_ONLY_SOURCE.search(path):
            return True
        return bool(EDITOR_MODELS.match(path) and EDITOR_FIELD.search(_source_line(path, line)))

    return all(admin(path, line) for path, line in entry.occurrences)


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_people_see_on_the_site_is_translated(language):
    catalogue = _catalogue(language)
    untranslated = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and not _admin_only(entry)
        and (
            "fuzzy" in entry.flags
            or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
            or (not entry.msgid_plural and not entry.msgstr)
        )
    ]
    assert not untranslated, f"{len(untranslated)} texts untranslated in {language}:\n" + (
        "\n".join(untranslated[:40])
    )


@pytest.mark.parametrize(("language", "forms"), [("pl", 3), ("tr", 2), ("ar", 6)])
def test_plurals_have_every_form_of_the_language(language, forms):
    catalogue = _catalogue(language)
    assert f"nplurals={forms};" in catalogue.metadata["Plural-Forms"]
    for entry in catalogue:
        if entry.msgid_plural and any(entry.msgstr_plural.values()):
            assert sorted(entry.msgstr_plural) == list(range(forms)), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_asks_for_a_value_the_text_does_not_give(language):
    """A translation naming a placeholder the English text lacks fails when it is shown."""
    wrong = []
    for entry in _catalogue(language):
        given = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        for translation in [entry.msgstr, *entry.msgstr_plural.values()]:
            if not set(PLACEHOLDER.findall(translation)) <= given:
                wrong.append(f"{entry.msgid!r} -> {translation!r}")
    assert not wrong, "\n".join(wrong)


class VisibleText(HTMLParser):
    """The text a person sees or hears: text outside scripts and styles, and the labels
    and placeholders that screen readers and empty fields show."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def visible_text(response) -> str:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.text()


def test_pages_show_no_english_interface_text(demo, client):
    module = CoursePage.objects.live().filter(is_public=True, locale=Locale.get_default())
    module = module.order_by("path").first()
    lesson = module.get_children().live().first()
    quiz = Quiz.objects.filter(live=True, is_public=True).order_by("pk").first()
    found = {}
    for language in LANGUAGES:
        client.cookies.clear()
        client.post(f"/{language}/quiz/{quiz.pk}/start/")
        pages = {
            "home": f"/{language}/",
            "lesson": f"/{language}{lesson.url}",
            "quiz": f"/{language}/quiz/{quiz.pk}/",
            "quiz question": f"/{language}/quiz/{quiz.pk}/take/",
            "login": f"/{language}/account/login/",
        }
        for name, path in pages.items():
            response = client.get(path)
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            text = visible_text(response)
            if english := [phrase for phrase in ENGLISH_UI if phrase in text]:
                found[f"{name} in {language}"] = english
    assert not found, found


def test_the_check_finds_english_where_it_is(demo, client):
    """The same check on the English pages finds the English texts, so it can fail."""
    text = visible_text(client.get("/en/account/login/"))
    assert {"Skip to content", "Sign In", "Password"} <= {p for p in ENGLISH_UI if p in text}
