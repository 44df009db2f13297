"""The quiz as a learner would get it, for the trainer's preview in the admin.

It reads the quiz as the editor holds it (its own questions may not be saved yet) and
draws its random questions the way an attempt does, but it stores nothing: no attempt, no
answer.
"""

import secrets
from dataclasses import dataclass

from .models import Option, Question, Quiz
from .services import questions_drawn


@dataclass(frozen=True)
class PreviewQuestion:
    position: int
    question: Question
    options: list[Option]
    drawn: bool = False


def _in_order(items) -> list:
    return sorted(items, key=lambda item: (item.sort_order is None, item.sort_order or 0))


def quiz_preview_questions(*, quiz: Quiz) -> list[PreviewQuestion]:
    """The questions one attempt would get, in its order, each with its options."""
    own = [(question, _in_order(question.options.all()), False) for question in _in_order(
        quiz.questions.all()
    )]  # fmt: skip
    fixed_ids = [item.question_id for item in _in_order(quiz.fixed_questions.all())]
    taken = {question.pk for question, _options, _drawn in own if question.pk} | set(fixed_ids)
    drawn_ids = questions_drawn(_in_order(quiz.draws.all()), taken=taken)
    stored = (
        Question.objects.select_related("image")
        .prefetch_related("options")
        .in_bulk([*fixed_ids, *drawn_ids])
    )
    items = own + [
        (stored[pk], list(stored[pk].options.all()), pk in drawn_ids)
        for pk in [*fixed_ids, *drawn_ids]
        if pk in stored
    ]
    if quiz.random_order:
        secrets.SystemRandom().shuffle(items)
    return [
        PreviewQuestion(position=position, question=question, options=options, drawn=drawn)
        for position, (question, options, drawn) in enumerate(items, start=1)
    ]
