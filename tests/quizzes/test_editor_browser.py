"""In Chromium, a trainer adds a question in the quiz's edit screen and sees only its type's
fields; the quiz then plays with the options the question made itself."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from quizzes.models import Quiz
from tests.e2e.conftest import log_in
from tests.factories import QuizFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_question_shows_only_the_fields_of_its_type(browser, live_server, home_page):
    trainer = User.objects.create_superuser(email="beheer@example.org", password="x")
    quiz = QuizFactory(title="Toets voor chauffeurs", live=False)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(context, trainer, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/snippets/quizzes/quiz/edit/{quiz.pk}/")

    page.get_by_role("button", name="Voeg Vraag toe").click()
    question = page.locator("[data-inline-panel-child]").filter(
        has=page.locator("select[name='questions-0-kind']")
    )
    statement = question.locator("[data-question-kinds='true_false']")
    options = question.locator("[data-question-kinds='single multiple spotting']")
    case = question.locator("[data-question-kinds='spotting']")
    # Before a type is chosen, no type's own fields show.
    expect(statement).to_be_hidden()
    expect(options).to_be_hidden()

    page.select_option("select[name='questions-0-kind']", "true_false")
    expect(statement).to_be_visible()
    expect(options).to_be_hidden()
    expect(case).to_be_hidden()

    page.select_option("select[name='questions-0-kind']", "spotting")
    expect(statement).to_be_hidden()
    expect(options).to_be_visible()
    expect(case).to_be_visible()

    page.select_option("select[name='questions-0-kind']", "true_false")
    page.fill("textarea[name='questions-0-text']", "Een chauffeur mag een rit weigeren.")
    page.check("input[name='questions-0-statement_is_true'][value='True']")
    question.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Ja, als hij zich niet veilig voelt.")
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".messages")).to_contain_text("bijgewerkt")

    saved = Quiz.objects.get(pk=quiz.pk).questions.get()
    assert list(saved.options.values_list("text", "is_correct")) == [
        ("Waar", True),
        ("Niet waar", False),
    ]
    context.close()
