"""A manager's journey: import staff, assign a module, follow progress, export the report.

Runs against the demo content as `make run` serves it, through the real login form.
"""

import datetime

from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from accounts.models import User
from courses.models import CoursePage, LessonPage
from courses.services import enrolment_start, lesson_complete
from demo.accounts import MANAGER, TRAINER
from organisations.models import Membership
from organisations.selectors import Status
from quizzes.models import Answer, Question
from quizzes.services import Taker, answer_mark, answer_submit, attempt_start
from scenarios.models import ScenarioRun
from scenarios.services import run_choose, run_start

SCHOOL = "het-baken-college"
MODULE = "signalen-op-school"
TEAM = "Onderbouw"
NEW_STAFF = [
    ("Hanna Vermeer", "hanna.vermeer@hetbaken.test"),
    ("Omar Benali", "omar.benali@hetbaken.test"),
    ("Petra de Lange", "petra.delange@hetbaken.test"),
]


def status_label(status: str) -> str:
    with translation.override("nl"):
        return str(Status.LABELS[status])


def people_table(page: Page) -> dict[str, dict[str, str]]:
    """The dashboard's people table as {name: {column heading: cell text}}."""
    return page.evaluate(
        """() => {
            const table = document.querySelector('[aria-labelledby="people-heading"] table');
            const headings = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
            const people = {};
            for (const row of table.querySelectorAll('tbody tr')) {
                const cells = [...row.children].map(cell => cell.innerText.trim());
                people[cells[0]] = Object.fromEntries(headings.map((h, i) => [h, cells[i]]));
            }
            return people;
        }"""
    )


def quiz_pass(user, quiz, marker) -> None:
    """Answer every question right; the trainer marks the open answers as correct."""
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    for question in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
        "options"
    ):
        answer_submit(
            attempt=attempt,
            question_id=question.pk,
            option_ids=[option.pk for option in question.options.all() if option.is_correct],
            text="Ik overleg met de aandachtsfunctionaris en vraag Veilig Thuis om advies.",
        )
    for answer in Answer.objects.filter(attempt=attempt, question__kind=Question.Kind.ESSAY):
        answer_mark(answer=answer, mark=Answer.Mark.CORRECT, marker=marker)


def scenario_finish(user, scenario) -> None:
    """Play to an ending, each time taking the best-scoring choice on offer."""
    run = run_start(page=scenario, user=user)
    while run.status != ScenarioRun.Status.FINISHED:
        offered = [
            choice
            for choice in scenario.scenes.get(key=run.current_scene).choices.all()
            if choice.is_available(run.flags, run.score)
        ]
        best = max(offered, key=lambda choice: choice.score)
        run_choose(run=run, choice_id=best.pk, attempt=run.attempt, position=run.position)
        run.refresh_from_db()


def module_complete(user, course: CoursePage) -> None:
    """Do everything a learner does in the module, through the services the views call."""
    marker = User.objects.get(email=TRAINER.email)
    enrolment_start(user=user, course=course)
    for lesson in LessonPage.objects.child_of(course).live().order_by("path"):
        for block in lesson.body:
            if block.block_type == "quiz" and block.value.get("must_pass"):
                quiz_pass(user, block.value["quiz"], marker)
            elif block.block_type == "scenario" and block.value.get("scenario"):
                scenario_finish(user, block.value["scenario"].specific)
        completion = lesson_complete(user=user, lesson=lesson, course=course)
        assert completion.is_completed, completion.missing


def test_manager_imports_staff_assigns_a_module_and_exports_progress(
    demo_site, live_server, page: Page, tmp_path
):
    school_url = f"{live_server.url}/organisatie/{SCHOOL}"
    module = CoursePage.objects.get(slug=MODULE)
    not_started, completed = status_label(Status.NOT_STARTED), status_label(Status.COMPLETED)

    # Log in through the form; the login page sends the manager on to the import page.
    page.goto(f"{live_server.url}/account/login/?next=/organisatie/{SCHOOL}/importeren/")
    page.get_by_label("E-mail").fill(MANAGER.email)
    page.get_by_label("Wachtwoord").fill(MANAGER.password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{school_url}/importeren/")

    # Upload a staff list (semicolons and Dutch headings, as Excel in the Netherlands saves it).
    staff_file = tmp_path / "medewerkers.csv"
    staff_file.write_text(
        "Naam;E-mailadres;Team\n"
        + "".join(f"{name};{email};{TEAM}\n" for name, email in NEW_STAFF),
        encoding="utf-8",
    )
    page.get_by_label("Lijst met medewerkers").set_input_files(staff_file)
    page.get_by_role("button", name="Lijst controleren").click()

    # The preview lists every row as fine and has saved nothing yet.
    expect(page.get_by_role("status")).to_contain_text("3 van 3 rijen")
    preview = page.get_by_role("region", name="Rijen in het bestand")
    for name, email in NEW_STAFF:
        expect(preview.get_by_role("row").filter(has_text=email)).to_contain_text(name)
    emails = [email for _name, email in NEW_STAFF]
    assert not User.objects.filter(email__in=emails).exists()

    page.get_by_role("button", name="3 personen importeren").click()
    expect(page).to_have_url(f"{school_url}/")
    expect(page.get_by_text("3 mensen toegevoegd.")).to_be_visible()
    assert Membership.objects.filter(
        organisation__slug=SCHOOL,
        user__email__in=emails,
        role=Membership.Role.LEARNER,
        team__name=TEAM,
    ).count() == len(NEW_STAFF)

    # The new people are on the dashboard, without the school module that is not theirs yet.
    people = people_table(page)
    for name, _email in NEW_STAFF:
        assert people[name]["Team"] == TEAM
        assert people[name][module.title] == "–"

    # Assign the school module to their team.
    page.get_by_role("navigation", name="Voor leidinggevenden").get_by_role(
        "link", name="Opdrachten"
    ).click()
    due = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Module").select_option(label=module.title)
    page.get_by_label("Voor wie").select_option(label=TEAM)
    page.get_by_label("Deadline").fill(due.isoformat())
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    expect(page.get_by_text("De module is toegewezen")).to_be_visible()
    expect(page.locator(".organisations-list")).to_contain_text(f"{module.title}, voor {TEAM}")

    # Back on the dashboard they have the module, not started, with its due date.
    page.get_by_role("link", name="Overzicht").click()
    people = people_table(page)
    for name, _email in NEW_STAFF:
        assert people[name][module.title].startswith(not_started), people[name]

    # One of them does the whole module; after a reload the dashboard shows it completed.
    finisher_name, finisher_email = NEW_STAFF[0]
    module_complete(User.objects.get(email=finisher_email), module)
    page.reload()
    people = people_table(page)
    assert people[finisher_name][module.title].startswith(completed), people[finisher_name]
    for name, _email in NEW_STAFF[1:]:
        assert people[name][module.title].startswith(not_started), people[name]

    # The spreadsheet export says the same.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    report = tmp_path / download.suggested_filename
    download.save_as(report)
    sheet = load_workbook(report).worksheets[0]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    columns = {heading: index for index, heading in enumerate(header)}
    exported = {
        row[columns["E-mailadres"]]: row for row in rows if row[columns["Module"]] == module.title
    }
    today = timezone.localdate().isoformat()
    for name, email in NEW_STAFF:
        row = exported[email]
        assert row[columns["Naam"]] == name
        assert row[columns["Team"]] == TEAM
        assert row[columns["Deadline"]] == due.isoformat()
        if email == finisher_email:
            assert row[columns["Status"]] == completed
            assert row[columns["Afgerond op"]] == today
        else:
            assert row[columns["Status"]] == not_started
            assert not row[columns["Afgerond op"]]
