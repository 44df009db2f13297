"""The scenario as a graph: checking it before publishing and laying it out for the editor.

Everything here works on plain values built from the scenes and choices of a page, whether
those come from the database or from a draft revision, so the same checks run on what the
author sees in the editor and on what gets published. The structural checks here ignore
flags and score; `scenarios.graph_state` then follows what a learner holds on each path, so
a choice whose flag or score no path gives is a problem too.
"""

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .graph_state import analyse_states, reaching, state_problems
from .models import flag_list
from .problems import Problem, ProblemKind

# The graph editor sends the scenario as it stands in the form; these bound what it may send,
# well above what a trainer builds (a Twine import stops at 500 passages).
MAX_DATA_SCENES = 1000
MAX_DATA_CHOICES = 5000
GRAPH_DATA_MESSAGE = _("The scenario sent for checking is not in the expected shape.")
GRAPH_DATA_SIZE_MESSAGE = _(
    "The scenario sent for checking has more than %(scenes)s scenes or %(choices)s choices."
)


class GraphDataError(ValueError):
    """The editor's description of a scenario cannot be read; the message says why."""


@dataclass(frozen=True)
class ChoiceEdge:
    label: str
    target: str
    score: int = 0
    sets_flags: tuple[str, ...] = ()
    requires_flags: tuple[str, ...] = ()
    score_min: int | None = None
    score_max: int | None = None


@dataclass(frozen=True)
class SceneNode:
    key: str
    title: str
    outcome: str
    choices: tuple[ChoiceEdge, ...] = ()

    @property
    def is_ending(self) -> bool:
        return bool(self.outcome)


@dataclass
class ScenarioGraph:
    start: str
    scenes: list[SceneNode]
    by_key: dict[str, SceneNode] = field(init=False)

    def __post_init__(self):
        self.by_key = {}
        for scene in self.scenes:
            self.by_key.setdefault(scene.key, scene)

    @classmethod
    def from_page(cls, page) -> "ScenarioGraph":
        """Build the graph of a page from the scenes it holds (a draft's, or the live ones)."""
        return cls.from_scenes(page.start_scene, page.scenes.all())

    @classmethod
    def from_scenes(cls, start: str, scenes: Iterable) -> "ScenarioGraph":
        """Build the graph from scenes whose choices are loaded (or held in memory)."""
        return cls(
            start=start,
            scenes=[
                SceneNode(
                    key=scene.key,
                    title=scene.title,
                    outcome=scene.outcome,
                    choices=tuple(
                        ChoiceEdge(
                            label=choice.label,
                            target=choice.target,
                            score=choice.score or 0,
                            sets_flags=tuple(choice.flags_set),
                            requires_flags=tuple(choice.flags_required),
                            score_min=choice.requires_score_min,
                            score_max=choice.requires_score_max,
                        )
                        for choice in scene.choices.all()
                    ),
                )
                for scene in scenes
            ],
        )

    @classmethod
    def from_data(cls, data) -> "ScenarioGraph":
        """Build the graph from the editor's JSON: the scenes and choices as they stand in the
        form, before saving. Field values arrive as typed; a number being typed counts as
        none, as the form will say when it is saved."""
        if not isinstance(data, dict) or not isinstance(data.get("scenes"), list):
            raise GraphDataError(GRAPH_DATA_MESSAGE)
        scenes = data["scenes"]
        if len(scenes) > MAX_DATA_SCENES:
            raise GraphDataError(_too_large())
        if not all(isinstance(scene, dict) for scene in scenes):
            raise GraphDataError(GRAPH_DATA_MESSAGE)
        choices = [scene.get("choices") or [] for scene in scenes]
        if not all(isinstance(listed, list) for listed in choices):
            raise GraphDataError(GRAPH_DATA_MESSAGE)
        if sum(len(listed) for listed in choices) > MAX_DATA_CHOICES:
            raise GraphDataError(_too_large())
        if not all(isinstance(choice, dict) for listed in choices for choice in listed):
            raise GraphDataError(GRAPH_DATA_MESSAGE)
        return cls(
            start=_text(data.get("start")),
            scenes=[
                SceneNode(
                    key=_text(scene.get("key")),
                    title=_text(scene.get("title")),
                    outcome=_text(scene.get("outcome")),
                    choices=tuple(_choice_from_data(choice) for choice in listed),
                )
                for scene, listed in zip(scenes, choices, strict=True)
            ],
        )

    def targets(self, scene: SceneNode) -> list[str]:
        """The existing scenes a scene leads to; an ending leads nowhere."""
        if scene.is_ending:
            return []
        return [choice.target for choice in scene.choices if choice.target in self.by_key]

    @cached_property
    def depths(self) -> dict[str, int]:
        """Breadth-first distance from the start scene, for every scene that can be reached."""
        if self.start not in self.by_key:
            return {}
        depths = {self.start: 0}
        queue = deque([self.start])
        while queue:
            key = queue.popleft()
            for target in self.targets(self.by_key[key]):
                if target not in depths:
                    depths[target] = depths[key] + 1
                    queue.append(target)
        return depths

    @cached_property
    def leads_to_ending(self) -> set[str]:
        """The scenes from which at least one ending can be reached."""
        sources: dict[str, list[str]] = {key: [] for key in self.by_key}
        for scene in self.by_key.values():
            for target in self.targets(scene):
                sources[target].append(scene.key)
        return reaching((key for key, scene in self.by_key.items() if scene.is_ending), sources)


def _too_large() -> str:
    return GRAPH_DATA_SIZE_MESSAGE % {"scenes": MAX_DATA_SCENES, "choices": MAX_DATA_CHOICES}


def _text(value, limit: int = 200) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(_text(value))
    except ValueError:
        return None


def _choice_from_data(choice: dict) -> ChoiceEdge:
    return ChoiceEdge(
        label=_text(choice.get("label")),
        target=_text(choice.get("target")),
        score=_number(choice.get("score")) or 0,
        sets_flags=tuple(flag_list(_text(choice.get("sets_flags")))),
        requires_flags=tuple(flag_list(_text(choice.get("requires_flags")))),
        score_min=_number(choice.get("requires_score_min")),
        score_max=_number(choice.get("requires_score_max")),
    )


ForeignLookup = Callable[[set[str]], Mapping[str, str]]


def find_problems(graph: ScenarioGraph, *, foreign: ForeignLookup | None = None) -> list[Problem]:
    """Every reason the scenario cannot be published, in the order of its scenes.

    `foreign` maps keys that are not scenes of this scenario to the title of another
    scenario that has a scene with that key, so those choices can be named as such.
    """
    problems: list[Problem] = []
    if graph.start not in graph.by_key:
        problems.append(Problem(kind=ProblemKind.NO_START, target=graph.start))
    whole, by_scene = state_problems(graph, analyse_states(graph))
    problems.extend(whole)

    missing = {
        choice.target
        for scene in graph.scenes
        if not scene.is_ending
        for choice in scene.choices
        if choice.target not in graph.by_key
    }
    others = foreign(missing - {""}) if (foreign and missing - {""}) else {}

    for scene in graph.scenes:
        problems.extend(_structural_problems(graph, scene, others))
        problems.extend(by_scene.pop(scene.key, []))
    return problems


def _structural_problems(graph: ScenarioGraph, scene: SceneNode, others) -> list[Problem]:
    """The problems of one scene that the shape of the graph shows, flags and score aside."""
    named = {"scene_key": scene.key, "scene_title": scene.title}
    found = []
    reachable = graph.depths
    if graph.start in graph.by_key and scene.key not in reachable:
        found.append(Problem(kind=ProblemKind.UNREACHABLE, **named))
    if not scene.is_ending and not scene.choices:
        found.append(Problem(kind=ProblemKind.DEAD_END, **named))
    if scene.is_ending:
        return found
    for choice in scene.choices:
        if choice.target in graph.by_key:
            continue
        kind = ProblemKind.FOREIGN_TARGET if choice.target in others else ProblemKind.MISSING_TARGET
        found.append(
            Problem(
                kind=kind,
                choice_label=choice.label,
                target=choice.target,
                other=others.get(choice.target, ""),
                **named,
            )
        )
    if scene.choices and scene.key in reachable and scene.key not in graph.leads_to_ending:
        found.append(Problem(kind=ProblemKind.NO_ENDING, **named))
    return found


# Layout ----------------------------------------------------------------------------------
NODE_WIDTH = 176
NODE_HEIGHT = 52
GAP_X = 28
GAP_Y = 72
MARGIN = 24
TITLE_CHARACTERS = 22


@dataclass(frozen=True)
class PlacedNode:
    scene: SceneNode
    index: int
    x: int
    y: int
    is_start: bool
    has_problem: bool

    @property
    def short_title(self) -> str:
        title = self.scene.title or self.scene.key
        if len(title) <= TITLE_CHARACTERS:
            return title
        return title[: TITLE_CHARACTERS - 1].rstrip() + "…"

    @property
    def center_x(self) -> int:
        return self.x + NODE_WIDTH // 2

    @property
    def css_class(self) -> str:
        classes = ["scenario-graph__node"]
        if self.scene.outcome:
            classes.append(f"scenario-graph__node--{self.scene.outcome}")
        if self.is_start:
            classes.append("scenario-graph__node--start")
        if self.has_problem:
            classes.append("scenario-graph__node--problem")
        return " ".join(classes)


@dataclass(frozen=True)
class PlacedEdge:
    path: str
    label: str
    is_back: bool


@dataclass(frozen=True)
class GraphLayout:
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    width: int
    height: int


def layered_layout(graph: ScenarioGraph, problems: Iterable[Problem] = ()) -> GraphLayout:
    """Place scenes in rows by their distance from the start, endings together at the bottom.

    Endings share the last row so the outcomes read as one line and choices leading to
    them point downwards; unreachable scenes go below them. Within a row scenes keep the
    order in which the breadth-first walk found them, which keeps children near their
    parents without a costly crossing minimisation.
    """
    problem_keys = {problem.scene_key for problem in problems if problem.scene_key}
    depths = graph.depths
    ending_row = 1 + max(
        (depth for key, depth in depths.items() if not graph.by_key[key].is_ending), default=-1
    )

    def row_of(key: str) -> int:
        if graph.by_key[key].is_ending:
            return ending_row
        return depths.get(key, ending_row + 1)

    index_of = {}
    rows: dict[int, list[str]] = {}
    for index, scene in enumerate(graph.scenes):
        index_of.setdefault(scene.key, index)
    discovery = {key: order for order, key in enumerate(depths)}
    ordered = sorted(
        graph.by_key,
        key=lambda key: (row_of(key), discovery.get(key, len(discovery) + index_of[key])),
    )
    for key in ordered:
        rows.setdefault(row_of(key), []).append(key)

    widest = max((len(keys) for keys in rows.values()), default=0)
    width = MARGIN * 2 + widest * NODE_WIDTH + max(widest - 1, 0) * GAP_X
    placed: dict[str, PlacedNode] = {}
    for row_number, (_row, keys) in enumerate(sorted(rows.items())):
        row_width = len(keys) * NODE_WIDTH + (len(keys) - 1) * GAP_X
        left = (width - row_width) // 2
        for column, key in enumerate(keys):
            placed[key] = PlacedNode(
                scene=graph.by_key[key],
                index=index_of[key],
                x=left + column * (NODE_WIDTH + GAP_X),
                y=MARGIN + row_number * (NODE_HEIGHT + GAP_Y),
                is_start=key == graph.start,
                has_problem=key in problem_keys,
            )
    height = MARGIN * 2 + len(rows) * NODE_HEIGHT + max(len(rows) - 1, 0) * GAP_Y

    edges = []
    for scene in graph.by_key.values():
        source = placed[scene.key]
        for choice in scene.choices if not scene.is_ending else ():
            target = placed.get(choice.target)
            if target is None:
                continue
            edges.append(_edge(source, target, choice.label))
    return GraphLayout(
        nodes=sorted(placed.values(), key=lambda node: node.index),
        edges=edges,
        width=max(width, NODE_WIDTH + MARGIN * 2),
        height=max(height, NODE_HEIGHT + MARGIN * 2),
    )


def _edge(source: PlacedNode, target: PlacedNode, label: str) -> PlacedEdge:
    if target.y > source.y:
        x1, y1 = source.center_x, source.y + NODE_HEIGHT
        x2, y2 = target.center_x, target.y
        bend = (y2 - y1) // 2
        path = f"M{x1},{y1} C{x1},{y1 + bend} {x2},{y2 - bend} {x2},{y2}"
        return PlacedEdge(path=path, label=label, is_back=False)
    # A choice back up the graph (a loop, or 'go back and ask again') curves round the side.
    x1, y1 = source.x + NODE_WIDTH, source.y + NODE_HEIGHT // 2
    x2, y2 = target.x + NODE_WIDTH, target.y + NODE_HEIGHT // 2
    reach = max(x1, x2) + GAP_X + abs(y1 - y2) // 6
    path = f"M{x1},{y1} C{reach},{y1} {reach},{y2} {x2},{y2}"
    return PlacedEdge(path=path, label=label, is_back=True)
