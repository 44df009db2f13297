"""A taxi driver between two rides, on a phone, without an account.

From the home page's 'Ik ben taxichauffeur' through the sector page to the taxi module, which
is open to visitors; through its lessons, its case and its quiz to the score; then whom to
call in the region, and the offer to sign up and keep it all. Every page must fit the phone
without sideways scrolling and answer without a server error.
"""

import os
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from quizzes.models import Option
from scenarios.models import Choice

PHONE = {"width": 375, "height": 812}
MODULE_TITLE = "Signalen onderweg"
# Set to a folder to keep a screenshot of every step, for looking at the journey.
SCREENSHOTS = os.environ.get("SIGNAAL_JOURNEY_SCREENSHOTS", "")


def nl(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


class Walk:
    """Checks each page the driver arrives at, and keeps a screenshot when asked."""

    def __init__(self, page: Page):
        self.page = page
        self.server_errors: list[str] = []
        self.steps = 0
        page.on(
            "response",
            lambda response: (
                self.server_errors.append(f"{response.status} {response.url}")
                if response.status >= 500
                else None
            ),
        )

    def arrived(self, name: str) -> None:
        self.page.wait_for_load_state()
        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"], f"{self.page.url} is {scroll_width}px wide"
        assert not self.server_errors, self.server_errors
        self.steps += 1
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=f"{SCREENSHOTS}/taxi-{self.steps:02d}-{name}.png")


def play_the_case(walk: Walk) -> None:
    """Choose, in every scene, the option that scores best, until the debrief."""
    page = walk.page
    for _scene in range(30):
        buttons = page.locator("button[name=choice_id]")
        if buttons.count() == 0:
            return
        ids = [int(value) for value in buttons.evaluate_all("els => els.map(e => e.value)")]
        best = Choice.objects.filter(pk__in=ids).order_by("-score", "sort_order").first()
        page.locator(f"button[name=choice_id][value='{best.pk}']").click()
        walk.arrived("scene")
    pytest.fail("The case did not reach an ending within 30 scenes")


def click_and_wait_until_gone(locator) -> None:
    """Click a control that htmx replaces, and wait until the replacement is in."""
    control = locator.element_handle()
    control.click()
    control.wait_for_element_state("hidden")


def take_the_quiz(walk: Walk) -> None:
    """Answer every question rightly; write something for an open question."""
    page = walk.page
    for _question in range(30):
        if page.get_by_role("link", name=nl("See your result")).count():
            page.get_by_role("link", name=nl("See your result")).click()
            return
        next_question = page.get_by_role("link", name=nl("Next question"))
        if next_question.count():
            click_and_wait_until_gone(next_question)
            walk.arrived("question")
            continue
        form = page.locator("form.quizzes-question")
        text_box = form.locator("textarea")
        if text_box.count():
            text_box.fill("Ik schrijf tijd, adres en kenteken op en bel de politie.")
        else:
            boxes = form.locator("input[type=radio], input[type=checkbox]")
            values = [int(v) for v in boxes.evaluate_all("els => els.map(e => e.value)")]
            for option in Option.objects.filter(pk__in=values, is_correct=True):
                form.locator(f"input[name=options][value='{option.pk}']").check()
        click_and_wait_until_gone(form.get_by_role("button"))
        walk.arrived("answered")
    pytest.fail("The quiz did not end within 30 questions")


@pytest.mark.django_db(transaction=True)
def test_a_taxi_driver_takes_the_open_module_on_a_phone(demo_site, live_server, browser):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    page = context.new_page()
    walk = Walk(page)

    page.goto("/")
    walk.arrived("home")
    page.get_by_role("link", name=re.compile("Ik ben taxichauffeur")).click()
    walk.arrived("sector")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor taxichauffeurs")
    # The path, in order: the module, the case, the pocket card and whom to call.
    main = page.locator("main")
    expect(main.get_by_role("link", name=re.compile(MODULE_TITLE)).first).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("Casus:")).first).to_be_attached()
    expect(main.get_by_role("link", name=nl("Download pocket card (PDF)"))).to_be_attached()
    expect(main.locator("a[href^='tel:']").first).to_be_attached()

    page.get_by_role("link", name=re.compile(f"^{nl('Start')}.*{MODULE_TITLE}")).click()
    walk.arrived("module")
    expect(page.get_by_text(nl("Log in to start"))).to_have_count(0)
    page.get_by_role("button", name=nl("Start the module")).click()
    walk.arrived("lesson")

    saw_score = False
    for _lesson in range(10):
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        lesson_url = page.url
        case = page.get_by_role("link", name=nl("Play the scenario"))
        if case.count():
            case.click()
            page.get_by_role("button", name=nl("Start the scenario")).click()
            walk.arrived("case")
            play_the_case(walk)
            expect(page.get_by_text(re.compile(r"\d+ van \d+ punten")).first).to_be_visible()
            walk.arrived("debrief")
            page.goto(lesson_url)
        quiz = page.get_by_role("link", name=nl("Start the quiz"))
        if quiz.count():
            quiz.click()
            walk.arrived("quiz")
            page.get_by_role("button", name=nl("Start the quiz")).click()
            take_the_quiz(walk)
            walk.arrived("result")
            # The score with its scale, and pass or fail, even while an open answer waits.
            expect(page.get_by_text(re.compile(r"\d+ van \d+ punten")).first).to_be_visible()
            expect(
                page.locator("main").get_by_text(re.compile("Geslaagd|Niet geslaagd"))
            ).to_be_visible()
            expect(
                page.locator("main").get_by_role("link", name=nl("Create an account to keep this"))
            ).to_be_visible()
            saw_score = True
            page.goto(lesson_url)
        done = page.get_by_role("button", name=nl("Mark lesson as done"))
        if done.count():
            done.click()
            walk.arrived("lesson done")
            if page.url == lesson_url:
                next_lesson = page.locator(".courses-pager__next")
                if not next_lesson.count():
                    break
                next_lesson.click()
            continue
        next_lesson = page.locator(".courses-pager__next")
        if not next_lesson.count():
            break
        next_lesson.click()
        walk.arrived("next lesson")
    assert saw_score, "the driver never reached a quiz"

    # The last lesson shows whom to call, with numbers to tap.
    expect(page.locator("main a[href^='tel:']").first).to_be_visible()
    # Keeping it all takes an account: the offer leads to the sign-up form and back here.
    page.locator("main").get_by_role("link", name=nl("Create an account to keep this")).click()
    walk.arrived("sign up")
    expect(page.locator("input[type=email]").first).to_be_visible()
    assert "next=" in page.url
    context.close()
