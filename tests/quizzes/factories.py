import factory
from django.utils import timezone

from courses.models import Signal
from quizzes.models import Option, Question, QuestionBank, Quiz, QuizQuestion


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Signal {n}")
    slug = factory.Sequence(lambda n: f"signal-{n}")
    category = Signal.Category.VICTIM
    summary = "A summary."


class QuestionBankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionBank

    title = factory.Sequence(lambda n: f"Bank {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    bank = factory.SubFactory(QuestionBankFactory)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    explanation = "<p>SECRET-EXPLANATION</p>"


def question_with_options(kind=Question.Kind.SINGLE, *, options, signals=(), **fields):
    """A question whose options are (text, is_correct) pairs."""
    question = QuestionFactory(kind=kind, **fields)
    for order, (text, is_correct) in enumerate(options):
        Option.objects.create(question=question, text=text, is_correct=is_correct, sort_order=order)
    if signals:
        question.signals.set(signals)
        question.save()
    return question


def single(**fields):
    return question_with_options(
        Question.Kind.SINGLE, options=[("Right", True), ("Wrong", False), ("Also wrong", False)],
        **fields,
    )  # fmt: skip


def true_false(**fields):
    return question_with_options(
        Question.Kind.TRUE_FALSE, options=[("True", True), ("False", False)], **fields
    )


def multiple(**fields):
    return question_with_options(
        Question.Kind.MULTIPLE,
        options=[("Signal A", True), ("Signal B", True), ("Noise C", False), ("Noise D", False)],
        **fields,
    )


def spotting(**fields):
    return question_with_options(
        Question.Kind.SPOTTING,
        options=[
            ("She skips school.", True),
            ("She likes football.", False),
            ("She has an expensive new phone.", True),
            ("She lives in Utrecht.", False),
        ],
        **fields,
    )


def essay(**fields):
    return question_with_options(Question.Kind.ESSAY, options=[], **fields)


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz {n}")
    live = True
    pass_mark = 70
    pass_text = "<p>Well done</p>"
    fail_text = "<p>Try again</p>"
    first_published_at = factory.LazyFunction(timezone.now)


def quiz_with(questions, **fields):
    quiz = QuizFactory(**fields)
    for order, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    return quiz


def correct_ids(question):
    return [o.pk for o in question.options.all() if o.is_correct]


def wrong_ids(question):
    return [o.pk for o in question.options.all() if not o.is_correct]
