"""Reads for quiz pages, trainers' views and the learner's progress; prefetched for templates."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch, Q, Sum

from library.models import Signal
from website.cache import remember

from .models import Answer, AnswerSelection, Attempt, Option, Question, Quiz
from .services import Taker

# A learner 'recognises a signal well' after enough answers with a high average score, and
# should practise it when the average is low. Fewer answers say too little either way.
WELL_RECOGNISED_SHARE = 0.8
PRACTISE_BELOW_SHARE = 0.6
MIN_ANSWERS_FOR_VERDICT = 2


def quiz_live(*, pk: int) -> Quiz | None:
    """A published quiz; drafts do not exist as far as learners are concerned.

    Kept in memory until content changes (`website.cache`): treat it as read-only.
    """
    return remember(("quiz-live", pk), lambda: Quiz.objects.filter(pk=pk, live=True).first())


def quiz_any_live() -> Quiz | None:
    return Quiz.objects.filter(live=True).order_by("pk").first()


VISITOR_SESSION_KEY = "quizzes_visitor"


def taker_for(*, user, session=None) -> Taker | None:
    """The learner, or else the visitor whose session this is if they ever started a quiz."""
    if user is not None and user.is_authenticated:
        return Taker(user=user)
    key = session.get(VISITOR_SESSION_KEY) if session is not None else None
    return Taker(visitor_key=key, session=session) if key else None


def taker_of(request) -> Taker | None:
    """The learner or anonymous visitor behind a request, if they ever started a quiz."""
    if request is None:
        return None
    return taker_for(user=request.user, session=request.session)


@dataclass(frozen=True)
class QuizStatus:
    """Where a learner stands with a quiz, for the lesson block."""

    open_attempt: Attempt | None
    counting: Attempt | None
    awaiting_marking: bool

    @property
    def passed(self) -> bool:
        return bool(self.counting and self.counting.passed)


def quiz_statuses(*, quizzes: dict, taker: Taker | None) -> dict:
    """Where the taker stands with each of these quizzes, keyed as given (a lesson's quiz
    blocks by block id), in one query whatever the number of quizzes."""
    attempts = defaultdict(list)
    if taker is not None and quizzes:
        quiz_ids = {quiz.pk for quiz in quizzes.values()}
        for attempt in _attempts_with_points(quiz_id__in=quiz_ids, **taker.owner_filter()):
            attempts[attempt.quiz_id].append(attempt)
    return {
        key: QuizStatus(
            open_attempt=next((a for a in attempts[quiz.pk] if a.is_open), None),
            counting=attempt_counting(quiz=quiz, attempts=attempts[quiz.pk]),
            awaiting_marking=any(
                a.status == Attempt.Status.AWAITING_MARKING for a in attempts[quiz.pk]
            ),
        )
        for key, quiz in quizzes.items()
    }


def quiz_with_pk(*, pk: int) -> Quiz | None:
    return Quiz.objects.filter(pk=pk).first()


def quizzes_for_filter():
    return Quiz.objects.only("pk", "title").order_by("title")


def _attempts_with_points(**filters):
    """Attempts in order, each with the `points` its marked answers earned."""
    return (
        Attempt.objects.filter(**filters).annotate(points=Sum("answers__score")).order_by("number")
    )


def attempts_of(*, quiz: Quiz, taker: Taker) -> list[Attempt]:
    """The taker's attempts in order, each with the `points` its marked answers earned."""
    return list(_attempts_with_points(quiz=quiz, **taker.owner_filter()))


def current_attempt(*, quiz: Quiz, taker: Taker) -> Attempt | None:
    """The taker's open attempt at the quiz, else their latest, with the quiz attached.

    A new attempt starts only when the last one is closed, so the open attempt, if there is
    one, is always the latest. The latest rather than none, so that an answer replayed after
    the end meets the attempt it belonged to (`services.answer_submit_for_taker` reads the
    same row under a lock).
    """
    attempt = Attempt.objects.filter(quiz=quiz, **taker.owner_filter()).order_by("-number").first()
    if attempt is not None:
        attempt.quiz = quiz
    return attempt


def attempt_counting(*, quiz: Quiz, attempts) -> Attempt | None:
    """The completed attempt that counts for the quiz's policy: best, last or first."""
    completed = [a for a in attempts if a.status == Attempt.Status.COMPLETED]
    if not completed:
        return None
    completed.sort(key=lambda attempt: attempt.number)
    if quiz.counting_attempt == Quiz.CountingAttempt.FIRST:
        return completed[0]
    if quiz.counting_attempt == Quiz.CountingAttempt.LAST:
        return completed[-1]
    return max(completed, key=lambda attempt: (attempt.score, -attempt.number))


def quiz_passed_by(*, quiz_id: int, user) -> bool:
    """Whether the learner's counting attempt at the quiz is a pass."""
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    return quiz is not None and quiz_passed(quiz=quiz, user=user)


def quiz_passed(*, quiz: Quiz, user=None, session=None) -> bool:
    """Whether the counting attempt of the learner, or else of the visitor whose session
    this is, is a pass (for lesson completion)."""
    taker = taker_for(user=user, session=session)
    if taker is None:
        return False
    counting = attempt_counting(
        quiz=quiz, attempts=Attempt.objects.filter(quiz=quiz, **taker.owner_filter()).only(
            "number", "status", "score", "passed"
        )
    )  # fmt: skip
    return bool(counting and counting.passed)


def attempt_for_taker(*, pk: int, taker: Taker) -> Attempt | None:
    return Attempt.objects.select_related("quiz").filter(pk=pk, **taker.owner_filter()).first()


def attempt_with_quiz(*, pk: int) -> Attempt | None:
    return Attempt.objects.select_related("quiz", "user").filter(pk=pk).first()


def _questions_for_answering():
    # Only the text of options is loaded: whether an option is correct never leaves the
    # database for a question that is still to be answered.
    return Question.objects.only("pk", "kind", "text", "image", "image_alt").prefetch_related(
        Prefetch(
            "options",
            queryset=Option.objects.only("pk", "text", "question_id").order_by("sort_order", "pk"),
        )
    )


def question_for_answering(*, pk: int) -> Question | None:
    """The question with its options; kept in memory until content changes (read-only)."""
    return remember(
        ("question-for-answering", pk), lambda: _questions_for_answering().filter(pk=pk).first()
    )


def attempt_next_question(*, attempt: Attempt) -> tuple[Question | None, int]:
    """The first unanswered question of the attempt, with its options, and its position (1-based).

    A question deleted since the attempt started is passed over.
    """
    answered = set(attempt.answers.values_list("question_id", flat=True))
    unanswered = [pk for pk in attempt.question_ids if pk not in answered]
    questions = _questions_for_answering().filter(pk__in=unanswered).in_bulk()
    for position, question_id in enumerate(attempt.question_ids, start=1):
        if question_id in questions:
            return questions[question_id], position
    return None, len(attempt.question_ids)


@dataclass
class OptionReview:
    option: Option
    chosen: bool

    @property
    def missed(self) -> bool:
        return self.option.is_correct and not self.chosen

    @property
    def wrongly_chosen(self) -> bool:
        return self.chosen and not self.option.is_correct


@dataclass
class QuestionReview:
    position: int
    question: Question
    answer: Answer | None
    options: list[OptionReview] = field(default_factory=list)

    @property
    def score_percent(self) -> int | None:
        if self.answer is None:
            return 0
        if self.answer.score is None:
            return None
        return round(self.answer.score * 100)


def attempt_review(*, attempt: Attempt, question_ids: list[int] | None = None):
    """Each question of the attempt with the learner's answer and chosen options, in order."""
    ids = attempt.question_ids if question_ids is None else question_ids
    questions = Question.objects.select_related("image").in_bulk(ids)
    options = defaultdict(list)
    for option in Option.objects.filter(question_id__in=ids).order_by("sort_order", "pk"):
        options[option.question_id].append(option)
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(attempt=attempt, question_id__in=ids).prefetch_related(
            Prefetch("selections", queryset=AnswerSelection.objects.only("answer_id", "option_id"))
        )
    }
    reviews = []
    for position, question_id in enumerate(attempt.question_ids, start=1):
        if question_id not in ids or question_id not in questions:
            continue
        answer = answers.get(question_id)
        chosen = {selection.option_id for selection in answer.selections.all()} if answer else set()
        reviews.append(
            QuestionReview(
                position=position,
                question=questions[question_id],
                answer=answer,
                options=[OptionReview(o, o.pk in chosen) for o in options[question_id]],
            )
        )
    return reviews


@dataclass
class SignalProgress:
    signal: Signal
    answers: int
    share: float

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def verdict(self) -> str:
        if self.answers < MIN_ANSWERS_FOR_VERDICT:
            return "too_few"
        if self.share >= WELL_RECOGNISED_SHARE:
            return "well"
        if self.share < PRACTISE_BELOW_SHARE:
            return "practise"
        return "fair"


@dataclass
class CategoryProgress:
    category: str
    label: str
    signals: list[SignalProgress]

    @property
    def answers(self) -> int:
        return sum(item.answers for item in self.signals)

    @property
    def percent(self) -> int:
        weighted = sum(item.share * item.answers for item in self.signals)
        return round(weighted * 100 / self.answers) if self.answers else 0


@dataclass
class ProgressOverview:
    categories: list[CategoryProgress]

    @property
    def well(self) -> list[SignalProgress]:
        return [s for c in self.categories for s in c.signals if s.verdict == "well"]

    @property
    def practise(self) -> list[SignalProgress]:
        return [s for c in self.categories for s in c.signals if s.verdict == "practise"]

    @property
    def is_empty(self) -> bool:
        return not any(category.signals for category in self.categories)


def category_progress(*, user) -> ProgressOverview:
    """Per signal category and signal: how many graded answers and the average score.

    Every category is listed, one without answers yet at 0, so that a learner sees what
    is still to practise. Two queries whatever the number of answers: one aggregate over
    the answers, one for the signals it names.
    """
    rows = (
        Answer.objects.filter(
            attempt__user=user, score__isnull=False, question__signals__isnull=False
        )
        .values("question__signals")
        .annotate(answers=Count("pk"), share=Avg("score"))
    )
    stats = {row["question__signals"]: row for row in rows}
    signals = Signal.objects.filter(pk__in=stats).only("pk", "title", "slug", "category", "summary")
    by_category = defaultdict(list)
    for signal in signals if stats else ():
        row = stats[signal.pk]
        by_category[signal.category].append(
            SignalProgress(signal=signal, answers=row["answers"], share=row["share"] or 0.0)
        )
    categories = [
        CategoryProgress(
            category=value,
            label=str(label),
            signals=sorted(by_category[value], key=lambda item: (item.share, item.signal.title)),
        )
        for value, label in Signal.Category.choices
    ]
    return ProgressOverview(categories=categories)


@dataclass
class OptionStatistic:
    option: Option
    chosen: int
    share_chosen: float

    @property
    def percent_chosen(self) -> int:
        return round(self.share_chosen * 100)


@dataclass
class ItemStatistic:
    question: Question
    answers: int
    share_correct: float | None
    average_score: float | None
    options: list[OptionStatistic]

    @property
    def percent_correct(self) -> int | None:
        return None if self.share_correct is None else round(self.share_correct * 100)

    @property
    def average_percent(self) -> int | None:
        return None if self.average_score is None else round(self.average_score * 100)


def item_statistics(*, quiz: Quiz) -> list[ItemStatistic]:
    """Per question answered in this quiz: answers, share fully correct, and choices per option.

    The share correct is the question's difficulty (p-value): low means hard, or unclear.
    Four queries whatever the number of attempts.
    """
    rows = (
        Answer.objects.filter(attempt__quiz=quiz)
        .values("question")
        .annotate(
            answers=Count("pk"),
            graded=Count("pk", filter=Q(score__isnull=False)),
            correct=Count("pk", filter=Q(is_correct=True)),
            average=Avg("score"),
        )
    )
    per_question = {row["question"]: row for row in rows}
    chosen = dict(
        AnswerSelection.objects.filter(answer__attempt__quiz=quiz)
        .values("option")
        .annotate(times=Count("pk"))
        .values_list("option", "times")
    )
    questions = Question.objects.filter(pk__in=per_question).prefetch_related("options")
    statistics = []
    for question in questions.order_by("bank", "pk"):
        row = per_question[question.pk]
        statistics.append(
            ItemStatistic(
                question=question,
                answers=row["answers"],
                share_correct=row["correct"] / row["graded"] if row["graded"] else None,
                average_score=row["average"],
                options=[
                    OptionStatistic(
                        option=option,
                        chosen=chosen.get(option.pk, 0),
                        share_chosen=chosen.get(option.pk, 0) / row["answers"],
                    )
                    for option in question.options.all()
                ],
            )
        )
    return statistics


def _learner_filter(learner: str) -> Q:
    learner = learner.strip()
    return (
        Q(attempt__user__email__icontains=learner)
        | Q(attempt__user__first_name__icontains=learner)
        | Q(attempt__user__last_name__icontains=learner)
    )


def essays_to_mark(*, quiz_id: int | None = None, learner: str = "", include_marked=False):
    """Essay answers of finished attempts, oldest first, filtered by quiz and learner."""
    answers = Answer.objects.filter(
        question__kind=Question.Kind.ESSAY, attempt__user__isnull=False
    ).exclude(attempt__status=Attempt.Status.IN_PROGRESS)
    if not include_marked:
        answers = answers.filter(score__isnull=True)
    if quiz_id:
        answers = answers.filter(attempt__quiz_id=quiz_id)
    if learner:
        answers = answers.filter(_learner_filter(learner))
    return answers.select_related("question", "attempt__quiz", "attempt__user").order_by(
        "answered_at", "pk"
    )


def answer_for_marking(*, pk: int) -> Answer | None:
    return (
        Answer.objects.select_related("question", "attempt__quiz", "attempt__user")
        .filter(pk=pk, question__kind=Question.Kind.ESSAY)
        .first()
    )


def results_for_trainers(*, quiz_id: int | None = None, learner: str = ""):
    """Attempts by learners with an account, newest first, filtered by quiz and learner."""
    attempts = Attempt.objects.filter(user__isnull=False)
    if quiz_id:
        attempts = attempts.filter(quiz_id=quiz_id)
    if learner:
        learner = learner.strip()
        attempts = attempts.filter(
            Q(user__email__icontains=learner)
            | Q(user__first_name__icontains=learner)
            | Q(user__last_name__icontains=learner)
        )
    return attempts.select_related("quiz", "user").order_by("-started_at", "-pk")
