"""Phone first: every page fits a 320-pixel phone, the header stays small, its menu folds
behind a button that works without JavaScript, tables scroll in their own box, and the
sticky quick exit bar never covers what a learner just answered."""

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from courses.models import LessonPage
from demo.accounts import LEARNER, MANAGER
from quizzes.models import Quiz
from website.models import HelpPage, Region, RegionContact, StandardPage

from .conftest import log_in

# The quick exit bar and the header together, on a 375x812 phone.
PHONE_HEADER_MAX = 120
DEMO_ORGANISATION = "het-baken-college"


@pytest.fixture
def public_paths(transactional_db, home_page) -> list[str]:
    region = Region.objects.create(name="Gemeente Testdorp", slug="testdorp")
    RegionContact.objects.create(
        region=region, role=RegionContact.Role.VEILIG_THUIS, name="Veilig Thuis", phone="0800-2000"
    )
    home_page.add_child(
        instance=HelpPage(title="Hulp en melden", slug="hulp", default_region=region)
    )
    home_page.add_child(
        instance=StandardPage(
            title="Voor taxichauffeurs",
            slug="taxi",
            introduction="Ook een lang woord als mensenhandelbestrijdingsprogramma past.",
        )
    )
    return ["/", "/hulp/", "/taxi/", "/account/login/", "/account/signup/", "/en/"]


@pytest.mark.parametrize("width", [320, 375])
def test_public_pages_fit_a_small_phone(public_paths, live_server, page: Page, width):
    page.set_viewport_size({"width": width, "height": 700})
    for path in public_paths:
        page.goto(f"{live_server.url}{path}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width}px wide at {width}px"


def sticky_bar_bottom(page: Page) -> float:
    return page.locator(".signaal-quick-exit").bounding_box()["height"]


def header_bottom(page: Page) -> float:
    return page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_the_header_with_the_quick_exit_fits_in_120_pixels_on_a_phone(
    public_paths, live_server, browser, javascript
):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, java_script_enabled=javascript
    )
    page = context.new_page()
    for path in public_paths:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#quick-exit")).to_be_in_viewport()
        assert page.locator(".signaal-quick-exit").bounding_box()["y"] == 0
        assert header_bottom(page) <= PHONE_HEADER_MAX, f"{path}: {header_bottom(page)}px"
    context.close()


def test_the_menu_button_works_without_javascript(public_paths, live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    menu = page.locator("nav.signaal-nav")
    button = page.locator("summary", has_text="Menu")
    expect(menu).to_have_count(1)
    expect(menu).to_be_hidden()
    button.click()
    expect(menu.get_by_role("link", name="Inloggen")).to_be_visible()
    expect(menu.get_by_role("link", name="Account maken")).to_be_visible()
    expect(page.get_by_role("link", name="English")).to_be_visible()
    button.click()
    expect(menu).to_be_hidden()
    # With the keyboard alone: Tab to the button, Enter opens, Tab reaches the links.
    button.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link").first).to_be_focused()
    context.close()


def test_a_wide_screen_shows_the_menu_without_a_button(public_paths, live_server, page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/")
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link").first
    ).to_be_visible()
    assert header_bottom(page) <= PHONE_HEADER_MAX


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_the_scroll_padding_is_the_sticky_bar_height(
    public_paths, live_server, browser, javascript
):
    context = browser.new_context(
        viewport={"width": 375, "height": 640}, java_script_enabled=javascript
    )
    page = context.new_page()
    for path in public_paths:
        page.goto(f"{live_server.url}{path}")
        padding = page.evaluate(
            "parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop)"
        )
        assert padding == sticky_bar_bottom(page), path
    context.close()


def test_phone_pages_fit_320_pixels_and_wide_tables_scroll_in_their_box(
    demo_site, live_server, page: Page
):
    page.set_viewport_size({"width": 320, "height": 640})
    lesson = LessonPage.objects.live().order_by("path").first()
    for path in ["/", lesson.url]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        page.locator("summary", has_text="Menu").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{path}, menu"

    log_in(page.context, User.objects.get(email=MANAGER.email), live_server)
    page.goto(f"{live_server.url}/organisatie/{DEMO_ORGANISATION}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("summary", has_text="Menu").click()
    own = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn organisatie"
    )
    expect(own).to_have_attribute("href", f"/organisatie/{DEMO_ORGANISATION}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("summary", has_text="Menu").click()
    box = page.locator(".organisations-table-wrap").filter(has=page.locator("th", has_text="Naam"))
    sizes = box.evaluate("el => [el.scrollWidth, el.clientWidth, getComputedStyle(el).overflowX]")
    assert sizes[0] > sizes[1], "the people table is not wider than a phone: nothing to test"
    assert sizes[2] == "auto"
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("aria-labelledby") or box.get_attribute("aria-label")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    expect(box).not_to_have_js_property("scrollLeft", 0)
    assert page.evaluate("window.scrollX") == 0


def test_an_answered_statement_and_quiz_question_stay_clear_of_the_sticky_bar(
    demo_site, live_server, page: Page
):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page.context, User.objects.get(email=LEARNER.email), live_server)
    lesson = next(
        lesson
        for lesson in LessonPage.objects.live().order_by("path")
        if any(block.block_type == "statement" for block in lesson.body)
    )
    page.goto(f"{live_server.url}{lesson.url}")
    statement = page.locator(".courses-statement").first
    with page.expect_navigation():
        statement.locator("button[name=answer][value=agree]").click()
    assert "#statement-" in page.url
    # The page came back at the statement, scrolled, with all of it below the bar.
    assert page.evaluate("window.scrollY") > 0
    expect(statement.locator(".courses-statement__outcome")).to_be_visible()
    assert statement.bounding_box()["y"] >= sticky_bar_bottom(page)
    expect(statement).to_be_in_viewport()

    quiz = Quiz.objects.filter(live=True, feedback_mode=Quiz.FeedbackMode.AFTER_EACH).first()
    # The questions in their set order, so the first is the choice question the steps below
    # answer (shuffled, an open question came first now and then).
    quiz.random_order = False
    quiz.save()
    first = quiz.fixed_questions.order_by("sort_order").first().question
    assert first.options.exists()
    page.goto(f"{live_server.url}/quiz/{quiz.pk}/")
    with page.expect_navigation():
        page.locator(f"form[action$='/quiz/{quiz.pk}/start/'] button").click()
    form = page.locator("form.quizzes-question")
    form.locator("input[name=options]").first.check()
    # Scrolled down to the button, the title is out of sight above the bar.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    title = page.locator("[data-quiz-focus]")
    assert title.bounding_box()["y"] < sticky_bar_bottom(page)
    form.locator("button[type=submit]").click()
    expect(page.locator("#quiz-panel .quizzes-review")).to_be_visible()
    focused = page.locator("[data-quiz-focus]")
    expect(focused).to_be_focused()
    assert focused.bounding_box()["y"] >= sticky_bar_bottom(page)
