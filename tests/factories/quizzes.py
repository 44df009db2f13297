"""Question banks, questions with their options, and quizzes."""

import factory
from django.utils import timezone

from quizzes.models import Option, Question, QuestionBank, Quiz, QuizQuestion

# The options a question gets unless the test gives its own, as (text, is_correct) pairs.
# A true-or-false question makes its own two ('Waar' and 'Niet waar') when it is saved.
DEFAULT_OPTIONS = {
    Question.Kind.SINGLE: [("Right", True), ("Wrong", False), ("Also wrong", False)],
    Question.Kind.TRUE_FALSE: [],
    Question.Kind.MULTIPLE: [
        ("Signal A", True),
        ("Signal B", True),
        ("Noise C", False),
        ("Noise D", False),
    ],
    Question.Kind.SPOTTING: [
        ("She skips school.", True),
        ("She likes football.", False),
        ("She has an expensive new phone.", True),
        ("She lives in Utrecht.", False),
    ],
    Question.Kind.ESSAY: [],
}


class QuestionBankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionBank

    title = factory.Sequence(lambda n: f"Bank {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A bank question of `kind` with the options that suit it, or `options` as
    (text, is_correct) pairs, and the `signals` it is about. With `quiz=` and `bank=None`
    it is that quiz's own question."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    bank = factory.SubFactory(QuestionBankFactory)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    explanation = "<p>SECRET-EXPLANATION</p>"
    statement_is_true = factory.LazyAttribute(
        lambda question: True if question.kind == Question.Kind.TRUE_FALSE else None
    )

    @factory.post_generation
    def options(question, create, extracted, **kwargs):
        if not create:
            return
        pairs = DEFAULT_OPTIONS[question.kind] if extracted is None else extracted
        for order, (text, is_correct) in enumerate(pairs):
            Option.objects.create(
                question=question, text=text, is_correct=is_correct, sort_order=order
            )

    @factory.post_generation
    def signals(question, create, extracted, **kwargs):
        if create and extracted:
            question.signals.set(extracted)
            question.save()


class QuizFactory(factory.django.DjangoModelFactory):
    """A live quiz with `questions` in a fixed order."""

    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    live = True
    pass_mark = 70
    pass_text = "<p>Well done</p>"
    fail_text = "<p>Try again</p>"
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def questions(quiz, create, extracted, **kwargs):
        for order, question in enumerate(extracted or ()):
            QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
