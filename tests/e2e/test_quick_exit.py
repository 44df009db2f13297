"""The quick exit replaces the page with a neutral site, and Back does not bring the site back.

The neutral site is outside this machine's reach, so the tests answer it themselves. Every
document the browser renders reports, at its first frame, whether the page was hidden: after
the quick exit no page of the site may reach the screen, not even for one frame.
"""

import hashlib
import re
import time
from base64 import b64encode

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from wagtail.models import Site

from accounts.models import User
from courses.models import LessonPage
from demo.accounts import LEARNER
from website.models import HelpPage, Region, SiteSettings, StandardPage

from .conftest import log_in

NEUTRAL_SITE = "https://neutraal.example.org/"
NEUTRAL_PAGE = "<title>Het weer</title><p>Zonnig</p>"
NEUTRAL_SITE_DELAY = 0.3
# More presses of Back than pages visited: the last ones leave the tab's history.
BACK_PRESSES = 5

# Runs in every document before its own scripts. It reports the page's visibility when the
# page is parsed and at its first frame (a page that leaves at once may never render one),
# and again when the page comes back from the back/forward cache.
FRAME_PROBE = """
(() => {
  const report = (how) => window.reportFrame(
    location.href, getComputedStyle(document.documentElement).visibility, how);
  addEventListener("DOMContentLoaded", () => report("parsed"));
  requestAnimationFrame(() => report("painted"));
  addEventListener("pageshow", (event) => {
    if (event.persisted) { report("restored"); requestAnimationFrame(() => report("painted")); }
  });
})();
"""


class Frames:
    """What the documents of a browser context reported: address, visibility, moment."""

    def __init__(self, context: BrowserContext):
        self.seen: list[tuple[str, str, str]] = []
        context.expose_binding("reportFrame", self.record)
        context.add_init_script(FRAME_PROBE)

    def record(self, _source, url: str, visibility: str, how: str) -> None:
        self.seen.append((url, visibility, how))

    def shown(self, base_url: str) -> list[str]:
        """The addresses of the site's pages that were, or could have been, on screen."""
        return [
            url
            for url, visibility, _how in self.seen
            if url.startswith(base_url) and visibility != "hidden"
        ]

    def restored(self, base_url: str) -> list[str]:
        return [
            url
            for url, _visibility, how in self.seen
            if url.startswith(base_url) and how == "restored"
        ]


def answer_neutral_site(context: BrowserContext) -> None:
    def answer(route) -> None:
        # As over a phone's network: the site's page stays in the tab while the neutral
        # site loads, and must not show meanwhile.
        time.sleep(NEUTRAL_SITE_DELAY)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    context.route(f"{NEUTRAL_SITE}**", answer)


@pytest.fixture
def platform(transactional_db, home_page, live_server) -> list[str]:
    """A small site with the neutral site as quick exit target; the paths of three pages."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = NEUTRAL_SITE
    settings.save()
    region = Region.objects.create(name="Gemeente Testdorp", slug="testdorp")
    home_page.add_child(
        instance=HelpPage(title="Hulp en melden", slug="hulp", default_region=region)
    )
    home_page.add_child(
        instance=StandardPage(
            title="Lange pagina",
            slug="lang",
            introduction="Een pagina om langs te scrollen.",
            body=[("paragraph", "<p>Tekst.</p>" * 200)],
        )
    )
    return ["/", "/hulp/", "/lang/"]


@pytest.fixture
def frames(context: BrowserContext) -> Frames:
    return Frames(context)


@pytest.fixture
def platform_page(platform, live_server, page: Page, frames) -> Page:
    answer_neutral_site(page.context)
    page.goto(f"{live_server.url}/lang/")
    return page


def visit(page: Page, base_url: str, paths: list[str]) -> None:
    for path in paths:
        page.goto(f"{base_url}{path}")
        expect(page.locator("#quick-exit")).to_be_visible()


def leave_by(page: Page, way: str) -> None:
    if way == "button":
        page.locator("#quick-exit").click()
    elif way == "escape":
        page.keyboard.press("Escape")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")


def assert_on_neutral_site(page: Page) -> None:
    expect(page).to_have_url(NEUTRAL_SITE)
    expect(page.locator("p")).to_have_text("Zonnig")
    expect(page.locator("#quick-exit")).to_have_count(0)


def assert_back_never_shows_the_site(page: Page, frames: Frames, base_url: str) -> None:
    assert_on_neutral_site(page)
    frames.seen.clear()
    for press in range(BACK_PRESSES):
        page.go_back()
        # A page of the site may load for a moment, hidden, before it replaces itself.
        expect(page).not_to_have_url(re.compile(f"^{re.escape(base_url)}"))
        # Before the first page of the tab's history there is the empty page, and Back
        # goes no further.
        if page.url != "about:blank":
            assert_on_neutral_site(page)
        assert frames.shown(base_url) == [], f"Back number {press + 1} showed the site"


def test_quick_exit_is_the_first_tab_stop(platform_page: Page):
    platform_page.keyboard.press("Tab")
    focused = platform_page.evaluate("document.activeElement.id")
    assert focused == "quick-exit"


@pytest.mark.parametrize("way", ["button", "escape", "shift"])
def test_back_after_the_quick_exit_shows_no_page_of_the_site(
    platform, live_server, page: Page, frames, way
):
    answer_neutral_site(page.context)
    visit(page, live_server.url, platform)
    leave_by(page, way)
    assert_back_never_shows_the_site(page, frames, live_server.url)


def test_pages_kept_in_the_back_forward_cache_leave_too(
    platform, live_server, browser_type, browser_type_launch_args
):
    # Playwright switches the back/forward cache off; Chromium as people use it keeps it on.
    browser = browser_type.launch(
        **browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"]
    )
    try:
        context = browser.new_context()
        frames = Frames(context)
        answer_neutral_site(context)
        page = context.new_page()
        visit(page, live_server.url, platform)
        page.locator("#quick-exit").click()
        assert_back_never_shows_the_site(page, frames, live_server.url)
        assert frames.restored(live_server.url), "no page came back from the cache"
    finally:
        browser.close()


def test_a_deliberate_visit_after_the_quick_exit_shows_the_site(
    platform, live_server, page: Page, frames
):
    answer_neutral_site(page.context)
    visit(page, live_server.url, platform)
    leave_by(page, "button")
    assert_on_neutral_site(page)
    page.goto(f"{live_server.url}/hulp/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp en melden")
    page.goto(f"{live_server.url}/lang/")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/hulp/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp en melden")


def test_the_page_allows_its_inline_script_by_hash(platform, live_server, page: Page):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    response = page.goto(f"{live_server.url}/")
    inline = page.evaluate("[...document.scripts].filter(s => !s.src).map(s => s.textContent)")
    assert len(inline) == 1
    digest = b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response.headers["content-security-policy"]
    assert errors == []


@pytest.mark.parametrize("way", ["button", "escape", "shift"])
def test_each_way_leaves_the_platform(platform_page: Page, way):
    leave_by(platform_page, way)
    assert_on_neutral_site(platform_page)


def test_two_shift_presses_do_not_leave(platform_page: Page, live_server):
    platform_page.keyboard.press("Shift")
    platform_page.keyboard.press("Shift")
    platform_page.wait_for_timeout(300)
    assert platform_page.url.startswith(live_server.url)


def test_shift_three_times_leaves_from_a_text_field(platform, live_server, page: Page):
    answer_neutral_site(page.context)
    page.goto(f"{live_server.url}/account/login/")
    page.locator("input[name=login]").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_on_neutral_site(page)


def test_another_key_between_the_shift_presses_does_not_leave(platform, live_server, page: Page):
    answer_neutral_site(page.context)
    page.goto(f"{live_server.url}/account/login/")
    field = page.locator("input[name=login]")
    field.focus()
    for key in ["Shift", "Shift", "a", "Shift"]:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/account/login/"
    expect(field).to_have_value("a")


@pytest.mark.parametrize(
    ("path", "control"),
    [("/account/login/", "input[name=login]"), ("/hulp/", "#region-select")],
    ids=["text field", "select"],
)
def test_escape_in_a_form_control_stays(platform, live_server, page: Page, path, control):
    answer_neutral_site(page.context)
    page.goto(f"{live_server.url}{path}")
    page.locator(control).focus()
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}{path}"
    expect(page.locator(control)).to_be_focused()


def test_escape_in_an_open_select_stays(platform, live_server, page: Page):
    answer_neutral_site(page.context)
    page.goto(f"{live_server.url}/hulp/")
    select = page.locator("#region-select")
    select.focus()
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/hulp/"


def test_escape_while_writing_an_answer_stays(demo_site, live_server, page: Page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.quick_exit_url = NEUTRAL_SITE
    site_settings.save()
    answer_neutral_site(page.context)
    log_in(page.context, User.objects.get(email=LEARNER.email), live_server)
    lesson = next(
        lesson
        for lesson in LessonPage.objects.live().order_by("path")
        if any(block.block_type == "reflection" for block in lesson.body)
    )
    page.goto(f"{live_server.url}{lesson.url}")
    answer = page.locator(".courses-reflection textarea").first
    answer.fill("Ik vraag het haar morgen")
    answer.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}{lesson.url}"
    expect(answer).to_have_value("Ik vraag het haar morgen")
    # Out of the text field, Escape leaves as everywhere else.
    page.locator("h1").click()
    page.keyboard.press("Escape")
    assert_on_neutral_site(page)


def test_the_help_tells_how_to_clear_the_history(platform_page: Page):
    bar = platform_page.locator(".signaal-quick-exit")
    height = bar.bounding_box()["height"]
    bar.get_by_text("Zo wis je je geschiedenis").click()
    help_text = bar.get_by_text("Ctrl+Shift+Delete")
    expect(help_text).to_be_visible()
    # The help opens over the page; the sticky bar keeps its height.
    assert bar.bounding_box()["height"] == height


def test_without_javascript_the_button_is_a_link_to_the_neutral_site(
    platform, live_server, browser
):
    context = browser.new_context(java_script_enabled=False)
    answer_neutral_site(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.locator("#quick-exit").click()
    assert_on_neutral_site(page)
    context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_quick_exit_stays_visible_and_uncovered_while_scrolling(platform_page: Page, width):
    platform_page.set_viewport_size({"width": width, "height": 640})
    platform_page.mouse.wheel(0, 5000)
    platform_page.wait_for_timeout(200)
    assert platform_page.evaluate("window.scrollY") > 1000
    button = platform_page.locator("#quick-exit")
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    topmost_id = platform_page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#quick-exit')?.id",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert topmost_id == "quick-exit"
