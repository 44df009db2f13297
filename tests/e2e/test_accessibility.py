"""Every page type a visitor, learner or manager sees passes axe-core and fits the window.

axe-core must find no serious or critical WCAG 2.1 A/AA violation, and no page may scroll
sideways, at phone and at desktop width. The walk runs on the demo content, so the pages
hold realistic text, images, progress and certificates.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from wagtail.models import Locale

from accounts.models import User
from courses.blocks import LessonBodyBlock
from courses.models import Certificate, CoursePage, LessonPage, SignalLibraryPage
from demo.accounts import LEARNER, MANAGER
from library.models import Signal
from organisations.models import Membership
from quizzes.models import Quiz
from scenarios.models import ScenarioPage

from .conftest import blocking_violations, log_in

WIDTHS = [375, 1280]
DEMO_ORGANISATION = "het-baken-college"
# A scenario may lead back to an earlier scene; a walk longer than this is going round.
MAX_SCENES = 20


class Walk:
    """One browser tab that visits pages and collects, per page, what is wrong with it."""

    def __init__(self, page: Page, base_url: str, width: int):
        self.page = page
        self.base_url = base_url
        self.width = width
        self.checked: list[str] = []
        self.problems: dict[str, list[str]] = {}

    def visit(self, name: str, path: str) -> None:
        response = self.page.goto(f"{self.base_url}{path}")
        landed = urlsplit(self.page.url).path
        # A redirect (to the login page, say) would check some other page under this name.
        if response.status != 200 or landed != urlsplit(path).path:
            self.problems[name] = [f"{path} answered {response.status} at {landed}"]
            self.checked.append(name)
            return
        self.check(name)

    def submit(self, button: Locator) -> None:
        """Click a button of a plain form and wait for the page the server answers with."""
        with self.page.expect_navigation():
            button.click()

    def check(self, name: str) -> None:
        """Check the page as it is now in the tab, also after a form or htmx changed it."""
        assert name not in self.checked, f"{name} is checked twice"
        self.checked.append(name)
        found = blocking_violations(self.page)
        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > self.width:
            found.append(f"{scroll_width}px wide in a {self.width}px window")
        if found:
            self.problems[name] = found


def _types(lesson: LessonPage) -> set[str]:
    return {block.block_type for block in lesson.body}


def lessons_covering_every_block() -> tuple[list[LessonPage], set[str]]:
    """Demo lessons that together hold every lesson block type, and the types they hold.

    Lessons are picked greedily, the one adding most new block types first, so that a new
    block type shows up here as soon as one demo lesson uses it.
    """
    candidates = {
        lesson: _types(lesson)
        for lesson in LessonPage.objects.live().filter(locale=Locale.get_default()).order_by("path")
    }
    chosen, covered = [], set()
    while candidates:
        lesson = max(candidates, key=lambda candidate: len(candidates[candidate] - covered))
        if not candidates[lesson] - covered:
            break
        chosen.append(lesson)
        covered |= candidates.pop(lesson)
    return chosen, covered


def public_pages(walk: Walk) -> None:
    signal_library = SignalLibraryPage.objects.live().get(locale=Locale.get_default()).url
    walk.visit("home", "/")
    walk.visit("home in English", "/en/")
    walk.visit("standard page", "/leraren/")
    walk.visit("help page", "/hulp-en-melden/")
    walk.visit("accessibility statement", "/toegankelijkheid/")
    walk.visit("signal library", signal_library)
    walk.visit("signal", f"{signal_library}{Signal.objects.order_by('pk').first().slug}/")
    public_module = CoursePage.objects.live().filter(is_public=True).order_by("path").first()
    walk.visit("module, anonymous", public_module.url)
    walk.visit("lesson, anonymous", public_module.get_children().live().first().url)
    certificate = Certificate.objects.filter(revoked_at=None).order_by("pk").first()
    walk.visit("certificate verification", f"/leren/certificaat/{certificate.code}/")
    walk.visit("sign-up", "/account/signup/")
    form = walk.page.locator("main form[method=post]")
    form.locator("input[name=email]").fill(LEARNER.email)
    form.locator("input[name=password1]").fill("kort")
    form.locator("input[name=password2]").fill("anders")
    form.locator("input[name=first_name]").fill("Sanne")
    form.locator("input[name=last_name]").fill("de Vries")
    walk.submit(form.locator("button[type=submit]"))
    expect(walk.page.locator("main form [aria-invalid=true]").first).to_be_visible()
    walk.check("sign-up with errors")
    walk.visit("login", "/account/login/")
    form = walk.page.locator("main form[method=post]").first
    form.locator("input[name=login]").fill(LEARNER.email)
    form.locator("input[name=password]").fill("niet-het-wachtwoord")
    walk.submit(form.locator("button[type=submit]"))
    expect(walk.page.locator("main .signaal-alert--error")).to_be_visible()
    walk.check("login with an error")
    walk.visit("password reset", "/account/password/reset/")


def lesson_pages(walk: Walk) -> None:
    lessons, covered = lessons_covering_every_block()
    assert covered == set(LessonBodyBlock().child_blocks), "a lesson block type has no demo"
    walk.visit("module", lessons[0].get_parent().url)
    for lesson in lessons:
        walk.visit(f"lesson {lesson.slug}", lesson.url)

    statement = next(lesson for lesson in lessons if "statement" in _types(lesson))
    walk.page.goto(f"{walk.base_url}{statement.url}")
    walk.submit(walk.page.locator("button[name=answer][value=agree]").first)
    expect(walk.page.locator(".courses-statement__outcome").first).to_be_visible()
    walk.check("lesson with a statement answered")

    reflection = next(lesson for lesson in lessons if "reflection" in _types(lesson))
    walk.page.goto(f"{walk.base_url}{reflection.url}")
    walk.page.locator(".courses-reflection textarea").first.fill("Ik vraag het haar morgen.")
    walk.submit(walk.page.locator(".courses-reflection button[type=submit]").first)
    expect(walk.page.locator(".courses-reflection form .courses-muted").first).to_be_visible()
    walk.check("lesson with a reflection saved")


def quiz_pages(walk: Walk) -> None:
    """Take a quiz to its result: one question page and its feedback per question kind."""
    quiz = (
        Quiz.objects.filter(live=True, feedback_mode=Quiz.FeedbackMode.AFTER_EACH)
        .order_by("pk")
        .first()
    )
    walk.visit("quiz", f"/quiz/{quiz.pk}/")
    walk.submit(walk.page.locator(f"form[action$='/quiz/{quiz.pk}/start/'] button"))
    take = f"{walk.base_url}/quiz/{quiz.pk}/take/"
    assert walk.page.url == take
    kinds_seen = set()
    while "/quiz/attempt/" not in walk.page.url:
        form = walk.page.locator("form.quizzes-question")
        kind = next(
            css[len("quizzes-question--") :]
            for css in form.get_attribute("class").split()
            if css.startswith("quizzes-question--")
        )
        first_of_kind = kind not in kinds_seen
        kinds_seen.add(kind)
        if first_of_kind:
            walk.check(f"quiz question ({kind})")
        if kind == "essay":
            form.locator("textarea").fill("Ik bespreek het met de aandachtsfunctionaris.")
        else:
            form.locator("input[name=options]").first.check()
        form.locator("button[type=submit]").click()
        # htmx swaps the feedback into the page, as a learner sees it.
        expect(walk.page.locator("#quiz-panel .quizzes-review")).to_be_visible()
        if first_of_kind:
            walk.check(f"quiz feedback ({kind})")
        walk.page.goto(take)
    assert kinds_seen == {"single", "true_false", "multiple", "spotting", "essay"}
    walk.check("quiz result")
    walk.visit("quiz progress per signal", "/quiz/progress/")


def scenario_pages(walk: Walk) -> None:
    """Play a scenario from its introduction through every scene to the debrief."""
    scenario = (
        ScenarioPage.objects.live().filter(locale=Locale.get_default()).order_by("path").first()
    )
    walk.visit("scenario introduction", scenario.url)
    walk.submit(walk.page.locator("form:has(input[name=action][value=start]) button"))
    for number in range(1, MAX_SCENES + 1):
        choices = walk.page.locator(".scenario-choices__list button")
        if choices.count() == 0:
            break
        walk.check(f"scenario scene {number}")
        walk.submit(choices.first)
    else:
        pytest.fail(f"no ending after {MAX_SCENES} scenes of {scenario.url}")
    assert "scenario scene 1" in walk.checked, "the scenario did not start"
    expect(walk.page.locator(".scenario-debrief")).to_be_visible()
    walk.check("scenario debrief")


def learner_pages(walk: Walk) -> None:
    walk.visit("learner dashboard", "/leren/")
    walk.visit("joining an organisation", "/aansluiten/")
    lesson_pages(walk)
    quiz_pages(walk)
    scenario_pages(walk)
    walk.visit("personal data", "/mijn-gegevens/")
    walk.visit("account deletion", "/mijn-gegevens/verwijderen/")


def manager_pages(walk: Walk) -> None:
    dashboard = f"/organisatie/{DEMO_ORGANISATION}/"
    walk.visit("manager dashboard", dashboard)
    member = (
        Membership.objects.filter(
            organisation__slug=DEMO_ORGANISATION,
            role=Membership.Role.LEARNER,
            user__certificates__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    walk.visit("person", f"{dashboard}mensen/{member.pk}/")
    walk.visit("assignments", f"{dashboard}toewijzingen/")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_passes_axe_and_fits(demo_site, live_server, page: Page, width):
    page.set_viewport_size({"width": width, "height": 900})
    walk = Walk(page, live_server.url, width)

    public_pages(walk)
    log_in(page.context, User.objects.get(email=LEARNER.email), live_server)
    learner_pages(walk)
    page.context.clear_cookies()
    log_in(page.context, User.objects.get(email=MANAGER.email), live_server)
    manager_pages(walk)

    assert walk.problems == {}
