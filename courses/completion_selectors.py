"""Reads for a module's completion rules: what each lesson requires, and what is left to do.

The rules are content: worked out once per module, worker and language until content
changes (`website.cache`). Whether a learner met them is asked per view, one query
per requirement of a lesson that is not yet done.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import ReferenceIndex, TranslatableMixin

from library.completion import Requirement, RequirementStatus, block_requirements, source_of
from website.cache import remember

from .models import CoursePage, LessonPage
from .selectors import CourseOverview, LessonRow, course_for_lesson


@dataclass(frozen=True)
class LessonRules:
    """What one live lesson asks before it counts as complete."""

    lesson_id: int
    is_required: bool
    requirements: tuple[Requirement, ...]


def lessons_are_assessed(rules) -> bool:
    """Whether any required lesson among these holds an assessed activity."""
    return any(rule.is_required and rule.requirements for rule in rules)


def rules_for_lessons(lessons) -> dict[int, LessonRules]:
    return {
        lesson.pk: LessonRules(
            lesson_id=lesson.pk,
            is_required=lesson.is_required,
            requirements=tuple(block_requirements(lesson.body)),
        )
        for lesson in lessons
    }


def course_rules(course: CoursePage) -> dict[int, LessonRules]:
    """The rules of each live lesson of the module, by lesson id."""
    return remember(
        ("course-rules", course.pk, get_language()),
        lambda: rules_for_lessons(LessonPage.objects.child_of(course).live().order_by("path")),
    )


def course_is_assessed(course: CoursePage) -> bool:
    return lessons_are_assessed(course_rules(course).values())


def lessons_requiring(*, instance) -> list[LessonPage]:
    """The live lessons of live modules with a requirement on `instance` (a quiz, a scenario).

    Wagtail's reference index says which lessons point to the object; each lesson's live
    content then decides whether it requires something of it, or only shows it.
    """
    # A lesson's translation may still choose the Dutch scenario, which the learner plays
    # in their own language: the references to every translation of it count.
    translations = (
        list(instance.get_translations(inclusive=True))
        if isinstance(instance, TranslatableMixin)
        else [instance]
    )
    lesson_ids = set()
    for translation in translations:
        lesson_ids.update(
            ReferenceIndex.get_references_to(translation)
            .filter(content_type=ContentType.objects.get_for_model(LessonPage))
            .values_list("object_id", flat=True)
        )
    source = source_of(instance)
    lessons = []
    for lesson in LessonPage.objects.live().filter(pk__in=[int(pk) for pk in lesson_ids]):
        course = course_for_lesson(lesson)
        rules = course_rules(course).get(lesson.pk) if course.live else None
        if rules is not None and any(r.source == source for r in rules.requirements):
            lessons.append(lesson)
    return lessons


@dataclass(frozen=True)
class ChecklistItem:
    """A required lesson, with what it asks and whether that is met."""

    row: LessonRow
    requirements: list[RequirementStatus]

    @property
    def is_done(self) -> bool:
        return self.row.is_completed


@dataclass(frozen=True)
class Checklist:
    items: list[ChecklistItem]
    is_assessed: bool

    @property
    def to_do(self) -> int:
        return sum(1 for item in self.items if not item.is_done)


def course_checklist(*, overview: CourseOverview, request) -> Checklist:
    """Each required lesson of the module with its requirements, ticked where met.

    A lesson that is done needs nothing more, so its requirements are shown as met without
    asking again.
    """
    rules = course_rules(overview.course)
    items = []
    for row in overview.rows:
        rule = rules.get(row.lesson.pk)
        if rule is None or not rule.is_required:
            continue
        items.append(
            ChecklistItem(
                row=row,
                requirements=[
                    RequirementStatus(
                        requirement=requirement,
                        is_met=row.is_completed
                        or requirement.is_met(user=request.user, session=request.session),
                    )
                    for requirement in rule.requirements
                ],
            )
        )
    return Checklist(items=items, is_assessed=lessons_are_assessed(rules.values()))
