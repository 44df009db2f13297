"""A new learner's whole journey in the browser, with the mouse and with the keyboard alone.

The learner signs up, confirms their e-mail address, joins Het Baken College with its join
code, takes the module "Signalen op school" from the first lesson to the certificate, and
checks the certificate on the public verification page.

Why this module: the two demo modules that hold both a quiz and a scenario ("Signalen op
school" and "Signalen onderweg") both end with a quiz that contains an essay question, and an
attempt with an essay answer waits for a trainer's mark before it has a score (see
`quizzes.services._attempt_close`). Neither quiz can be passed without marking, so the
journey includes the trainer marking the essay in a second browser. The school module fits
the school the learner joins.

Both variants run one journey function. `Driver` decides how a control is operated: the
mouse variant clicks and fills at desktop width; the keyboard variant, on a 375-pixel phone,
only presses Tab until the control has focus, checks the focus is visible, and then presses
Enter, Space or arrow keys, or types.
"""

import contextlib
import re
import zlib
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Browser, Locator, Page, expect

from accounts.models import User
from courses.models import Certificate, CoursePage, LessonPage
from organisations.models import Membership, Organisation
from quizzes.models import Attempt, Question
from scenarios.models import ScenarioPage, ScenarioRun

from .conftest import log_in

MODULE_SLUG = "signalen-op-school"
SCENARIO_SLUG = "casus-noor-verandert"
ORGANISATION_SLUG = "het-baken-college"
TRAINER_EMAIL = "trainer@signaal.test"
FIRST_NAME = "Mirjam"
LAST_NAME = "van den Heuvel"
EMAIL = "mirjam.vandenheuvel@hetbaken.test"
PASSWORD = "Signalen-zien-2026"
ESSAY_ANSWER = "Ik zoek een rustig moment, vertel wat ik zag en beloof geen geheimhouding."
CONFIRM_LINK = re.compile(r"https?://\S+/account/confirm-email/\S+/")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# A page with the header, a long lesson and the footer has well under this many tab stops.
MAX_TAB_PRESSES = 150
FOCUS_IS_VISIBLE = """el => {
    if (!el.matches(":focus-visible")) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
}"""


def nl(message: str) -> str:
    """The Dutch text the site shows for an interface string."""
    with translation.override("nl"):
        return gettext(message)


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, locator: Locator, max_presses: int = MAX_TAB_PRESSES) -> None:
    """Press Tab until `locator` has the keyboard focus; fail if it never gets it."""
    expect(locator).to_be_attached()
    for _press in range(max_presses):
        if is_focused(locator):
            return
        page.keyboard.press("Tab")
    if not is_focused(locator):
        focused = page.evaluate("document.activeElement && document.activeElement.outerHTML")
        pytest.fail(
            f"{locator} is not reachable with Tab within {max_presses} presses on {page.url}; "
            f"focus ended on {str(focused)[:200]}"
        )


def tab_into_group(page: Page, group: Locator, max_presses: int = MAX_TAB_PRESSES) -> None:
    """Press Tab until one of the elements of `group` (a radio group) has the focus."""
    for _press in range(max_presses):
        if group.evaluate_all("els => els.includes(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"No element of {group} is reachable with Tab on {page.url}")


@dataclass
class Driver:
    """Operates the controls of one page, by mouse or by keyboard, and checks every page."""

    page: Page
    keyboard: bool
    base_url: str
    server_errors: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("response", self._record_server_error)

    def _record_server_error(self, response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")

    def arrived(self) -> None:
        """Check the page just shown: it fits the window without sideways scrolling."""
        self.page.wait_for_load_state()
        width = self.page.viewport_size["width"]
        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{self.page.url} is {scroll_width}px wide at {width}px"
        assert not self.server_errors, f"server errors: {self.server_errors}"

    def _focus(self, locator: Locator) -> None:
        expect(locator).to_have_count(1)
        tab_to(self.page, locator)

    def _unfold_menu(self, locator: Locator) -> None:
        """On a phone the header's links sit behind the 'Menu' button: open it first."""
        button = self.page.locator("summary.signaal-menu__button")
        menu_closed = self.page.locator("details.signaal-menu:not([open])")
        if button.is_hidden() or menu_closed.count() == 0:
            return  # a wide screen shows the menu without the button
        if locator.count() == 1 and locator.is_visible():
            return
        if self.keyboard:
            self._focus(button)
            self._focus_visible(button)
            self.page.keyboard.press("Enter")
        else:
            button.click()
        expect(self.page.locator("details.signaal-menu[open]")).to_have_count(1)

    def _focus_visible(self, locator: Locator) -> None:
        assert locator.evaluate(FOCUS_IS_VISIBLE), (
            f"the keyboard focus on {locator} has no visible outline on {self.page.url}"
        )

    def activate(self, locator: Locator, *, navigates: bool = True) -> None:
        """Follow a link or press a button; `navigates` when a new page loads."""
        self._unfold_menu(locator)
        if self.keyboard:
            self._focus(locator)
            self._focus_visible(locator)

            def operate():
                self.page.keyboard.press("Enter")
        else:
            operate = locator.click
        if not navigates:
            operate()
            return
        with self.page.expect_navigation():
            operate()
        self.arrived()

    def type_into(self, locator: Locator, text: str) -> None:
        if self.keyboard:
            self._focus(locator)
            self.page.keyboard.type(text)
        else:
            locator.fill(text)
        expect(locator).to_have_value(text)

    def tick(self, checkbox: Locator) -> None:
        if self.keyboard:
            self._focus(checkbox)
            self.page.keyboard.press("Space")
        else:
            checkbox.check()
        expect(checkbox).to_be_checked()

    def choose(self, radio: Locator) -> None:
        """Select one radio button of its group."""
        if self.keyboard:
            name = radio.get_attribute("name")
            group = self.page.locator(f'input[type="radio"][name="{name}"]')
            tab_into_group(self.page, group)
            # Arrow keys move through the group and select as they go; Space selects the
            # first one, which Tab only focuses.
            for _step in range(group.count()):
                if is_focused(radio):
                    break
                self.page.keyboard.press("ArrowDown")
            assert is_focused(radio), f"arrow keys never reached {radio}"
            self.page.keyboard.press("Space")
        else:
            radio.check()
        expect(radio).to_be_checked()


def sign_up(driver: Driver) -> User:
    page = driver.page
    driver.activate(page.get_by_role("link", name=nl("Sign Up"), exact=True))
    expect(page).to_have_url(re.compile(r"/account/signup/$"))
    driver.type_into(page.locator("#id_first_name"), FIRST_NAME)
    driver.type_into(page.locator("#id_last_name"), LAST_NAME)
    driver.type_into(page.locator("#id_email"), EMAIL)
    driver.type_into(page.locator("#id_password1"), PASSWORD)
    driver.type_into(page.locator("#id_password2"), PASSWORD)
    driver.activate(page.locator("main").get_by_role("button", name=nl("Sign Up")))
    # Verification is mandatory (ACCOUNT_EMAIL_VERIFICATION): the mail brings the link.
    expect(page).to_have_url(re.compile(r"/account/confirm-email/$"))
    messages = [message for message in mail.outbox if EMAIL in message.to]
    assert len(messages) == 1, [message.subject for message in mail.outbox]
    link = CONFIRM_LINK.search(messages[0].body)
    assert link, messages[0].body
    page.goto(link.group(0))
    driver.arrived()
    driver.activate(page.locator("main").get_by_role("button", name=nl("Confirm")))
    learner = User.objects.get(email=EMAIL)
    assert learner.get_full_name() == f"{FIRST_NAME} {LAST_NAME}"
    assert learner.emailaddress_set.get(email=EMAIL).verified
    # Confirming logs the learner in.
    header = page.locator("header")
    expect(header.get_by_role("link", name=nl("My learning"), include_hidden=True)).to_have_count(1)
    return learner


def join_organisation(driver: Driver, learner: User, organisation: Organisation) -> None:
    page = driver.page
    driver.activate(page.get_by_role("link", name=nl("My learning"), exact=True))
    driver.activate(page.get_by_role("link", name=nl("Join your organisation with a code")))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Join your organisation"))
    driver.type_into(page.locator("#id_code"), organisation.join_code)
    driver.activate(page.locator("main").get_by_role("button", name=nl("Join"), exact=True))
    expect(
        page.get_by_text(nl("You joined %(name)s.") % {"name": organisation.name})
    ).to_be_visible()
    assert Membership.objects.filter(user=learner, organisation=organisation).exists()


def open_module(driver: Driver, module: CoursePage) -> None:
    """From any page, through the main menu's module index, to the module's page."""
    page = driver.page
    driver.activate(
        page.get_by_role("navigation", name=nl("Main menu")).get_by_role(
            "link", name="Modules", exact=True
        )
    )
    driver.activate(page.locator("main").get_by_role("link", name=module.title, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(module.title)


def continue_module(driver: Driver, module: CoursePage, lesson: LessonPage) -> None:
    """Back to where the learner left off, from 'My learning'."""
    page = driver.page
    driver.activate(page.get_by_role("link", name=nl("My learning"), exact=True))
    card = page.locator(".courses-course-card").filter(has_text=module.title)
    driver.activate(card.get_by_role("link", name=nl("Continue where you left off"), exact=True))
    resume = nl("Continue where you left off: %(title)s") % {"title": lesson.title}
    driver.activate(page.get_by_role("link", name=resume, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)


def mark_lesson_done(driver: Driver, lesson: LessonPage) -> None:
    page = driver.page
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    driver.activate(page.get_by_role("button", name=nl("Mark lesson as done")))


def play_scenario(driver: Driver, scenario: ScenarioPage, learner: User) -> None:
    """Play to an ending, taking in each scene the choice that scores best."""
    page = driver.page
    driver.activate(page.get_by_role("link", name=nl("Play the scenario")))
    driver.activate(page.get_by_role("button", name=nl("Start the scenario")))
    debrief = page.locator("#debrief-title")
    for _scene in range(scenario.scenes.count()):
        scene_title = page.locator("#scene-title")
        expect(scene_title.or_(debrief)).to_be_visible()
        if debrief.is_visible():
            break
        scene = scenario.scenes.get(title=scene_title.inner_text())
        shown = page.locator(".scenario-choices__button").all_inner_texts()
        best = max(scene.choices.filter(label__in=shown), key=lambda choice: choice.score)
        driver.activate(page.get_by_role("button", name=best.label, exact=True))
    expect(debrief).to_be_visible()
    expect(page.get_by_text(nl("Outcome"))).to_be_visible()
    run = ScenarioRun.objects.get(page=scenario, user=learner)
    assert run.is_finished


def answer_question(driver: Driver, question: Question) -> None:
    page = driver.page
    form = page.locator("#quiz-panel form")
    if question.kind == Question.Kind.ESSAY:
        driver.type_into(form.locator("textarea"), ESSAY_ANSWER)
        return
    for option in question.options.filter(is_correct=True).order_by("sort_order"):
        control = form.get_by_label(option.text, exact=True)
        if question.takes_several_options:
            driver.tick(control)
        else:
            driver.choose(control)


def take_quiz(driver: Driver, learner: User) -> Attempt:
    """Answer every question right, by finding the right options in the database."""
    page = driver.page
    driver.activate(page.get_by_role("link", name=nl("Start the quiz")))
    driver.activate(page.locator("main").get_by_role("button", name=nl("Start the quiz")))
    attempt = Attempt.objects.get(user=learner, status=Attempt.Status.IN_PROGRESS)
    question_field = page.locator("#quiz-panel input[name=question]")
    for position, question_id in enumerate(attempt.question_ids, start=1):
        expect(question_field).to_have_value(str(question_id))
        expect(page.locator(".quizzes-progress")).to_contain_text(
            nl("Question %(position)s of %(total)s")
            % {"position": position, "total": len(attempt.question_ids)}
        )
        answer_question(driver, Question.objects.get(pk=question_id))
        # The answer goes through htmx: the panel is swapped, the page is not reloaded.
        driver.activate(page.locator("#quiz-panel button[type=submit]"), navigates=False)
        if position < len(attempt.question_ids):
            expect(question_field).not_to_have_value(str(question_id))
        else:
            expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Result"))
        driver.arrived()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.AWAITING_MARKING
    return attempt


def mark_essay(driver: Driver, learner: User) -> None:
    """The trainer finds the learner's essay in the marking screen and marks it correct."""
    page = driver.page
    page.goto(f"{driver.base_url}/quiz/trainer/marking/")
    driver.arrived()
    driver.type_into(page.locator("#id_learner"), LAST_NAME)
    driver.activate(page.get_by_role("button", name=nl("Filter")))
    row = page.get_by_role("row").filter(has_text=learner.get_full_name())
    expect(row).to_have_count(1)
    with translation.override("nl"):
        mark = pgettext("the action of marking an answer", "Mark")
    driver.activate(row.get_by_role("link", name=mark, exact=True))
    expect(page.get_by_text(ESSAY_ANSWER)).to_be_visible()
    driver.choose(page.get_by_label(nl("Correct"), exact=True))
    driver.activate(page.get_by_role("button", name=nl("Save mark")))
    # Back on the list, which other learners' essays may still fill, but not this one.
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Mark essay answers"))
    expect(page.get_by_role("row").filter(has_text=learner.get_full_name())).to_have_count(0)


def _pdf_streams(content: bytes) -> list[bytes]:
    """Each compressed stream of the PDF, read by the length its dictionary gives.

    Searching for 'stream' ... 'endstream' alone can start inside the compressed bytes of an
    earlier stream, which then hides the fonts' maps; reading by length skips those bytes.
    """
    streams = []
    header = re.compile(rb"/Length (\d+)(?!\s+\d+\s+R)[^>]*>>\s*stream\r?\n")
    position = 0
    while match := header.search(content, position):
        start, length = match.end(), int(match.group(1))
        # A stream that is not compressed holds neither text nor a font map here.
        with contextlib.suppress(zlib.error):
            streams.append(zlib.decompress(content[start : start + length]))
        position = start + length
    return streams


def pdf_text(content: bytes) -> str:
    """The text of a WeasyPrint PDF: its glyphs, mapped back through the fonts' ToUnicode maps.

    Enough to read a certificate without adding a PDF library to the project's dependencies.
    """
    streams = _pdf_streams(content)
    glyphs = {}
    for stream in streams:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for glyph, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                glyphs[glyph.lower()] = bytes.fromhex(text.decode()).decode("utf-16-be")
    lines = []
    for stream in streams:
        for shown in re.findall(rb"\[(.*?)\]\s*TJ", stream, re.S):
            codes = b"".join(re.findall(rb"<([0-9a-fA-F]*)>", shown)).lower()
            lines.append(
                "".join(glyphs.get(codes[i : i + 4], "?") for i in range(0, len(codes), 4))
            )
    return "\n".join(lines)


def assert_certificate_page(page: Page, learner: User, module: CoursePage) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Verify a certificate"))
    expect(page.get_by_role("status")).to_have_text(nl("This certificate is valid."))
    facts = page.locator(".courses-certificate-facts")
    expect(facts).to_contain_text(learner.get_full_name())
    expect(facts).to_contain_text(module.title)


def collect_certificate(driver: Driver, learner: User, module: CoursePage) -> str:
    """Download the certificate and open its verification page; return the URL it prints."""
    page = driver.page
    certificate = Certificate.objects.get(user=learner, course=module)
    expect(page.locator(".courses-certificate-note")).to_be_visible()
    with page.expect_download() as download_info:
        driver.activate(page.get_by_role("link", name=nl("Download as PDF")), navigates=False)
    content = download_info.value.path().read_bytes()
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert learner.get_full_name() in " ".join(text.split())
    assert module.title in " ".join(text.split())
    # The verification address is printed under the QR code, broken over several lines.
    printed = re.search(
        rf"{re.escape(driver.base_url)}/leren/certificaat/[\w-]+/", "".join(text.split())
    )
    assert printed, text
    verify_url = printed.group(0)
    assert verify_url.endswith(f"/{certificate.code}/")

    driver.activate(page.get_by_role("link", name=nl("View certificate")))
    expect(page).to_have_url(verify_url)
    assert_certificate_page(page, learner, module)
    return verify_url


def learner_journey(driver: Driver, trainer_driver: Driver, visitor_driver: Driver) -> None:
    page = driver.page
    module = CoursePage.objects.get(slug=MODULE_SLUG)
    lessons = list(module.get_children().live().type(LessonPage).specific())
    scenario = ScenarioPage.objects.get(slug=SCENARIO_SLUG)
    organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    last_lesson = lessons[-1]
    assert {"quiz", "scenario"} <= {block.block_type for block in last_lesson.body}

    page.goto(f"{driver.base_url}/")
    driver.arrived()
    learner = sign_up(driver)
    join_organisation(driver, learner, organisation)

    open_module(driver, module)
    driver.activate(page.get_by_role("button", name=nl("Start the module")))
    for lesson in lessons[:-1]:
        mark_lesson_done(driver, lesson)
        expect(page.get_by_text(nl("Lesson completed."))).to_be_visible()

    # The last lesson holds the scenario and the quiz that must be passed.
    expect(page.get_by_role("heading", level=1)).to_have_text(last_lesson.title)
    play_scenario(driver, scenario, learner)
    continue_module(driver, module, last_lesson)
    take_quiz(driver, learner)
    continue_module(driver, module, last_lesson)
    # The lesson has no 'done' button: it is complete once its quiz is passed, which waits
    # for the essay to be marked.
    quiz = Attempt.objects.get(user=learner).quiz
    requirement = nl("Pass the quiz “%(title)s”") % {"title": quiz.title}
    done_section = page.locator("#lesson-done")
    expect(done_section.get_by_text(requirement)).to_be_visible()
    expect(page.get_by_role("button", name=nl("Mark lesson as done"))).to_have_count(0)
    assert not Certificate.objects.filter(user=learner).exists()

    mark_essay(trainer_driver, learner)
    attempt = Attempt.objects.get(user=learner)
    assert attempt.passed and attempt.score == 100
    # The mark completed the lesson, and with it the module, without another click.
    page.reload()
    driver.arrived()
    expect(done_section.get_by_role("heading")).to_have_text(nl("You completed this lesson"))
    open_module(driver, module)
    verify_url = collect_certificate(driver, learner, module)

    # Anyone who scans the QR code, without an account, sees that the certificate is valid.
    visitor_driver.page.goto(verify_url)
    visitor_driver.arrived()
    assert_certificate_page(visitor_driver.page, learner, module)


@pytest.mark.parametrize(
    ("keyboard", "viewport"),
    [pytest.param(False, DESKTOP, id="mouse"), pytest.param(True, PHONE, id="keyboard-375")],
)
def test_learner_journey(demo_site, live_server, browser: Browser, page: Page, keyboard, viewport):
    page.set_viewport_size(viewport)
    page.set_default_timeout(15_000)
    trainer_context = browser.new_context(viewport=viewport)
    log_in(trainer_context, User.objects.get(email=TRAINER_EMAIL), live_server)
    visitor_context = browser.new_context(viewport=viewport)
    try:
        learner_journey(
            Driver(page, keyboard=keyboard, base_url=live_server.url),
            Driver(trainer_context.new_page(), keyboard=keyboard, base_url=live_server.url),
            Driver(visitor_context.new_page(), keyboard=keyboard, base_url=live_server.url),
        )
    finally:
        trainer_context.close()
        visitor_context.close()
