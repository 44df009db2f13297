"""A quiz in one place: its questions and their options are written in the quiz's own edit
screen, each type keeps only its own fields, and the trainer previews it as a learner."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
)

from accounts.models import User
from quizzes.models import Attempt, Question, Quiz
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/quizzes/quiz/add/"


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser(email="beheer@example.org", password="x"))
    return client


def question_form(kind, text, options=(), **fields):
    return {
        "kind": kind,
        "text": text,
        "explanation": rich_text("<p>Uitleg</p>"),
        "image_alt": "",
        "case_text": "",
        "options": inline_formset(
            [
                {"text": option, "is_correct": "on" if correct else "", "feedback": ""}
                for option, correct in options
            ]
        ),
        **fields,
    }


def quiz_form(questions, **fields):
    return nested_form_data(
        {
            "title": "Toets: onderweg",
            "introduction": "Wat zie je onderweg?",
            "questions": inline_formset(questions),
            "fixed_questions": inline_formset([]),
            "draws": inline_formset([]),
            "feedback_mode": "after_each",
            "show_correct_answers": "on",
            "max_attempts": "0",
            "counting_attempt": "best",
            "time_limit_minutes": "",
            "pass_mark": "70",
            "pass_text": rich_text("<p>Gehaald</p>"),
            "fail_text": rich_text("<p>Nog niet</p>"),
            **fields,
        }
    )


def form_errors(response) -> list:
    """Every error of the quiz form and its nested question and option forms, for asserts."""
    form = response.context["form"]
    errors = [str(error) for error in form.non_field_errors()]
    errors += [f"{name}: {error}" for name, found in form.errors.items() for error in found]
    for question in form.formsets["questions"].forms:
        errors += [
            f"question {name}: {e}" for name, found in question.errors.items() for e in found
        ]
        for option in question.formsets["options"].forms:
            errors += [
                f"option {name}: {e}" for name, found in option.errors.items() for e in found
            ]
    return errors


def test_a_trainer_writes_a_quiz_and_its_questions_in_one_screen(editor):
    data = quiz_form(
        [
            question_form("single", "Wie bel je?", [("Veilig Thuis", True), ("Niemand", False)]),
            question_form("true_false", "Een taxi is altijd veilig.", statement_is_true="False"),
            question_form("essay", "Wat zou jij doen?"),
        ]
    )

    response = editor.post(ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    quiz = Quiz.objects.get()
    questions = list(quiz.questions.order_by("sort_order"))
    assert [(q.kind, q.text, q.bank_id) for q in questions] == [
        ("single", "Wie bel je?", None),
        ("true_false", "Een taxi is altijd veilig.", None),
        ("essay", "Wat zou jij doen?", None),
    ]
    assert [(o.text, o.is_correct) for o in questions[0].options.all()] == [
        ("Veilig Thuis", True),
        ("Niemand", False),
    ]
    assert [(o.text, o.is_correct) for o in questions[1].options.all()] == [
        ("Waar", False),
        ("Niet waar", True),
    ]
    assert not questions[2].options.exists()


def test_fields_of_another_type_are_ignored_without_javascript(editor):
    data = quiz_form(
        [
            # Everything a trainer might leave behind in fields the script would have hidden.
            question_form(
                "true_false",
                "Een loverboy is altijd ouder.",
                [("Typed by hand", True), ("Also typed", False), ("Third", False)],
                statement_is_true="True",
                case_text="[Een zin.] Nog een zin.",
            ),
            question_form(
                "essay", "Leg uit.", [("a", True), ("b", False)], statement_is_true="True"
            ),
            question_form(
                "single",
                "Welke?",
                [("Deze", True), ("Die", False)],
                statement_is_true="False",
                case_text="[Een zin.]",
            ),
        ]
    )

    response = editor.post(ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    true_false, essay, single = Quiz.objects.get().questions.order_by("sort_order")
    assert list(true_false.options.values_list("text", "is_correct")) == [
        ("Waar", True),
        ("Niet waar", False),
    ]
    assert not essay.options.exists() and essay.statement_is_true is None
    assert single.statement_is_true is None
    assert list(single.options.values_list("text", flat=True)) == ["Deze", "Die"]


def test_a_pasted_case_becomes_the_sentences_of_a_quiz_own_question(editor):
    data = quiz_form(
        [
            question_form(
                "spotting", "Vink de signalen aan.", case_text="Ze stapt in. [Hij betaalt.]"
            )
        ]
    )

    response = editor.post(ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    question = Quiz.objects.get().questions.get()
    assert list(question.options.values_list("text", "is_correct")) == [
        ("Ze stapt in.", False),
        ("Hij betaalt.", True),
    ]


def test_a_question_form_says_what_its_type_misses(editor):
    data = quiz_form(
        [
            question_form("true_false", "Zonder antwoord."),
            question_form("single", "Zonder goed antwoord.", [("a", False), ("b", False)]),
        ]
    )

    response = editor.post(ADD_URL, data)

    assert response.status_code == 200
    with translation.override("en"):
        errors = form_errors(response)
    assert "question statement_is_true: Choose whether the statement is true or not true." in errors
    assert "question __all__: Mark exactly one option as correct." in errors
    assert not Quiz.objects.exists()


def test_a_quiz_mixes_its_own_questions_with_bank_questions_and_draws(editor):
    bank_question = QuestionFactory()
    data = quiz_form(
        [question_form("single", "Eigen vraag", [("Ja", True), ("Nee", False)])],
        fixed_questions=inline_formset([{"question": bank_question.pk}]),
        draws=inline_formset(
            [{"count": "2", "bank": bank_question.bank_id, "signal": "", "signal_category": ""}]
        ),
    )

    response = editor.post(ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    quiz = Quiz.objects.get()
    assert quiz.questions.count() == 1
    assert list(quiz.fixed_questions.values_list("question", flat=True)) == [bank_question.pk]
    assert quiz.draws.get().bank_id == bank_question.bank_id


def test_another_quiz_own_question_cannot_be_chosen_from_a_bank(editor):
    other_own = QuestionFactory(bank=None, quiz=QuizFactory())
    data = quiz_form([], fixed_questions=inline_formset([{"question": other_own.pk}]))

    response = editor.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Quiz.objects.filter(title="Toets: onderweg").exists()


def edit_form(editor, quiz) -> tuple:
    """The quiz's edit URL and its form as the browser would send it back unchanged."""
    url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])
    page = editor.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    data = querydict_from_html(html, form_id="w-editor-form")
    # A browser sends "on" for a ticked box without a value; the helper sends "".
    for box in WagtailTestUtils.get_soup(html).select("input[type=checkbox][checked]"):
        if "value" not in box.attrs:
            data[box["name"]] = "on"
    return url, data


def test_editing_a_live_quiz_keeps_learners_on_the_published_questions_until_publishing(editor):
    quiz = QuizFactory()
    question = QuestionFactory(bank=None, quiz=quiz, text="Oude vraag", sort_order=0)
    url, data = edit_form(editor, quiz)
    data["questions-0-text"] = "Nieuwe vraag"

    draft = editor.post(url, data)

    assert draft.status_code == 302, form_errors(draft)
    question.refresh_from_db()
    assert question.text == "Oude vraag"
    quiz.refresh_from_db()
    latest = quiz.latest_revision.as_object()
    assert [q.text for q in latest.questions.all()] == ["Nieuwe vraag"]

    data["action-publish"] = "action-publish"
    published = editor.post(url, data)

    assert published.status_code == 302
    question.refresh_from_db()
    assert question.text == "Nieuwe vraag"
    assert list(question.options.values_list("text", flat=True)) == ["Right", "Wrong", "Also wrong"]


def test_an_answered_question_is_not_deleted_from_its_quiz(editor, learner):
    quiz = QuizFactory()
    question = QuestionFactory(bank=None, quiz=quiz, text="Beantwoorde vraag")
    attempt = Attempt.objects.create(
        quiz=quiz, user=learner, question_ids=[question.pk], started_at=quiz.first_published_at
    )
    attempt.answers.create(question=question, answered_at=attempt.started_at, score=1)
    url, data = edit_form(editor, quiz)
    data["questions-0-DELETE"] = "1"
    data["action-publish"] = "action-publish"

    response = editor.post(url, data)

    assert response.status_code == 200
    assert form_errors(response)[0].startswith(
        "“Beantwoorde vraag” is al door deelnemers beantwoord"
    )
    assert Question.objects.filter(pk=question.pk).exists()


def test_the_preview_shows_a_draft_quiz_as_a_learner_and_stores_nothing(editor):
    quiz = QuizFactory(live=False, title="Conceptquiz")
    QuestionFactory(bank=None, quiz=quiz, text="Wat valt je op?", sort_order=0)
    url, data = edit_form(editor, quiz)
    preview_url = reverse("wagtailsnippets_quizzes_quiz:preview_on_edit", args=[quiz.pk])

    check = editor.post(preview_url, data)
    learner_view = editor.get(preview_url)
    with_answers = editor.get(preview_url, {"mode": "answers"})

    assert check.json()["is_valid"] is True
    page = learner_view.content.decode()
    assert learner_view.status_code == 200
    assert "Conceptquiz" in page and "Wat valt je op?" in page
    assert 'type="radio"' in page and "SECRET-EXPLANATION" not in page
    assert "SECRET-EXPLANATION" in with_answers.content.decode()
    assert not Attempt.objects.exists()
    # The editor frames the preview beside the form; no other site may.
    assert "frame-ancestors 'self'" in learner_view["Content-Security-Policy"]


def test_the_question_screens_of_the_banks_list_only_bank_questions(editor):
    in_bank = QuestionFactory(text="Vraag uit de bank")
    QuestionFactory(bank=None, quiz=QuizFactory(), text="Vraag van een quiz")

    page = editor.get("/admin/snippets/quizzes/question/").content.decode()

    assert in_bank.text in page
    assert "Vraag van een quiz" not in page
