"""Reads for the public list of quizzes and its pages per signal category.

A quiz is about the categories of the signals its questions train: its own questions, the
bank questions it reuses, and what its draws draw from (a signal category, a signal, or a
bank's questions). Five queries whatever the number of quizzes, kept in memory until
content changes.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from library.models import Signal
from website.cache import remember

from .models import Question, Quiz, QuizDraw, QuizQuestion

# The categories' addresses on the site: Dutch, like every address of the site.
CATEGORY_SLUGS = {
    "slachtoffer": Signal.Category.VICTIM,
    "dader": Signal.Category.PERPETRATOR,
    "situatie": Signal.Category.CONTEXT,
}


@dataclass(frozen=True)
class ListedCategory:
    value: str
    slug: str

    @property
    def label(self) -> str:
        # Looked up when shown, so that a listing kept in memory speaks each visitor's language.
        return Signal.Category(self.value).label


CATEGORIES = tuple(ListedCategory(value, slug) for slug, value in CATEGORY_SLUGS.items())


@dataclass(frozen=True)
class ListedQuiz:
    quiz: Quiz
    questions: int
    categories: tuple[ListedCategory, ...]


def category_for_slug(slug: str) -> ListedCategory | None:
    return next((category for category in CATEGORIES if category.slug == slug), None)


def _categories_of_quizzes(quiz_ids) -> tuple[dict, dict]:
    """Per quiz: the signal categories it trains, and how many questions its draws add."""
    categories = defaultdict(set)
    for quiz_id, category in Question.objects.filter(
        quiz_id__in=quiz_ids, signals__isnull=False
    ).values_list("quiz_id", "signals__category"):
        categories[quiz_id].add(category)
    for quiz_id, category in QuizQuestion.objects.filter(
        quiz_id__in=quiz_ids, question__signals__isnull=False
    ).values_list("quiz_id", "question__signals__category"):
        categories[quiz_id].add(category)
    drawn = defaultdict(int)
    banks_drawn = defaultdict(set)
    for quiz_id, count, category, signal_category, bank_id in QuizDraw.objects.filter(
        quiz_id__in=quiz_ids
    ).values_list("quiz_id", "count", "signal_category", "signal__category", "bank_id"):
        drawn[quiz_id] += count
        if category or signal_category:
            categories[quiz_id].add(category or signal_category)
        elif bank_id:
            banks_drawn[bank_id].add(quiz_id)
    for bank_id, category in Question.objects.filter(
        bank_id__in=banks_drawn, signals__isnull=False
    ).values_list("bank_id", "signals__category"):
        for quiz_id in banks_drawn[bank_id]:
            categories[quiz_id].add(category)
    return categories, drawn


def _listing() -> list[ListedQuiz]:
    quizzes = list(
        Quiz.objects.filter(live=True)
        .annotate(
            own=Count("questions", distinct=True), fixed=Count("fixed_questions", distinct=True)
        )
        .order_by("title", "pk")
    )
    categories, drawn = _categories_of_quizzes([quiz.pk for quiz in quizzes])
    return [
        ListedQuiz(
            quiz=quiz,
            questions=quiz.own + quiz.fixed + drawn[quiz.pk],
            categories=tuple(c for c in CATEGORIES if c.value in categories[quiz.pk]),
        )
        for quiz in quizzes
    ]


def quizzes_listed(*, category: ListedCategory | None = None) -> list[ListedQuiz]:
    """The published quizzes with questions, by title; only those about `category` if given."""
    listing = remember(("quiz-listing",), _listing)
    return [
        item
        for item in listing
        if item.questions and (category is None or category in item.categories)
    ]
