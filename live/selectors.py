"""Reads of live sessions: where statements come from, the tally, the summary, and how the
group's path through a case compares with how learners chose on their own."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from courses.models import CoursePage, LessonPage
from courses.selectors import course_lessons
from scenarios.models import ScenarioPage
from scenarios.selectors import MIN_GROUP_SIZE, choice_analytics

from .models import LiveItem, LiveSession, Participant, StatementSet, Vote
from .scenario_services import majority
from .services import StatementSource, code_normalise, item_counts

AGREE_LABEL = _("Glasses on: I agree")
DISAGREE_LABEL = _("Glasses off: I disagree")
STATEMENT_LABELS = {"agree": AGREE_LABEL, "disagree": DISAGREE_LABEL}


# Sources ---------------------------------------------------------------------------------


def _statements_in(stream) -> list[StatementSource]:
    return [
        StatementSource(
            text=block.value["statement"], expert_view=block.value["expert_view"].source
        )
        for block in stream
        if block.block_type == "statement"
    ]


def course_statements(course: CoursePage) -> list[StatementSource]:
    """The statements of a module's live lessons, in the order a learner meets them."""
    statements = []
    for lesson in course_lessons(course).defer(None):
        statements += _statements_in(lesson.body)
    return statements


def statement_set_statements(statement_set: StatementSet) -> list[StatementSource]:
    return _statements_in(statement_set.statements)


def _statement_count(raw_blocks) -> int:
    return sum(1 for block in raw_blocks if block.get("type") == "statement")


@dataclass(frozen=True)
class Source:
    pk: int
    title: str
    statements: int = 0

    @property
    def label(self) -> str:
        if not self.statements:
            return self.title
        return ngettext(
            "%(title)s (%(count)s statement)", "%(title)s (%(count)s statements)", self.statements
        ) % {"title": self.title, "count": self.statements}


def modules_with_statements() -> list[Source]:
    """The live modules that hold statements, with how many, from their raw lesson bodies
    (two queries, without building a block)."""
    courses = list(CoursePage.objects.live().only("pk", "title", "path").order_by("path"))
    by_path = {course.path: course for course in courses}
    counts = dict.fromkeys(by_path, 0)
    step = LessonPage.steplen
    for lesson in LessonPage.objects.live().only("path", "body"):
        parent = lesson.path[:-step]
        if parent in counts:
            counts[parent] += _statement_count(lesson.body.raw_data)
    return [
        Source(pk=course.pk, title=course.title, statements=counts[course.path])
        for course in courses
        if counts[course.path]
    ]


def statement_sets() -> list[Source]:
    return [
        Source(pk=item.pk, title=item.title, statements=_statement_count(item.statements.raw_data))
        for item in StatementSet.objects.order_by("title")
    ]


def live_scenarios() -> list[Source]:
    scenarios = ScenarioPage.objects.live().exclude(start_scene="").order_by("title")
    return [Source(pk=pk, title=title) for pk, title in scenarios.values_list("pk", "title")]


# Sessions --------------------------------------------------------------------------------


def running_session_for_code(code: str) -> LiveSession | None:
    """The session that runs under this code now, whatever the spacing or case typed."""
    code = code_normalise(code)
    sessions = LiveSession.objects.select_related("current_item")
    return sessions.filter(code=code, ended_at__isnull=True).first()


def latest_session_for_code(code: str) -> LiveSession | None:
    """The running session with this code, or else the last one that had it."""
    code = code_normalise(code)
    return (
        running_session_for_code(code)
        or LiveSession.objects.filter(code=code).order_by("-created_at").first()
    )


def participant_for(*, session: LiveSession, token: str) -> Participant | None:
    if not token:
        return None
    return Participant.objects.filter(session=session, token=token).first()


def own_vote(*, item: LiveItem | None, participant: Participant | None) -> str:
    if item is None or participant is None:
        return ""
    vote = Vote.objects.filter(item=item, participant=participant).values_list("value", flat=True)
    return vote.first() or ""


def sessions_for_trainer(user) -> QuerySet:
    return LiveSession.objects.filter(created_by=user).order_by("-created_at")


def trainer_session(*, user, pk: int) -> LiveSession | None:
    """The trainer's own session (any session for a superuser), with its current item."""
    sessions = LiveSession.objects.select_related("current_item", "region", "scenario")
    if not user.is_superuser:
        sessions = sessions.filter(created_by=user)
    return sessions.filter(pk=pk).first()


# Tallies ---------------------------------------------------------------------------------


def option_label(item: LiveItem, option: dict) -> str:
    if item.kind == LiveItem.Kind.STATEMENT:
        return str(STATEMENT_LABELS.get(option["value"], option["value"]))
    return option.get("label", "")


@dataclass(frozen=True)
class TallyRow:
    value: str
    label: str
    count: int
    percentage: int
    feedback: str = ""
    is_chosen: bool = False


@dataclass(frozen=True)
class Tally:
    rows: list[TallyRow]
    total: int

    @property
    def top(self) -> TallyRow | None:
        """The option the majority chose, as 'follow the majority' takes it."""
        value = majority({row.value: row.count for row in self.rows if row.count})
        return next((row for row in self.rows if row.value == value), None)


def tally_for(item: LiveItem, counts: dict[str, int]) -> Tally:
    total = sum(counts.get(option["value"], 0) for option in item.options)
    rows = [
        TallyRow(
            value=option["value"],
            label=option_label(item, option),
            count=counts.get(option["value"], 0),
            percentage=round(100 * counts.get(option["value"], 0) / total) if total else 0,
            feedback=option.get("feedback", ""),
            is_chosen=bool(item.chosen) and option["value"] == item.chosen,
        )
        for option in item.options
    ]
    return Tally(rows=rows, total=total)


@dataclass(frozen=True)
class LiveState:
    """What the presenter's tally shows now, and a fingerprint that changes with it."""

    session: LiveSession
    item: LiveItem | None
    tally: Tally | None
    participants: int

    @property
    def fingerprint(self) -> str:
        counts = ",".join(str(row.count) for row in self.tally.rows) if self.tally else ""
        return f"{self.session.version}-{self.participants}-{counts}"


def live_state(session: LiveSession) -> LiveState:
    """The current item's tally and the number of participants: two counting queries."""
    item = session.current_item
    tally = None
    if item is not None and item.options:
        tally = tally_for(item, item_counts([item.pk])[item.pk])
    participants = (
        session.participant_count
        if session.ended_at
        else Participant.objects.filter(session_id=session.pk).count()
    )
    return LiveState(session=session, item=item, tally=tally, participants=participants)


# After the session -----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSummary:
    item: LiveItem
    tally: Tally

    @property
    def chosen(self) -> TallyRow | None:
        return next((row for row in self.tally.rows if row.is_chosen), None)


@dataclass(frozen=True)
class Summary:
    session: LiveSession
    participants: int
    items: list[ItemSummary]


def session_summary(session: LiveSession) -> Summary:
    """Per item the counts and percentages: kept counts once the session ended, else live."""
    items = list(session.items.order_by("position"))
    if session.ended_at is None:
        counts = item_counts([item.pk for item in items])
        participants = Participant.objects.filter(session=session).count()
    else:
        counts = {item.pk: item.counts for item in items}
        participants = session.participant_count
    return Summary(
        session=session,
        participants=participants,
        items=[ItemSummary(item=item, tally=tally_for(item, counts[item.pk])) for item in items],
    )


@dataclass(frozen=True)
class SceneComparison:
    item: LiveItem
    group_choice: str
    learners: list[TallyRow] | None  # None: too few learners reached this scene
    learner_total: int

    @property
    def learners_top(self) -> TallyRow | None:
        if not self.learners:
            return None
        return max(self.learners, key=lambda row: row.count)


@dataclass(frozen=True)
class GroupComparison:
    learners: int
    min_group_size: int
    scenes: list[SceneComparison] = field(default_factory=list)

    @property
    def is_shown(self) -> bool:
        return self.learners >= self.min_group_size


def group_vs_learners(session: LiveSession) -> GroupComparison | None:
    """Beside each choice the group made: how learners who played the case alone chose
    there (from their recorded steps). Only from five learners on, and per scene only from
    five choices on, so that nobody's own choice can be told from the figures."""
    if session.kind != LiveSession.Kind.SCENARIO or session.scenario is None:
        return None
    analytics = choice_analytics(page=session.scenario)
    comparison = GroupComparison(learners=analytics.learners, min_group_size=MIN_GROUP_SIZE)
    if not comparison.is_shown:
        return comparison
    by_scene = {counts.scene.key: counts for counts in analytics.scenes}
    for item in session.items.filter(kind=LiveItem.Kind.SCENE).exclude(chosen=""):
        group_choice = next(
            (option.get("label", "") for option in item.options if option["value"] == item.chosen),
            "",
        )
        counts = by_scene.get(item.scene_key)
        total = counts.total if counts else 0
        rows = None
        if counts and total >= MIN_GROUP_SIZE:
            rows = [
                TallyRow(
                    value=str(row.choice.pk),
                    label=row.choice.label,
                    count=row.count,
                    percentage=row.share,
                    is_chosen=str(row.choice.pk) == item.chosen,
                )
                for row in counts.choices
            ]
        comparison.scenes.append(
            SceneComparison(
                item=item, group_choice=group_choice, learners=rows, learner_total=total
            )
        )
    return comparison


# A participant's phone -------------------------------------------------------------------


@dataclass(frozen=True)
class RoomState:
    """What a participant's phone shows: the current item, their own vote, and once the
    voting closed, the result."""

    session: LiveSession
    item: LiveItem | None
    own_vote: str
    options: list[tuple[str, str]]
    tally: Tally | None

    @property
    def own_vote_label(self) -> str:
        return next((label for value, label in self.options if value == self.own_vote), "")

    @property
    def is_open(self) -> bool:
        return self.session.stage == LiveSession.Stage.OPEN and self.item is not None


def room_state(*, session: LiveSession, participant: Participant | None) -> RoomState:
    item = session.current_item if session.stage != LiveSession.Stage.LOBBY else None
    options = (
        [(option["value"], option_label(item, option)) for option in item.options] if item else []
    )
    tally = None
    if item is not None and item.options and session.stage != LiveSession.Stage.OPEN:
        tally = tally_for(item, item_counts([item.pk])[item.pk])
    return RoomState(
        session=session,
        item=item,
        own_vote=own_vote(item=item, participant=participant),
        options=options,
        tally=tally,
    )
