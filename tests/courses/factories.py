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


def quiz_block(quiz, *, must_pass=True) -> dict:
    return block("quiz", {"quiz": quiz.pk, "must_pass": must_pass})


def assessed_lesson_create(course, *, slug="toets", quiz=None, **fields) -> LessonPage:
    """A required lesson whose quiz must be passed: the assessment a certificate needs."""
    from tests.quizzes.factories import quiz_with, single

    quiz = quiz or quiz_with([single()], is_public=True, title=f"Toets {slug}")
    return lesson_create(course, slug=slug, body=[quiz_block(quiz)], **fields)


def requirements_meet(user, lesson) -> None:
    """Pass every quiz the lesson requires, answering each question right."""
    from quizzes.models import Question
    from quizzes.services import Taker, answer_submit, attempt_start
    from tests.quizzes.factories import correct_ids

    for child in lesson.body:
        if child.block_type == "quiz" and child.value.get("must_pass"):
            attempt = attempt_start(quiz=child.value["quiz"], taker=Taker(user=user))
            for question in Question.objects.filter(pk__in=attempt.question_ids):
                answer_submit(
                    attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)
                )


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
