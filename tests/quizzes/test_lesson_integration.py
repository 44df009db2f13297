"""A quiz block in a lesson: the lesson is complete only once the quiz is passed."""

import pytest

from courses.blocks import LessonBodyBlock
from courses.services import lesson_requirements_missing
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    block,
    correct_ids,
)

pytestmark = pytest.mark.django_db


def test_lessons_offer_the_quiz_block():
    assert "quiz" in LessonBodyBlock.base_blocks


def test_lesson_with_a_quiz_that_must_be_passed(client, home_page, learner):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), is_public=True)
    lesson = LessonPageFactory(
        parent=course, slug="toets", body=[block("quiz", {"quiz": quiz.pk, "must_pass": True})]
    )
    assert len(lesson_requirements_missing(user=learner, lesson=lesson)) == 1

    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    answer_submit(attempt=attempt, question_id=question.pk, option_ids=correct_ids(question))

    assert lesson_requirements_missing(user=learner, lesson=lesson) == []
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert quiz.get_absolute_url() in response.content.decode()
