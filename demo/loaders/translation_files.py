"""Translation files: per language, YAML files that mirror the Dutch ones by stable key.

`translations/en/site.yaml` mirrors `site.yaml`, `translations/en/modules/<slug>.yaml` a
module file, and so on. A translation file holds only the text, under the same keys as
the Dutch file; lists of things with a `slug` or `key` are matched by it, other lists
(paragraphs of a lesson, options, choices) by position. Keys the Dutch file does not have
are an error, so a misspelt key does not pass unnoticed.

Reading a pair of files gives a glossary: each Dutch text with its translation. Rich text
is split the way wagtail-localize splits it (per paragraph or list item, inline markup
kept), so the glossary's entries are the very strings the translation editor shows.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from wagtail_localize.strings import extract_strings

from .checks import item_key, join
from .files import Content, ContentError, ContentFile, read

TRANSLATIONS_DIR = "translations"
# Keys that name things rather than say something: the same in every language.
STABLE_KEYS = {"slug", "key", "target", "start", "parent", "sets", "requires", "image", "file"}
# Only in a translation of site.yaml: the names of the sectors, by slug.
SECTOR_NAMES = "sectors"


@dataclass
class Glossary:
    """The Dutch text of one file and its translation, string by string."""

    file: ContentFile
    entries: dict[str, str] = field(default_factory=dict)

    def add(self, dutch: str, translated: str, key: str) -> None:
        dutch, translated = dutch.strip(), translated.strip()
        if not dutch:
            return
        if not translated:
            raise ContentError(self.file, key, "the translation is empty")
        self.entries.setdefault(dutch, translated)


@dataclass
class LocaleTranslations:
    """Every translation file of one language, by the Dutch file it mirrors."""

    language: str
    site: Glossary | None = None
    signals: Glossary | None = None
    modules: dict[str, Glossary] = field(default_factory=dict)
    sector_names: dict[str, str] = field(default_factory=dict)

    def glossaries(self) -> list[Glossary]:
        return [g for g in (self.site, self.signals, *self.modules.values()) if g is not None]

    def everything(self) -> dict[str, str]:
        """All entries of all files; a file's own entries win where two files differ."""
        merged: dict[str, str] = {}
        for glossary in self.glossaries():
            for dutch, translated in glossary.entries.items():
                merged.setdefault(dutch, translated)
        return merged


def segments_of(text: str) -> list[str]:
    """The strings wagtail-localize makes of a text: rich text per block, plain text whole."""
    if not text.lstrip().startswith("<"):
        return [text]
    _template, strings = extract_strings(text)
    return [string.data for string, _attrs in strings]


def pair(glossary: Glossary, dutch, translated, key: str) -> None:
    """Walk a Dutch value and its translation side by side, adding every text pair."""
    if isinstance(translated, dict):
        if not isinstance(dutch, dict):
            raise ContentError(glossary.file, key, "the Dutch file has no mapping here")
        for name, value in translated.items():
            if name not in dutch:
                raise ContentError(glossary.file, join(key, name), "the Dutch file has no such key")
            # `image` names an image, but is also the name of the image block, whose
            # alt text and caption are text like any other.
            if name not in STABLE_KEYS or isinstance(value, dict):
                pair(glossary, dutch[name], value, join(key, name))
    elif isinstance(translated, list):
        if not isinstance(dutch, list):
            raise ContentError(glossary.file, key, "the Dutch file has no list here")
        list_pair(glossary, dutch, translated, key)
    elif isinstance(translated, str):
        if not isinstance(dutch, str):
            raise ContentError(glossary.file, key, "the Dutch file has no text here")
        ours, theirs = segments_of(dutch), segments_of(translated)
        if len(ours) != len(theirs):
            raise ContentError(
                glossary.file,
                key,
                f"the translation has {len(theirs)} paragraphs or list items where the "
                f"Dutch has {len(ours)}",
            )
        for one, other in zip(ours, theirs, strict=True):
            glossary.add(one, other, key)


def stable_key(item) -> str | None:
    if isinstance(item, dict):
        for name in ("slug", "key"):
            if isinstance(item.get(name), str):
                return name
    return None


def list_pair(glossary: Glossary, dutch: list, translated: list, key: str) -> None:
    by = stable_key(translated[0]) if translated else None
    if by is not None:
        dutch_items = {item.get(by): item for item in dutch if isinstance(item, dict)}
        for index, item in enumerate(translated):
            where = item_key(key, index, item, by)
            if item.get(by) not in dutch_items:
                raise ContentError(
                    glossary.file, where, f"the Dutch file has no {by} '{item.get(by)}'"
                )
            pair(glossary, dutch_items[item[by]], item, where)
        return
    if len(dutch) != len(translated):
        raise ContentError(
            glossary.file,
            key,
            f"the translation has {len(translated)} items where the Dutch has {len(dutch)}",
        )
    for index, (one, other) in enumerate(zip(dutch, translated, strict=True)):
        pair(glossary, one, other, f"{key}[{index}]")


def glossary_read(path: Path, dutch: ContentFile) -> tuple[Glossary, object]:
    file = read(path)
    glossary = Glossary(file=file)
    if isinstance(dutch.data, list):
        # signals.yaml is a list of signals, matched by slug like any list of things.
        if not isinstance(file.data, list):
            raise ContentError(file, "", "expected a list, as in the Dutch file")
        pair(glossary, dutch.data, file.data, "")
        return glossary, None
    if not isinstance(file.data, dict):
        raise ContentError(file, "", "expected a mapping of keys and values")
    data = dict(file.data)
    extra = data.pop(SECTOR_NAMES, None) if dutch.path.name == "site.yaml" else None
    pair(glossary, dutch.data, data, "")
    return glossary, extra


def translations_read(content_dir: Path, content: Content) -> list[LocaleTranslations]:
    """The translation files of every language in `translations/`, checked against the Dutch."""
    root = content_dir / TRANSLATIONS_DIR
    if not root.is_dir():
        return []
    languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    dutch_modules = {file.path.name: file for file in content.modules}
    found = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        if folder.name not in languages or folder.name == settings.LANGUAGE_CODE:
            raise ContentError(
                folder, "", f"'{folder.name}' is not one of the site's other content languages"
            )
        translations = LocaleTranslations(language=folder.name)
        if (folder / "site.yaml").exists():
            translations.site, names = glossary_read(folder / "site.yaml", content.site)
            translations.sector_names = sector_names_check(translations.site.file, names)
        if (folder / "signals.yaml").exists():
            translations.signals, _extra = glossary_read(folder / "signals.yaml", content.signals)
        for path in sorted((folder / "modules").glob("*.yaml")):
            if path.name not in dutch_modules:
                raise ContentError(path, "", "there is no Dutch module file of this name")
            glossary, _extra = glossary_read(path, dutch_modules[path.name])
            translations.modules[path.stem] = glossary
        found.append(translations)
    return found


def sector_names_check(file: ContentFile, names) -> dict[str, str]:
    if names is None:
        return {}
    if not isinstance(names, dict) or not all(
        isinstance(slug, str) and isinstance(name, str) and name.strip()
        for slug, name in names.items()
    ):
        raise ContentError(file, SECTOR_NAMES, "expected sector slugs with their names")
    return {slug: name.strip() for slug, name in names.items()}
