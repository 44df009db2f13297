"""The Arabic interface in a browser, at phone and at desktop width: the home page, a
lesson, a scene, a quiz question and the login page pass axe-core, nothing scrolls sideways,
and the quick exit stays in view and is the first thing the keyboard reaches."""

from playwright.sync_api import Page, expect
from wagtail.models import Locale

from courses.models import CoursePage
from quizzes.models import Quiz
from scenarios.models import ScenarioPage
from tests.e2e.conftest import blocking_violations

WIDTHS = [375, 1280]


def arabic_pages(page: Page, base_url: str):
    """Open each page in turn; yield its name once it is on screen."""
    module = CoursePage.objects.live().filter(is_public=True, locale=Locale.get_default())
    lesson = module.order_by("path").first().get_children().live().first()
    scenario = (
        ScenarioPage.objects.live().filter(locale=Locale.get_default()).order_by("path").first()
    )
    quiz = Quiz.objects.filter(live=True, is_public=True).order_by("pk").first()

    page.goto(f"{base_url}/ar/")
    yield "home"
    page.goto(f"{base_url}/ar{lesson.url}")
    yield "lesson"
    page.goto(f"{base_url}/ar{scenario.url}")
    with page.expect_navigation():
        page.locator("form:has(input[name=action][value=start]) button").click()
    expect(page.locator(".scenario-scene")).to_be_visible()
    yield "scene"
    page.goto(f"{base_url}/ar/quiz/{quiz.pk}/")
    with page.expect_navigation():
        page.locator(f"form[action$='/quiz/{quiz.pk}/start/'] button").click()
    expect(page.locator("form.quizzes-question")).to_be_visible()
    yield "quiz question"
    page.goto(f"{base_url}/ar/account/login/")
    yield "login"


def test_arabic_pages_pass_axe_fit_and_keep_the_quick_exit_in_reach(
    demo_served, live_server, page: Page
):
    problems = {}
    checked = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.context.clear_cookies()
        for name in arabic_pages(page, live_server.url):
            where = f"{name} at {width}px"
            checked.append(where)
            assert page.evaluate("document.documentElement.dir") == "rtl", where
            found = []
            exit_link = page.locator(".signaal-quick-exit__button")
            page.keyboard.press("Tab")
            if not exit_link.evaluate("link => link === document.activeElement"):
                found.append("Tab does not reach the quick exit first")
            found += blocking_violations(page)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                found.append(f"{scroll_width}px wide in a {width}px window")
            box = exit_link.bounding_box()
            if not box or box["x"] < 0 or box["x"] + box["width"] > width or box["y"] < 0:
                found.append(f"the quick exit is out of view: {box}")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            box = exit_link.bounding_box()
            if not box or box["y"] < 0 or box["y"] + box["height"] > 900:
                found.append(f"the quick exit scrolls away: {box}")
            if found:
                problems[where] = found
    assert len(checked) == 10
    assert problems == {}
