from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.models import Answer, AnswerSelection, Attempt, Question, QuizDraw
from quizzes.services import (
    ATTEMPT_CLOSED,
    ATTEMPTS_EXHAUSTED,
    FOREIGN_OPTION,
    QUESTION_NOT_IN_ATTEMPT,
    QUIZ_UNAVAILABLE,
    TIME_UP,
    AnswerRefused,
    AttemptClosed,
    AttemptsExhausted,
    NoAttempt,
    QuizUnavailable,
    Taker,
    TimeUp,
    answer_mark,
    answer_submit,
    answer_submit_for_taker,
    attempt_start,
    attempts_claim,
    grade,
)
from tests.factories import (
    QuestionBankFactory,
    QuestionFactory,
    QuizFactory,
    SignalFactory,
    correct_ids,
    wrong_ids,
)

pytestmark = pytest.mark.django_db


def answer_all_correctly(attempt):
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        if question.kind == Question.Kind.ESSAY:
            answer_submit(attempt=attempt, question_id=question.pk, option_ids=[], text="My view")
        else:
            answer_submit(
                attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)
            )
    attempt.refresh_from_db()
    return attempt


class TestGrade:
    def test_single_answer_is_all_or_nothing(self):
        question = QuestionFactory()
        options = question.options.all()
        assert grade(kind="single", options=options, selected_ids=correct_ids(question)) == (
            1,
            True,
        )
        assert grade(kind="single", options=options, selected_ids=wrong_ids(question)[:1]) == (
            0,
            False,
        )

    def test_spotting_is_graded_per_sentence_and_wrong_ticks_cost(self):
        question = QuestionFactory(kind=Question.Kind.SPOTTING)
        options = question.options.all()
        signals, noise = correct_ids(question), wrong_ids(question)
        assert grade(kind="spotting", options=options, selected_ids=signals) == (1, True)
        assert grade(kind="spotting", options=options, selected_ids=signals[:1]) == (0.5, False)
        # Ticking every sentence does not pay: two hits minus two false alarms.
        assert grade(kind="spotting", options=options, selected_ids=signals + noise) == (0, False)
        assert grade(kind="spotting", options=options, selected_ids=[]) == (0, False)

    def test_case_without_signals_is_right_when_nothing_is_ticked(self):
        question = QuestionFactory(kind=Question.Kind.SPOTTING)
        question.options.update(is_correct=False)
        options = question.options.all()
        assert grade(kind="spotting", options=options, selected_ids=[]) == (1, True)
        assert grade(kind="spotting", options=options, selected_ids=[options[0].pk]) == (0, False)

    def test_essay_waits_for_a_trainer(self):
        assert grade(kind="essay", options=[], selected_ids=[], text="x") == (None, None)


class TestAttemptStart:
    def test_starting_twice_resumes_the_open_attempt(self, auto_quiz, learner):
        first = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        again = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        assert first.pk == again.pk
        assert Attempt.objects.count() == 1

    def test_anonymous_visitors_are_kept_apart_by_their_key(self, auto_quiz):
        one = attempt_start(quiz=auto_quiz, taker=Taker(visitor_key="a" * 20))
        two = attempt_start(quiz=auto_quiz, taker=Taker(visitor_key="b" * 20))
        assert one.pk != two.pk
        assert one.user is None and one.visitor_key == "a" * 20

    def test_draft_quiz_cannot_be_started(self, auto_quiz, learner):
        auto_quiz.live = False
        auto_quiz.save()
        with pytest.raises(QuizUnavailable) as refused:
            attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        assert refused.value.message == QUIZ_UNAVAILABLE

    def test_maximum_attempts_is_enforced(self, auto_quiz, learner):
        auto_quiz.max_attempts = 1
        auto_quiz.save()
        answer_all_correctly(attempt_start(quiz=auto_quiz, taker=Taker(user=learner)))
        with pytest.raises(AttemptsExhausted) as refused:
            attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        assert refused.value.message == ATTEMPTS_EXHAUSTED

    def test_random_draw_takes_n_distinct_questions_from_the_category(self, learner):
        bank = QuestionBankFactory()
        victim = SignalFactory(category="victim")
        context = SignalFactory(category="context")
        victim_questions = {QuestionFactory(bank=bank, signals=[victim]).pk for _ in range(5)}
        for _ in range(3):
            QuestionFactory(bank=bank, signals=[context])
        fixed = QuestionFactory()
        quiz = QuizFactory(questions=[fixed])
        QuizDraw.objects.create(quiz=quiz, count=3, bank=bank, signal_category="victim")
        attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
        assert attempt.question_ids[0] == fixed.pk
        drawn = attempt.question_ids[1:]
        assert len(drawn) == 3 == len(set(drawn))
        assert set(drawn) <= victim_questions

    def test_random_order_shuffles_per_attempt_but_keeps_the_questions(self, learner):
        questions = [QuestionFactory() for _ in range(12)]
        quiz = QuizFactory(questions=questions, random_order=True)
        orders = set()
        for index in range(4):
            attempt = attempt_start(quiz=quiz, taker=Taker(visitor_key=f"visitor-{index}"))
            assert sorted(attempt.question_ids) == sorted(q.pk for q in questions)
            orders.add(tuple(attempt.question_ids))
        assert len(orders) > 1

    def test_time_limit_sets_a_deadline(self, auto_quiz, learner):
        auto_quiz.time_limit_minutes = 10
        auto_quiz.save()
        now = timezone.now()
        attempt = attempt_start(quiz=auto_quiz, taker=Taker(user=learner), now=now)
        assert attempt.deadline == now + timedelta(minutes=10)


class TestAnswerSubmit:
    def test_grades_on_the_server_and_finishes_after_the_last_question(self, auto_quiz, learner):
        attempt = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        attempt = answer_all_correctly(attempt)
        assert attempt.status == Attempt.Status.COMPLETED
        assert attempt.score == Decimal("100.00")
        assert attempt.passed is True

    def test_option_of_another_question_is_refused_and_nothing_written(self, auto_quiz, learner):
        attempt = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        first, second = attempt.question_ids[:2]
        foreign = correct_ids(Question.objects.get(pk=second))
        with pytest.raises(AnswerRefused) as refused:
            answer_submit(attempt=attempt, question_id=first, option_ids=foreign)
        assert refused.value.message == FOREIGN_OPTION
        assert refused.value.status == 400
        assert not Answer.objects.exists() and not AnswerSelection.objects.exists()

    def test_option_of_another_quiz_is_refused(self, auto_quiz, learner):
        other = QuestionFactory()
        attempt = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        with pytest.raises(AnswerRefused):
            answer_submit(
                attempt=attempt, question_id=attempt.question_ids[0], option_ids=correct_ids(other)
            )
        with pytest.raises(AnswerRefused) as refused:
            answer_submit(attempt=attempt, question_id=other.pk, option_ids=correct_ids(other))
        assert refused.value.message == QUESTION_NOT_IN_ATTEMPT
        assert not Answer.objects.exists()

    def test_two_options_for_a_single_answer_question_are_refused(self, auto_quiz, learner):
        attempt = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        question = Question.objects.get(pk=attempt.question_ids[0])
        with pytest.raises(AnswerRefused):
            answer_submit(
                attempt=attempt,
                question_id=question.pk,
                option_ids=[o.pk for o in question.options.all()],
            )
        assert not Answer.objects.exists()

    def test_same_answer_twice_is_stored_once_and_a_changed_replay_changes_nothing(
        self, auto_quiz, learner
    ):
        attempt = attempt_start(quiz=auto_quiz, taker=Taker(user=learner))
        question = Question.objects.get(pk=attempt.question_ids[0])
        first = answer_submit(
            attempt=attempt, question_id=question.pk, option_ids=wrong_ids(question)[:1]
        )
        again = answer_submit(
            attempt=attempt, question_id=question.pk, option_ids=wrong_ids(question)[:1]
        )
        changed = answer_submit(
            attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)
        )
        assert first.created and not again.created and not changed.created
        assert Answer.objects.count() == 1
        assert Answer.objects.get().score == 0
        assert AnswerSelection.objects.count() == 1

    def test_answer_after_the_attempt_finished_is_refused(self, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second])
        attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
        answer_submit(attempt=attempt, question_id=first.pk, option_ids=correct_ids(first))
        Attempt.objects.filter(pk=attempt.pk).update(status=Attempt.Status.COMPLETED)
        with pytest.raises(AttemptClosed) as refused:
            answer_submit(attempt=attempt, question_id=second.pk, option_ids=correct_ids(second))
        assert refused.value.message == ATTEMPT_CLOSED
        assert Answer.objects.count() == 1

    def test_answer_after_the_time_limit_is_refused_and_the_attempt_closed(self, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], time_limit_minutes=5)
        start = timezone.now()
        attempt = attempt_start(quiz=quiz, taker=Taker(user=learner), now=start)
        answer_submit(
            attempt=attempt,
            question_id=first.pk,
            option_ids=correct_ids(first),
            now=start + timedelta(minutes=4),
        )
        with pytest.raises(TimeUp) as refused:
            answer_submit(
                attempt=attempt,
                question_id=second.pk,
                option_ids=correct_ids(second),
                now=start + timedelta(minutes=6),
            )
        assert refused.value.message == TIME_UP
        attempt.refresh_from_db()
        assert Answer.objects.count() == 1
        assert attempt.status == Attempt.Status.COMPLETED
        assert attempt.score == Decimal("50.00")
        assert attempt.passed is False


class TestEssayMarking:
    def test_attempt_waits_for_marking_then_gets_its_score(self, mixed_quiz, learner, trainer):
        attempt = answer_all_correctly(attempt_start(quiz=mixed_quiz, taker=Taker(user=learner)))
        assert attempt.status == Attempt.Status.AWAITING_MARKING
        assert attempt.score is None
        essay_answer = Answer.objects.get(attempt=attempt, question__kind="essay")
        answer_mark(answer=essay_answer, mark="partly", marker=trainer, comment="Good start")
        attempt.refresh_from_db()
        assert attempt.status == Attempt.Status.COMPLETED
        assert attempt.score == Decimal("90.00")
        assert attempt.passed is True
        essay_answer.refresh_from_db()
        assert essay_answer.marked_by == trainer and essay_answer.marker_comment == "Good start"

    def test_marking_again_regrades(self, mixed_quiz, learner, trainer):
        attempt = answer_all_correctly(attempt_start(quiz=mixed_quiz, taker=Taker(user=learner)))
        essay_answer = Answer.objects.get(attempt=attempt, question__kind="essay")
        answer_mark(answer=essay_answer, mark="correct", marker=trainer)
        answer_mark(answer=essay_answer, mark="incorrect", marker=trainer)
        attempt.refresh_from_db()
        assert attempt.score == Decimal("80.00")

    def test_only_essays_are_marked(self, auto_quiz, learner, trainer):
        attempt = answer_all_correctly(attempt_start(quiz=auto_quiz, taker=Taker(user=learner)))
        with pytest.raises(AnswerRefused):
            answer_mark(answer=attempt.answers.first(), mark="incorrect", marker=trainer)


class TestAttemptsClaim:
    def test_visitor_attempts_move_to_the_account_unless_it_took_the_quiz(self, learner):
        fresh, taken = (
            QuizFactory(questions=[QuestionFactory()]),
            QuizFactory(questions=[QuestionFactory()]),
        )
        attempt_start(quiz=taken, taker=Taker(user=learner))
        mine = attempt_start(quiz=fresh, taker=Taker(visitor_key="visitor"))
        kept = attempt_start(quiz=taken, taker=Taker(visitor_key="visitor"))

        assert attempts_claim(visitor_key="visitor", user=learner) == 1

        mine.refresh_from_db()
        kept.refresh_from_db()
        assert mine.user == learner and mine.visitor_key == ""
        assert kept.user is None

    def test_logging_in_claims_the_sessions_attempts(self, client, learner):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question, QuestionFactory()], is_public=True)
        client.post(f"/quiz/{quiz.pk}/start/")
        client.post(
            f"/quiz/{quiz.pk}/take/", {"question": question.pk, "options": correct_ids(question)}
        )

        client.force_login(learner)

        attempt = Attempt.objects.get()
        assert attempt.user == learner
        assert client.get(f"/quiz/{quiz.pk}/").context["open_attempt"] == attempt


class TestAnswerForTaker:
    """The quiz page posts answers without naming an attempt: the taker's own is found."""

    def test_the_answer_goes_to_the_open_attempt(self, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second])
        taker = Taker(user=learner)
        attempt = attempt_start(quiz=quiz, taker=taker)

        submission = answer_submit_for_taker(
            quiz=quiz, taker=taker, question_id=first.pk, option_ids=correct_ids(first)
        )

        assert submission.created is True
        assert submission.answer.attempt_id == attempt.pk
        assert submission.answer.score == 1
        assert submission.attempt.is_open

    def test_a_replay_after_the_end_returns_the_stored_answer(self, learner):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question])
        taker = Taker(user=learner)
        attempt_start(quiz=quiz, taker=taker)
        answered = answer_submit_for_taker(
            quiz=quiz, taker=taker, question_id=question.pk, option_ids=correct_ids(question)
        )

        replay = answer_submit_for_taker(
            quiz=quiz, taker=taker, question_id=question.pk, option_ids=wrong_ids(question)[:1]
        )

        assert answered.attempt.status == Attempt.Status.COMPLETED
        assert (replay.created, replay.answer.pk) == (False, answered.answer.pk)
        assert Answer.objects.get().score == 1

    def test_a_question_outside_the_attempt_is_refused(self, learner):
        inside, outside = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[inside])
        taker = Taker(user=learner)
        attempt_start(quiz=quiz, taker=taker)

        with pytest.raises(AnswerRefused) as refused:
            answer_submit_for_taker(
                quiz=quiz, taker=taker, question_id=outside.pk, option_ids=correct_ids(outside)
            )

        assert refused.value.message == QUESTION_NOT_IN_ATTEMPT
        assert not Answer.objects.exists()

    def test_without_an_attempt_nothing_is_stored(self, learner, other_learner):
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question])
        attempt_start(quiz=quiz, taker=Taker(user=other_learner))

        with pytest.raises(NoAttempt):
            answer_submit_for_taker(
                quiz=quiz,
                taker=Taker(user=learner),
                question_id=question.pk,
                option_ids=correct_ids(question),
            )

        assert not Answer.objects.exists()

    def test_an_answer_after_the_time_limit_closes_the_attempt_and_names_it(self, learner):
        first, second = QuestionFactory(), QuestionFactory()
        quiz = QuizFactory(questions=[first, second], time_limit_minutes=5)
        taker = Taker(user=learner)
        attempt = attempt_start(quiz=quiz, taker=taker)

        with pytest.raises(TimeUp) as late:
            answer_submit_for_taker(
                quiz=quiz,
                taker=taker,
                question_id=first.pk,
                option_ids=correct_ids(first),
                now=attempt.deadline + timedelta(seconds=1),
            )

        assert late.value.attempt.pk == attempt.pk
        assert not late.value.attempt.is_open
        attempt.refresh_from_db()
        assert attempt.status == Attempt.Status.COMPLETED
        assert not Answer.objects.exists()
