"""Twine stories in and out: a story becomes a draft scenario, any scenario becomes Twee 3.

Passages become scenes, links become choices. An outcome cannot be read from Twine (a
story format has no notion of one), so a passage without links becomes a scene without
choices and without outcome unless it carries one of the OUTCOME_TAGS: the graph check
names it as a dead end, which keeps the draft from being published until the trainer
gives it an outcome, and the import lists those scenes. Exporting writes the outcomes
back as those tags, so a story that goes out and comes back in keeps its endings.

What Twine has no place for travels in HTML comments, which Twine keeps and story formats
(Harlowe, SugarCube) do not show to players:
- after a link, on its line, the choice's feedback, points, flags and conditions as JSON,
  named as the Choice fields are, e.g.
  `[[Bel Veilig Thuis->Advies]] <!-- signaal {"score": 2, "sets_flags": "gebeld"} -->`;
- in an ending, the expert commentary as plain paragraphs between
  `<!-- signaal-debrief` and `-->`.
"""

import hashlib
import html
import json
import re
import uuid
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import (
    FLAG_LIST_PATTERN,
    SCENE_KEY_MAX_LENGTH,
    SCORE_CONDITION_LIMIT,
    SCORE_LIMIT,
    Choice,
    Outcome,
    ScenarioPage,
    Scene,
)
from .twee import LINK_PATTERN, Passage, Story, StoryError, link_safe, prose, read_story, write_twee

OUTCOME_TAGS = {
    "ending-good": Outcome.GOOD,
    "ending-partial": Outcome.PARTIAL,
    "ending-harmful": Outcome.HARMFUL,
    # The same in Dutch, for stories written by Dutch trainers in Twine.
    "einde-goed": Outcome.GOOD,
    "einde-gedeeltelijk": Outcome.PARTIAL,
    "einde-schadelijk": Outcome.HARMFUL,
}
TAG_OF_OUTCOME = {outcome: tag for tag, outcome in reversed(OUTCOME_TAGS.items())}
TITLE_MAX_LENGTH = Scene._meta.get_field("title").max_length
LABEL_MAX_LENGTH = Choice._meta.get_field("label").max_length
PAGE_TITLE_MAX_LENGTH = Page._meta.get_field("title").max_length
FORMAT_VERSION = "3.3.9"  # Harlowe's; Twine opens an export with its nearest Harlowe 3
# Positions on Twine's story map, so an export opens as a readable map, not a pile.
MAP_STEP = 150
MAP_MARGIN = 100
# The notes that carry what Twine has no place for (the module's docstring shows them).
NOTE_PATTERN = re.compile(r"[ \t]*<!--\s*signaal\s+(\{.*?\})\s*-->")
DEBRIEF_PATTERN = re.compile(r"<!--\s*signaal-debrief\b(.*?)-->", re.DOTALL)
NOTE_DEFAULTS = {
    "feedback": "",
    "score": 0,
    "sets_flags": "",
    "requires_flags": "",
    "requires_score_min": None,
    "requires_score_max": None,
    "acts_on_signals": False,
}
FLAGS_MAX_LENGTH = Choice._meta.get_field("sets_flags").max_length


@dataclass
class TwineImport:
    page: ScenarioPage
    scenes: int
    choices: int
    endings_without_outcome: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# Choosing where ---------------------------------------------------------------------------
def import_parents(user) -> QuerySet:
    """The pages under which this user may add a scenario, as Wagtail's 'add page' allows."""
    allowed = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    return (
        Page.objects.filter(pk__in=allowed.values("pk"))
        .type(*ScenarioPage.allowed_parent_page_models())
        .order_by("path")
    )


def can_import_under(user, parent: Page) -> bool:
    return ScenarioPage.can_create_at(parent) and (
        parent.permissions_for_user(user).can_add_subpage()
    )


# In -------------------------------------------------------------------------------------
def _scene_key(name: str, taken: set[str]) -> str:
    base = slugify(name)[:SCENE_KEY_MAX_LENGTH].strip("-") or "scene"
    key, number = base, 1
    while key in taken:
        number += 1
        suffix = f"-{number}"
        key = base[: SCENE_KEY_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(key)
    return key


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(part).replace(chr(10), '<br/>')}</p>" for part in prose(text))


def _rich_text(passage: Passage) -> str:
    return _paragraphs(NOTE_PATTERN.sub("", DEBRIEF_PATTERN.sub("", passage.text)))


def _debrief(passage: Passage) -> str:
    found = DEBRIEF_PATTERN.search(passage.text)
    return _paragraphs(found.group(1)) if found else ""


def _notes(passage: Passage) -> list[tuple[str, str]]:
    """Per link of the passage, in order: its markup and the JSON of the note after it."""
    notes = []
    for link in LINK_PATTERN.finditer(passage.text):
        note = NOTE_PATTERN.match(passage.text, link.end())
        notes.append((link.group(0), note.group(1) if note else ""))
    return notes


def _note_fields(text: str) -> dict:
    """A note's Choice fields; ValueError names the first one that does not fit."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        raise ValueError("JSON") from None
    if not isinstance(data, dict):
        raise ValueError("JSON")
    fields = {name: data.get(name, default) for name, default in NOTE_DEFAULTS.items()}
    limits = {
        "score": SCORE_LIMIT,
        "requires_score_min": SCORE_CONDITION_LIMIT,
        "requires_score_max": SCORE_CONDITION_LIMIT,
    }
    for name, limit in limits.items():
        value = fields[name]
        if value is None and name != "score":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > limit:
            raise ValueError(name)
    for name in ("sets_flags", "requires_flags"):
        value = fields[name]
        if not isinstance(value, str) or len(value) > FLAGS_MAX_LENGTH:
            raise ValueError(name)
        if value and not re.match(FLAG_LIST_PATTERN, value):
            raise ValueError(name)
    if not isinstance(fields["feedback"], str):
        raise ValueError("feedback")
    if not isinstance(fields["acts_on_signals"], bool):
        raise ValueError("acts_on_signals")
    low, high = fields["requires_score_min"], fields["requires_score_max"]
    if low is not None and high is not None and low > high:
        raise ValueError("requires_score_max")
    return fields


def _note_errors(story: Story) -> list[str]:
    errors = []
    for passage in story.passages:
        for markup, note in _notes(passage):
            try:
                _note_fields(note)
            except ValueError as wrong:
                errors.append(
                    _(
                        "Passage '%(passage)s': the note after the link %(link)s cannot be "
                        "read (%(field)s)."
                    )
                    % {"passage": passage.name, "link": markup, "field": wrong.args[0]}
                )
    return errors


def _outcome(passage: Passage) -> str:
    return next((OUTCOME_TAGS[tag] for tag in passage.tags if tag in OUTCOME_TAGS), "")


def _length_errors(story: Story) -> list[str]:
    errors = []
    for passage in story.passages:
        if len(passage.name) > TITLE_MAX_LENGTH:
            errors.append(
                _("Passage '%(passage)s': the name is longer than %(max)d characters.")
                % {"passage": passage.name[:40] + "…", "max": TITLE_MAX_LENGTH}
            )
        for link in passage.links:
            if len(link.label) > LABEL_MAX_LENGTH:
                errors.append(
                    _(
                        "Passage '%(passage)s': the link text '%(label)s' is longer than "
                        "%(max)d characters."
                    )
                    % {
                        "passage": passage.name,
                        "label": link.label[:40] + "…",
                        "max": LABEL_MAX_LENGTH,
                    }
                )
    return errors


def scenes_from_story(story: Story) -> tuple[str, list[Scene]]:
    """The start key and the scenes (with their choices) of a checked story, unsaved."""
    taken: set[str] = set()
    keys = {passage.name: _scene_key(passage.name, taken) for passage in story.passages}
    scenes = []
    for order, passage in enumerate(story.passages):
        notes = _notes(passage)
        choices = [
            Choice(
                sort_order=number,
                label=link.label,
                target=keys[link.target],
                **_note_fields(notes[number][1]),
            )
            for number, link in enumerate(passage.links)
        ]
        scenes.append(
            Scene(
                key=keys[passage.name],
                title=passage.name,
                text=_rich_text(passage),
                debrief=_debrief(passage),
                outcome=_outcome(passage),
                sort_order=order,
                choices=choices,
            )
        )
    return keys[story.start_passage.name], scenes


def scenario_import(*, data: bytes, parent: Page, user, fallback_title: str = "") -> TwineImport:
    """A draft scenario under `parent` made from a Twine file, or StoryError and nothing.

    Everything is read and checked before the first row is written, and the rows are
    written in one transaction, so a file that fails leaves no page, scene or revision.
    """
    story = read_story(data)
    errors = _length_errors(story) + _note_errors(story)
    if errors:
        raise StoryError(errors)
    start, scenes = scenes_from_story(story)
    title = (story.title or fallback_title or _("Twine story"))[:PAGE_TITLE_MAX_LENGTH]
    slug = slugify(title, allow_unicode=True)[:80].strip("-") or "scenario"
    with transaction.atomic():
        page = ScenarioPage(
            title=title,
            slug=find_available_slug(parent, slug),
            start_scene=start,
            live=False,
            owner=user,
            locale=parent.locale,
            scenes=scenes,
        )
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return TwineImport(
        page=page,
        scenes=len(scenes),
        choices=sum(len(scene.choices.all()) for scene in scenes),
        endings_without_outcome=[
            scene.title for scene in scenes if not scene.outcome and not scene.choices.all()
        ],
        skipped=story.skipped,
    )


# Out ------------------------------------------------------------------------------------
class _PlainText(HTMLParser):
    """Rich text as Twee prose: blocks become paragraphs, list items lines with a dash."""

    BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(" ".join(data.split("\n")))

    @classmethod
    def convert(cls, rich_text: str) -> str:
        parser = cls()
        parser.feed(rich_text or "")
        parser.close()
        lines = [line.strip() for line in "".join(parser.parts).split("\n")]
        text = "\n".join(lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip()


def story_ifid(page: ScenarioPage) -> str:
    """The same IFID on every export of a scenario, shaped as the UUID v4 Twine expects."""
    seed = f"signaal-scenario:{page.translation_key}:{page.locale_id}".encode()
    return str(uuid.UUID(bytes=hashlib.sha256(seed).digest()[:16], version=4)).upper()


def _passage_names(scenes: list[Scene]) -> dict[str, str]:
    """A unique passage name per scene key: the title, with the key where titles repeat."""
    titles = [link_safe(scene.title).replace("->", "→") for scene in scenes]
    names = {}
    for scene, title in zip(scenes, titles, strict=True):
        name = title
        if not title or titles.count(title) > 1 or title in ("StoryTitle", "StoryData"):
            name = f"{title} ({scene.key})".strip()
        names[scene.key] = name
    return names


def _positions(start: str, scenes: list[Scene]) -> dict[str, str]:
    """Rows by distance from the start, for the map; unreachable scenes in a last row."""
    targets = {scene.key: [choice.target for choice in scene.choices.all()] for scene in scenes}
    depth = {start: 0} if start in targets else {}
    queue = deque(depth)
    while queue:
        key = queue.popleft()
        for target in targets[key]:
            if target in targets and target not in depth:
                depth[target] = depth[key] + 1
                queue.append(target)
    last = max(depth.values(), default=-1) + 1
    columns: dict[int, int] = {}
    positions = {}
    for scene in scenes:
        row = depth.get(scene.key, last)
        column = columns.get(row, 0)
        columns[row] = column + 1
        positions[scene.key] = f"{MAP_MARGIN + column * MAP_STEP},{MAP_MARGIN + row * MAP_STEP}"
    return positions


def _choice_note(choice: Choice) -> str:
    """The note after a choice's link: the fields that differ from a new choice's."""
    fields = {
        name: getattr(choice, name)
        for name, default in NOTE_DEFAULTS.items()
        if getattr(choice, name) not in (default, None, "")
    }
    if not fields:
        return ""
    # Escaped so that nothing in the JSON can end the comment or read as a link.
    text = json.dumps(fields, ensure_ascii=False)
    for character in "<>[]":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return f" <!-- signaal {text} -->"


def story_from_scenario(page: ScenarioPage) -> Story:
    # A draft can hold two scenes with one key (the form refuses it, a revision may not);
    # choices lead to the first, so only the first is a passage.
    unique: dict[str, Scene] = {}
    for scene in page.scenes.all():
        unique.setdefault(scene.key, scene)
    scenes = list(unique.values())
    names = _passage_names(scenes)
    positions = _positions(page.start_scene, scenes)
    passages = []
    for scene in scenes:
        lines = [
            f"[[{link_safe(choice.label)}->{names.get(choice.target, choice.target)}]]"
            + _choice_note(choice)
            for choice in scene.choices.all()
            if choice.target
        ]
        debrief = _PlainText.convert(scene.debrief).replace("-->", "-- >").replace("[[", "[ [")
        parts = (
            _PlainText.convert(scene.text),
            f"<!-- signaal-debrief\n{debrief}\n-->" if debrief else "",
            "\n".join(lines),
        )
        text = "\n\n".join(part for part in parts if part)
        passages.append(
            Passage(
                name=names[scene.key],
                text=text,
                tags=[TAG_OF_OUTCOME[scene.outcome]] if scene.outcome in TAG_OF_OUTCOME else [],
                metadata={"position": positions[scene.key], "size": "100,100"},
            )
        )
    return Story(
        title=page.title,
        start=names.get(page.start_scene, ""),
        ifid=story_ifid(page),
        format="Harlowe",
        format_version=FORMAT_VERSION,
        passages=passages,
    )


def scenario_twee(page: ScenarioPage) -> str:
    """The scenario as the trainer last saved it (its latest draft), as Twee 3."""
    return write_twee(story_from_scenario(page.get_latest_revision_as_object()))


def twee_filename(page: ScenarioPage) -> str:
    return f"{page.slug or 'scenario'}.twee"
