"""A trainer in a classroom runs a live 'De bril op' round and a case voted through by the
group, with three phones: two with JavaScript (htmx polls) and a cheap one without (the page
refreshes itself).

The trainer works on a projector-sized window; the phones are 375 pixels wide. The presenter
view must show each vote without a reload, and the phones must follow the trainer's moves.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from live.models import LiveSession
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ScenarioPageFactory,
    UserFactory,
    statement_block,
)

from .conftest import blocking_violations, log_in

PROJECTOR = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 812}
# A phone with htmx sees a change within its two-second poll; one without JavaScript
# reloads every five seconds.
FOLLOW_MS = 12_000


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


@pytest.fixture
def classroom(transactional_db, home_page):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Signalen in de wijk")
    LessonPageFactory(
        parent=course,
        body=[
            statement_block("Alle wijkteams herkennen loverboyproblematiek."),
            statement_block("Een slachtoffer vraagt zelf om hulp."),
        ],
    )
    scenario = ScenarioPageFactory(parent=home_page, title="Casus: een leerling verandert")
    trainer = UserFactory(email="trainer@example.org", permissions=["live.run_session"])
    return {"course": course, "scenario": scenario, "trainer": trainer}


def start_session(presenter: Page, form_prefix: str, source_label: str) -> str:
    presenter.goto("/live/")
    form = presenter.locator(f"form[action$='/live/start/{form_prefix}/']")
    form.locator("select[name$='-source']").select_option(label=source_label)
    form.get_by_role("button", name=nl("Start the session")).click()
    expect(presenter.get_by_test_id("join-code")).to_be_visible()
    return presenter.get_by_test_id("join-code").inner_text().replace(" ", "")


def join(phone: Page, code: str, nickname: str = "") -> None:
    phone.goto("/doe-mee/")
    phone.get_by_label(nl("Code")).fill(code.lower())
    if nickname:
        phone.get_by_label(nl("Nickname")).fill(nickname)
    phone.get_by_role("button", name=nl("Take part")).click()
    expect(phone.get_by_role("heading", name=nl("You're in!"))).to_be_visible()


def press(presenter: Page, label: str) -> None:
    presenter.locator(".live-present__controls").get_by_role("button", name=label).click()


def test_a_statement_round_and_a_case_with_three_phones(classroom, live_server, browser: Browser):
    trainer_context = browser.new_context(viewport=PROJECTOR, base_url=live_server.url)
    log_in(trainer_context, classroom["trainer"], live_server)
    presenter = trainer_context.new_page()
    phones = [
        browser.new_context(viewport=PHONE, base_url=live_server.url).new_page(),
        browser.new_context(viewport=PHONE, base_url=live_server.url).new_page(),
        browser.new_context(
            viewport=PHONE, base_url=live_server.url, java_script_enabled=False
        ).new_page(),
    ]

    # The statement round.
    code = start_session(presenter, "module", "Signalen in de wijk (2 stellingen)")
    for number, phone in enumerate(phones):
        join(phone, code, nickname="Bril" if number == 0 else "")
    expect(presenter.get_by_text("3 deelnemers")).to_be_visible(timeout=FOLLOW_MS)
    assert blocking_violations(phones[0]) == []

    press(presenter, nl("Start"))
    statement = "Alle wijkteams herkennen loverboyproblematiek."
    for phone in phones:
        expect(phone.get_by_role("heading", name=statement)).to_be_visible(timeout=FOLLOW_MS)
    glasses_on, glasses_off = nl("Glasses on: I agree"), nl("Glasses off: I disagree")
    phones[0].get_by_role("button", name=glasses_on).click()
    expect(phones[0].get_by_role("button", name=glasses_on)).to_have_attribute(
        "aria-pressed", "true"
    )
    phones[1].get_by_role("button", name=glasses_on).click()
    phones[2].get_by_role("button", name=glasses_off).click()
    # A changed mind replaces the first vote.
    phones[0].get_by_role("button", name=glasses_off).click()
    expect(phones[0].get_by_role("button", name=glasses_off)).to_have_attribute(
        "aria-pressed", "true"
    )

    # The projector shows every vote without a reload.
    tally = presenter.locator("#live-tally")
    expect(tally).to_contain_text("3 van 3 gestemd", timeout=3_000)
    expect(tally).to_contain_text(re.compile(r"Bril op: eens\s*1 · 33%"))
    expect(tally).to_contain_text(re.compile(r"Bril af: oneens\s*2 · 67%"))
    assert blocking_violations(presenter) == []

    press(presenter, nl("Close the voting"))
    for phone in phones[:2]:
        expect(phone.get_by_text(nl("The voting is closed. Look at the screen."))).to_be_visible(
            timeout=FOLLOW_MS
        )
        expect(phone.get_by_role("button", name=glasses_on)).to_have_count(0)
    press(presenter, nl("Show the expert view"))
    expect(presenter.get_by_text("Dat valt tegen.")).to_be_visible()
    press(presenter, nl("Next statement"))
    expect(
        phones[1].get_by_role("heading", name="Een slachtoffer vraagt zelf om hulp.")
    ).to_be_visible(timeout=FOLLOW_MS)
    press(presenter, nl("End the session and see the summary"))
    expect(presenter.get_by_role("heading", name=statement)).to_be_visible()
    expect(presenter.get_by_text("3 deelnemers")).to_be_visible()
    for phone in phones[:2]:
        expect(phone.get_by_role("heading", name=nl("This session has ended"))).to_be_visible(
            timeout=FOLLOW_MS
        )
    assert LiveSession.objects.get(code=code).participants.count() == 0

    # The case, voted through by the group.
    code = start_session(presenter, "scenario", "Casus: een leerling verandert")
    for phone in phones:
        join(phone, code)
    press(presenter, nl("Start"))
    for phone in phones:
        expect(phone.get_by_role("heading", name="A pupil changes")).to_be_visible(
            timeout=FOLLOW_MS
        )
    for phone, choice in zip(
        phones, ["Consult Veilig Thuis", "Consult Veilig Thuis", "Ignore it"], strict=True
    ):
        phone.get_by_role("button", name=choice).click()
    expect(presenter.locator("#live-tally")).to_contain_text("3 van 3 gestemd", timeout=3_000)
    press(presenter, nl("Close the voting"))
    press(presenter, "Volg de meerderheid: Consult Veilig Thuis")
    for phone in phones:
        expect(phone.get_by_role("heading", name="A conversation")).to_be_visible(timeout=FOLLOW_MS)
        phone.get_by_role("button", name="Report together").click()
    expect(presenter.locator("#live-tally")).to_contain_text("3 van 3 gestemd", timeout=3_000)
    press(presenter, nl("Close the voting"))
    press(presenter, "Volg de meerderheid: Report together")
    expect(presenter.get_by_role("heading", name="Help arrives")).to_be_visible()
    expect(presenter.get_by_text("Meldcode followed.")).to_be_visible()
    expect(phones[0].get_by_text(nl("End of the case"))).to_be_visible(timeout=FOLLOW_MS)
    press(presenter, nl("End the session and see the summary"))
    expect(
        presenter.get_by_text(re.compile("De groep ging verder met: Consult Veilig Thuis"))
    ).to_be_visible()
    expect(presenter.get_by_text(re.compile("nog niets om mee te vergelijken"))).to_be_visible()
