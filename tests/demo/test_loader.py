"""The demo loader: idempotent, keeps the keys answers point to, and refuses broken files."""

import io
import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page

from accounts.models import User
from courses.models import Certificate, CoursePage, Enrolment, LessonPage, SectorPage
from demo.loader import CONTENT_DIR, content_check, load
from library.models import Signal
from organisations.models import Assignment, Membership, Organisation, Team
from quizzes.models import Attempt, Option, Question, Quiz, QuizDraw, QuizQuestion
from scenarios.models import Choice, ScenarioPage, Scene
from website.models import HomePage, Region, RegionContact, StandardPage

pytestmark = pytest.mark.django_db

COUNTED = [
    Page,
    Signal,
    Question,
    Option,
    Quiz,
    QuizQuestion,
    QuizDraw,
    Attempt,
    Scene,
    Choice,
    Region,
    RegionContact,
    User,
    Organisation,
    Team,
    Membership,
    Assignment,
    Enrolment,
    Certificate,
    get_image_model(),
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def keys() -> dict[str, set[int]]:
    return {
        model.__name__: set(model.objects.values_list("pk", flat=True))
        for model in (Scene, Choice, Option, Question, ScenarioPage, LessonPage, CoursePage)
    }


def old_sector_page(home: HomePage) -> ScenarioPage:
    """The teachers' page as earlier versions of the demo made it, with its case under it."""
    old = StandardPage(title="Voor leraren en schoolpersoneel", slug="leraren")
    home.add_child(instance=old)
    case = ScenarioPage(
        title="Casus: Noor verandert",
        slug="casus-noor-verandert",
        start_scene="start",
        scenes=[
            Scene(key="start", title="Na de kerstvakantie", outcome="good", debrief="<p>.</p>")
        ],
    )
    old.add_child(instance=case)
    case.save_revision().publish()
    return case


def test_loading_twice_duplicates_nothing_and_replaces_the_old_sector_pages(home_page):
    case = old_sector_page(home_page)
    first_scene = case.scenes.get(key="start").pk

    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())

    teachers = SectorPage.objects.child_of(home_page).get(slug="leraren")
    assert teachers.sector.slug == "onderwijs"
    assert not StandardPage.objects.exists()
    moved = ScenarioPage.objects.get(pk=case.pk)
    assert moved.get_parent().pk == teachers.pk
    assert moved.url_path == f"{teachers.url_path}casus-noor-verandert/"
    assert moved.scenes.get(key="start").pk == first_scene
    assert moved.scenes.count() > 10
    assert not Redirect.objects.exists()
    sectors = dict(
        SectorPage.objects.filter(locale=home_page.locale).values_list("slug", "sector__slug")
    )
    assert sectors == {
        "leraren": "onderwijs",
        "taxichauffeurs": "taxi",
        "jeugdzorg-en-wijkteams": "jeugd-en-wijkteams",
        "hotel-en-horeca": "hotel-en-horeca",
    }
    home = HomePage.objects.get(pk=home_page.pk)
    assert [entry.value["page"].pk for entry in home.sector_entries] == [
        SectorPage.objects.get(slug=slug, locale=home_page.locale).pk for slug in sectors
    ]
    before, pks = counts(), keys()

    output = io.StringIO()
    call_command(
        "load_demo", "--languages", "nl", "--base-url", "http://0.0.0.0:8080/", stdout=output
    )

    assert counts() == before
    assert keys() == pks
    assert "http://0.0.0.0:8080/account/login/" in output.getvalue()
    assert "http://0.0.0.0:8080/admin/" in output.getvalue()
    assert "127.0.0.1" not in output.getvalue()


def assessed_lessons(course: CoursePage) -> list[LessonPage]:
    """The required lessons of a module that a learner completes only by passing something."""
    found = []
    for lesson in LessonPage.objects.child_of(course).live().filter(is_required=True):
        for block in lesson.body:
            quiz = block.value.get("quiz") if block.block_type == "quiz" else None
            if quiz is not None and quiz.live and block.value["must_pass"]:
                found.append(lesson)
            if block.block_type == "scenario" and block.value["requirement"] != "none":
                found.append(lesson)
    return found


def test_every_module_with_a_certificate_has_an_assessed_activity(home_page):
    load()

    courses = CoursePage.objects.live().filter(locale=home_page.locale)
    modules = content_check().modules
    assert sorted(courses.values_list("slug", flat=True)) == sorted(m["slug"] for m in modules)
    assert modules[0]["slug"] == "basis-mensenhandel-en-loverboys"
    with_certificate = courses.filter(certificate_validity_months__gt=0)
    assert with_certificate.count() >= 3
    for course in with_certificate:
        assert assessed_lessons(course), course.slug
    # The sector starter modules are open to visitors, with their quizzes.
    for slug in ("signalen-onderweg", "signalen-op-school", "basis-mensenhandel-en-loverboys"):
        course = courses.get(slug=slug)
        assert course.is_public
        for lesson in assessed_lessons(course):
            for block in lesson.body:
                if block.block_type == "quiz":
                    assert block.value["quiz"].is_public


@pytest.fixture
def content(tmp_path):
    """A copy of the content files to break, and a way to change one of them."""
    shutil.copytree(CONTENT_DIR, tmp_path / "content")

    def change(name: str, edit) -> None:
        path = tmp_path / "content" / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    change.path = tmp_path / "content"
    return change


def lesson(data: dict, slug: str) -> dict:
    return next(item for item in data["lessons"] if item["slug"] == slug)


def no_must_pass(data):
    lesson(data, "wat-doe-je-met-een-signaal")["body"][-1]["quiz"]["must_pass"] = False


def unknown_signal(data):
    lesson(data, "wat-zie-je-in-je-taxi")["body"][2]["signal_cards"]["signals"].append("geen")


def unknown_region(data):
    lesson(data, "wie-bel-je-onderweg")["body"][0]["reporting_route"]["region"] = "atlantis"


def unknown_scene(data):
    data["scenario"]["scenes"][0]["choices"][0]["target"] = "nergens"


def unknown_image(data):
    lesson(data, "wat-zie-je-in-je-taxi")["body"][1]["image"]["image"] = "zonsondergang"


def signal_twice(data):
    data.append(dict(data[0]))


def unknown_key(data):
    lesson(data, "wat-zie-je-in-je-taxi")["duur"] = 5


@pytest.mark.parametrize(
    ("name", "edit", "where", "says"),
    [
        (
            "modules/basis-mensenhandel-en-loverboys.yaml",
            no_must_pass,
            "certificate_validity_months",
            "assessed activity",
        ),
        (
            "modules/signalen-onderweg.yaml",
            unknown_signal,
            "lessons[wat-zie-je-in-je-taxi].body[2].signal_cards.signals[4]",
            "unknown signal 'geen'",
        ),
        (
            "modules/signalen-onderweg.yaml",
            unknown_region,
            "lessons[wie-bel-je-onderweg].body[0].reporting_route.region",
            "unknown region 'atlantis'",
        ),
        (
            "modules/signalen-onderweg.yaml",
            unknown_scene,
            "scenario.scenes[start].choices[0].target",
            "unknown scene 'nergens'",
        ),
        (
            "modules/signalen-onderweg.yaml",
            unknown_image,
            "lessons[wat-zie-je-in-je-taxi].body[1].image.image",
            "unknown image 'zonsondergang'",
        ),
        ("signals.yaml", signal_twice, "[eerder-slachtoffer-van-geweld].slug", "already defined"),
        (
            "modules/signalen-onderweg.yaml",
            unknown_key,
            "lessons[wat-zie-je-in-je-taxi].duur",
            "unknown key",
        ),
    ],
)
def test_a_broken_rule_stops_the_load_naming_file_and_key(
    home_page, content, name, edit, where, says
):
    content(name, edit)

    with pytest.raises(CommandError) as error:
        call_command("load_demo", "--content-dir", str(content.path), stdout=io.StringIO())

    message = str(error.value)
    assert message.startswith(str(content.path / name))
    assert f": {where}: " in message
    assert says in message
    assert not CoursePage.objects.exists()
    assert not Signal.objects.exists()


def test_a_scenario_in_a_required_lesson_is_an_assessed_activity_too(home_page, content):
    def scenario_only(data):
        lesson(data, "wie-bel-je-onderweg")["body"][-1]["quiz"]["must_pass"] = False

    content("modules/signalen-onderweg.yaml", scenario_only)
    assert content_check(content.path)

    def optional_scenario(data):
        lesson(data, "casus-een-rit-van-een-halfuur")["is_required"] = False

    content("modules/signalen-onderweg.yaml", optional_scenario)
    with pytest.raises(CommandError, match="signalen-onderweg.yaml: certificate_validity_months"):
        content_check(content.path)


def test_a_scenario_the_admin_would_refuse_stops_the_load_and_writes_nothing(home_page, content):
    def unreachable(data):
        scenes = data["scenario"]["scenes"]
        scenes.append({"key": "los", "title": "Niemand komt hier", "outcome": "good"})

    content("modules/signalen-onderweg.yaml", unreachable)

    with pytest.raises(CommandError) as error:
        load(content.path)

    message = str(error.value)
    assert "modules/signalen-onderweg.yaml: scenario[casus-een-halfuur]: " in message
    assert "Niemand komt hier" in message
    assert not ScenarioPage.objects.exists()
    assert not CoursePage.objects.exists()


def test_module_files_load_in_their_order_then_by_name(tmp_path, content):
    def unordered(data):
        data.pop("order")

    content("modules/signalen-onderweg.yaml", unordered)
    names = [module["file"].path.name for module in content_check(content.path).modules]
    assert names[:2] == ["basis-mensenhandel-en-loverboys.yaml", "signalen-op-school.yaml"]
    assert names[2:] == sorted(names[2:])
    assert "signalen-onderweg.yaml" in names[2:]
