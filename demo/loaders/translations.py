"""Translating the demo content with wagtail-localize, from the translation files.

Every Dutch page and snippet of the demo gets a translation source, and for each language
a translation whose strings come from the glossary of its files (`translation_files`),
imported as the PO file the admin itself would export. The admin then shows the
translation as it would any other: what is translated, and what became untranslated when
the Dutch changed. Loading again updates the same translations; nothing is duplicated.

Strings no file translates stay in Dutch and are reported, so a missing line is seen.
"""

from dataclasses import dataclass, field

import polib
from django.utils import translation as languages
from django.utils.translation import pgettext
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from courses.models import CoursePage, LessonPage
from quizzes.models import Question, QuestionBank, Quiz
from scenarios.models import ScenarioPage
from website.models import Sector

from .translation_files import Glossary, LocaleTranslations

TOOL_NAME = "demo content files"
# Page slugs keep their Dutch form: addresses stay as they are, under /en/.
KEPT_AS_IS = {"slug"}


@dataclass
class Untranslated:
    """A Dutch string without a translation, for the loader's report."""

    language: str
    object: str
    text: str


@dataclass
class TranslationReport:
    translated: int = 0
    untranslated: list[Untranslated] = field(default_factory=list)


def built_in_entries(language: str) -> dict[str, str]:
    """Texts the site makes itself rather than the files: the options of true or false."""
    entries = {}
    for label in ("True", "False"):
        with languages.override("nl"):
            dutch = pgettext("true or false", label)
        with languages.override(language):
            entries[dutch] = pgettext("true or false", label)
    return entries


class Translator:
    """Translates objects into one language from a chain of glossaries."""

    def __init__(self, translations: LocaleTranslations, report: TranslationReport):
        self.language = translations.language
        self.locale, _created = Locale.objects.get_or_create(language_code=self.language)
        self.translations = translations
        self.everything = {**built_in_entries(self.language), **translations.everything()}
        self.report = report

    def lookup(self, text: str, glossaries: list[Glossary]) -> str | None:
        key = text.strip()
        for glossary in glossaries:
            if glossary is not None and key in glossary.entries:
                return glossary.entries[key]
        return self.everything.get(key)

    def translate(self, instance, glossaries=(), extra: dict[str, str] | None = None):
        """Bring the translation of `instance` up to date and save it; returns it."""
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=self.locale
        )
        po = polib.POFile()
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = segment.string.data
            if segment.context.path in KEPT_AS_IS:
                translated = text
            else:
                translated = (extra or {}).get(text.strip()) or self.lookup(text, list(glossaries))
            if translated is None:
                self.report.untranslated.append(
                    Untranslated(language=self.language, object=str(instance), text=text)
                )
                continue
            po.append(polib.POEntry(msgctxt=segment.context.path, msgid=text, msgstr=translated))
            self.report.translated += 1
        translation.import_po(po, delete=True, tool_name=TOOL_NAME)
        # As the admin's 'Publish' does, except that the new revision is published at once
        # rather than when the load commits: pages added below it in the meantime would
        # otherwise be lost from its tree counts.
        drafts = isinstance(instance, DraftStateMixin)
        source.create_or_update_translation(
            self.locale, publish=not drafts, fallback=True, copy_parent_pages=True
        )
        translated = instance.get_translation(self.locale)
        if drafts:
            translated.get_latest_revision().publish()
            translated = instance.get_translation(self.locale)
        return translated


def snippets_translate(translator: Translator, *, regions, signals, modules: list[dict]) -> None:
    site = translator.translations.site
    for sector in Sector.objects.filter(locale=Locale.get_default()):
        name = translator.translations.sector_names.get(sector.slug)
        if name:
            translator.translate(sector, extra={sector.name: name})
    for region in regions.values():
        translator.translate(region, [site])
    for signal in signals.values():
        translated = translator.translate(signal, [translator.translations.signals])
        # Sectors are referred to by their Dutch rows in every language.
        translated.sectors.set(list(signal.sectors.all()))
        translated.save()
    quizzes = [module for module in modules if module["quiz"] is not None]
    for module in quizzes:
        glossary = translator.translations.modules.get(module["slug"])
        bank = QuestionBank.objects.get(title=module["quiz"]["bank"], locale=Locale.get_default())
        translator.translate(bank, [glossary])
        for question in Question.objects.filter(bank=bank):
            translated = translator.translate(question, [glossary])
            translated.signals.set(localized_all(question.signals.all(), translator.locale))
            translated.save()
    # Draws may take questions from another module's bank: every bank first, then quizzes.
    for module in quizzes:
        glossary = translator.translations.modules.get(module["slug"])
        quiz = Quiz.objects.get(title=module["quiz"]["title"], locale=Locale.get_default())
        translator.translate(quiz, [glossary])


def localized_all(objects, locale) -> list:
    return [obj.get_translation_or_none(locale) or obj for obj in objects]


def pages_translate(translator: Translator, *, home, site_pages, modules: list[dict]) -> None:
    """The site's pages first, parents before children, then each module's pages."""
    site = translator.translations.site
    translator.translate(home, [site])
    for page in site_pages:
        translator.translate(page, [site])
    for module in modules:
        glossary = translator.translations.modules.get(module["slug"])
        course = CoursePage.objects.get(
            slug=module["slug"], locale=Locale.get_default(), depth__gt=home.depth
        )
        if module["scenario"] is not None:
            scenario = ScenarioPage.objects.get(
                slug=module["scenario"]["slug"], locale=Locale.get_default()
            )
            translated = translator.translate(scenario, [glossary])
            scene_signals_follow(scenario, translated, translator.locale)
        translated_course = translator.translate(course, [glossary])
        # Sectors are referred to by their Dutch rows in every language.
        translated_course.sectors.set(list(course.sectors.all()))
        translated_course.save()
        for lesson in LessonPage.objects.child_of(course).order_by("path"):
            translator.translate(lesson, [glossary])


def scene_signals_follow(scenario: ScenarioPage, translated: ScenarioPage, locale) -> None:
    """The translated scenes show the translated signals in their debrief.

    wagtail-localize copies many-to-many values from the source.
    """
    dutch = {scene.translation_key: scene for scene in scenario.scenes.all()}
    for scene in ScenarioPage.objects.get(pk=translated.pk).scenes.all():
        source = dutch.get(scene.translation_key)
        if source is not None:
            scene.signals.set(localized_all(source.signals.all(), locale))
            scene.save()


def translations_load(
    all_translations: list[LocaleTranslations],
    *,
    pages,
    signals: dict,
    modules: list[dict],
    site_pages: list[Page],
) -> TranslationReport:
    report = TranslationReport()
    for translations in all_translations:
        translator = Translator(translations, report)
        snippets_translate(translator, regions=pages.regions, signals=signals, modules=modules)
        pages_translate(translator, home=pages.home, site_pages=site_pages, modules=modules)
    return report
