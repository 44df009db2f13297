"""The Dutch interface speaks informal Dutch ('je'), prints dates in Dutch and has no English.

Most of what a visitor reads around signing up and logging in comes from django-allauth and
Django, whose Dutch catalogues say 'u' in places and are translated again in our django.po.
"""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Task, Workflow

from accounts.models import User
from courses.services import certificate_issue, enrolment_start
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ScenarioPageFactory,
    SignalFactory,
    SignalLibraryPageFactory,
    block,
    branching_spec,
)
from website.models import HelpPage, Region, RegionContact

FORMAL = re.compile(r"(?<![\w.-])(u|uw|U|Uw|a\.u\.b\.?)(?![\w-])")
# Words allauth, Django and Wagtail print when a string has no Dutch translation.
ENGLISH = re.compile(
    r"\b(the|and|you|your|please|Sign (in|up|out)|Forgot|Remember me|Password|Email address|"
    r"Request code|Reset my password|This field is required|Already have an account|"
    r"Case scenario|points?|This password)\b",
    re.IGNORECASE,
)
# Dutch months are written in lower case; the English ones that differ from Dutch.
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|May|June|July|August|October)\b")
PASSWORD = "een-lang-wachtwoord-9"


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def assert_informal_dutch(text: str, where: str) -> None:
    text = re.sub(r"https?://\S+", " ", text)
    formal = [text[max(0, m.start() - 40) : m.end() + 40] for m in FORMAL.finditer(text)]
    english = [text[max(0, m.start() - 40) : m.end() + 40] for m in ENGLISH.finditer(text)]
    assert formal == [], f"formal Dutch on {where}: {formal}"
    assert english == [], f"English on {where}: {english}"


@pytest.fixture
def region():
    region = Region.objects.create(name="Gemeente Utrecht", slug="utrecht")
    for order, (role, name, phone) in enumerate(
        [
            (RegionContact.Role.VEILIG_THUIS, "Veilig Thuis Utrecht", "0800-2000"),
            (RegionContact.Role.POLICE, "Politie, team AVIM", "0900-8844"),
            (RegionContact.Role.CARE_COORDINATOR, "Zorgcoördinator mensenhandel", ""),
            (RegionContact.Role.ANONYMOUS, "Meld Misdaad Anoniem", "0800-7000"),
        ]
    ):
        RegionContact.objects.create(
            region=region, role=role, name=name, phone=phone, sort_order=order
        )
    return region


@pytest.fixture
def site(home_page, region):
    """A small site with a page of each kind a visitor meets."""
    library = SignalLibraryPageFactory(parent=home_page)
    SignalFactory(
        slug="laag-zelfbeeld", title="Dure spullen", summary="Nieuwe kleding en telefoons."
    )
    help_page = HelpPage(title="Hulp en melden", slug="hulp-en-melden", default_region=region)
    home_page.add_child(instance=help_page)
    scenario = ScenarioPageFactory(
        parent=home_page, spec=branching_spec(), title="Casus: Noor verandert"
    )
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), is_public=True)
    lesson = LessonPageFactory(
        parent=course,
        slug="casus-noor",
        title="Casus: Noor verandert",
        body=[
            block("scenario", {"scenario": scenario.pk, "requirement": "none"}),
            block(
                "case",
                {"title": "Casus: een rit van een halfuur", "text": "<p>Een rit.</p>"},
            ),
        ],
    )
    return {
        "pages": [home_page.url, library.url, help_page.url, course.url, lesson.url],
        "help": help_page.url,
        "scenario": scenario,
        "lesson": lesson,
        "course": course,
    }


ACCOUNT_PAGES = [
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/account/password/reset/done/",
    "/account/login/code/",
    "/account/confirm-email/",
    "/account/password/reset/key/1-nonsense/",
]


@pytest.mark.django_db
def test_public_and_account_pages_speak_informal_dutch(site):
    visitor = Client()
    for url in site["pages"] + ACCOUNT_PAGES:
        response = visitor.get(url, follow=True)
        assert response.status_code == 200, url
        assert_informal_dutch(visible_text(response.content.decode()), url)


@pytest.mark.django_db
def test_form_errors_on_sign_up_and_login_speak_informal_dutch(site):
    visitor = Client()
    signup = visitor.post(
        "/account/signup/",
        {"email": "nina@example.org", "password1": "123", "password2": "1234"},
    )
    login = visitor.post("/account/login/", {"login": "nina@example.org", "password": "fout"})
    for where, response in (("signup", signup), ("login", login)):
        text = visible_text(response.content.decode())
        assert_informal_dutch(text, where)
    assert "Je wachtwoord mag niet te veel lijken op je naam of e-mailadres." in visible_text(
        signup.content.decode()
    )
    assert "Het e-mailadres of het wachtwoord klopt niet." in visible_text(login.content.decode())


@pytest.mark.django_db
def test_every_account_email_speaks_informal_dutch(site, mailoutbox):
    User.objects.create_user(email="sanne@example.org", password=PASSWORD)
    Client().post(
        "/account/signup/",
        {
            "email": "nina@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Nina",
            "last_name": "de Vries",
        },
    )
    Client().post("/account/password/reset/", {"email": "sanne@example.org"})
    Client().post("/account/password/reset/", {"email": "onbekend@example.org"})
    Client().post("/account/login/code/", {"email": "sanne@example.org"})
    Client().post(
        "/account/signup/",
        {
            "email": "sanne@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Sanne",
            "last_name": "Bos",
        },
    )
    subjects = [message.subject for message in mailoutbox]
    assert subjects == [
        "[Signaal] Bevestig je e-mailadres",
        "[Signaal] Nieuw wachtwoord instellen",
        "[Signaal] Onbekend account",
        "[Signaal] Inlogcode",
        "[Signaal] Account bestaat al",
    ]
    for message in mailoutbox:
        assert_informal_dutch(message.subject + "\n" + message.body, message.subject)
        assert re.search(r"\b(je|jij)\b", message.body, re.IGNORECASE), message.subject
    verification = mailoutbox[0].body
    assert "Je krijgt deze e-mail omdat Nina de Vries dit e-mailadres heeft opgegeven" in (
        verification
    )


@pytest.mark.django_db
def test_dates_are_printed_in_dutch(site, learner):
    course = site["course"]
    with time_machine.travel(datetime.datetime(2024, 12, 22, 10, tzinfo=datetime.UTC)):
        enrolment = enrolment_start(user=learner, course=course)
        certificate = certificate_issue(enrolment=enrolment)
    assert timezone.localdate(certificate.expires_at) == datetime.date(2026, 12, 22)

    client = Client()
    client.force_login(learner)
    pages = {
        "verification": client.get(f"/leren/certificaat/{certificate.code}/"),
        "learning page": client.get("/leren/"),
    }
    with translation.override("nl"):
        pages["certificate PDF"] = render_to_string(
            "courses/pdf/certificate.html",
            {"certificate": certificate, "verify_url": "https://example.org", "qr_code": ""},
        )
        pages["reminder"] = render_to_string(
            "organisations/email/reminder_certificate_expiry.txt",
            {"course": course, "certificate": certificate, "dashboard_url": "/leren/"},
        )
    for where, page in pages.items():
        text = visible_text(page if isinstance(page, str) else page.content.decode())
        assert "22 december 2026" in text, where
        assert not ENGLISH_MONTHS.search(text), where
        assert "December" not in text, where
    assert "22 december 2024" in visible_text(pages["verification"].content.decode())


@pytest.mark.django_db
def test_a_case_title_that_says_casus_is_not_labelled_twice(site):
    visitor = Client()
    for url in (site["scenario"].url, site["lesson"].url):
        text = visible_text(visitor.get(url, follow=True).content.decode())
        assert "Casus: Noor verandert" in text, url
        assert not re.search(r"Casus:?\s+Casus", text), url


@pytest.mark.django_db
def test_the_scenario_debrief_gives_the_score_with_its_scale(site):
    scenario = site["scenario"]
    visitor = Client()
    visitor.post(scenario.url, {"action": "start"})
    for label in ("Consult Veilig Thuis", "Report together"):
        page = visitor.get(scenario.url).content.decode()
        choice = re.search(rf'name="choice_id" value="(\d+)"[^>]*>\s*{label}', page)
        fields = dict(re.findall(r'name="(attempt|position)" value="(\d+)"', page))
        visitor.post(scenario.url, {"action": "choose", "choice_id": choice.group(1), **fields})
    debrief = visible_text(visitor.get(scenario.url).content.decode())
    # Consulting first scores 3, the best any path through this case can do.
    assert "Je score 3 van 3 punten" in debrief


@pytest.mark.django_db
def test_the_help_page_shows_each_contact_once(site):
    page = Client().get(site["help"]).content.decode()
    route = visible_text(re.search(r'<section class="signaal-route".*?</section>', page, re.S)[0])
    assert "Meldroute in Gemeente Utrecht" in route
    for name in ("Veilig Thuis Utrecht", "Politie, team AVIM", "Zorgcoördinator mensenhandel"):
        assert route.count(name) == 1, name
    # The role under a name is left out where the name already says it ...
    assert route.count("Veilig Thuis") == 1
    assert route.count("Politie") == 1
    # ... and kept where it adds something.
    assert "Meld Misdaad Anoniem Anoniem melden" in route


@pytest.mark.django_db
def test_the_default_workflow_and_its_task_have_dutch_names(home_page):
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Goedkeuring door moderators"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Goedkeuring door moderators"]
    admin = Client()
    admin.force_login(User.objects.create_superuser(email="beheer@example.org", password=PASSWORD))
    for url in ("/admin/workflows/list/", "/admin/workflows/tasks/index/"):
        text = visible_text(admin.get(url).content.decode())
        assert "Goedkeuring door moderators" in text, url
        assert "approval" not in text, url
