"""Every write of quiz state: starting attempts, answering, closing, marking.

Grading happens here and only here. Each function is safe when the same request arrives
twice or concurrently: the attempt row is locked while it changes, and unique constraints
(one open attempt per learner and quiz, one answer per question and attempt) catch the
rest.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library.events import activity_done
from website.cache import remember

from .models import Answer, AnswerSelection, Attempt, Question, Quiz

QUESTION_NOT_IN_ATTEMPT = _(
    "This question is not part of your attempt. Reload the quiz and answer the question shown."
)
FOREIGN_OPTION = _(
    "An option you sent does not belong to this question. Reload the page and answer again."
)
ONE_OPTION_REQUIRED = _("Choose exactly one answer.")
ESSAY_TEXT_REQUIRED = _("Write your answer before you continue.")
ATTEMPT_CLOSED = _("This attempt is already finished; answers can no longer be changed.")
TIME_UP = _("The time for this attempt is up; your answer was not saved.")
ATTEMPTS_EXHAUSTED = _("You have used all your attempts at this quiz.")
QUIZ_UNAVAILABLE = _("This quiz is not available.")
QUIZ_EMPTY = _("This quiz has no questions yet.")
NOT_AN_ESSAY = _("Only essay answers are marked by a trainer.")
NO_ATTEMPT = _("You have not started this quiz yet. Start it from the quiz page.")


class QuizError(Exception):
    """A request the quiz engine refuses; `status` is the HTTP status a view should answer."""

    status = 400

    def __init__(self, message, *, attempt=None):
        super().__init__(message)
        self.message = message
        # The attempt the request was about, as it now stands, where the engine found one.
        self.attempt = attempt


class AnswerRefused(QuizError):
    status = 400


class AttemptClosed(QuizError):
    status = 409


class TimeUp(QuizError):
    status = 409


class NoAttempt(QuizError):
    status = 409


class AttemptsExhausted(QuizError):
    status = 403


class QuizUnavailable(QuizError):
    status = 404


@dataclass(frozen=True)
class Taker:
    """Who takes a quiz: a learner, or an anonymous visitor known by a key in their session.

    A visitor's `session` goes with them, so that a pass can complete the lesson that holds
    the quiz in their session too.
    """

    user: object = None
    visitor_key: str = ""
    session: object = field(default=None, compare=False, repr=False)

    def owner_filter(self) -> dict:
        if self.user is not None:
            return {"user": self.user}
        return {"user__isnull": True, "visitor_key": self.visitor_key}

    def owner_fields(self) -> dict:
        if self.user is not None:
            return {"user": self.user, "visitor_key": ""}
        return {"user": None, "visitor_key": self.visitor_key}


def grade(*, kind: str, options, selected_ids, text: str = "") -> tuple[float | None, bool | None]:
    """Score one answer as a share of the question's point (0..1) and say if it is fully right.

    Multiple response and signal spotting are graded per option (per sentence): each signal
    spotted earns a share and each wrong tick takes one away, so ticking everything does not
    pay. Essays get no score until a trainer marks them.
    """
    if kind == Question.Kind.ESSAY:
        return None, None
    correct = {option.pk for option in options if option.is_correct}
    chosen = set(selected_ids)
    if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
        right = chosen == correct
        return (1.0 if right else 0.0), right
    if not correct:
        # A case without signals: the right answer is to tick nothing.
        return (1.0, True) if not chosen else (0.0, False)
    hits = len(chosen & correct)
    false_alarms = len(chosen - correct)
    return max(0, hits - false_alarms) / len(correct), chosen == correct


def questions_drawn(draws, *, taken: set[int]) -> list[int]:
    """Question ids drawn at random for each draw in turn, never one already `taken`."""
    rng = secrets.SystemRandom()
    seen = set(taken)
    chosen = []
    for draw in draws:
        candidates = [pk for pk in draw.candidates().values_list("pk", flat=True) if pk not in seen]
        picked = rng.sample(candidates, min(draw.count, len(candidates)))
        chosen.extend(picked)
        seen.update(picked)
    return chosen


def _questions_for_new_attempt(quiz: Quiz) -> list[int]:
    """The quiz's own questions, then those it takes from banks, then the random draws."""
    chosen = list(quiz.questions.order_by("sort_order", "pk").values_list("pk", flat=True))
    chosen += [item.question_id for item in quiz.fixed_questions.order_by("sort_order")]
    chosen += questions_drawn(quiz.draws.order_by("sort_order"), taken=set(chosen))
    if quiz.random_order:
        secrets.SystemRandom().shuffle(chosen)
    return chosen


def attempt_start(*, quiz: Quiz, taker: Taker, now: datetime | None = None) -> Attempt:
    """Return the taker's open attempt at this quiz, or open a new one.

    Resuming is the normal case: starting twice (two tabs, a double click) gives the same
    attempt. An open attempt whose time is up is closed first.
    """
    now = now or timezone.now()
    if not quiz.live:
        raise QuizUnavailable(QUIZ_UNAVAILABLE)
    owner = taker.owner_filter()
    # A concurrent start may win the race for the unique 'one open attempt' row; the loser
    # then finds and returns the winner's attempt on the next pass.
    for _pass in range(3):
        open_attempt = Attempt.objects.filter(quiz=quiz, status=Attempt.Status.IN_PROGRESS, **owner)
        open_attempt = open_attempt.first()
        if open_attempt is not None:
            open_attempt = attempt_expire_if_due(attempt=open_attempt, now=now)
            if open_attempt.is_open:
                return open_attempt
        numbers = list(Attempt.objects.filter(quiz=quiz, **owner).values_list("number", flat=True))
        if quiz.max_attempts and len(numbers) >= quiz.max_attempts:
            raise AttemptsExhausted(ATTEMPTS_EXHAUSTED)
        question_ids = _questions_for_new_attempt(quiz)
        if not question_ids:
            raise QuizUnavailable(QUIZ_EMPTY)
        limit = quiz.time_limit
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    quiz=quiz,
                    number=max(numbers, default=0) + 1,
                    question_ids=question_ids,
                    started_at=now,
                    deadline=now + limit if limit else None,
                    **taker.owner_fields(),
                )
        except IntegrityError:
            continue
    return Attempt.objects.get(quiz=quiz, status=Attempt.Status.IN_PROGRESS, **owner)


def _attempt_grade(attempt: Attempt, answers) -> None:
    """Set score, pass and status from answers that all have a score."""
    earned = sum(answer.score for answer in answers)
    # A question deleted after the attempt started neither counts for nor against the learner.
    total = Question.objects.filter(pk__in=attempt.question_ids).count() or 1
    attempt.score = Decimal(earned * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.status = Attempt.Status.COMPLETED


def _attempt_close(attempt: Attempt, now: datetime) -> None:
    """Finish an attempt (all answered or time up); unanswered questions earn nothing."""
    answers = list(attempt.answers.only("score"))
    attempt.finished_at = now
    if any(answer.score is None for answer in answers):
        attempt.status = Attempt.Status.AWAITING_MARKING
    else:
        _attempt_grade(attempt, answers)
    attempt.save(update_fields=["finished_at", "status", "score", "passed"])


def _announce_if_passed(attempt: Attempt, *, user=None, session=None) -> None:
    """Tell the lessons that may require this quiz that the taker passed it.

    Called after the transaction that graded the attempt, so that completing a lesson does
    not hold the attempt's lock; completing is idempotent, so a repeat changes nothing.
    """
    if not attempt.passed:
        return
    if attempt.user_id is not None:
        user = user if user is not None else attempt.user
        session = None
    elif session is None:
        return
    activity_done.send(sender=Quiz, instance=attempt.quiz, user=user, session=session)


def _attempt_locked(pk: int, *, quiz: Quiz | None = None) -> Attempt:
    """The attempt, locked until the transaction ends, with its quiz (the one given, if any).

    Only the attempt's row is locked: PostgreSQL would otherwise lock the joined quiz row
    too, and every learner answering that quiz would wait for the others.
    """
    if quiz is not None:
        attempt = Attempt.objects.select_for_update().get(pk=pk)
        attempt.quiz = quiz
        return attempt
    return Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(pk=pk)


def attempt_expire_if_due(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Close an open attempt whose time limit has passed; return the attempt as it now is."""
    now = now or timezone.now()
    if not (attempt.is_open and attempt.deadline and now > attempt.deadline):
        return attempt
    with transaction.atomic():
        attempt = _attempt_locked(attempt.pk)
        closed = attempt.is_open
        if closed:
            _attempt_close(attempt, now)
    if closed:
        _announce_if_passed(attempt)
    return attempt


def attempt_finish(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Close an open attempt that has nothing left to answer (its last questions were deleted)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _attempt_locked(attempt.pk)
        closed = attempt.is_open
        if closed:
            _attempt_close(attempt, now)
    if closed:
        _announce_if_passed(attempt)
    return attempt


def _question_for_grading(pk: int) -> Question | None:
    """The question with its options and which are correct, kept in the worker's memory
    until content changes (`website.cache`); it never reaches a template."""
    return remember(
        ("question-for-grading", pk),
        lambda: Question.objects.prefetch_related("options").filter(pk=pk).first(),
    )


def _check_answer_shape(question: Question, option_ids: list[int], text: str) -> None:
    valid_ids = {option.pk for option in question.options.all()}
    if not set(option_ids) <= valid_ids:
        raise AnswerRefused(FOREIGN_OPTION)
    if question.kind == Question.Kind.ESSAY:
        if option_ids:
            raise AnswerRefused(FOREIGN_OPTION)
        if not text.strip():
            raise AnswerRefused(ESSAY_TEXT_REQUIRED)
    elif not question.takes_several_options and len(option_ids) != 1:
        raise AnswerRefused(ONE_OPTION_REQUIRED)


@dataclass(frozen=True)
class Submission:
    answer: Answer
    created: bool
    # The attempt as it stands after the answer (it may have just been completed).
    attempt: Attempt | None = None


def answer_submit(
    *,
    attempt: Attempt,
    question_id: int,
    option_ids: list[int],
    text: str = "",
    now: datetime | None = None,
) -> Submission:
    """Store and grade the answer to one question of an open attempt, exactly once.

    Anything the client sends besides question, option ids and essay text is ignored: the
    score is computed here. Sending the same question again (double click, replay, a retry
    from another tab) returns the answer already stored and changes nothing.
    """
    # The questions of an attempt are fixed when it starts.
    if question_id not in attempt.question_ids:
        raise AnswerRefused(QUESTION_NOT_IN_ATTEMPT)
    quiz = attempt.quiz if Attempt.quiz.is_cached(attempt) else None
    return _answer_store(
        lambda: _attempt_locked(attempt.pk, quiz=quiz), question_id, option_ids, text, now
    )


def answer_submit_for_taker(
    *,
    quiz: Quiz,
    taker: Taker,
    question_id: int,
    option_ids: list[int],
    text: str = "",
    now: datetime | None = None,
) -> Submission:
    """As `answer_submit`, for the taker's open attempt at the quiz, else their latest.

    A replayed answer after the end then meets the attempt it belonged to and is recognised
    rather than taken for a new one. The attempt is found by the same read that locks it.
    """

    def attempt_locked() -> Attempt:
        # The same row as `selectors.current_attempt`: the latest is the open one, if any.
        attempt = (
            Attempt.objects.select_for_update()
            .filter(quiz=quiz, **taker.owner_filter())
            .order_by("-number")
            .first()
        )
        if attempt is None:
            raise NoAttempt(NO_ATTEMPT)
        attempt.quiz = quiz
        if question_id not in attempt.question_ids:
            raise AnswerRefused(QUESTION_NOT_IN_ATTEMPT)
        return attempt

    return _answer_store(attempt_locked, question_id, option_ids, text, now, taker=taker)


def _answer_store(
    attempt_locked: Callable[[], Attempt],
    question_id: int,
    option_ids: list[int],
    text: str,
    now: datetime | None,
    *,
    taker: Taker | None = None,
) -> Submission:
    now = now or timezone.now()
    option_ids = list(dict.fromkeys(option_ids))
    # Checked and graded before the transaction: on SQLite it holds the one write lock,
    # so the less it does, the more answers go through at once.
    question = _question_for_grading(question_id)
    if question is None:
        raise AnswerRefused(QUESTION_NOT_IN_ATTEMPT)
    _check_answer_shape(question, option_ids, text)
    score, is_correct = grade(
        kind=question.kind, options=question.options.all(), selected_ids=option_ids, text=text
    )
    attempt = None
    closed = False
    try:
        with transaction.atomic():
            # The lock makes concurrent submissions for one attempt take turns.
            attempt = attempt_locked()
            answered = dict(
                Answer.objects.filter(attempt=attempt).order_by().values_list("question_id", "pk")
            )
            if question_id in answered:
                existing = Answer.objects.get(pk=answered[question_id])
                return Submission(existing, created=False, attempt=attempt)
            if not attempt.is_open:
                raise AttemptClosed(ATTEMPT_CLOSED, attempt=attempt)
            timed_out = bool(attempt.deadline and now > attempt.deadline)
            if timed_out:
                _attempt_close(attempt, now)
                closed = True
            else:
                answer = Answer.objects.create(
                    attempt=attempt,
                    question_id=question_id,
                    text=text.strip() if question.kind == Question.Kind.ESSAY else "",
                    score=score,
                    is_correct=is_correct,
                    answered_at=now,
                )
                AnswerSelection.objects.bulk_create(
                    AnswerSelection(answer=answer, option_id=option_id) for option_id in option_ids
                )
                if len(answered) + 1 >= len(attempt.question_ids):
                    _attempt_close(attempt, now)
                    closed = True
    except IntegrityError:
        # Only a database without row locks, or another code path, could have stored the
        # answer between the read above and the insert. Caught outside the transaction, so
        # that no savepoint is needed around the insert: the lock makes this rare.
        stored = (
            Answer.objects.filter(attempt_id=attempt.pk, question_id=question_id).first()
            if attempt is not None
            else None
        )
        if stored is None:
            raise
        return Submission(stored, created=False, attempt=attempt)
    if closed and taker is not None:
        _announce_if_passed(attempt, user=taker.user, session=taker.session)
    elif closed:
        _announce_if_passed(attempt)
    if timed_out:
        # Raised after the block so that closing the attempt is kept.
        raise TimeUp(TIME_UP, attempt=attempt)
    return Submission(answer, created=True, attempt=attempt)


def answer_mark(
    *,
    answer: Answer,
    mark: str,
    marker,
    comment: str = "",
    now: datetime | None = None,
) -> Answer:
    """Record a trainer's mark for an essay answer; grade the attempt once nothing is unmarked.

    Marking again replaces the earlier mark and grades the attempt again. An attempt that
    passes by this mark completes the lessons that require the quiz.
    """
    now = now or timezone.now()
    graded = False
    with transaction.atomic():
        # Lock the attempt before the answer, in the same order as answer_submit.
        attempt = _attempt_locked(answer.attempt_id)
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("question")
            .get(pk=answer.pk)
        )
        if answer.question.kind != Question.Kind.ESSAY:
            raise AnswerRefused(NOT_AN_ESSAY)
        answer.mark = mark
        answer.score = Answer.MARK_SCORES[Answer.Mark(mark)]
        answer.is_correct = mark == Answer.Mark.CORRECT
        answer.marker_comment = comment.strip()
        answer.marked_by = marker
        answer.marked_at = now
        answer.save(
            update_fields=[
                "mark",
                "score",
                "is_correct",
                "marker_comment",
                "marked_by",
                "marked_at",
            ]
        )
        if not attempt.is_open:
            answers = list(attempt.answers.only("score"))
            if all(item.score is not None for item in answers):
                _attempt_grade(attempt, answers)
                attempt.save(update_fields=["status", "score", "passed"])
                graded = True
    if graded:
        _announce_if_passed(attempt)
    return answer


def attempts_claim(*, visitor_key: str, user) -> int:
    """Give a visitor's attempts to the account they signed up for or logged in to.

    Per quiz, the account's own history wins: attempts at a quiz the learner already took
    with their account stay with the (soon forgotten) visitor key. A passed attempt that
    moves completes, for the account, the lessons that require its quiz. Returns how many
    moved.
    """
    with transaction.atomic():
        visitor_attempts = Attempt.objects.select_for_update().filter(
            user__isnull=True, visitor_key=visitor_key
        )
        quiz_ids = set(visitor_attempts.values_list("quiz_id", flat=True))
        taken = set(
            Attempt.objects.filter(user=user, quiz_id__in=quiz_ids).values_list(
                "quiz_id", flat=True
            )
        )
        moving = visitor_attempts.filter(quiz_id__in=quiz_ids - taken)
        passed_quiz_ids = set(moving.filter(passed=True).values_list("quiz_id", flat=True))
        moved = moving.update(user=user, visitor_key="")
    for quiz in Quiz.objects.filter(pk__in=passed_quiz_ids):
        activity_done.send(sender=Quiz, instance=quiz, user=user, session=None)
    return moved
