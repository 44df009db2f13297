import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail import blocks

from library.completion import Requirement, block_requirements
from library.learner_state import CONTEXT_KEY as LEARNER_STATES
from quizzes.blocks import QuizBlock
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import QuestionFactory, QuizFactory, correct_ids, wrong_ids

pytestmark = pytest.mark.django_db


class LessonLikeBody(blocks.StreamBlock):
    """Stands in for the lesson body, which lists QuizBlock among its blocks."""

    quiz = QuizBlock()


def take(quiz, user, *, right: bool):
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    for question_id in attempt.question_ids:
        question = quiz.fixed_questions.get(question_id=question_id).question
        options = correct_ids(question) if right else wrong_ids(question)[:1]
        answer_submit(attempt=attempt, question_id=question_id, option_ids=options)


def test_no_requirement_unless_the_quiz_must_be_passed():
    quiz = QuizFactory(questions=[QuestionFactory()])
    block = QuizBlock()
    assert block.completion_requirement(block.to_python({"quiz": quiz.pk})) is None
    assert block.completion_requirement(block.to_python({"quiz": None, "must_pass": True})) is None


def test_requirement_is_met_once_the_counting_attempt_passed(learner):
    quiz = QuizFactory(questions=[QuestionFactory()], counting_attempt="last")
    body = LessonLikeBody()
    value = body.to_python([{"type": "quiz", "value": {"quiz": quiz.pk, "must_pass": True}}])

    (requirement,) = block_requirements(value)

    assert isinstance(requirement, Requirement)
    assert quiz.title in requirement.label
    assert requirement.is_met(user=learner) is False
    take(quiz, learner, right=True)
    assert requirement.is_met(user=learner) is True
    take(quiz, learner, right=False)  # the last attempt counts, and it failed
    assert requirement.is_met(user=learner) is False


def test_block_renders_a_link_and_the_learners_result(learner):
    quiz = QuizFactory(questions=[QuestionFactory()])
    take(quiz, learner, right=True)
    request = RequestFactory().get("/")
    request.user = learner
    request.session = {}
    block = QuizBlock()
    value = block.to_python({"quiz": quiz.pk, "must_pass": True})
    states = block.learner_states({"b1": value}, page=None, user=learner, session={})

    with translation.override("en"):
        html = block.render(value, {"request": request, "block_id": "b1", LEARNER_STATES: states})

    assert quiz.get_absolute_url() in html
    assert "Your result: 1 of 1 point" in html


def test_draft_quiz_renders_nothing():
    quiz = QuizFactory(questions=[QuestionFactory()], live=False)
    block = QuizBlock()
    assert block.render(block.to_python({"quiz": quiz.pk}), {}).strip() == ""


def test_block_has_admin_metadata_and_a_preview():
    QuizFactory(questions=[QuestionFactory()])
    block = QuizBlock()
    assert block.meta.icon and block.meta.description and block.meta.template
    assert block.get_preview_value().live_quiz() is not None
