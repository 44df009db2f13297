import json

import pytest
from django.utils import translation

from accounts.models import User
from quizzes.forms import case_sentences, option_problems
from quizzes.models import Question
from tests.factories import QuestionBankFactory, QuestionFactory, QuizFactory, SignalFactory

pytestmark = pytest.mark.django_db

EXPLANATION = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": "Uitleg",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser(email="beheer@example.org", password="x")
    client.force_login(user)
    return client


def question_post(bank, kind, options):
    data = {
        "bank": bank.pk,
        "kind": kind,
        "text": "Welke zin is een signaal?",
        "explanation": EXPLANATION,
        "signals": [SignalFactory().pk],
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": 0,
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
    }
    for index, (text, is_correct) in enumerate(options):
        data[f"options-{index}-text"] = text
        data[f"options-{index}-ORDER"] = index + 1
        if is_correct:
            data[f"options-{index}-is_correct"] = "on"
    return data


@pytest.mark.parametrize(
    ("kind", "options", "problem_count"),
    [
        ("single", [("a", True), ("b", False)], 0),
        ("single", [("a", True), ("b", True)], 1),
        ("single", [("a", True)], 1),
        # True-or-false and essay questions make their own options: typed ones are ignored.
        ("true_false", [("Waar", True), ("Niet waar", False), ("Soms", False)], 0),
        ("multiple", [("a", False), ("b", False)], 1),
        ("spotting", [("Zin een.", True), ("Zin twee.", False)], 0),
        ("essay", [], 0),
        ("essay", [("a", True)], 0),
    ],
)
def test_option_rules_per_question_type(kind, options, problem_count):
    assert len(option_problems(kind, options)) == problem_count


def test_admin_creates_a_signal_spotting_question_with_its_sentences(admin_client):
    bank = QuestionBankFactory()
    data = question_post(bank, "spotting", [("Ze spijbelt.", True), ("Ze sport.", False)])

    response = admin_client.post("/admin/snippets/quizzes/question/add/", data)

    assert response.status_code == 302
    question = Question.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("Ze spijbelt.", True),
        ("Ze sport.", False),
    ]


def test_admin_refuses_a_single_answer_question_without_a_correct_option(admin_client):
    bank = QuestionBankFactory()
    data = question_post(bank, "single", [("a", False), ("b", False)])

    response = admin_client.post("/admin/snippets/quizzes/question/add/", data)

    assert response.status_code == 200
    with translation.override("en"):
        errors = [str(error) for error in response.context["form"].non_field_errors()]
    assert errors == ["Mark exactly one option as correct."]
    assert not Question.objects.exists()


def test_admin_pages_for_quizzes_load(admin_client):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    for url in (
        f"/admin/snippets/quizzes/question/edit/{question.pk}/",
        "/admin/snippets/quizzes/quiz/",
        "/admin/snippets/quizzes/quiz/add/",
        f"/admin/snippets/quizzes/quiz/edit/{quiz.pk}/",
        "/admin/snippets/quizzes/question/",
        "/admin/snippets/quizzes/question/add/",
        "/admin/snippets/quizzes/questionbank/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_case_text_is_split_into_sentences_with_bracketed_signals():
    case = (
        "Lisa (15) zit op het vmbo. [Ze spijbelt vaak.] Ze houdt van dansen! [Haar vriend is 23.]"
    )
    assert case_sentences(case) == [
        ("Lisa (15) zit op het vmbo.", False),
        ("Ze spijbelt vaak.", True),
        ("Ze houdt van dansen!", False),
        ("Haar vriend is 23.", True),
    ]


def test_admin_turns_a_pasted_case_into_sentences(admin_client):
    data = question_post(QuestionBankFactory(), "spotting", [])
    data["case_text"] = "Ze zit op school. [Ze heeft een dure telefoon.] Ze sport graag."

    response = admin_client.post("/admin/snippets/quizzes/question/add/", data)

    assert response.status_code == 302
    question = Question.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.order_by("sort_order")] == [
        ("Ze zit op school.", False),
        ("Ze heeft een dure telefoon.", True),
        ("Ze sport graag.", False),
    ]


def test_admin_ignores_a_case_pasted_for_another_question_type(admin_client):
    data = question_post(QuestionBankFactory(), "single", [("a", True), ("b", False)])
    data["case_text"] = "[Een zin.] Nog een zin."

    response = admin_client.post("/admin/snippets/quizzes/question/add/", data)

    assert response.status_code == 302
    assert list(Question.objects.get().options.values_list("text", flat=True)) == ["a", "b"]


def test_admin_refuses_a_bank_question_without_a_bank(admin_client):
    data = question_post(QuestionBankFactory(), "single", [("a", True), ("b", False)])
    data["bank"] = ""

    response = admin_client.post("/admin/snippets/quizzes/question/add/", data)

    assert response.status_code == 200
    assert "bank" in response.context["form"].errors
    assert not Question.objects.exists()


def test_admin_makes_the_two_options_of_a_true_or_false_bank_question(admin_client):
    data = question_post(QuestionBankFactory(), "true_false", [])
    data["statement_is_true"] = "True"

    response = admin_client.post("/admin/snippets/quizzes/question/add/", data)

    assert response.status_code == 302
    assert list(Question.objects.get().options.values_list("text", "is_correct")) == [
        ("Waar", True),
        ("Niet waar", False),
    ]


def test_quiz_listing_links_to_results_and_statistics(admin_client):
    quiz = QuizFactory(questions=[QuestionFactory()])
    page = admin_client.get("/admin/snippets/quizzes/quiz/").content.decode()
    assert f"/quiz/trainer/statistics/{quiz.pk}/" in page
    assert f"/quiz/trainer/results/?quiz={quiz.pk}" in page
