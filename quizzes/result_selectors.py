"""Reads for an attempt's result page: its points and verdict, and the way back to the lesson."""

from dataclasses import dataclass

from website.references import PageLink, pages_holding

from .models import Attempt, Quiz
from .selectors import QuestionReview


@dataclass(frozen=True)
class AttemptScore:
    """An attempt's result in points: one per question, with partial credit.

    While open answers wait for a trainer, the points and the verdict are those of the
    questions marked so far; the final verdict is the attempt's own.
    """

    earned: float
    marked: int
    waiting: list
    pass_mark: int
    passed: bool | None

    @property
    def is_final(self) -> bool:
        return not self.waiting

    @property
    def passes(self) -> bool:
        if self.is_final:
            return bool(self.passed)
        return bool(self.marked) and self.earned * 100 / self.marked >= self.pass_mark


def attempt_score(*, attempt: Attempt, reviews: list[QuestionReview]) -> AttemptScore:
    """Points earned and the open answers still waiting, from the attempt's review."""
    waiting = [r for r in reviews if r.answer is not None and r.answer.score is None]
    return AttemptScore(
        earned=sum(r.answer.score for r in reviews if r.answer and r.answer.score is not None),
        marked=len(reviews) - len(waiting),
        waiting=waiting,
        pass_mark=attempt.quiz.pass_mark,
        passed=attempt.passed,
    )


def lessons_holding(*, quiz: Quiz, request) -> list[PageLink]:
    """The live lessons that hold this quiz, for the way back from its result."""
    return pages_holding(quiz, request=request)
