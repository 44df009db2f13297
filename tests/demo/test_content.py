"""The demo content itself: a full signal library, modules that use every block, quizzes of
every type, sound scenarios and organisations at varied progress."""

import io
import re

import pytest
from django.core.management import call_command

from courses.blocks import LessonBodyBlock
from courses.models import Certificate, CoursePage, LessonPage, SignalLibraryPage
from demo.accounts import MANAGER
from demo.loader import content_check, demo_accounts, signal_library_load
from library.models import Signal
from organisations.models import Membership, Organisation, Team
from organisations.selectors import Status, manager_dashboard, region_for_user
from quizzes.models import Question, Quiz
from scenarios.models import Choice, ScenarioPage, Scene
from scenarios.selectors import scenario_problems

pytestmark = pytest.mark.django_db

# The modules, quizzes and cases the demo started with; modules added later may be smaller.
FIRST_QUIZZES = [
    "Toets: mensenhandel en de loverboymethode",
    "Toets: signalen op school",
    "Toets: signalen onderweg",
]
FIRST_CASES = ["casus-noor-verandert", "casus-een-halfuur"]


def test_the_signals_cover_the_library_and_load_twice_without_duplicates():
    signal_library_load()
    signal_library_load()

    defined = content_check().signals
    assert Signal.objects.count() == len(defined) >= 20
    assert Signal.objects.filter(kind=Signal.Kind.RISK_FACTOR).count() >= 8
    assert set(Signal.objects.values_list("category", flat=True)) == set(Signal.Category.values)
    assert set(Signal.objects.exclude(phase="").values_list("phase", flat=True)) == set(
        Signal.Phase.values
    )
    taxi_signal = Signal.objects.get(slug="kort-bezoek-aan-adres")
    assert set(taxi_signal.sectors.values_list("slug", flat=True)) == {"taxi", "hotel-en-horeca"}
    everyone = Signal.objects.get(slug="leeftijd-12-tot-24")
    assert everyone.sectors.count() == 5


def test_the_signal_snippet_listing_filters_by_kind(admin_client):
    signal_library_load()
    response = admin_client.get("/admin/snippets/library/signal/", {"kind": "risk_factor"})
    assert response.status_code == 200
    titles = [str(obj) for obj in response.context["object_list"]]
    assert "LHBTI+" in titles
    assert "Vals paspoort of geen eigen identiteitsbewijs" not in titles


def test_modules_use_every_block_and_quizzes_every_question_type(home_page):
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())

    # The Dutch modules; their translations are checked in tests/i18n.
    courses = CoursePage.objects.live().filter(locale__language_code="nl")
    assert courses.count() == len(content_check().modules) >= 3
    for course in courses:
        assert LessonPage.objects.child_of(course).live().count() >= 4
    used = {raw["type"] for lesson in LessonPage.objects.all() for raw in lesson.body.raw_data}
    assert used == set(LessonBodyBlock().child_blocks)
    assert SignalLibraryPage.objects.live().filter(locale__language_code="nl").count() == 1

    assert Quiz.objects.filter(live=True, locale__language_code="nl").count() == courses.count()
    for quiz in Quiz.objects.filter(title__in=FIRST_QUIZZES):
        kinds = set(quiz.fixed_questions.values_list("question__kind", flat=True))
        assert quiz.fixed_questions.count() >= 12
        assert kinds == set(Question.Kind.values)
    assert Question.objects.filter(signals__isnull=False).distinct().count() >= 20

    assert ScenarioPage.objects.live().filter(locale__language_code="nl").count() == (
        courses.count() - 1
    )
    for page in ScenarioPage.objects.all():
        scenes = list(page.scenes.all())
        assert len(scenes) >= 10
        assert scenario_problems(page) == []
        assert Scene.objects.filter(page=page, signals__isnull=False).exists()
    for page in ScenarioPage.objects.filter(slug__in=FIRST_CASES):
        assert {scene.outcome for scene in page.scenes.all() if scene.outcome} == {
            "good",
            "partial",
            "harmful",
        }
        assert Choice.objects.filter(scene__page=page).exclude(requires_flags="").exists()


PHONE_NUMBER = re.compile(r"(?<![\d-])(0800-2000|0900-8844|0800-7000|112)(?![\d-])")
PHONE_LINK = re.compile(r'<a href="tel:(\d+)">([\d-]+)</a>')


def rich_texts(value):
    """Every rich text in the content: the strings that are HTML."""
    if isinstance(value, str):
        if value.startswith("<"):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from rich_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from rich_texts(item)


def test_every_phone_number_in_rich_text_is_a_link():
    content = content_check()
    texts = list(rich_texts([content.site, content.signals, content.modules]))
    assert len(texts) > 200
    linked = 0
    for text in texts:
        for digits, number in PHONE_LINK.findall(text):
            assert digits == number.replace("-", ""), text
            linked += 1
        assert not PHONE_NUMBER.search(PHONE_LINK.sub("", text)), text
    assert linked >= 20


def test_three_organisations_with_about_forty_staff_at_varied_progress(home_page):
    output = io.StringIO()
    call_command("load_demo", "--languages", "nl", stdout=output)

    kinds = dict(Organisation.objects.values_list("slug", "kind"))
    assert sorted(kinds.values()) == ["municipality", "school", "taxi_company"]
    assert Team.objects.filter(organisation__kind="school").count() == 4
    assert Team.objects.filter(organisation__kind="taxi_company").count() == 2
    learners = Membership.objects.filter(role=Membership.Role.LEARNER)
    assert 38 <= learners.count() <= 45
    assert not learners.exclude(user__email__endswith=".test").exists()
    assert Membership.objects.filter(role=Membership.Role.MANAGER).count() == 3
    school = Organisation.objects.get(kind="school")
    assert school.memberships.filter(user__email=MANAGER.email, role="manager").exists()

    statuses = {
        cell.status
        for organisation in Organisation.objects.all()
        for row in manager_dashboard(organisation=organisation).rows
        for cell in row.cells
        if cell
    }
    # Completed staff passed the module's quiz and played its scenario through the
    # services, as a learner would.
    assert {Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED, Status.OVERDUE} <= statuses
    assert Certificate.objects.filter(user__memberships__organisation__slug="het-baken-college")

    accounts = demo_accounts()
    assert len(accounts) == 7
    for account in accounts:
        assert account.email in output.getvalue()
        assert account.password in output.getvalue()
    learner = Membership.objects.filter(user__email="leerling@signaal.test").get().user
    assert region_for_user(learner).slug == "utrecht"
