from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from library.models import Signal
from website.cache import remember
from website.models import HelpPage, Region
from website.references import PageLink, pages_holding

from .graph import Problem, ScenarioGraph, find_problems
from .graph_state import highest_score as graph_highest_score
from .models import OUTCOME_RANK, Choice, Outcome, ScenarioPage, ScenarioRun, ScenarioStep, Scene

# Choice counts per organisation are shown only for groups of at least this many learners,
# so that a trainer cannot tell what one colleague chose.
MIN_GROUP_SIZE = 5


# Validation ------------------------------------------------------------------------------
def foreign_scene_titles(*, page: ScenarioPage, keys: set[str]) -> dict[str, str]:
    """For keys that are not scenes of this scenario: the scenario that has such a scene."""
    found = Scene.objects.filter(key__in=keys).select_related("page")
    if page.pk is not None:
        found = found.exclude(page_id=page.pk)
    return {scene.key: scene.page.title for scene in found.order_by("page_id")}


def scenario_graph(page: ScenarioPage) -> ScenarioGraph:
    """The graph of the page as it is in memory: a draft's scenes, or the published ones."""
    return ScenarioGraph.from_page(page)


def scenario_problems(page: ScenarioPage, graph: ScenarioGraph | None = None) -> list[Problem]:
    graph = graph or scenario_graph(page)
    return find_problems(graph, foreign=lambda keys: foreign_scene_titles(page=page, keys=keys))


# Playing ---------------------------------------------------------------------------------
def run_for_visitor(*, page: ScenarioPage, user=None, session_key: str = "") -> ScenarioRun | None:
    if user is not None and user.is_authenticated:
        return ScenarioRun.objects.filter(page=page, user=user).first()
    if not session_key:
        return None
    return ScenarioRun.objects.filter(page=page, user=None, session_key=session_key).first()


def scene_for_play(*, page: ScenarioPage, key: str) -> Scene | None:
    """One published scene with everything its page shows, in a fixed number of queries."""
    return (
        Scene.objects.filter(page=page, key=key)
        .select_related("image")
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk")),
            Prefetch("signals", queryset=Signal.objects.only("title", "slug", "summary")),
        )
        .first()
    )


def available_choices(*, scene: Scene, flags: Iterable[str], score: int) -> list[Choice]:
    """The choices the learner may see: those whose required flags were all set earlier and
    whose score condition the points collected so far meet."""
    flags = set(flags)
    return [choice for choice in scene.choices.all() if choice.is_available(flags, score)]


@dataclass
class DebriefStep:
    scene: Scene | None
    step: ScenarioStep

    @property
    def feedback(self) -> str:
        return self.step.choice.feedback if self.step.choice else ""

    @property
    def scene_title(self) -> str:
        return self.scene.title if self.scene else self.step.scene_key

    @property
    def choice_label(self) -> str:
        return self.step.choice_label


@dataclass
class Debrief:
    run: ScenarioRun
    ending: Scene | None
    steps: list[DebriefStep]
    noticed: list[Signal] = field(default_factory=list)
    missed: list[Signal] = field(default_factory=list)
    highest_score: int | None = None

    @property
    def outcome_label(self) -> str:
        return Outcome(self.run.outcome).label if self.run.outcome else ""


def lessons_holding(*, page: ScenarioPage, request) -> list[PageLink]:
    """The live lessons that hold this scenario, for the way back after its ending."""
    return pages_holding(page, request=request)


def highest_score(*, page_id: int, start: str) -> int | None:
    """The most points a learner can collect from the start scene to an ending, offered
    only the choices whose flags and score conditions they meet: the scale on which the
    debrief shows a learner's score ('8 of 13 points'). None where there is no such scale
    (a loop that adds points can be gone round without end).

    Kept in the worker's memory until content changes (`website.cache`).
    """

    def build() -> tuple[int | None]:
        scenes = Scene.objects.filter(page_id=page_id).prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
        )
        # A one-item tuple, as `remember` keeps no None.
        return (graph_highest_score(ScenarioGraph.from_scenes(start, scenes)),)

    return remember(("scenario-highest-score", page_id, start), build)[0]


def debrief_for_run(*, run: ScenarioRun) -> Debrief:
    """The path of the learner's last attempt, with what they noticed and missed.

    A signal counts as noticed when, in a scene that shows it, the learner took a choice that
    acts on it; a signal that was on screen but never acted on counts as missed.
    """
    steps = list(
        run.steps.filter(attempt=run.attempt, retracted=False)
        .select_related("choice")
        .order_by("position")
    )
    keys = {step.scene_key for step in steps} | {run.current_scene}
    scenes = {
        scene.key: scene
        for scene in Scene.objects.filter(page_id=run.page_id, key__in=keys).prefetch_related(
            Prefetch("signals", queryset=Signal.objects.only("title", "slug", "summary"))
        )
    }
    noticed: dict[int, Signal] = {}
    seen: dict[int, Signal] = {}
    for step in steps:
        scene = scenes.get(step.scene_key)
        if scene is None:
            continue
        for signal in scene.signals.all():
            seen.setdefault(signal.pk, signal)
            if step.acts_on_signals:
                noticed.setdefault(signal.pk, signal)
    return Debrief(
        run=run,
        ending=scenes.get(run.current_scene),
        steps=[DebriefStep(scene=scenes.get(step.scene_key), step=step) for step in steps],
        noticed=list(noticed.values()),
        missed=[signal for pk, signal in seen.items() if pk not in noticed],
        highest_score=_at_least(
            highest_score(page_id=run.page_id, start=run.page.start_scene), run.score
        ),
    )


def _at_least(highest: int | None, score: int) -> int | None:
    """The scale, never below the learner's own score (a draft edited since they played)."""
    return None if highest is None else max(highest, score)


def default_region() -> Region | None:
    """The region whose route the site's help page shows, until learners have their own."""
    help_page = HelpPage.objects.live().select_related("default_region").first()
    if help_page and help_page.default_region:
        return help_page.default_region
    return Region.objects.order_by("name").first()


def _runs_of(*, user, session) -> QuerySet | None:
    """The runs of the learner, or else of the visitor whose session this is; None for a
    visitor without a session, who has played nothing."""
    if user is not None and user.is_authenticated:
        return ScenarioRun.objects.filter(user=user)
    session_key = session.session_key if session is not None else None
    if not session_key:
        return None
    return ScenarioRun.objects.filter(user=None, session_key=session_key)


def run_result(*, page_id: int, user, session=None) -> ScenarioRun | None:
    """A learner's run of a scenario, or else the run of the visitor whose session this is,
    for completion checks."""
    runs = _runs_of(user=user, session=session)
    return runs.filter(page_id=page_id).first() if runs is not None else None


def run_results(*, page_ids, user, session=None) -> dict[int, ScenarioRun]:
    """`run_result` for several scenarios (the scenario blocks of a lesson) in one query,
    by page id; scenarios not played are absent."""
    runs = _runs_of(user=user, session=session)
    if runs is None or not page_ids:
        return {}
    return {run.page_id: run for run in runs.filter(page_id__in=set(page_ids))}


def run_has_finished(run: ScenarioRun | None, *, good_outcome: bool = False) -> bool:
    """Whether the run reached an ending, or with `good_outcome` a good one, at least once."""
    if run is None or run.first_finished_at is None:
        return False
    if good_outcome:
        return OUTCOME_RANK.get(run.best_outcome, 0) >= OUTCOME_RANK[Outcome.GOOD]
    return True


def has_finished(*, page_id: int, user, session=None, good_outcome: bool = False) -> bool:
    run = run_result(page_id=page_id, user=user, session=session)
    return run_has_finished(run, good_outcome=good_outcome)


# Analytics -------------------------------------------------------------------------------
def scenarios_for_trainer(user) -> QuerySet:
    """The scenarios a trainer may edit, with how many learners played each."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return (
        ScenarioPage.objects.filter(pk__in=editable.values("pk"))
        .annotate(learners=Count("runs__user", distinct=True))
        .order_by("title")
    )


@dataclass
class ChoiceCount:
    choice: Choice
    count: int
    share: int


@dataclass
class SceneCounts:
    scene: Scene
    choices: list[ChoiceCount]
    total: int


@dataclass
class ChoiceAnalytics:
    learners: int
    scenes: list[SceneCounts]


def choice_analytics(*, page: ScenarioPage, user_ids: QuerySet | None = None) -> ChoiceAnalytics:
    """How often each choice of the published scenario was taken, by everyone or a group.

    Choices a learner took back are left out: the count is of the choices learners stood by.
    Every attempt counts, so a learner who played twice adds to both paths.
    """
    steps = ScenarioStep.objects.filter(run__page=page, retracted=False, choice__isnull=False)
    runs = ScenarioRun.objects.filter(page=page, user__isnull=False)
    if user_ids is not None:
        steps = steps.filter(run__user_id__in=user_ids)
        runs = runs.filter(user_id__in=user_ids)
    counts = dict(steps.values_list("choice_id").annotate(n=Count("id")).order_by())
    scenes = Scene.objects.filter(page=page).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
    )
    result = []
    for scene in scenes:
        if scene.is_ending:
            continue
        total = sum(counts.get(choice.pk, 0) for choice in scene.choices.all())
        result.append(
            SceneCounts(
                scene=scene,
                total=total,
                choices=[
                    ChoiceCount(
                        choice=choice,
                        count=counts.get(choice.pk, 0),
                        share=round(100 * counts.get(choice.pk, 0) / total) if total else 0,
                    )
                    for choice in scene.choices.all()
                ],
            )
        )
    return ChoiceAnalytics(learners=runs.count(), scenes=result)


def choice_analytics_for_group(*, page: ScenarioPage, user_ids: QuerySet) -> ChoiceAnalytics | None:
    """Choice counts for one group (such as an organisation), or None when it is too small.

    The size that matters is the number of group members who played the scenario: a large
    organisation in which only two people played would otherwise expose their choices.
    """
    players = ScenarioRun.objects.filter(page=page, user_id__in=user_ids).values("user_id").count()
    if players < MIN_GROUP_SIZE:
        return None
    return choice_analytics(page=page, user_ids=user_ids)
