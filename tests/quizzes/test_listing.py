"""The public list of quizzes and its pages per signal category."""

import pytest

from quizzes.listing_selectors import category_for_slug, quizzes_listed
from quizzes.models import QuizDraw
from tests.factories import QuestionFactory, QuizFactory, SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quizzes(db):
    """A quiz per way of being about a category, a draft, and a quiz without questions."""
    victim, perpetrator = SignalFactory(category="victim"), SignalFactory(category="perpetrator")
    own = QuizFactory(title="Eigen vragen", is_public=True)
    QuestionFactory(bank=None, quiz=own, signals=[victim])
    from_bank = QuizFactory(title="Uit de bank", questions=[QuestionFactory(signals=[perpetrator])])
    drawn = QuizFactory(title="Getrokken")
    QuizDraw.objects.create(quiz=drawn, count=3, signal_category="context")
    draft = QuizFactory(title="Concept", live=False, questions=[QuestionFactory(signals=[victim])])
    QuizFactory(title="Leeg")
    return {"own": own, "from_bank": from_bank, "drawn": drawn, "draft": draft}


def test_the_list_shows_published_quizzes_with_questions(client, quizzes):
    response = client.get("/quiz/")

    page = response.content.decode()
    assert response.status_code == 200
    assert [item.quiz.title for item in response.context["quizzes"]] == [
        "Eigen vragen",
        "Getrokken",
        "Uit de bank",
    ]
    assert "Concept" not in page and "Leeg" not in page
    assert f'href="/quiz/{quizzes["own"].pk}/"' in page
    assert "3 vragen" in page and "geen account nodig" in page
    for slug in ("slachtoffer", "dader", "situatie"):
        assert f'href="/quiz/categorie/{slug}/"' in page


@pytest.mark.parametrize(
    ("slug", "titles"),
    [("slachtoffer", ["Eigen vragen"]), ("dader", ["Uit de bank"]), ("situatie", ["Getrokken"])],
)
def test_a_category_page_lists_the_quizzes_about_it(client, quizzes, slug, titles):
    response = client.get(f"/quiz/categorie/{slug}/")

    assert response.status_code == 200
    assert [item.quiz.title for item in response.context["quizzes"]] == titles
    assert 'aria-current="page"' in response.content.decode()


def test_a_draw_from_a_bank_is_about_the_categories_of_the_bank_questions():
    question = QuestionFactory(signals=[SignalFactory(category="victim")])
    quiz = QuizFactory()
    QuizDraw.objects.create(quiz=quiz, count=1, bank=question.bank)
    assert [item.quiz for item in quizzes_listed(category=category_for_slug("slachtoffer"))] == [
        quiz
    ]


def test_an_empty_category_says_so_and_an_unknown_one_is_not_found(client):
    QuizFactory(questions=[QuestionFactory(signals=[SignalFactory(category="victim")])])

    empty = client.get("/quiz/categorie/dader/")

    assert empty.status_code == 200
    assert "Er zijn nog geen quizzen in deze categorie." in empty.content.decode()
    assert client.get("/quiz/categorie/onbekend/").status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_the_list_costs_five_queries_at_any_size(django_assert_num_queries, size):
    for _ in range(size):
        quiz = QuizFactory(questions=[QuestionFactory(signals=[SignalFactory()])])
        QuestionFactory(bank=None, quiz=quiz, signals=[SignalFactory()])
        QuizDraw.objects.create(quiz=quiz, count=1, bank=QuestionFactory().bank)
    with django_assert_num_queries(5):
        assert len(quizzes_listed()) == size
