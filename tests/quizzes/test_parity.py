"""Parity with django-quiz-app: each feature of its feature list, named and exercised.

django-quiz-app (0.5.1) cannot be installed on Django 5; these tests show that our engine
does everything it did. Features beyond it are tested in the other modules.
"""

import pytest

from quizzes.models import Answer, Attempt, Question
from quizzes.selectors import category_progress
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import QuestionFactory, QuizFactory, SignalFactory, correct_ids, wrong_ids

pytestmark = pytest.mark.django_db


def take(client, quiz, answers):
    """Start the quiz over HTTP and answer: {question: option ids or essay text}."""
    client.post(f"/quiz/{quiz.pk}/start/")
    for question, answer in answers.items():
        data = {"question": question.pk}
        if isinstance(answer, str):
            data["text"] = answer
        else:
            data["options"] = answer
        client.post(f"/quiz/{quiz.pk}/take/", data)
    return Attempt.objects.filter(quiz=quiz).order_by("-pk").first()


def test_randomised_question_order():
    questions = [QuestionFactory() for _ in range(10)]
    quiz = QuizFactory(questions=questions, random_order=True)
    orders = {
        tuple(attempt_start(quiz=quiz, taker=Taker(visitor_key=f"v{i}")).question_ids)
        for i in range(5)
    }
    assert len(orders) > 1


def test_results_stored_per_user(client, learner, other_learner):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    client.force_login(learner)
    take(client, quiz, {question: correct_ids(question)})
    client.force_login(other_learner)
    take(client, quiz, {question: wrong_ids(question)[:1]})
    scores = dict(Attempt.objects.values_list("user__email", "score"))
    assert scores == {learner.email: 100, other_learner.email: 0}


def test_previous_scores_per_category(learner):
    victim = SignalFactory(category="victim")
    context = SignalFactory(category="context")
    right, wrong = QuestionFactory(signals=[victim]), QuestionFactory(signals=[context])
    quiz = QuizFactory(questions=[right, wrong])
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    answer_submit(attempt=attempt, question_id=right.pk, option_ids=correct_ids(right))
    answer_submit(attempt=attempt, question_id=wrong.pk, option_ids=wrong_ids(wrong)[:1])
    percent = {c.category: c.percent for c in category_progress(user=learner).categories}
    assert percent == {"victim": 100, "perpetrator": 0, "context": 0}


@pytest.mark.parametrize("mode", ["after_each", "at_end"])
def test_answers_after_each_question_or_at_the_end(client, learner, mode):
    first, second = QuestionFactory(), QuestionFactory()
    quiz = QuizFactory(questions=[first, second], feedback_mode=mode)
    client.force_login(learner)
    client.post(f"/quiz/{quiz.pk}/start/")
    response = client.post(
        f"/quiz/{quiz.pk}/take/", {"question": first.pk, "options": correct_ids(first)}
    )
    shows_feedback = "/feedback/" in response.url
    assert shows_feedback == (mode == "after_each")


def test_resume_an_incomplete_quiz(client, learner):
    first, second = QuestionFactory(), QuestionFactory()
    quiz = QuizFactory(questions=[first, second], feedback_mode="at_end")
    client.force_login(learner)
    take(client, quiz, {first: correct_ids(first)})
    client.logout()
    client.force_login(learner)
    client.post(f"/quiz/{quiz.pk}/start/")
    assert client.get(f"/quiz/{quiz.pk}/take/").context["question"] == second
    assert Attempt.objects.count() == 1


def test_anonymous_users_resume_within_their_session(client):
    first, second = QuestionFactory(), QuestionFactory()
    quiz = QuizFactory(questions=[first, second], feedback_mode="at_end", is_public=True)
    take(client, quiz, {first: correct_ids(first)})
    assert client.get(f"/quiz/{quiz.pk}/").context["open_attempt"] is not None
    assert client.get(f"/quiz/{quiz.pk}/take/").context["question"] == second


def test_single_attempt(client, learner):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question], max_attempts=1)
    client.force_login(learner)
    take(client, quiz, {question: correct_ids(question)})
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403
    assert Attempt.objects.count() == 1


def test_categories(learner):
    signal = SignalFactory(category="perpetrator")
    question = QuestionFactory(signals=[signal])
    assert list(question.signals.values_list("category", flat=True)) == ["perpetrator"]


def test_per_category_progress_page(client, learner):
    signal = SignalFactory(title="Sudden expensive gifts", category="perpetrator")
    question = QuestionFactory(signals=[signal])
    quiz = QuizFactory(questions=[question])
    client.force_login(learner)
    take(client, quiz, {question: correct_ids(question)})
    response = client.get("/quiz/progress/")
    assert response.status_code == 200
    assert "Sudden expensive gifts" in response.content.decode()


def test_explanations(client, learner):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question], feedback_mode="at_end")
    client.force_login(learner)
    attempt = take(client, quiz, {question: correct_ids(question)})
    assert "SECRET-EXPLANATION" in client.get(attempt.get_absolute_url()).content.decode()


def test_pass_marks(learner):
    questions = [QuestionFactory() for _ in range(4)]
    quiz = QuizFactory(questions=questions, pass_mark=75)
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    for index, question in enumerate(questions):
        ids = wrong_ids(question)[:1] if index == 0 else correct_ids(question)
        answer_submit(attempt=attempt, question_id=question.pk, option_ids=ids)
    attempt.refresh_from_db()
    assert attempt.score == 75 and attempt.passed is True


def test_multiple_choice(learner):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    submission = answer_submit(
        attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)
    )
    assert submission.answer.is_correct is True


def test_true_false(learner):
    question = QuestionFactory(kind=Question.Kind.TRUE_FALSE)
    assert question.options.count() == 2
    quiz = QuizFactory(questions=[question])
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    submission = answer_submit(
        attempt=attempt, question_id=question.pk, option_ids=wrong_ids(question)
    )
    assert submission.answer.score == 0


def test_essay(client, learner):
    question = QuestionFactory(kind=Question.Kind.ESSAY)
    quiz = QuizFactory(questions=[question])
    client.force_login(learner)
    attempt = take(client, quiz, {question: "Ik zou eerst overleggen."})
    assert Answer.objects.get().text == "Ik zou eerst overleggen."
    assert attempt.status == Attempt.Status.AWAITING_MARKING


def test_custom_pass_and_fail_text(client, learner):
    question = QuestionFactory()
    quiz = QuizFactory(
        questions=[question],
        pass_text="<p>PASS-TEXT</p>",
        fail_text="<p>FAIL-TEXT</p>",
        max_attempts=0,
    )
    client.force_login(learner)
    failed = take(client, quiz, {question: wrong_ids(question)[:1]})
    passed = take(client, quiz, {question: correct_ids(question)})
    assert "FAIL-TEXT" in client.get(failed.get_absolute_url()).content.decode()
    assert "PASS-TEXT" in client.get(passed.get_absolute_url()).content.decode()


def test_permission_to_view_others_results(client, learner, other_learner, trainer):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    client.force_login(learner)
    attempt = take(client, quiz, {question: correct_ids(question)})
    client.force_login(other_learner)
    assert client.get(attempt.get_absolute_url()).status_code == 404
    client.force_login(trainer)
    assert client.get(attempt.get_absolute_url()).status_code == 200


def test_marking_page_filtered_by_quiz_or_user(client, learner, other_learner, trainer):
    question_one, question_two = (
        QuestionFactory(kind=Question.Kind.ESSAY),
        QuestionFactory(kind=Question.Kind.ESSAY),
    )
    quiz_one, quiz_two = (
        QuizFactory(questions=[question_one]),
        QuizFactory(questions=[question_two]),
    )
    for user in (learner, other_learner):
        client.force_login(user)
        take(client, quiz_one, {question_one: "Antwoord"})
        take(client, quiz_two, {question_two: "Antwoord"})
    client.force_login(trainer)
    by_quiz = client.get("/quiz/trainer/marking/", {"quiz": quiz_two.pk}).context["answers"]
    by_user = client.get("/quiz/trainer/marking/", {"learner": "leerling"}).context["answers"]
    assert {a.attempt.quiz for a in by_quiz} == {quiz_two} and len(by_quiz) == 2
    assert {a.attempt.user for a in by_user} == {learner} and len(by_user) == 2
    assert Question.objects.filter(kind="essay").count() == 2
