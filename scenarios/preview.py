"""The editor's preview played as a learner plays: a path through the version being edited.

Wagtail previews the editor's unsaved form, whose new scenes and choices have no rows, and
a preview must leave no trace among the learners' runs. So nothing is recorded: the state
of a preview is its path, the number of each choice taken in turn, carried in the preview's
address. Replaying the path from the start scene gives the scene, the flags and the score,
and offers the choices `Choice.is_available` allows, as playing does. The session keeps the
last path of each preview, so that when the editor's preview panel reloads after an edit,
the author stays in the scene they were looking at.
"""

from dataclasses import dataclass, field

from django.http import QueryDict

from .graph import ScenarioGraph
from .graph_state import highest_score
from .models import Choice, ScenarioPage, Scene

PATH_PARAMETER = "path"
INTRO = "intro"
SESSION_KEY = "scenario_previews"
REMEMBERED_PREVIEWS = 20
# A path longer than this never came from a preview page.
MAX_STEPS = 1000


@dataclass(frozen=True)
class PreviewStep:
    scene: Scene
    choice: Choice
    score: int  # the points after this choice

    @property
    def scene_title(self) -> str:
        return self.scene.title

    @property
    def choice_label(self) -> str:
        return self.choice.label

    @property
    def feedback(self) -> str:
        return self.choice.feedback

    @property
    def points(self) -> str:
        """The choice's own points, signed ('+2', '-1', '0')."""
        return f"{self.choice.score or 0:+d}" if self.choice.score else "0"


@dataclass(frozen=True)
class HiddenChoice:
    """A choice of the current scene that the learner is not offered, and why."""

    choice: Choice
    missing_flags: list[str]
    score_unmet: bool
    missing_target: bool = False


@dataclass
class PreviewPlay:
    """Where a path through the scenario leads, and what the learner holds there."""

    started: bool = False
    scene: Scene | None = None
    steps: list[PreviewStep] = field(default_factory=list)
    indexes: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    score: int = 0
    # The path asked for went where this version of the scenario no longer goes; it was
    # followed as far as it still fits.
    cut_short: bool = False
    offered: list[tuple[int, Choice]] = field(default_factory=list)
    hidden: list[HiddenChoice] = field(default_factory=list)
    highest: int | None = None

    @property
    def is_ending(self) -> bool:
        return self.scene is not None and self.scene.is_ending

    @property
    def noticed_and_missed(self) -> tuple[list, list]:
        """The signals of the scenes on the path, acted on or not, as the debrief lists them."""
        noticed, seen = {}, {}
        for step in self.steps:
            for signal in step.scene.signals.all():
                seen.setdefault(signal.pk, signal)
                if step.choice.acts_on_signals:
                    noticed.setdefault(signal.pk, signal)
        return list(noticed.values()), [s for pk, s in seen.items() if pk not in noticed]


def path_read(value: str | None) -> list[int] | None:
    """The choice numbers in a path parameter ('' is the start scene, 'intro' or anything
    unreadable the introduction)."""
    if value is None or value == INTRO:
        return None
    if value == "":
        return []
    parts = value.split(".")
    if len(parts) > MAX_STEPS or not all(part.isdigit() and len(part) < 4 for part in parts):
        return None
    return [int(part) for part in parts]


def path_write(indexes: list[int] | None) -> str:
    return INTRO if indexes is None else ".".join(str(index) for index in indexes)


def preview_play(page: ScenarioPage, indexes: list[int] | None) -> PreviewPlay:
    """Follow the choices numbered `indexes` from the start scene of the page in memory."""
    if indexes is None:
        return PreviewPlay()
    scenes: dict[str, Scene] = {}
    for scene in page.scenes.all():
        scenes.setdefault(scene.key, scene)
    play = PreviewPlay(started=True, scene=scenes.get(page.start_scene))
    if play.scene is None:
        return play
    flags: set[str] = set()
    for index in indexes:
        choices = [] if play.scene.is_ending else list(play.scene.choices.all())
        choice = choices[index] if index < len(choices) else None
        offered = choice is not None and choice.is_available(flags, play.score)
        if not offered or choice.target not in scenes:
            play.cut_short = True
            break
        flags |= set(choice.flags_set)
        play.score += choice.score or 0
        play.steps.append(PreviewStep(scene=play.scene, choice=choice, score=play.score))
        play.indexes.append(index)
        play.scene = scenes[choice.target]
    play.flags = sorted(flags)
    if play.scene.is_ending:
        play.highest = highest_score(ScenarioGraph.from_page(page))
        if play.highest is not None:
            play.highest = max(play.highest, play.score)
        return play
    for index, choice in enumerate(play.scene.choices.all()):
        if choice.is_available(flags, play.score) and choice.target in scenes:
            play.offered.append((index, choice))
        else:
            # A draft may still have a choice that leads nowhere; publishing refuses it.
            play.hidden.append(
                HiddenChoice(
                    choice=choice,
                    missing_flags=[flag for flag in choice.flags_required if flag not in flags],
                    score_unmet=not choice.score_allows(play.score),
                    missing_target=choice.target not in scenes,
                )
            )
    return play


def preview_path(request) -> list[int] | None:
    """The path this preview shows: the one in its address, or else the last one it showed.

    `preview_query` and `preview_address` are the query and path of the editor's preview
    request, which `ScenarioPage.make_preview_request` hands to the request it builds.
    """
    query = getattr(request, "preview_query", None) or QueryDict()
    address = getattr(request, "preview_address", "")
    session = getattr(request, "session", None)
    remembered = session.get(SESSION_KEY, {}) if session is not None and address else {}
    return path_read(query[PATH_PARAMETER] if PATH_PARAMETER in query else remembered.get(address))


def preview_remember(request, play: PreviewPlay) -> None:
    """Keep the path shown for this preview, for the reload after the author's next edit."""
    address = getattr(request, "preview_address", "")
    session = getattr(request, "session", None)
    if not address or session is None:
        return
    remembered = dict(session.get(SESSION_KEY, {}))
    value = path_write(play.indexes if play.started else None)
    if remembered.get(address) == value:
        return
    remembered.pop(address, None)
    remembered[address] = value
    while len(remembered) > REMEMBERED_PREVIEWS:
        remembered.pop(next(iter(remembered)))
    session[SESSION_KEY] = remembered


def preview_link(request, indexes: list[int] | None) -> str:
    """The address of the preview at another path, keeping the editor's own parameters."""
    query = (getattr(request, "preview_query", None) or QueryDict()).copy()
    query[PATH_PARAMETER] = path_write(indexes)
    return "?" + query.urlencode()


@dataclass(frozen=True)
class PreviewLinks:
    intro: str
    start: str
    back: str
    choices: list[tuple[Choice, str]]


def preview_links(request, play: PreviewPlay) -> PreviewLinks:
    """Where each control of the preview leads: the same preview at another path."""
    return PreviewLinks(
        intro=preview_link(request, None),
        start=preview_link(request, []),
        back=preview_link(request, play.indexes[:-1]) if play.indexes else "",
        choices=[
            (choice, preview_link(request, [*play.indexes, index]))
            for index, choice in play.offered
        ],
    )
