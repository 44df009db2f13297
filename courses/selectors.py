"""Reads for modules, lessons, the signal library and a learner's progress.

Each selector loads everything its template needs in a fixed number of queries, whatever
the number of lessons, blocks or enrolments.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest

from website.cache import remember, site_for_request
from website.models import Region, Sector
from website.selectors import RegionChoice, region_choice_for_request, regions_for_picker

from .completion import block_requirements, requirement_statuses
from .models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    Reflection,
    Signal,
    SignalLibraryPage,
    StatementAnswer,
)
from .session_progress import session_completed_lesson_ids, session_statement_answers

# Below this many answers within an organisation, its share would say too much about
# individual colleagues; the platform-wide share is shown instead.
PEER_GROUP_MIN_ANSWERS = 5

# Functions that return the user ids of a learner's colleagues (a queryset of ids), or None
# when the learner belongs to no organisation. The organisations app registers one; until
# then every learner compares with the whole platform.
peer_group_providers: list[Callable] = []


def learner_peers(user) -> QuerySet | None:
    for provider in peer_group_providers:
        peers = provider(user)
        if peers is not None:
            return peers
    return None


def course_for_lesson(lesson: LessonPage) -> CoursePage:
    """The lesson's module; kept in memory until content changes (treat it as read-only)."""
    parent_path = lesson.path[: -lesson.steplen]
    return remember(("course", parent_path), lambda: CoursePage.objects.get(path=parent_path))


def course_lessons(course: CoursePage) -> QuerySet:
    """The live lessons of a module in their order, without their (large) bodies."""
    return LessonPage.objects.child_of(course).live().defer("body").order_by("path")


# Lesson access and state


@dataclass(frozen=True)
class LessonAccess:
    course: CoursePage
    login_required: bool


def lesson_access(*, lesson: LessonPage, request: HttpRequest) -> LessonAccess:
    """Anonymous visitors may open lessons of public modules only."""
    course = course_for_lesson(lesson)
    # Kept for `lesson_state` in the same request, which would otherwise query it again.
    request._courses_course = course
    return LessonAccess(
        course=course,
        login_required=not request.user.is_authenticated and not course.is_public,
    )


@dataclass(frozen=True)
class StatementResult:
    """How a learner answered a statement and how their peers did."""

    answered: bool
    agrees: bool | None
    total: int
    agreed: int
    within_organisation: bool

    def agree_percentage(self) -> int:
        return round(100 * self.agreed / self.total) if self.total else 0

    def disagree_percentage(self) -> int:
        return 100 - self.agree_percentage() if self.total else 0


@dataclass(frozen=True)
class ReportingRoute:
    region: Region | None
    choice: RegionChoice | None
    regions: list = field(default_factory=list)

    @property
    def visitor_can_choose(self) -> bool:
        return self.choice is not None


@dataclass
class LessonState:
    """Everything about a lesson that depends on the learner, loaded once for the page."""

    lesson: LessonPage
    course: CoursePage
    lessons: list
    completed_ids: set
    is_anonymous: bool
    is_completed: bool
    signal_library_url: str = ""
    statement_results: dict = field(default_factory=dict)
    reflections: dict = field(default_factory=dict)
    chosen_regions: dict = field(default_factory=dict)
    request_region: RegionChoice | None = None
    region_picker: list = field(default_factory=list)
    # What the lesson still asks before it is complete; empty once it is.
    requirements: list = field(default_factory=list)

    def statement_result(self, block_id: str) -> StatementResult | None:
        return self.statement_results.get(block_id)

    def reflection(self, block_id: str) -> Reflection | None:
        return self.reflections.get(block_id)

    def reporting_route(self, chosen: Region | None) -> ReportingRoute:
        if chosen is not None:
            return ReportingRoute(region=self.chosen_regions.get(chosen.pk, chosen), choice=None)
        choice = self.request_region
        return ReportingRoute(
            region=choice.region if choice else None, choice=choice, regions=self.region_picker
        )

    @property
    def position(self) -> int:
        return next(
            (i for i, lesson in enumerate(self.lessons, 1) if lesson.pk == self.lesson.pk), 0
        )

    @property
    def previous_lesson(self) -> LessonPage | None:
        index = self.position - 1
        return self.lessons[index - 1] if index > 0 else None

    @property
    def next_lesson(self) -> LessonPage | None:
        index = self.position
        return self.lessons[index] if 0 < index < len(self.lessons) else None


def lesson_state(*, lesson: LessonPage, request: HttpRequest) -> LessonState:
    course = getattr(request, "_courses_course", None) or course_for_lesson(lesson)
    user = request.user
    lessons = remember(("course-lessons", course.pk), lambda: list(course_lessons(course)))
    if user.is_authenticated:
        completed_ids = completed_lesson_ids(user=user, course=course)
    else:
        completed_ids = session_completed_lesson_ids(request.session, course_id=course.pk)
    state = LessonState(
        lesson=lesson,
        course=course,
        lessons=lessons,
        completed_ids=completed_ids,
        is_anonymous=not user.is_authenticated,
        is_completed=lesson.pk in completed_ids,
    )
    if not state.is_completed:
        state.requirements = requirement_statuses(
            block_requirements(lesson.body), user=user, session=request.session
        )

    blocks_by_type = defaultdict(list)
    for raw in lesson.body.raw_data:
        blocks_by_type[raw["type"]].append(raw)

    if blocks_by_type["signal_cards"]:
        state.signal_library_url = signal_library_url(request=request)
    if blocks_by_type["statement"]:
        block_ids = [raw["id"] for raw in blocks_by_type["statement"]]
        state.statement_results = statement_results(
            lesson=lesson, block_ids=block_ids, user=user, session=request.session
        )
    if blocks_by_type["reflection"] and user.is_authenticated:
        state.reflections = {
            reflection.block_id: reflection
            for reflection in Reflection.objects.filter(user=user, lesson=lesson)
        }
    routes = blocks_by_type["reporting_route"]
    if routes:
        chosen_ids = {raw["value"].get("region") for raw in routes} - {None}
        if chosen_ids:
            state.chosen_regions = Region.objects.prefetch_related("contacts").in_bulk(chosen_ids)
        if any(not raw["value"].get("region") for raw in routes):
            state.request_region = region_choice_for_request(request, default=None)
            state.region_picker = list(regions_for_picker())
    return state


# Every signed-in lesson view asks which lessons of the module the learner completed and
# how they answered the lesson's statements. Both are written as SQL: for such small,
# indexed reads the ORM takes longer to build the query than the database takes to answer
# it. tests/courses/test_selectors.py checks them against the ORM's answer.
COMPLETED_LESSONS_SQL = (
    "SELECT progress.lesson_id FROM courses_lessonprogress progress"
    " INNER JOIN courses_enrolment enrolment ON enrolment.id = progress.enrolment_id"
    " WHERE enrolment.user_id = %s AND enrolment.course_id = %s"
    " AND progress.completed_at IS NOT NULL"
)
OWN_STATEMENT_ANSWERS_SQL = (
    "SELECT block_id, agrees FROM courses_statementanswer"
    " WHERE user_id = %s AND lesson_id = %s AND block_id IN ({placeholders})"
)


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def completed_lesson_ids(*, user, course: CoursePage) -> set[int]:
    return {lesson_id for (lesson_id,) in _rows(COMPLETED_LESSONS_SQL, [user.pk, course.pk])}


def own_statement_answers(*, user, lesson: LessonPage, block_ids: list[str]) -> dict[str, bool]:
    """The learner's answer (agrees or not) to each statement of the lesson they answered."""
    if not block_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(block_ids))  # one parameter per statement
    sql = OWN_STATEMENT_ANSWERS_SQL.format(placeholders=placeholders)
    rows = _rows(sql, [user.pk, lesson.pk, *block_ids])
    return {block_id: bool(agrees) for block_id, agrees in rows}


def signal_library_url(*, request: HttpRequest | None = None) -> str:
    def build() -> str:
        library = SignalLibraryPage.objects.live().only("id", "url_path", "path", "depth").first()
        return library.get_url(request) if library else ""

    site = site_for_request(request) if request is not None else None
    return remember(("signal-library-url", site.pk if site else None), build)


def statement_results(
    *, lesson: LessonPage, block_ids: Iterable[str], user, session=None
) -> dict[str, StatementResult]:
    """Per statement: the learner's answer and the share of peers who agreed.

    Within the learner's organisation when at least five colleagues answered, so that a
    share can never be traced to one person; else across the whole platform.
    """
    block_ids = list(block_ids)
    own = {}
    if user.is_authenticated:
        own = own_statement_answers(user=user, lesson=lesson, block_ids=block_ids)
    elif session is not None:
        own = session_statement_answers(session, lesson_id=lesson.pk)
    # The shares are shown only beside the learner's own answer; unanswered statements
    # need no count.
    answered_ids = [block_id for block_id in block_ids if block_id in own]
    rows = _statement_counts(lesson=lesson, block_ids=answered_ids, user=user)
    results = {}
    for block_id in block_ids:
        row = rows.get(block_id, {})
        within = row.get("peer_total", 0) >= PEER_GROUP_MIN_ANSWERS
        results[block_id] = StatementResult(
            answered=block_id in own,
            agrees=own.get(block_id),
            total=row.get("peer_total" if within else "total", 0),
            agreed=row.get("peer_agreed" if within else "agreed", 0),
            within_organisation=within,
        )
    return results


def _statement_counts(*, lesson: LessonPage, block_ids: list[str], user) -> dict[str, dict]:
    if not block_ids:
        return {}
    peers = learner_peers(user) if user.is_authenticated else None
    counts = {
        "total": Count("id"),
        "agreed": Count("id", filter=Q(agrees=True)),
    }
    if peers is not None:
        counts["peer_total"] = Count("id", filter=Q(user__in=peers))
        counts["peer_agreed"] = Count("id", filter=Q(user__in=peers, agrees=True))
    return {
        row["block_id"]: row
        for row in StatementAnswer.objects.filter(lesson=lesson, block_id__in=block_ids)
        .order_by()
        .values("block_id")
        .annotate(**counts)
    }


# Module page and module index


@dataclass(frozen=True)
class LessonRow:
    lesson: LessonPage
    url: str
    is_completed: bool


@dataclass(frozen=True)
class CourseOverview:
    course: CoursePage
    rows: list
    enrolment: Enrolment | None
    certificate: Certificate | None
    is_anonymous: bool

    @property
    def required_count(self) -> int:
        return sum(1 for row in self.rows if row.lesson.is_required)

    @property
    def completed_required_count(self) -> int:
        return sum(1 for row in self.rows if row.lesson.is_required and row.is_completed)

    @property
    def percentage(self) -> int:
        total = self.required_count
        return round(100 * self.completed_required_count / total) if total else 0

    @property
    def has_started(self) -> bool:
        return self.enrolment is not None or any(row.is_completed for row in self.rows)

    @property
    def is_completed(self) -> bool:
        return self.enrolment is not None and self.enrolment.is_completed

    @property
    def continue_row(self) -> LessonRow | None:
        """Where the learner left off: the first lesson not yet completed."""
        return next((row for row in self.rows if not row.is_completed), None)

    @property
    def first_row(self) -> LessonRow | None:
        return self.rows[0] if self.rows else None

    @property
    def can_restart(self) -> bool:
        """A completed module can be taken again once its certificate is no longer valid."""
        return self.is_completed and (self.certificate is None or not self.certificate.is_valid)


def course_overview(*, course: CoursePage, request: HttpRequest) -> CourseOverview:
    user = request.user
    lessons = list(course_lessons(course))
    enrolment = certificate = None
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        completed = completed_lesson_ids(user=user, course=course) if enrolment else set()
        certificate = (
            Certificate.objects.filter(user=user, course=course).order_by("-issued_at").first()
        )
    else:
        completed = session_completed_lesson_ids(request.session, course_id=course.pk)
    rows = [
        LessonRow(lesson=lesson, url=lesson.get_url(request), is_completed=lesson.pk in completed)
        for lesson in lessons
    ]
    return CourseOverview(
        course=course,
        rows=rows,
        enrolment=enrolment,
        certificate=certificate,
        is_anonymous=not user.is_authenticated,
    )


def course_cards_for_index(*, index_page: CourseIndexPage, request: HttpRequest) -> dict:
    """The modules under an index, optionally for one sector, with the learner's status."""
    sectors = list(Sector.objects.all())
    chosen = request.GET.get("sector", "").strip()[:80]
    courses = (
        CoursePage.objects.child_of(index_page).live().prefetch_related("sectors").order_by("path")
    )
    chosen_sector = next((s for s in sectors if s.slug == chosen), None)
    if chosen_sector is not None:
        courses = courses.filter(Q(sectors=chosen_sector) | Q(sectors__isnull=True)).distinct()
    courses = list(courses)
    statuses = {}
    if request.user.is_authenticated:
        statuses = enrolment_status_map(users=[request.user], courses=courses)
    return {
        "courses": [(course, statuses.get((request.user.pk, course.pk))) for course in courses],
        "sectors": sectors,
        "chosen_sector": chosen_sector,
    }


# Learner status, for the dashboard and for organisations


@dataclass(frozen=True)
class EnrolmentStatus:
    enrolment: Enrolment
    completed_required: int
    required: int
    certificate: Certificate | None

    @property
    def course(self) -> CoursePage:
        return self.enrolment.course

    @property
    def is_completed(self) -> bool:
        return self.enrolment.is_completed

    @property
    def percentage(self) -> int:
        if self.is_completed:
            return 100
        return round(100 * self.completed_required / self.required) if self.required else 0


def required_lesson_counts(course_ids: Iterable[int]) -> dict[int, int]:
    """The number of live required lessons per module, in one query."""
    courses = dict(CoursePage.objects.filter(pk__in=course_ids).values_list("path", "pk"))
    if not courses:
        return {}
    step = LessonPage.steplen
    rows = (
        LessonPage.objects.live()
        .filter(is_required=True)
        .annotate(parent_path=Substr("path", 1, Length("path") - step))
        .filter(parent_path__in=list(courses))
        .order_by()
        .values("parent_path")
        .annotate(n=Count("id"))
    )
    return {courses[row["parent_path"]]: row["n"] for row in rows}


def enrolment_status_map(*, users, courses) -> dict[tuple[int, int], EnrolmentStatus]:
    """The status of each of these learners in each of these modules, in four queries.

    Keyed by (user id, course id); learners who have not started a module are absent.
    """
    user_ids = [getattr(user, "pk", user) for user in users]
    course_ids = [getattr(course, "pk", course) for course in courses]
    # Modules passed in as pages are attached to their enrolments instead of being joined
    # in again: a dashboard of thousands of learners would otherwise build a page per row.
    given = {course.pk: course for course in courses if isinstance(course, CoursePage)}
    enrolments = Enrolment.objects.filter(user_id__in=user_ids, course_id__in=course_ids)
    if len(given) < len(course_ids):
        enrolments = enrolments.select_related("course")
    enrolments = list(
        enrolments.annotate(
            completed_required=Count(
                "lesson_progress",
                filter=Q(
                    lesson_progress__completed_at__isnull=False,
                    lesson_progress__lesson__is_required=True,
                    lesson_progress__lesson__live=True,
                ),
            )
        )
    )
    if len(given) == len(course_ids):
        for enrolment in enrolments:
            enrolment.course = given[enrolment.course_id]
    required = required_lesson_counts({enrolment.course_id for enrolment in enrolments})
    certificates = {}
    for certificate in Certificate.objects.filter(
        user_id__in=user_ids, course_id__in=course_ids
    ).order_by("issued_at"):
        certificates[(certificate.user_id, certificate.course_id)] = certificate
    return {
        (enrolment.user_id, enrolment.course_id): EnrolmentStatus(
            enrolment=enrolment,
            completed_required=enrolment.completed_required,
            required=required.get(enrolment.course_id, 0),
            certificate=certificates.get((enrolment.user_id, enrolment.course_id)),
        )
        for enrolment in enrolments
    }


@dataclass(frozen=True)
class Dashboard:
    in_progress: list
    completed: list
    certificates: list


def learner_dashboard(*, user) -> Dashboard:
    """'Mijn leren': modules in progress and completed, and the learner's certificates."""
    enrolments = Enrolment.objects.filter(user=user).values_list("course_id", flat=True)
    statuses = sorted(
        enrolment_status_map(users=[user], courses=list(enrolments)).values(),
        key=lambda status: status.enrolment.started_at,
        reverse=True,
    )
    certificates = list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-issued_at")
    )
    return Dashboard(
        in_progress=[status for status in statuses if not status.is_completed],
        completed=[status for status in statuses if status.is_completed],
        certificates=certificates,
    )


def certificate_for_code(*, code: str) -> Certificate | None:
    return Certificate.objects.select_related("course").filter(code=code[:64]).first()


# Signal library


@dataclass(frozen=True)
class SignalListing:
    signals: list
    total: int

    def by_kind(self) -> list[tuple[str, list]]:
        groups = [
            (label, [s for s in self.signals if s.kind == kind])
            for kind, label in Signal.Kind.choices
        ]
        return [(label, signals) for label, signals in groups if signals]


def signal_library_listing(*, form) -> SignalListing:
    signals = Signal.objects.prefetch_related("sectors").order_by("kind", "title")
    if form is not None and form.is_valid():
        data = form.cleaned_data
        if data.get("sector"):
            signals = signals.filter(sectors=data["sector"])
        if data.get("phase"):
            signals = signals.filter(phase=data["phase"])
        if data.get("category"):
            signals = signals.filter(category=data["category"])
        if data.get("kind"):
            signals = signals.filter(kind=data["kind"])
    signals = list(signals)
    return SignalListing(signals=signals, total=len(signals))


def signal_for_detail(*, slug: str) -> Signal | None:
    return Signal.objects.prefetch_related("sectors").filter(slug=slug).first()


def signals_for_pocket_card(*, sector: Sector) -> list[Signal]:
    return list(
        Signal.objects.filter(sectors=sector).order_by(
            F("kind").desc(), "category", "phase", "title"
        )
    )
