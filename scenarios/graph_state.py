"""The scenario as a learner meets it: the states (scene, flags held, score) reachable from
the start, found by a breadth-first search, and the problems only they show.

A choice can need flags and a score, so whether a scene can be reached, whether a choice is
ever offered and whether a learner can get stuck depend on the path taken. Exploring every
state answers that exactly; keeping the number of states small is what the choices below
are for:

- At most `FLAG_LIMIT` different flags per scenario, and flags are a bitmask.
- A state keeps only the flags that still matter in its scene: those some choice from here
  on requires before a choice on the way sets them again (a liveness analysis, as a
  compiler does for variables). A flag set early for a choice three scenes on does not
  multiply the states of the rest of the scenario.
- The score is kept only while some choice ahead has a score condition. It is clamped
  where a higher (or lower) score can no longer change what is offered: above the highest
  threshold by as much as the path ahead can still lower it, which is exact. Where a loop
  ahead can lower it without end, the clamp is `score_window` points beyond the
  thresholds instead: exact unless a learner goes round a loop that far and back.
- Past `STATE_LIMIT` states the search stops and says so as a problem.
"""

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .problems import Problem, ProblemKind

if TYPE_CHECKING:
    from .graph import ScenarioGraph

FLAG_LIMIT = 12
STATE_LIMIT = 50_000
NEVER = -1  # the need mask of a choice that requires a flag no choice sets


@dataclass(frozen=True)
class _Move:
    """A choice of a scene, compiled for the search."""

    index: int
    label: str
    target: int  # the index of the target scene, or -1 when it does not exist
    need: int
    sets: int
    score: int
    low: int | None
    high: int | None
    required: tuple[str, ...]

    def score_allows(self, score: int | None) -> bool:
        if score is None:
            return self.low is None and self.high is None
        return (self.low is None or score >= self.low) and (self.high is None or score <= self.high)

    def allows(self, mask: int, score: int | None) -> bool:
        return self.need != NEVER and mask & self.need == self.need and self.score_allows(score)


@dataclass
class StateAnalysis:
    """What the search found, by scene key."""

    flag_count: int = 0
    state_count: int = 0
    state_limit: int = STATE_LIMIT
    too_many_flags: bool = False
    too_many_states: bool = False
    reached: set[str] = field(default_factory=set)
    # scene key -> the union of the (tracked) flags held on arrival, by name
    held: dict[str, set[str]] = field(default_factory=dict)
    # (scene key, choice index) pairs
    score_met: set[tuple[str, int]] = field(default_factory=set)
    offered: set[tuple[str, int]] = field(default_factory=set)
    # scene key -> the flags held in the first state found stuck there
    stuck: dict[str, tuple[str, ...]] = field(default_factory=dict)
    endless: set[str] = field(default_factory=set)
    # The state graph itself, for `highest_score`: per state the (state, points) of each
    # offered choice, the states that are endings and those from which one can be reached.
    moves: list[list[tuple[int, int]]] = field(default_factory=list, repr=False)
    ends: list[int] = field(default_factory=list, repr=False)
    finishing: set[int] = field(default_factory=set, repr=False)


def scenario_flags(graph: "ScenarioGraph") -> list[str]:
    """Every flag that the choices of the scenario's scenes set or require, in order."""
    names: dict[str, None] = {}
    for scene in graph.by_key.values():
        if scene.is_ending:
            continue
        for choice in scene.choices:
            names.update(dict.fromkeys(choice.sets_flags))
            names.update(dict.fromkeys(choice.requires_flags))
    return list(names)


class _Compiled:
    """The scenario as numbers: scenes by index, flags as bits, the score's clamps."""

    def __init__(self, graph: "ScenarioGraph", score_window: int | None):
        self.keys = list(graph.by_key)
        index = {key: number for number, key in enumerate(self.keys)}
        scenes = [graph.by_key[key] for key in self.keys]
        self.ending = [scene.is_ending for scene in scenes]
        choices = [choice for scene in scenes if not scene.is_ending for choice in scene.choices]
        set_somewhere = {name for choice in choices for name in choice.sets_flags}
        required = {name for choice in choices for name in choice.requires_flags}
        # Only a flag that is both set and required needs a bit; one never required
        # changes nothing, and one never set can never be held.
        self.bits = {name: 1 << n for n, name in enumerate(sorted(set_somewhere & required))}
        self.moves = [
            []
            if scene.is_ending
            else [self._move(number, choice, index) for number, choice in enumerate(scene.choices)]
            for scene in scenes
        ]
        self.live = self._live_flags()
        thresholds = [
            value
            for moves in self.moves
            for move in moves
            for value in (move.low, move.high)
            if value is not None
        ]
        self.score_live = self._score_live() if thresholds else [False] * len(self.keys)
        if thresholds:
            steepest = max((abs(m.score) for moves in self.moves for m in moves), default=0)
            window = score_window if score_window is not None else max(steepest, 1) * len(scenes)
            top = max(thresholds) + 1
            bottom = min(thresholds) - 1
            fall = self._furthest(lambda score: -score)
            rise = self._furthest(lambda score: score)
            self.top = [top + (window if f is None else f) for f in fall]
            self.bottom = [bottom - (window if r is None else r) for r in rise]

    def _move(self, number, choice, index) -> _Move:
        need = 0
        for name in choice.requires_flags:
            if name not in self.bits:
                need = NEVER
                break
            need |= self.bits[name]
        return _Move(
            index=number,
            label=choice.label,
            target=index.get(choice.target, -1),
            need=need,
            sets=sum(self.bits.get(name, 0) for name in set(choice.sets_flags)),
            score=choice.score,
            low=choice.score_min,
            high=choice.score_max,
            required=tuple(choice.requires_flags),
        )

    def _edges(self):
        for source, moves in enumerate(self.moves):
            for move in moves:
                if move.target >= 0:
                    yield source, move

    def _live_flags(self) -> list[int]:
        """Per scene, the flags whose value can still change what is offered from there."""
        live = [self._union(m.need for m in moves if m.need != NEVER) for moves in self.moves]
        sources = [[] for _key in self.keys]
        for source, move in self._edges():
            sources[move.target].append((source, move))
        queue = deque(range(len(self.keys)))
        while queue:
            scene = queue.popleft()
            for source, move in sources[scene]:
                wider = live[source] | (live[scene] & ~move.sets)
                if wider != live[source]:
                    live[source] = wider
                    queue.append(source)
        return live

    @staticmethod
    def _union(masks: Iterable[int]) -> int:
        result = 0
        for mask in masks:
            result |= mask
        return result

    def _score_live(self) -> list[bool]:
        """Per scene, whether a choice with a score condition lies ahead (or here)."""
        sources = [[] for _key in self.keys]
        for source, move in self._edges():
            sources[move.target].append(source)
        conditioned = [
            number
            for number, moves in enumerate(self.moves)
            if any(move.low is not None or move.high is not None for move in moves)
        ]
        live = reaching(conditioned, sources)
        return [number in live for number in range(len(self.keys))]

    def _furthest(self, gain) -> list[int | None]:
        """Per scene, how far the score can still move one way before the last score
        condition ahead (longest paths, Bellman-Ford); None where a loop makes it endless."""
        edges = [
            (source, move.target, gain(move.score))
            for source, move in self._edges()
            if self.score_live[move.target]
        ]
        far = [0] * len(self.keys)
        changed: set[int] = set()
        for _round in range(len(self.keys) + 1):
            changed = set()
            for source, target, step in edges:
                if far[target] + step > far[source]:
                    far[source] = far[target] + step
                    changed.add(source)
            if not changed:
                return list(far)
        # Still growing after as many rounds as scenes: a loop gains without end, and so
        # does every scene from which that loop can be reached.
        sources = [[] for _key in self.keys]
        for source, target, _step in edges:
            sources[target].append(source)
        endless = reaching(changed, sources)
        return [None if n in endless else value for n, value in enumerate(far)]

    def enter(self, scene: int, mask: int, score: int | None) -> tuple[int, int, int | None]:
        """The state on arriving in a scene: only live flags, the score only if it matters."""
        if not self.score_live[scene]:
            return scene, mask & self.live[scene], None
        return scene, mask & self.live[scene], max(self.bottom[scene], min(self.top[scene], score))

    def flag_names(self, mask: int) -> tuple[str, ...]:
        return tuple(name for name, bit in self.bits.items() if mask & bit)


def analyse_states(
    graph: "ScenarioGraph", *, state_limit: int = STATE_LIMIT, score_window: int | None = None
) -> StateAnalysis:
    """Explore every state a learner can be in, breadth first from the start scene."""
    result = StateAnalysis(flag_count=len(scenario_flags(graph)), state_limit=state_limit)
    if result.flag_count > FLAG_LIMIT:
        result.too_many_flags = True
        return result
    if graph.start not in graph.by_key:
        return result
    net = _Compiled(graph, score_window)
    start = net.enter(net.keys.index(graph.start), 0, 0)
    ids = {start: 0}
    states = [start]
    successors: list[list[int]] = []
    held = [0] * len(net.keys)
    sinks, ends = [], []
    queue = deque([start])
    while queue:
        scene, mask, score = state = queue.popleft()
        key = net.keys[scene]
        result.reached.add(key)
        held[scene] |= mask
        following = []
        gains = []
        offered = False
        for move in net.moves[scene]:
            if move.score_allows(score):
                result.score_met.add((key, move.index))
            if not move.allows(mask, score):
                continue
            offered = True
            result.offered.add((key, move.index))
            if move.target < 0:
                continue
            arrival = net.enter(move.target, mask | move.sets, _add(score, move.score))
            if arrival not in ids:
                if len(states) >= state_limit:
                    result.too_many_states = True
                    result.state_count = len(states)
                    return result
                ids[arrival] = len(states)
                states.append(arrival)
                queue.append(arrival)
            following.append(ids[arrival])
            gains.append((ids[arrival], move.score))
        successors.append(following)
        result.moves.append(gains)
        if net.ending[scene]:
            ends.append(ids[state])
        elif not following:
            sinks.append(ids[state])
            if net.moves[scene] and not offered:
                result.stuck.setdefault(key, net.flag_names(mask))
    result.state_count = len(states)
    result.held = {net.keys[n]: set(net.flag_names(mask)) for n, mask in enumerate(held)}
    finishing = _reaching(ends, successors)
    result.ends, result.finishing = ends, finishing
    sticking = _reaching(sinks, successors)
    for number, (scene, _mask, _score) in enumerate(states):
        if number not in finishing and number not in sticking:
            result.endless.add(net.keys[scene])
    return result


def _add(score: int | None, step: int) -> int | None:
    return None if score is None else score + step


def reaching(goals: Iterable, sources) -> set:
    """The goals and everything from which one can be reached, given for each node the
    nodes with an edge to it (a list by index, or a mapping)."""
    found = set(goals)
    queue = deque(found)
    while queue:
        for source in sources[queue.popleft()]:
            if source not in found:
                found.add(source)
                queue.append(source)
    return found


def _reaching(goals: list[int], successors: list[list[int]]) -> set[int]:
    """The states from which one of the goal states can be reached."""
    sources: list[list[int]] = [[] for _state in successors]
    for source, targets in enumerate(successors):
        for target in targets:
            sources[target].append(source)
    return reaching(goals, sources)


def state_problems(graph: "ScenarioGraph", analysis: StateAnalysis) -> tuple[list, dict]:
    """The problems the states show: those of the whole scenario, and those by scene key.

    Scenes the start does not reach at all, and scenes from which no ending can be reached
    whatever the learner holds, already have their structural problem and get no second.
    """
    if analysis.too_many_flags:
        problem = Problem(
            kind=ProblemKind.TOO_MANY_FLAGS, count=analysis.flag_count, limit=FLAG_LIMIT
        )
        return [problem], {}
    if analysis.too_many_states:
        return [Problem(kind=ProblemKind.TOO_MANY_STATES, limit=analysis.state_limit)], {}
    by_scene: dict[str, list[Problem]] = {}
    if graph.start not in graph.by_key:
        return [], by_scene
    for key, scene in graph.by_key.items():
        named = {"scene_key": key, "scene_title": scene.title}
        found = by_scene.setdefault(key, [])
        if key not in analysis.reached:
            if key in graph.depths:
                found.append(
                    Problem(
                        kind=ProblemKind.UNREACHABLE_BY_CONDITIONS,
                        is_ending=scene.is_ending,
                        **named,
                    )
                )
            continue
        if scene.is_ending:
            continue
        for number, choice in enumerate(scene.choices):
            found.extend(_choice_problems(analysis, key, number, choice, named))
        if key in analysis.stuck:
            found.append(Problem(kind=ProblemKind.STUCK, flags=analysis.stuck[key], **named))
        elif key in analysis.endless and key in graph.leads_to_ending:
            found.append(Problem(kind=ProblemKind.NO_ENDING_BY_CONDITIONS, **named))
    return [], by_scene


def _choice_problems(analysis, key, number, choice, named) -> list[Problem]:
    if (key, number) in analysis.offered:
        return []
    about = {"choice_label": choice.label, **named}
    held = analysis.held.get(key, set())
    missing = [flag for flag in choice.requires_flags if flag not in held]
    if missing:
        return [Problem(kind=ProblemKind.FLAG_NEVER_SET, flag=flag, **about) for flag in missing]
    if (key, number) not in analysis.score_met:
        return [
            Problem(
                kind=ProblemKind.SCORE_NEVER_MET,
                low=choice.score_min,
                high=choice.score_max,
                **about,
            )
        ]
    return [Problem(kind=ProblemKind.NEVER_OFFERED, **about)]


# The most points -------------------------------------------------------------------------
# Weighing the state graph stops after this many steps (a few seconds at the most).
WEIGH_LIMIT = 2_000_000


def highest_score(graph: "ScenarioGraph") -> int | None:
    """The most points a learner can hold on reaching an ending, offered only the choices
    whose flags and score conditions they meet: the scale the debrief shows a score on.

    A longest path over the states `analyse_states` finds: what a state keeps of flags and
    score decides what is offered, so every path between states is one a learner can take.
    None when there is no such number: no ending can be reached, there are too many states
    to weigh, or a loop on the way to an ending adds points each time round.
    """
    analysis = analyse_states(graph)
    if analysis.too_many_flags or analysis.too_many_states or not analysis.ends:
        return None
    moves, inside = analysis.moves, analysis.finishing
    best: dict[int, int] = {0: 0}
    work = 0
    for component in _components(moves, inside):
        members = set(component)
        # Within a loop, a longest path has fewer moves than the loop has states, so each
        # state improves at most that often; more often is a loop that gains points.
        queue = deque(number for number in component if number in best)
        queued = set(queue)
        improved: dict[int, int] = {}
        while queue:
            number = queue.popleft()
            queued.discard(number)
            for target, points in moves[number]:
                work += 1
                if target not in members:
                    continue
                if target in best and best[number] + points <= best[target]:
                    continue
                best[target] = best[number] + points
                improved[target] = improved.get(target, 0) + 1
                if improved[target] > len(component) + 1:
                    return None
                if target not in queued:
                    queue.append(target)
                    queued.add(target)
            if work > WEIGH_LIMIT:
                return None
        for number in component:
            for target, points in moves[number] if number in best else ():
                if target in inside and target not in members:
                    reached = best[number] + points
                    best[target] = max(best.get(target, reached), reached)
    return max(best[number] for number in analysis.ends if number in best)


def _components(moves: list[list[tuple[int, int]]], inside: set[int]) -> list[list[int]]:
    """The strongly connected components among the states in `inside` (Tarjan's algorithm,
    without recursion), those nearer the start first."""
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []
    for root in sorted(inside):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        work = [(root, 0)]
        while work:
            number, position = work[-1]
            if position < len(moves[number]):
                work[-1] = (number, position + 1)
                target = moves[number][position][0]
                if target not in inside:
                    continue
                if target not in order:
                    order[target] = low[target] = len(order)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, 0))
                elif target in on_stack:
                    low[number] = min(low[number], order[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[number])
            if low[number] == order[number]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == number:
                        break
                found.append(component)
    # Tarjan's algorithm finds a component after every component it leads to.
    found.reverse()
    return found
