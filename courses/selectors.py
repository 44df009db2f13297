"""Reads for modules, the module index and a learner's progress through them.

Each selector loads everything its template needs in a fixed number of queries, whatever
the number of lessons or enrolments. The lesson page's reads are in `courses.lesson_state`,
the state of statement and reflection blocks in `courses.block_state`.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest

from website.cache import remember, site_for_request
from website.models import Sector
from website.translation import default_locale_id, source_locale_page

from .models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    SignalLibraryPage,
)
from .session_progress import session_completed_lesson_ids
from .sql import fetch_rows


def course_for_lesson(lesson: LessonPage) -> CoursePage:
    """The lesson's module; kept in memory until content changes (treat it as read-only)."""
    parent_path = lesson.path[: -lesson.steplen]
    return remember(("course", parent_path), lambda: CoursePage.objects.get(path=parent_path))


def course_lessons(course: CoursePage) -> QuerySet:
    """The live lessons of a module in their order, without their (large) bodies."""
    return LessonPage.objects.child_of(course).live().defer("body").order_by("path")


# Every signed-in lesson view asks which lessons of the module the learner completed; see
# `courses.sql`. tests/courses/test_selectors.py checks it against the ORM's answer.
COMPLETED_LESSONS_SQL = (
    "SELECT progress.lesson_id FROM courses_lessonprogress progress"
    " INNER JOIN courses_enrolment enrolment ON enrolment.id = progress.enrolment_id"
    " WHERE enrolment.user_id = %s AND enrolment.course_id = %s"
    " AND progress.completed_at IS NOT NULL"
)


def record_page(page):
    """The page a learner's records are kept against: the Dutch source of a translation.

    Enrolments, lesson progress, certificates, statement answers and reflections point at
    the Dutch module and lessons, whichever language the learner reads them in. Finishing
    the English lesson completes the lesson; every report counts it once.
    """
    if page.locale_id == default_locale_id():
        return page
    return remember(("record-page", page.pk), lambda: source_locale_page(page))


def lesson_ids_in(course: CoursePage, recorded_ids: set[int]) -> set[int]:
    """Lesson ids as the records hold them (Dutch), as the lessons of `course` are."""
    if course.locale_id == default_locale_id() or not recorded_ids:
        return set(recorded_ids)
    keys = LessonPage.objects.filter(pk__in=recorded_ids).values("translation_key")
    return set(
        LessonPage.objects.filter(translation_key__in=keys, locale_id=course.locale_id).values_list(
            "pk", flat=True
        )
    )


def completed_lesson_ids(*, user, course: CoursePage) -> set[int]:
    """The ids of the lessons of `course` the learner completed, in any of its languages."""
    recorded = {
        lesson_id
        for (lesson_id,) in fetch_rows(COMPLETED_LESSONS_SQL, [user.pk, record_page(course).pk])
    }
    return lesson_ids_in(course, recorded)


def session_completed_ids(session, *, course: CoursePage) -> set[int]:
    """As `completed_lesson_ids`, for a visitor without an account."""
    recorded = session_completed_lesson_ids(session, course_id=record_page(course).pk)
    return lesson_ids_in(course, recorded)


def signal_library_url(*, request: HttpRequest | None = None) -> str:
    def build() -> str:
        library = SignalLibraryPage.objects.live().only("id", "url_path", "path", "depth").first()
        return library.get_url(request) if library else ""

    site = site_for_request(request) if request is not None else None
    return remember(("signal-library-url", site.pk if site else None), build)


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
        recorded = record_page(course)
        enrolment = Enrolment.objects.filter(user=user, course=recorded).first()
        completed = completed_lesson_ids(user=user, course=course) if enrolment else set()
        certificate = (
            Certificate.objects.filter(user=user, course=recorded).order_by("-issued_at").first()
        )
    else:
        completed = session_completed_ids(request.session, course=course)
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
        recorded = [record_page(course) for course in courses]
        statuses = enrolment_status_map(users=[request.user], courses=recorded)
    return {
        "courses": [
            (course, statuses.get((request.user.pk, record_page(course).pk))) for course in courses
        ],
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
