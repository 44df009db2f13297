"""Taking a quiz in Chromium: with htmx enhancement, and as plain HTML forms without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from quizzes.models import Question
from tests.factories import QuestionFactory, QuizFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_quiz(home_page):
    questions = [
        QuestionFactory(),
        QuestionFactory(kind=Question.Kind.TRUE_FALSE),
        QuestionFactory(kind=Question.Kind.MULTIPLE),
        QuestionFactory(kind=Question.Kind.SPOTTING),
    ]
    return QuizFactory(questions=questions, is_public=True, feedback_mode="after_each")


def answer_every_question(page, total, *, javascript):
    for _ in range(total):
        page.locator("#quiz-panel input[name=options]").first.check()
        page.locator("#quiz-panel button[type=submit]").click()
        expect(page.locator(".quizzes-review")).to_be_visible()
        if javascript:
            # htmx swapped the feedback in; focus moved to its heading, not lost to <body>.
            expect(page.locator("#quiz-panel h1")).to_be_focused()
        page.locator("#quiz-panel .utrecht-button-link").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_a_visitor_takes_a_quiz_to_the_result(browser, live_server, public_quiz, javascript):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/quiz/{public_quiz.pk}/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#quiz-panel legend")).to_be_visible()

    answer_every_question(page, 4, javascript=javascript)

    expect(page.locator(".quizzes-score__number")).to_be_visible()
    assert "/quiz/attempt/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_question_page_has_no_accessibility_violations(page, live_server, public_quiz):
    page.goto(f"{live_server.url}/en/quiz/{public_quiz.pk}/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#quiz-panel legend")).to_be_visible()

    results = Axe().run(page, context={"include": [["#quiz-panel"]]})

    assert results.violations_count == 0, results.generate_report()
