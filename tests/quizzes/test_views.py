from datetime import timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.utils import timezone, translation

from quizzes.models import Answer, Attempt, Option, Question
from quizzes.services import ATTEMPT_CLOSED, FOREIGN_OPTION, TIME_UP, Taker, attempt_start
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    block,
    correct_ids,
    wrong_ids,
)

pytestmark = pytest.mark.django_db


class FormParser(HTMLParser):
    """Collect every form control and every attribute name on the page."""

    def __init__(self):
        super().__init__()
        self.controls = []
        self.attribute_names = set()

    def handle_starttag(self, tag, attrs):
        self.attribute_names.update(name for name, _value in attrs)
        if tag in ("input", "textarea", "select", "button"):
            self.controls.append(dict(attrs))


def take_url(quiz):
    return f"/quiz/{quiz.pk}/take/"


def english(url):
    return f"/en{url}"


def assert_message(response, message):
    """The English msgid is on the English page (never asserting on Dutch text)."""
    with translation.override("en"):
        assert str(message) in response.content.decode()


def start(client, quiz):
    return client.post(f"/quiz/{quiz.pk}/start/")


def current_question(quiz, learner):
    attempt = Attempt.objects.get(quiz=quiz, user=learner, status="in_progress")
    answered = set(attempt.answers.values_list("question_id", flat=True))
    return Question.objects.get(pk=next(q for q in attempt.question_ids if q not in answered))


class TestNoCorrectnessBeforeAnswering:
    def test_question_page_carries_no_flags_scores_or_explanations(self, client, learner):
        question = QuestionFactory()
        Option.objects.filter(question=question).update(feedback="SECRET-OPTION-FEEDBACK")
        quiz = QuizFactory(questions=[question, QuestionFactory()])
        client.force_login(learner)
        start(client, quiz)

        response = client.get(take_url(quiz))

        html = response.content.decode()
        assert response.status_code == 200
        for secret in ("SECRET-EXPLANATION", "SECRET-OPTION-FEEDBACK", "is_correct", "score"):
            assert secret not in html
        parser = FormParser()
        # The quiz panel, from its start to the end of the answer form.
        start_at = html.index('id="quiz-panel"')
        panel = html[start_at : html.index("</form>", start_at)]
        parser.feed(panel)
        assert {n for n in parser.attribute_names if n.startswith("data-")} <= {"data-quiz-focus"}
        option_inputs = [c for c in parser.controls if c.get("name") == "options"]
        assert sorted(int(c["value"]) for c in option_inputs) == sorted(
            question.options.values_list("pk", flat=True)
        )
        allowed = {"type", "name", "value", "id", "required", "class", "aria-describedby"}
        for control in option_inputs:
            assert set(control) <= allowed
        names = {c.get("name") for c in parser.controls if c.get("name")}
        assert names == {"csrfmiddlewaretoken", "question", "options"}


class TestAnswering:
    def test_posted_score_and_flags_are_ignored(self, client, learner):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question, QuestionFactory()])
        client.force_login(learner)
        start(client, quiz)

        client.post(
            take_url(quiz),
            {
                "question": question.pk,
                "options": wrong_ids(question)[0],
                "score": "1",
                "is_correct": "true",
                "attempt": "999",
            },
        )

        answer = Answer.objects.get()
        assert answer.score == 0 and answer.is_correct is False

    def test_option_of_another_question_gets_400_with_message(self, client, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second])
        client.force_login(learner)
        start(client, quiz)

        response = client.post(
            english(take_url(quiz)), {"question": first.pk, "options": correct_ids(second)[0]}
        )

        assert response.status_code == 400
        assert_message(response, FOREIGN_OPTION)
        assert not Answer.objects.exists()

    def test_question_of_another_learners_attempt_gets_400(self, client, learner, other_learner):
        mine, theirs = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[mine])
        other_quiz = QuizFactory(questions=[theirs])
        attempt_start(quiz=other_quiz, taker=Taker(user=other_learner))
        client.force_login(learner)
        start(client, quiz)

        response = client.post(
            take_url(quiz), {"question": theirs.pk, "options": correct_ids(theirs)[0]}
        )

        assert response.status_code == 400
        assert not Answer.objects.exists()

    def test_ticking_no_sentence_is_an_answer_and_the_field_is_not_optional(self, client, learner):
        question = QuestionFactory(kind=Question.Kind.SPOTTING)
        quiz = QuizFactory(questions=[question, QuestionFactory()], feedback_mode="at_end")
        client.force_login(learner)
        start(client, quiz)
        page = client.get(english(take_url(quiz))).content.decode()
        assert "optional" not in page

        response = client.post(take_url(quiz), {"question": question.pk})

        assert response.status_code == 302
        assert Answer.objects.get().score == 0

    def test_a_question_deleted_during_the_attempt_is_passed_over(self, client, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], feedback_mode="at_end")
        client.force_login(learner)
        start(client, quiz)
        deleted_pk = second.pk
        quiz.fixed_questions.filter(question=second).delete()
        second.delete()

        client.post(take_url(quiz), {"question": first.pk, "options": correct_ids(first)[0]})
        response = client.get(take_url(quiz))
        stale = client.post(
            take_url(quiz), {"question": deleted_pk, "options": correct_ids(first)[0]}
        )

        attempt = Attempt.objects.get()
        assert response.status_code == 302 and response.url == attempt.get_absolute_url()
        assert attempt.status == "completed" and attempt.score == 100
        assert stale.status_code == 400

    def test_garbage_gets_400_not_500(self, client, learner):
        quiz = QuizFactory(questions=[QuestionFactory()])
        client.force_login(learner)
        start(client, quiz)
        for data in ({"question": "abc"}, {"question": "", "options": "x"}, {}):
            assert client.post(take_url(quiz), data).status_code == 400
        question = current_question(quiz, learner)
        assert (
            client.post(take_url(quiz), {"question": question.pk, "options": "x"}).status_code
            == 400
        )
        assert not Answer.objects.exists()

    def test_replay_after_the_end_changes_nothing_and_a_new_answer_is_refused(
        self, client, learner
    ):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], feedback_mode="at_end")
        client.force_login(learner)
        start(client, quiz)
        client.post(take_url(quiz), {"question": first.pk, "options": correct_ids(first)[0]})
        response = client.post(
            take_url(quiz), {"question": second.pk, "options": wrong_ids(second)[0]}
        )
        attempt = Attempt.objects.get()
        assert response.status_code == 302 and response.url == attempt.get_absolute_url()

        replay = client.post(
            take_url(quiz), {"question": second.pk, "options": correct_ids(second)[0]}
        )

        assert replay.status_code == 302
        assert Answer.objects.count() == 2
        assert Answer.objects.get(question=second).score == 0

    def test_answer_to_a_finished_attempt_is_refused_with_409(self, client, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second])
        client.force_login(learner)
        start(client, quiz)
        Attempt.objects.update(status="completed")

        response = client.post(
            english(take_url(quiz)), {"question": second.pk, "options": correct_ids(second)[0]}
        )

        assert response.status_code == 409
        assert_message(response, ATTEMPT_CLOSED)
        assert not Answer.objects.exists()

    def test_answer_after_the_time_limit_is_refused_with_409(self, client, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], time_limit_minutes=2)
        client.force_login(learner)
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            start(client, quiz)
            traveller.shift(timedelta(minutes=3))
            response = client.post(
                english(take_url(quiz)), {"question": first.pk, "options": correct_ids(first)[0]}
            )

        assert response.status_code == 409
        assert_message(response, TIME_UP)
        assert not Answer.objects.exists()
        assert Attempt.objects.get().status == "completed"

    def test_feedback_after_each_question_shows_explanation_after_answering(self, client, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], feedback_mode="after_each")
        client.force_login(learner)
        start(client, quiz)
        attempt = Attempt.objects.get()
        feedback_url = f"/quiz/attempt/{attempt.pk}/feedback/{second.pk}/"
        assert client.get(feedback_url).status_code == 404

        response = client.post(
            take_url(quiz), {"question": first.pk, "options": correct_ids(first)[0]}
        )

        assert response.url == f"/quiz/attempt/{attempt.pk}/feedback/{first.pk}/"
        page = client.get(response.url).content.decode()
        assert "SECRET-EXPLANATION" in page
        assert "quizzes-option--correct" in page

    def test_feedback_only_at_the_end_has_no_per_question_page(self, client, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], feedback_mode="at_end")
        client.force_login(learner)
        start(client, quiz)
        response = client.post(
            take_url(quiz), {"question": first.pk, "options": correct_ids(first)[0]}
        )
        attempt = Attempt.objects.get()
        assert response.url == take_url(quiz)
        assert client.get(f"/quiz/attempt/{attempt.pk}/feedback/{first.pk}/").status_code == 404
        assert client.get(attempt.get_absolute_url()).status_code == 302

    def test_correct_answers_hidden_when_the_quiz_says_so(self, client, learner):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question], show_correct_answers=False, feedback_mode="at_end")
        client.force_login(learner)
        start(client, quiz)
        client.post(take_url(quiz), {"question": question.pk, "options": wrong_ids(question)[0]})
        page = client.get(Attempt.objects.get().get_absolute_url()).content.decode()
        assert "quizzes-option--correct" not in page
        assert "SECRET-EXPLANATION" in page


class TestAccess:
    def test_draft_quiz_is_invisible(self, client, learner):
        quiz = QuizFactory(questions=[QuestionFactory()], live=False)
        client.force_login(learner)
        assert client.get(f"/quiz/{quiz.pk}/").status_code == 404
        assert start(client, quiz).status_code == 404

    def test_non_public_quiz_asks_anonymous_visitors_to_log_in(self, client):
        quiz = QuizFactory(questions=[QuestionFactory()])
        response = start(client, quiz)
        assert response.status_code == 302 and "/account/login/" in response.url
        assert not Attempt.objects.exists()

    def test_anonymous_visitor_resumes_within_the_session(self, client):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], is_public=True, feedback_mode="at_end")
        start(client, quiz)
        client.post(take_url(quiz), {"question": first.pk, "options": correct_ids(first)[0]})

        page = client.get(take_url(quiz)).content.decode()

        assert second.text in page and first.text not in page
        attempt = Attempt.objects.get()
        assert attempt.user is None and attempt.visitor_key
        stranger = client.__class__()
        assert stranger.get(take_url(quiz)).status_code == 302
        assert stranger.get(f"/quiz/attempt/{attempt.pk}/").status_code == 404

    def test_results_of_others_need_the_permission(self, client, learner, other_learner, trainer):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question])
        attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
        client.force_login(other_learner)
        assert client.get(f"/quiz/attempt/{attempt.pk}/").status_code == 404
        client.force_login(trainer)
        assert client.get(f"/quiz/attempt/{attempt.pk}/").status_code == 404  # not finished
        client.force_login(learner)
        client.post(take_url(quiz), {"question": question.pk, "options": correct_ids(question)[0]})
        client.force_login(trainer)
        assert client.get(f"/quiz/attempt/{attempt.pk}/").status_code == 200
        client.force_login(other_learner)
        assert client.get("/quiz/trainer/results/").status_code == 403
        assert client.get("/quiz/trainer/marking/").status_code == 403
        assert client.get(f"/quiz/trainer/statistics/{quiz.pk}/").status_code == 403


class TestTrainerPages:
    def test_marking_page_filters_by_quiz_and_learner_and_marks(
        self, client, learner, other_learner, trainer
    ):
        essay_one, essay_two = (
            QuestionFactory(kind=Question.Kind.ESSAY),
            QuestionFactory(kind=Question.Kind.ESSAY),
        )
        quiz_one = QuizFactory(questions=[essay_one])
        quiz_two = QuizFactory(questions=[essay_two])
        for user in (learner, other_learner):
            for quiz, question in ((quiz_one, essay_one), (quiz_two, essay_two)):
                client.force_login(user)
                start(client, quiz)
                client.post(take_url(quiz), {"question": question.pk, "text": f"By {user.email}"})
        client.force_login(trainer)

        response = client.get("/quiz/trainer/marking/", {"quiz": quiz_one.pk, "learner": "ander"})

        answers = list(response.context["answers"])
        assert [(a.attempt.quiz, a.attempt.user) for a in answers] == [(quiz_one, other_learner)]
        answer = answers[0]
        # The column is the mark (a noun); an unmarked answer's link is the action.
        html = response.content.decode()
        assert ">Beoordeling</th>" in html
        assert f'href="/quiz/trainer/marking/{answer.pk}/">Beoordelen</a>' in html
        assert (
            client.post(f"/quiz/trainer/marking/{answer.pk}/", {"mark": "bogus"}).status_code == 400
        )
        client.post(f"/quiz/trainer/marking/{answer.pk}/", {"mark": "correct", "comment": "Goed"})
        answer.refresh_from_db()
        assert answer.score == 1 and answer.mark == "correct"
        attempt = Attempt.objects.get(pk=answer.attempt_id)
        assert attempt.status == "completed" and attempt.passed is True

    def test_results_view_and_item_statistics(self, client, learner, other_learner, trainer):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question])
        for user, option in (
            (learner, correct_ids(question)[0]),
            (other_learner, wrong_ids(question)[0]),
        ):
            client.force_login(user)
            start(client, quiz)
            client.post(take_url(quiz), {"question": question.pk, "options": option})
        client.force_login(trainer)

        results = client.get("/quiz/trainer/results/", {"quiz": quiz.pk})
        statistics = client.get(f"/quiz/trainer/statistics/{quiz.pk}/")

        assert len(results.context["attempts"]) == 2
        (item,) = statistics.context["items"]
        assert item.answers == 2 and item.share_correct == 0.5
        chosen = {row.option.pk: row.chosen for row in item.options}
        assert chosen[correct_ids(question)[0]] == 1 and chosen[wrong_ids(question)[0]] == 1


def test_trainer_results_are_paged_and_keep_the_filter(client, trainer):
    from accounts.models import User

    quiz = QuizFactory(questions=[QuestionFactory()])
    for index in range(55):
        user = User.objects.create_user(email=f"learner{index}@example.org", password="x")
        attempt_start(quiz=quiz, taker=Taker(user=user))
    client.force_login(trainer)

    first = client.get("/quiz/trainer/results/", {"quiz": quiz.pk})
    second = client.get("/quiz/trainer/results/", {"quiz": quiz.pk, "page": 2})

    assert len(first.context["attempts"]) == 50 and len(second.context["attempts"]) == 5
    assert f"?quiz={quiz.pk}&amp;page=2" in first.content.decode()


def test_a_quiz_page_leads_to_the_lessons_that_hold_it(client, home_page):
    quiz = QuizFactory(questions=[QuestionFactory()], is_public=True)
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="onderweg", is_public=True
    )
    lesson = LessonPageFactory(
        parent=course,
        slug="wie-bel-je",
        title="Wie bel je?",
        body=[block("quiz", {"quiz": quiz.pk, "heading": "", "must_pass": True})],
    )
    lesson.save_revision().publish()
    html = client.get(f"/quiz/{quiz.pk}/").content.decode()
    assert "Deze toets hoort bij" in html
    assert f'href="{lesson.url}"' in html


def test_a_quiz_in_no_lesson_leads_home(client, home_page):
    quiz = QuizFactory(questions=[QuestionFactory()], is_public=True)
    html = client.get(f"/quiz/{quiz.pk}/").content.decode()
    assert "Deze toets hoort bij" not in html
    assert "Terug naar de startpagina" in html
