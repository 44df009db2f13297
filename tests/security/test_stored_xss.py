"""Whatever a learner or a manager types is shown as text everywhere, never run.

Hostile text goes in through the site's own forms, the way an attacker would put it there:
names at sign-up, names in a staff list a manager uploads, a reflection, an essay answer.
Then every page, export and document that shows it is read back: on HTML pages the text
must appear escaped and must not have created any element or attribute; spreadsheets must
not start a cell with a formula; the personal data download is JSON, not HTML.
"""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
import weasyprint
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from courses import pdf
from courses.models import Certificate, Reflection
from organisations.models import Membership
from quizzes.models import Answer, Question
from tests.e2e.conftest import log_in
from tests.factories import (
    AssignmentFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ManagerFactory,
    OrganisationFactory,
    QuestionFactory,
    QuizFactory,
    block,
    correct_ids,
    quiz_block,
)

# The same payloads a tester would paste into every field.
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "textarea": "</textarea><script>alert(1)</script>",
    "url": "javascript:alert(1)",
    "formula": '=HYPERLINK("http://evil")',
}
HTML_SPECIALS = set("<>\"'&")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PASSWORD = "een-lang-wachtwoord-2026"


EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _strings_in(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        return [text for item in data for text in _strings_in(item)]
    return []


def assert_inert(html: str) -> None:
    """No script, event handler, javascript: link or broken-out <img> came from the payload.

    Markup that a page keeps for later (JSON data, templates) is inserted into the page by
    the admin's scripts, so it is checked the same way.
    """
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        kind = script.get("type", "").strip().lower()
        if kind in EXECUTABLE_SCRIPT_TYPES:
            assert "alert(1)" not in script.get_text(), script
        elif kind == "application/json":
            for text in _strings_in(json.loads(script.get_text())):
                if "alert(1)" in text:
                    assert_inert(text)
        else:
            assert_inert(script.get_text())
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                if name.startswith("on"):
                    assert "alert(1)" not in item, tag
                if name in URL_ATTRIBUTES:
                    assert not item.strip().lower().startswith("javascript:"), tag
    assert not soup.find_all("img", src="x")


def assert_shown_as_text(html: str, payload: str) -> None:
    """The payload is on the page as text, and created no script, handler or link."""
    assert_inert(html)
    if HTML_SPECIALS & set(payload):
        assert payload not in html
    soup = BeautifulSoup(html, "html.parser")
    shown = [str(text) for text in soup.find_all(string=True)] + [
        item
        for tag in soup.find_all(True)
        for value in tag.attrs.values()
        for item in (value if isinstance(value, list) else [value])
    ]
    assert any(payload in text for text in shown), "the payload is not on the page at all"


def _csv_upload(rows: list[list[str]]) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["name", "e-mail", "team"], *rows])
    return SimpleUploadedFile("personeel.csv", buffer.getvalue().encode())


class HostileWorld:
    """An organisation whose learners put the payload in every field they can write.

    Everything is written through the site's views, so what is stored is exactly what an
    attacker could store.
    """

    def __init__(self, home_page, payload: str):
        self.payload = payload
        self.name = f"{payload} {payload}"
        index = CourseIndexPageFactory(parent=home_page)
        self.course = CoursePageFactory(parent=index, slug="basis", title="Basis")
        self.reflection_block = block("reflection", {"question": "Wat zag je?", "hint": ""})
        self.lesson = LessonPageFactory(
            parent=self.course, slug="les-1", body=[self.reflection_block]
        )
        # The certificate needs an assessment: a second lesson's quiz, passed below.
        self.test_question = QuestionFactory()
        self.test_quiz = QuizFactory(questions=[self.test_question], feedback_mode="at_end")
        LessonPageFactory(parent=self.course, slug="les-2", body=[quiz_block(self.test_quiz)])
        self.quiz = QuizFactory(
            questions=[QuestionFactory(kind=Question.Kind.ESSAY, text="Beschrijf wat je zag.")],
            feedback_mode="at_end",
        )
        self.organisation = OrganisationFactory(slug="school")
        AssignmentFactory(organisation=self.organisation, course=self.course)
        self.manager = ManagerFactory(organisation=self.organisation)
        self.trainer = User.objects.create_user(email="trainer@example.org", password=PASSWORD)
        self.trainer.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_all_results", "mark_answers"])
        )
        self.admin = User.objects.create_superuser(email="admin@example.org", password=PASSWORD)
        self.signed_up = self._sign_up()
        self.imported = self._import()
        for learner in (self.signed_up, self.imported):
            self._learn(learner)
        self.answer = Answer.objects.get(attempt__user=self.signed_up, attempt__quiz=self.quiz)
        self.certificate = Certificate.objects.get(user=self.signed_up)

    def client_for(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def _sign_up(self) -> User:
        response = Client().post(
            reverse("account_signup"),
            {
                "email": "aanmelder@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "first_name": self.payload,
                "last_name": self.payload,
            },
        )
        assert response.status_code == 302, response.content[:500]
        user = User.objects.get(email="aanmelder@example.org")
        joined = self.client_for(user).post(
            reverse("organisations:join"), {"code": self.organisation.join_code}
        )
        assert joined.status_code == 302
        return user

    def _import(self) -> User:
        manager = self.client_for(self.manager)
        slug = self.organisation.slug
        preview = manager.post(
            reverse("organisations:staff_upload", args=[slug]),
            {"file": _csv_upload([[self.name, "geimporteerd@example.org", ""]])},
        )
        assert preview.status_code == 200
        self.preview_html = preview.content.decode()
        token = preview.context["confirm_form"].initial["rows"]
        confirmed = manager.post(
            reverse("organisations:staff_confirm", args=[slug]), {"rows": token}
        )
        assert confirmed.status_code == 302
        return User.objects.get(email="geimporteerd@example.org")

    def _learn(self, user) -> None:
        """Write a reflection and an essay, and complete the module for a certificate."""
        client = self.client_for(user)
        saved = client.post(
            reverse("courses:reflection_save", args=[self.lesson.pk, self.reflection_block["id"]]),
            {"text": self.payload},
        )
        assert saved.status_code == 302
        client.post(reverse("quizzes:start", args=[self.quiz.pk]))
        question = self.quiz.fixed_questions.get().question
        answered = client.post(
            reverse("quizzes:take", args=[self.quiz.pk]),
            {"question": question.pk, "text": self.payload},
        )
        assert answered.status_code == 302
        # Asking for the next question finds none and hands the attempt in.
        client.get(reverse("quizzes:take", args=[self.quiz.pk]))
        client.post(reverse("courses:course_start", args=[self.course.pk]))
        done = client.post(reverse("courses:lesson_complete", args=[self.lesson.pk]))
        assert done.status_code == 302
        # Passing the second lesson's quiz completes that lesson, and so the module.
        client.post(reverse("quizzes:start", args=[self.test_quiz.pk]))
        passed = client.post(
            reverse("quizzes:take", args=[self.test_quiz.pk]),
            {"question": self.test_question.pk, "options": correct_ids(self.test_question)},
        )
        assert passed.status_code == 302

    def membership(self, user) -> Membership:
        return Membership.objects.get(user=user, organisation=self.organisation)


@pytest.fixture(params=list(PAYLOADS.values()), ids=list(PAYLOADS))
def world(request, home_page) -> HostileWorld:
    return HostileWorld(home_page, request.param)


@pytest.mark.django_db
def test_the_payload_is_stored_as_typed(world):
    """The tests below are only meaningful if the hostile text really got in."""
    for user in (world.signed_up, world.imported):
        assert user.get_full_name() == world.name
        assert Reflection.objects.get(user=user).text == world.payload
    assert world.answer.text == world.payload
    assert world.certificate.learner_name == world.name


@pytest.mark.django_db
def test_manager_pages_show_names_as_text(world):
    manager = world.client_for(world.manager)
    slug = world.organisation.slug
    pages = [
        reverse("organisations:dashboard", args=[slug]),
        # The search box echoes what was typed into it.
        reverse("organisations:dashboard", args=[slug]) + "?" + urlencode({"q": world.payload}),
    ]
    pages += [
        reverse("organisations:person", args=[slug, world.membership(user).pk])
        for user in (world.signed_up, world.imported)
    ]
    for url in pages:
        response = manager.get(url)
        assert response.status_code in (200, 400), url
        assert_shown_as_text(response.content.decode(), world.payload)
    assert_shown_as_text(world.preview_html, world.payload)


@pytest.mark.django_db
def test_trainer_pages_show_essays_and_names_as_text(world):
    trainer = world.client_for(world.trainer)
    attempt = world.answer.attempt
    pages = [
        reverse("quizzes:marking"),
        reverse("quizzes:marking") + "?" + urlencode({"learner": world.payload}),
        reverse("quizzes:mark", args=[world.answer.pk]),
        reverse("quizzes:trainer_results"),
        reverse("quizzes:trainer_results") + "?" + urlencode({"learner": world.payload}),
        reverse("quizzes:results", args=[attempt.pk]),
    ]
    for url in pages:
        response = trainer.get(url)
        assert response.status_code == 200, url
        assert_shown_as_text(response.content.decode(), world.payload)


@pytest.mark.django_db
def test_a_trainers_comment_is_shown_to_the_learner_as_text(world):
    trainer = world.client_for(world.trainer)
    marked = trainer.post(
        reverse("quizzes:mark", args=[world.answer.pk]),
        {"mark": "partly", "comment": world.payload},
    )
    assert marked.status_code == 302
    learner = world.client_for(world.signed_up)
    response = learner.get(reverse("quizzes:results", args=[world.answer.attempt_id]))
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode(), world.payload)


@pytest.mark.django_db
def test_admin_listings_show_learner_data_as_text(world):
    admin = world.client_for(world.admin)
    user = world.signed_up
    pages = [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:index") + "?" + urlencode({"q": world.payload}),
        reverse("wagtailusers_users:edit", args=[user.pk]),
        reverse("wagtailsnippets_organisations_membership:list"),
        reverse("wagtailsnippets_organisations_membership:edit", args=[world.membership(user).pk]),
        reverse("certificates:index"),
        reverse("certificates:inspect", args=[world.certificate.pk]),
    ]
    for url in pages:
        response = admin.get(url)
        assert response.status_code == 200, url
        assert_shown_as_text(response.content.decode(), world.payload)


@pytest.mark.django_db
def test_the_learner_sees_their_reflection_as_text(world):
    response = world.client_for(world.signed_up).get(world.lesson.url)
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode(), world.payload)


@pytest.mark.django_db
def test_the_certificate_page_and_pdf_show_the_name_as_text(world, monkeypatch):
    response = Client().get(reverse("courses:certificate_verify", args=[world.certificate.code]))
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode(), world.payload)

    rendered = []
    real_html = weasyprint.HTML

    def recording_html(*, string, **kwargs):
        rendered.append(string)
        return real_html(string=string, **kwargs)

    # The PDF module imports WeasyPrint when it renders, so the class is replaced at its source.
    monkeypatch.setattr(weasyprint, "HTML", recording_html)
    learner = world.client_for(world.signed_up)
    response = learner.get(reverse("courses:certificate_pdf", args=[world.certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(rendered) == 1
    assert_shown_as_text(rendered[0], world.payload)


@pytest.mark.django_db
def test_the_certificates_zip_escapes_the_names_in_every_pdf(world, monkeypatch):
    rendered = []
    real_render_pdf = pdf.render_pdf

    def recording_render_pdf(template, context):
        rendered.append(render_to_string(template, context))
        return real_render_pdf(template, context)

    monkeypatch.setattr("organisations.exports.render_pdf", recording_render_pdf)
    manager = world.client_for(world.manager)
    response = manager.get(reverse("organisations:certificates", args=[world.organisation.slug]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert len(rendered) == 2
    for html in rendered:
        assert_shown_as_text(html, world.payload)


def _cells_are_safe(cells: list[str], world: HostileWorld) -> None:
    names = [cell for cell in cells if world.payload in cell]
    assert len(names) >= 2, "both learners' names are in the report"
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), cell


@pytest.mark.django_db
def test_the_csv_export_never_starts_a_cell_with_a_formula(world):
    manager = world.client_for(world.manager)
    response = manager.get(reverse("organisations:export_csv", args=[world.organisation.slug]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    _cells_are_safe(cells, world)


@pytest.mark.django_db
def test_the_xlsx_export_has_no_formulas(world):
    manager = world.client_for(world.manager)
    response = manager.get(reverse("organisations:export_xlsx", args=[world.organisation.slug]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    cells = list(sheet.iter_rows())
    assert all(cell.data_type != "f" for row in cells for cell in row)
    _cells_are_safe([str(cell.value) for row in cells for cell in row if cell.value], world)


@pytest.mark.django_db
def test_the_personal_data_download_is_json_not_html(world):
    response = world.client_for(world.signed_up).get(reverse("accounts:data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    # A browser that is told not to sniff never renders the download as a page.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["first_name"] == world.payload
    reflections = data["data"]["courses.reflection"]
    assert [row["text"] for row in reflections] == [world.payload]


@pytest.mark.django_db
def test_an_address_with_markup_in_its_quoted_part_is_shown_as_text(home_page):
    """E-mail syntax allows '<script>' inside quotes; imported, it must stay text."""
    address = '"<script>alert(1)</script>"@example.org'
    organisation = OrganisationFactory(slug="school")
    manager = Client()
    manager.force_login(ManagerFactory(organisation=organisation))
    preview = manager.post(
        reverse("organisations:staff_upload", args=[organisation.slug]),
        {"file": _csv_upload([["Jan Jansen", address, ""]])},
    )
    assert_shown_as_text(preview.content.decode(), address)
    manager.post(
        reverse("organisations:staff_confirm", args=[organisation.slug]),
        {"rows": preview.context["confirm_form"].initial["rows"]},
    )
    membership = Membership.objects.get(user__email=address)
    response = manager.get(reverse("organisations:person", args=[organisation.slug, membership.pk]))
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode(), address)


# In a real browser: no dialog opens on the pages where the names and essays are shown.


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("payload", [PAYLOADS["script"], PAYLOADS["attribute"]])
def test_no_dialog_opens_in_a_browser(page, live_server, home_page, payload):
    world = HostileWorld(home_page, payload)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # The listener works: a dialog opened from outside the page is seen.
    page.goto(live_server.url + "/")
    with page.expect_event("dialog"):
        page.evaluate("() => setTimeout(() => alert('probe'), 0)")
    assert dialogs == ["probe"]
    dialogs.clear()

    targets = [
        (
            world.manager,
            reverse(
                "organisations:person",
                args=[world.organisation.slug, world.membership(world.signed_up).pk],
            ),
        ),
        (world.manager, reverse("organisations:dashboard", args=[world.organisation.slug])),
        (world.trainer, reverse("quizzes:mark", args=[world.answer.pk])),
        (world.trainer, reverse("quizzes:marking")),
    ]
    for user, path in targets:
        page.context.clear_cookies()
        log_in(page.context, user, live_server)
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert dialogs == [], path
        assert page.locator("img[onerror]").count() == 0, path
        assert page.get_by_text(payload, exact=False).first.is_visible(), path
