"""Module trees (index, modules, lessons), the signal library page, and lesson bodies."""

import uuid

import factory
from wagtail_factories import PageFactory

from courses.models import CourseIndexPage, CoursePage, LessonPage, SignalLibraryPage

from .quizzes import QuestionFactory, QuizFactory


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Modules"
    slug = "modules"


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    slug = "basis"
    title = factory.LazyAttribute(lambda course: f"Module {course.slug}")
    is_public = False
    certificate_validity_months = 24


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    slug = factory.Sequence(lambda n: f"les-{n}")
    title = factory.LazyAttribute(lambda lesson: f"Les {lesson.slug}")
    is_required = True
    body = factory.LazyFunction(list)

    @classmethod
    def create_numbered(cls, parent, count: int, **fields) -> list[LessonPage]:
        """`count` lessons under `parent`, with the slugs les-1, les-2, ..."""
        return [cls(parent=parent, slug=f"les-{i}", **fields) for i in range(1, count + 1)]


class AssessedLessonPageFactory(LessonPageFactory):
    """A required lesson whose quiz must be passed: the assessment a certificate needs. Its
    quiz is a public one with one question, unless the test gives its own `quiz`."""

    class Params:
        quiz = factory.LazyAttribute(
            lambda lesson: QuizFactory(
                questions=[QuestionFactory()], is_public=True, title=f"Toets {lesson.slug}"
            )
        )

    slug = "toets"
    body = factory.LazyAttribute(lambda lesson: [quiz_block(lesson.quiz)])


class SignalLibraryPageFactory(PageFactory):
    class Meta:
        model = SignalLibraryPage

    title = "Signalen"
    slug = "signalen"


# A lesson's body is StreamField data, not rows: these build its blocks as raw values.


def block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def quiz_block(quiz, *, must_pass=True) -> dict:
    return block("quiz", {"quiz": quiz.pk, "must_pass": must_pass})


def statement_block(text="Iedereen herkent een loverboy.") -> dict:
    return block("statement", {"statement": text, "expert_view": "<p>Dat valt tegen.</p>"})
