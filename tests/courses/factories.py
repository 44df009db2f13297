"""Builders for module trees and lesson bodies used across the courses tests."""

import uuid

from courses.models import CourseIndexPage, CoursePage, LessonPage, Signal, SignalLibraryPage


def course_index_create(home) -> CourseIndexPage:
    index = CourseIndexPage(title="Modules", slug="modules")
    home.add_child(instance=index)
    return index


def course_create(index, *, slug="basis", public=False, validity=24, **fields) -> CoursePage:
    course = CoursePage(
        title=fields.pop("title", f"Module {slug}"),
        slug=slug,
        is_public=public,
        certificate_validity_months=validity,
        **fields,
    )
    index.add_child(instance=course)
    return course


def lesson_create(course, *, slug, body=None, required=True, **fields) -> LessonPage:
    lesson = LessonPage(
        title=fields.pop("title", f"Les {slug}"),
        slug=slug,
        is_required=required,
        body=body or [],
        **fields,
    )
    course.add_child(instance=lesson)
    return lesson


def lessons_create(course, count: int, **fields) -> list[LessonPage]:
    return [lesson_create(course, slug=f"les-{i}", **fields) for i in range(1, count + 1)]


def block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def statement_block(text="Iedereen herkent een loverboy.") -> dict:
    return block("statement", {"statement": text, "expert_view": "<p>Dat valt tegen.</p>"})


def signal_create(slug="laag-zelfbeeld", **fields) -> Signal:
    return Signal.objects.create(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        category=fields.pop("category", Signal.Category.VICTIM),
        summary=fields.pop("summary", "Een korte samenvatting."),
        **fields,
    )


def library_create(home) -> SignalLibraryPage:
    library = SignalLibraryPage(title="Signalen", slug="signalen")
    home.add_child(instance=library)
    return library
