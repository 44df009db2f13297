"""Reads for one lesson page: who may open it, and everything on it that depends on the learner.

The blocks that show the learner's own state (quizzes, scenarios, statements, reflections)
load it through `library.learner_state`, once per block type, so that a lesson with many
such blocks costs the queries of a lesson with one of each.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from library.learner_state import learner_states_for, requirement_statuses_for
from website.cache import remember
from website.models import Region
from website.selectors import RegionChoice, region_choice_for_request, regions_for_picker

from .models import CoursePage, LessonPage
from .selectors import (
    completed_lesson_ids,
    course_for_lesson,
    course_lessons,
    session_completed_ids,
    signal_library_url,
)


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
    # The state of each block that shows the learner's own (`library.learner_state`).
    learner_states: dict[str, Any] = field(default_factory=dict)
    chosen_regions: dict = field(default_factory=dict)
    request_region: RegionChoice | None = None
    region_picker: list = field(default_factory=list)
    # What the lesson still asks before it is complete; empty once it is.
    requirements: list = field(default_factory=list)

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
    session = request.session
    lessons = remember(("course-lessons", course.pk), lambda: list(course_lessons(course)))
    if user.is_authenticated:
        completed_ids = completed_lesson_ids(user=user, course=course)
    else:
        completed_ids = session_completed_ids(session, course=course)
    state = LessonState(
        lesson=lesson,
        course=course,
        lessons=lessons,
        completed_ids=completed_ids,
        is_anonymous=not user.is_authenticated,
        is_completed=lesson.pk in completed_ids,
        learner_states=learner_states_for(lesson.body, page=lesson, user=user, session=session),
    )
    if not state.is_completed:
        state.requirements = requirement_statuses_for(
            lesson.body, page=lesson, user=user, session=session, states=state.learner_states
        )

    block_types = {raw["type"] for raw in lesson.body.raw_data}
    if "signal_cards" in block_types:
        state.signal_library_url = signal_library_url(request=request)
    routes = [raw for raw in lesson.body.raw_data if raw["type"] == "reporting_route"]
    if routes:
        chosen_ids = {raw["value"].get("region") for raw in routes} - {None}
        if chosen_ids:
            state.chosen_regions = Region.objects.prefetch_related("contacts").in_bulk(chosen_ids)
        if any(not raw["value"].get("region") for raw in routes):
            state.request_region = region_choice_for_request(request, default=None)
            state.region_picker = list(regions_for_picker())
    return state
