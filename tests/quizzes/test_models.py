"""The rules the quiz models keep themselves: pass mark, true-or-false options, fields per
type, image alt text, and a question in a bank or in one quiz."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from quizzes.forms import option_problems
from quizzes.models import Attempt, Question, Quiz, QuizDraw
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import QuestionBankFactory, QuestionFactory, QuizFactory, correct_ids

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    with translation.override("en"):
        return {field: [str(m) for m in found] for field, found in error.message_dict.items()}


@pytest.mark.parametrize("pass_mark", [-1, 101, 250])
def test_a_pass_mark_outside_0_to_100_is_refused_by_the_model(pass_mark):
    quiz = QuizFactory.build(pass_mark=pass_mark)
    with pytest.raises(ValidationError) as refused:
        quiz.full_clean()
    assert messages(refused.value)["pass_mark"] == ["The pass mark is a percentage from 0 to 100."]


@pytest.mark.parametrize("pass_mark", [0, 100])
def test_a_pass_mark_of_0_or_100_is_accepted(pass_mark):
    QuizFactory.build(pass_mark=pass_mark).full_clean(exclude=["live", "first_published_at"])


def test_the_database_refuses_a_pass_mark_above_100_written_past_the_model():
    quiz = QuizFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quiz.objects.filter(pk=quiz.pk).update(pass_mark=101)


@pytest.mark.parametrize(("statement", "correct"), [(True, "Waar"), (False, "Niet waar")])
def test_a_true_or_false_question_makes_its_two_options(statement, correct):
    question = QuestionFactory(kind=Question.Kind.TRUE_FALSE, statement_is_true=statement)

    options = list(question.options.order_by("sort_order"))

    assert [option.text for option in options] == ["Waar", "Niet waar"]
    assert [option.text for option in options if option.is_correct] == [correct]


def test_the_options_are_dutch_whatever_language_the_trainer_works_in():
    with translation.override("en"):
        question = QuestionFactory(kind=Question.Kind.TRUE_FALSE)
    assert list(question.options.values_list("text", flat=True)) == ["Waar", "Niet waar"]


def test_changing_the_answer_keeps_the_options_that_learners_chose():
    question = QuestionFactory(kind=Question.Kind.TRUE_FALSE, statement_is_true=True)
    before = list(question.options.order_by("sort_order").values_list("pk", flat=True))

    question.statement_is_true = False
    question.save()

    after = list(question.options.order_by("sort_order").values_list("pk", "is_correct"))
    assert after == [(before[0], False), (before[1], True)]


def test_saving_only_some_fields_still_saves_the_options_the_type_makes():
    question = QuestionFactory(kind=Question.Kind.SINGLE)
    question.kind = Question.Kind.TRUE_FALSE
    question.statement_is_true = False
    question.save(update_fields=["kind", "statement_is_true"])

    fresh = Question.objects.get(pk=question.pk)
    assert list(fresh.options.values_list("text", "is_correct")) == [
        ("Waar", False),
        ("Niet waar", True),
    ]
    assert fresh.options.filter(sort_order__gte=2).count() == 0


def test_a_single_answer_question_turned_true_or_false_gets_waar_and_niet_waar():
    question = QuestionFactory(kind=Question.Kind.SINGLE)
    assert question.options.count() == 3

    question.kind = Question.Kind.TRUE_FALSE
    question.statement_is_true = True
    question.save()

    assert list(question.options.values_list("text", "is_correct")) == [
        ("Waar", True),
        ("Niet waar", False),
    ]


def test_an_essay_keeps_no_options_and_no_true_or_false_answer():
    question = QuestionFactory(kind=Question.Kind.SINGLE)
    question.kind = Question.Kind.ESSAY
    question.statement_is_true = True
    question.save()
    question.refresh_from_db()
    assert question.options.count() == 0
    assert question.statement_is_true is None


def test_cleaning_drops_the_true_or_false_answer_of_another_type():
    question = QuestionFactory.build(kind=Question.Kind.SINGLE, statement_is_true=True)
    question.clean()
    assert question.statement_is_true is None


def test_a_true_or_false_question_needs_its_answer():
    question = QuestionFactory.build(kind=Question.Kind.TRUE_FALSE, statement_is_true=None)
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert messages(refused.value) == {
        "statement_is_true": ["Choose whether the statement is true or not true."]
    }


def test_options_typed_for_true_or_false_or_an_essay_are_not_checked():
    assert option_problems("true_false", [("Soms", True)]) == []
    assert option_problems("essay", [("a", True)]) == []
    with translation.override("en"):
        assert option_problems("single", [("a", True)]) == ["Add at least two options."]


@pytest.fixture
def image():
    return get_image_model().objects.create(
        title="Taxi bij nacht",
        file=get_test_image_file(),
        collection=Collection.get_first_root_node(),
    )


def test_an_image_needs_alt_text(image):
    question = QuestionFactory.build(image=image, image_alt="  ")
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert messages(refused.value) == {
        "image_alt": ["Describe what the image shows, for learners who cannot see it (alt text)."]
    }


def test_an_image_with_alt_text_is_accepted_and_alt_text_alone_is_dropped(image):
    with_image = QuestionFactory.build(image=image, image_alt="Een meisje stapt in een taxi.")
    with_image.clean()
    without = QuestionFactory.build(image=None, image_alt="Vergeten tekst")
    without.clean()
    assert with_image.image_alt == "Een meisje stapt in een taxi."
    assert without.image_alt == ""


def test_a_question_is_in_a_bank_or_in_a_quiz_not_both():
    quiz = QuizFactory()
    question = QuestionFactory.build(bank=QuestionBankFactory(), quiz=quiz)
    with pytest.raises(ValidationError):
        question.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        question.save()


def test_an_attempt_gets_the_quiz_own_questions_then_bank_questions_then_draws(learner):
    bank_question = QuestionFactory()
    quiz = QuizFactory(questions=[bank_question])
    second = QuestionFactory(bank=None, quiz=quiz, sort_order=1)
    first = QuestionFactory(bank=None, quiz=quiz, sort_order=0)
    drawn = QuestionFactory()
    QuizDraw.objects.create(quiz=quiz, count=1, bank=drawn.bank)

    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))

    assert attempt.question_ids == [first.pk, second.pk, bank_question.pk, drawn.pk]


def test_a_draw_never_takes_another_quiz_own_question():
    other_quiz = QuizFactory()
    own = QuestionFactory(bank=None, quiz=other_quiz)
    in_bank = QuestionFactory()
    quiz = QuizFactory()
    draw = QuizDraw(quiz=quiz, count=5)
    assert list(draw.candidates()) == [in_bank]
    assert own not in draw.candidates()


def test_deleting_a_quiz_with_answered_own_questions_deletes_their_answers(learner):
    quiz = QuizFactory()
    question = QuestionFactory(bank=None, quiz=quiz)
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    answer_submit(attempt=attempt, question_id=question.pk, option_ids=correct_ids(question))

    quiz.delete()

    assert not Question.objects.filter(pk=question.pk).exists()
    assert not Attempt.objects.exists()
