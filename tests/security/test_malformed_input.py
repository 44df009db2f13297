"""Malformed input anywhere gets a 4xx or a page with a message, never a server error.

The first sweep runs against the demo content, as a visitor, a learner and a manager, and
feeds every query parameter and form field we know of with values a fuzzer would try. The
second part takes each form that writes (quiz answers, marking, scenario moves, lessons,
staff lists, account deletion, invitations) on data built for it, and checks that nonsense
is refused and that the rows the form would write stay exactly as they were.
"""

import io
import json
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from courses.models import Certificate, Enrolment, LessonProgress, Reflection, StatementAnswer
from demo.accounts import LEARNER, MANAGER
from organisations import imports, services
from organisations.models import Assignment, Invitation, Membership
from quizzes.models import Answer, AnswerSelection, Attempt
from scenarios.models import Choice, ScenarioRun, ScenarioStep
from tests.courses.factories import (
    block,
    course_create,
    course_index_create,
    lesson_create,
    statement_block,
)
from tests.organisations.factories import manager_create, organisation_create
from tests.quizzes.factories import essay, multiple, quiz_with, single
from tests.scenarios.factories import branching_spec, linear_spec, scenario_page

NASTY_VALUES = [
    "",
    "\x00",
    "abc\x00def",
    "x" * 10_000,
    "-1",
    "99999999999999999999999999",
    "1.5",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00",
    "../../etc/passwd",
    "[]",
    "Ω≈ç√∫",
]

GET_SWEEP = {
    "/hulp-en-melden/": ["regio"],
    "/signalen/": ["sector", "phase", "category", "kind"],
    "/modules/": ["sector"],
    "/organisatie/het-baken-college/": ["team", "course", "status", "q", "page"],
    "/quiz/trainer/marking/": ["quiz", "learner", "page", "marked"],
}
PATH_SWEEP = [
    "/quiz/99999999999999999999/",
    "/quiz/0/",
    "/leren/certificaat/%00/",
    "/leren/certificaat/" + "a" * 5000 + "/",
    "/leren/certificaat/..%2F..%2F/pdf/",
    "/uitnodiging/not-a-token/",
    "/organisatie/bestaat-niet/",
    "/organisatie/het-baken-college/mensen/99999999999/",
    "/signalen/zakkaart/%00/",
]
POST_SWEEP = {
    "/aansluiten/": ["code"],
    "/account/login/": ["login", "password"],
    "/account/signup/": ["email", "password1", "password2", "first_name", "last_name"],
    "/account/password/reset/": ["email"],
    "/organisatie/het-baken-college/toewijzingen/": ["course", "team", "due_date"],
    "/organisatie/het-baken-college/uitnodigen/": ["email", "team", "name"],
}


@pytest.fixture
def demo(home_page):
    call_command("load_demo", stdout=io.StringIO())


def logged_in(email: str, password: str) -> Client:
    client = Client()
    assert client.login(email=email, password=password)
    return client


def assert_no_server_error(client: Client, method: str, url: str, data=None) -> None:
    response = getattr(client, method)(url, data or {})
    assert response.status_code < 500, f"{method.upper()} {url} {str(data)[:120]}"


@pytest.mark.django_db
def test_query_parameters_never_cause_a_server_error(demo):
    manager = logged_in(MANAGER.email, MANAGER.password)
    for url, parameters in GET_SWEEP.items():
        for parameter in parameters:
            for value in NASTY_VALUES:
                assert_no_server_error(manager, "get", url, {parameter: value})


@pytest.mark.django_db
def test_malformed_paths_answer_not_found_or_bad_request(demo):
    for client in (Client(), logged_in(MANAGER.email, MANAGER.password)):
        for url in PATH_SWEEP:
            response = client.get(url)
            assert 400 <= response.status_code < 500 or response.status_code == 302, url


@pytest.mark.django_db
def test_form_fields_never_cause_a_server_error(demo):
    manager = logged_in(MANAGER.email, MANAGER.password)
    for url, fields in POST_SWEEP.items():
        for value in NASTY_VALUES:
            assert_no_server_error(manager, "post", url, dict.fromkeys(fields, value))


@pytest.mark.django_db
def test_a_broken_multipart_upload_is_refused_with_a_message(demo):
    manager = logged_in(MANAGER.email, MANAGER.password)
    body = b'--boundary\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n'
    response = manager.generic(
        "POST",
        "/organisatie/het-baken-college/importeren/",
        body,
        content_type="multipart/form-data; boundary=boundary",
    )
    assert 400 <= response.status_code < 500 or response.status_code == 200


@pytest.mark.django_db
def test_a_learners_forms_survive_nonsense(demo):
    learner = logged_in(LEARNER.email, LEARNER.password)
    for value in NASTY_VALUES:
        assert_no_server_error(
            learner, "post", "/quiz/1/take/", {"question": value, "options": value, "text": value}
        )
        assert_no_server_error(
            learner,
            "post",
            "/leraren/casus-noor-verandert/",
            {"action": value, "choice": value, "attempt": value, "position": value},
        )


@pytest.mark.django_db
def test_an_out_of_range_number_gets_a_400_page_with_a_message(demo):
    manager = logged_in(MANAGER.email, MANAGER.password)
    response = manager.get("/en/organisatie/het-baken-college/", {"course": "9" * 30})
    # SQLite overflows in the lookup (our 400 page), PostgreSQL's driver refuses the number
    # earlier (the form's own message): either way a page that says so, with a 400.
    assert response.status_code == 400
    assert 'id="main"' in response.content.decode()


@pytest.mark.django_db
def test_nul_bytes_in_the_address_get_a_400(home_page, client):
    with translation.override("en"):
        response = client.get("/en/", {"regio": "a\x00b"})
    assert response.status_code == 400
    assert "could not be used" in response.content.decode()
    assert client.get("/leren/certificaat/%00/").status_code == 400


@pytest.mark.django_db
def test_unknown_pages_get_the_sites_own_404_page(home_page, client):
    response = client.get("/en/bestaat-niet/")
    assert response.status_code == 404
    assert 'id="quick-exit"' in response.content.decode()


# Every write path, fed nonsense on purpose-built data. Each answer is a 4xx, or a 200 page
# that shows an error; and the rows the form would write are exactly as they were.

OPTION_NONSENSE = [
    "",
    "\x00",
    "1\x00",
    "-1",
    "0",
    "99999999999999999999",
    "1.5",
    "1e3",
    "abc",
    "[1]",
    "1,2",
    " ",
    "<script>alert(1)</script>",
]


def assert_refused(response, what) -> None:
    """A 4xx, or a page that says what was wrong; never a server error."""
    status = response.status_code
    assert status < 500, f"{what}: {status}"
    if status == 200:
        assert 'role="alert"' in response.content.decode(), f"{what}: 200 without a message"
    else:
        assert 400 <= status < 500, f"{what}: {status}"


def snapshot(*models) -> dict:
    """Every row of the models, every column: inserts, updates and deletes all show up."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in models
    }


@pytest.fixture
def learner_client(learner) -> Client:
    client = Client()
    client.force_login(learner)
    return client


def _started(client, quiz) -> None:
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert Attempt.objects.filter(quiz=quiz, status=Attempt.Status.IN_PROGRESS).exists()


@pytest.mark.django_db
def test_quiz_answers_with_nonsense_are_refused_and_not_stored(home_page, learner_client):
    several = quiz_with([multiple()], feedback_mode="at_end")
    one = quiz_with([single()], feedback_mode="at_end")
    written = quiz_with([essay()], feedback_mode="at_end")
    foreign = single()
    for quiz in (several, one, written):
        _started(learner_client, quiz)
    before = snapshot(Attempt, Answer, AnswerSelection)

    for quiz in (several, one):
        url = reverse("quizzes:take", args=[quiz.pk])
        question = quiz.fixed_questions.get().question
        own_option = question.options.first().pk
        for value in [*OPTION_NONSENSE, str(foreign.options.first().pk)]:
            what = f"{quiz} options={value!r}"
            assert_refused(
                learner_client.post(url, {"question": question.pk, "options": value}), what
            )
            assert_refused(
                learner_client.post(url, {"question": value, "options": own_option}),
                f"{quiz} question={value!r}",
            )
        # Thousands of ids: more fields than the site takes in one form.
        options = [option.pk for option in question.options.all()]
        assert_refused(
            learner_client.post(url, {"question": question.pk, "options": options * 1100}),
            "more fields than the site accepts",
        )
        # Wrong types: a JSON body, a file instead of an option, another question's id.
        assert_refused(
            learner_client.post(
                url,
                json.dumps({"question": question.pk, "options": [own_option]}),
                content_type="application/json",
            ),
            "JSON body",
        )
        if not question.takes_several_options:
            # A file is not an option; for boxes to tick it would count as ticking none,
            # which is a real answer, so only a single answer can show the refusal.
            upload = SimpleUploadedFile("options.txt", str(own_option).encode())
            assert_refused(
                learner_client.post(url, {"question": question.pk, "options": upload}), "file"
            )
        assert_refused(
            learner_client.post(
                url, {"question": foreign.pk, "options": foreign.options.first().pk}
            ),
            "a question of another quiz",
        )

    url = reverse("quizzes:take", args=[written.pk])
    question = written.fixed_questions.get().question
    for text in ["", " ", "\x00", "abc\x00def", "x" * 5001]:
        assert_refused(
            learner_client.post(url, {"question": question.pk, "text": text}), f"essay {text[:9]!r}"
        )
    assert snapshot(Attempt, Answer, AnswerSelection) == before


@pytest.mark.django_db
def test_quiz_pages_with_impossible_ids_answer_4xx(home_page, learner_client):
    for url in [
        "/quiz/99999999999999999999/take/",
        "/quiz/0/take/",
        "/quiz/99999999999999999999/start/",
        "/quiz/attempt/99999999999999999999/",
        "/quiz/attempt/1/feedback/99999999999999999999/",
    ]:
        response = learner_client.post(url, {"question": "1", "options": "1"})
        assert 400 <= response.status_code < 500, url


@pytest.mark.django_db
def test_marking_with_nonsense_is_refused_and_changes_nothing(home_page, learner_client, learner):
    quiz = quiz_with([essay()], feedback_mode="at_end")
    _started(learner_client, quiz)
    take = reverse("quizzes:take", args=[quiz.pk])
    learner_client.post(take, {"question": quiz.fixed_questions.get().question_id, "text": "Iets"})
    learner_client.get(take)
    answer = Answer.objects.get()
    trainer = User.objects.create_user(email="trainer@example.org", password="x-long-password")
    trainer.user_permissions.add(
        *Permission.objects.filter(codename__in=["mark_answers", "view_all_results"])
    )
    client = Client()
    client.force_login(trainer)
    before = snapshot(Answer)
    url = reverse("quizzes:mark", args=[answer.pk])
    for value in NASTY_VALUES:
        assert_refused(client.post(url, {"mark": value, "comment": "ok"}), f"mark={value!r}")
    for comment in ["\x00", "x" * 2001]:
        assert_refused(client.post(url, {"mark": "correct", "comment": comment}), "comment")
    assert_refused(client.post(url, {"mark": ["correct", "incorrect"] * 1100}), "too many")
    for bad in ["/quiz/trainer/marking/99999999999999999999/", "/quiz/trainer/marking/0/"]:
        assert_refused(client.post(bad, {"mark": "correct"}), bad)
    # A learner cannot mark, not even their own answer.
    assert learner_client.post(url, {"mark": "correct"}).status_code == 403
    assert snapshot(Answer) == before


@pytest.mark.django_db
def test_scenario_moves_with_nonsense_are_refused_and_not_recorded(home_page, learner_client):
    scenario = scenario_page(home_page, branching_spec())
    other = scenario_page(home_page, linear_spec(3), slug="andere-casus")
    url = scenario.url
    assert learner_client.post(url, {"action": "start"}).status_code == 302
    run = ScenarioRun.objects.get(page=scenario)
    start_choice = Choice.objects.filter(scene__page=scenario, scene__key="start").first()
    elsewhere = Choice.objects.filter(scene__page=scenario).exclude(scene__key="start").first()
    foreign = Choice.objects.filter(scene__page=other).first()
    valid = {"action": "choose", "choice_id": start_choice.pk, "attempt": 1, "position": 0}
    before = snapshot(ScenarioRun, ScenarioStep)

    for field in ("action", "choice_id", "attempt", "position"):
        for value in NASTY_VALUES:
            if field == "action" and value == "":
                continue
            data = {**valid, field: value}
            assert_refused(learner_client.post(url, data), f"{field}={value!r}")
    for choice in (elsewhere, foreign):
        assert_refused(
            learner_client.post(url, {**valid, "choice_id": choice.pk}), f"choice {choice.pk}"
        )
    for action in ("back", "restart"):
        for value in NASTY_VALUES:
            data = {"action": action, "attempt": value, "position": value}
            assert_refused(learner_client.post(url, data), f"{action} {value!r}")
    assert snapshot(ScenarioRun, ScenarioStep) == before
    run.refresh_from_db()
    assert (run.current_scene, run.position) == ("start", 0)


@pytest.mark.django_db
def test_lesson_and_module_posts_with_bad_ids_write_nothing(home_page, learner_client):
    course = course_create(course_index_create(home_page), slug="basis")
    statement = statement_block()
    reflection = block("reflection", {"question": "Wat zag je?", "hint": ""})
    lesson = lesson_create(course, slug="les-1", body=[statement, reflection])
    draft = lesson_create(course, slug="concept")
    draft.unpublish()
    before = snapshot(Enrolment, LessonProgress, Certificate, Reflection, StatementAnswer)

    huge = "99999999999999999999"
    for url in [
        f"/leren/les/{huge}/klaar/",
        "/leren/les/0/klaar/",
        f"/leren/les/{course.pk}/klaar/",
        f"/leren/les/{draft.pk}/klaar/",
        f"/leren/module/{huge}/starten/",
        "/leren/module/0/starten/",
        f"/leren/module/{lesson.pk}/starten/",
        f"/leren/module/{huge}/opnieuw/",
        f"/leren/les/{huge}/stelling/{statement['id']}/",
        f"/leren/les/{lesson.pk}/stelling/{reflection['id']}/",
        f"/leren/les/{lesson.pk}/stelling/{'a' * 3000}/",
        f"/leren/les/{lesson.pk}/reflectie/{statement['id']}/",
        f"/leren/les/{lesson.pk}/reflectie/..%2F..%2F/",
    ]:
        assert_refused(learner_client.post(url, {"answer": "agree", "text": "Iets"}), url)
    statement_url = f"/leren/les/{lesson.pk}/stelling/{statement['id']}/"
    reflection_url = f"/leren/les/{lesson.pk}/reflectie/{reflection['id']}/"
    for value in NASTY_VALUES:
        assert_refused(learner_client.post(statement_url, {"answer": value}), f"answer {value!r}")
    for text in ["", " ", "\x00", "x" * 5001]:
        assert_refused(learner_client.post(reflection_url, {"text": text}), f"text {text[:9]!r}")
    # Anyone may try a GET on a form that only takes POST.
    assert learner_client.get(f"/leren/les/{lesson.pk}/klaar/").status_code == 405
    assert snapshot(Enrolment, LessonProgress, Certificate, Reflection, StatementAnswer) == before


BROKEN_STAFF_FILES = {
    "binary garbage as CSV": ("personeel.csv", bytes(range(256)) * 64),
    "an XLSX that is not a zip": ("personeel.xlsx", b"name,email\nJan,jan@example.org\n"),
    "a zip that is not a workbook": (
        "personeel.xlsx",
        b"PK\x05\x06" + b"\x00" * 18,
    ),
    "a huge line": ("personeel.csv", b"name,email,team\n" + b"a" * 1_900_000 + b"\n"),
    "too large": ("personeel.csv", b"name,email,team\n" + b"Jan,jan@example.org,\n" * 110_000),
    "NUL bytes": ("personeel.csv", b"name,email\nJan\x00 Jansen,jan@example.org\n"),
    "UTF-16 without a byte order mark": (
        "personeel.csv",
        "name,email\nJan,jan@example.org\n".encode("utf-16-le"),
    ),
    "no extension": ("personeel", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
}


@pytest.fixture
def staff_manager(home_page):
    organisation = organisation_create("school")
    client = Client()
    client.force_login(manager_create(organisation))
    return organisation, client


@pytest.mark.django_db
@pytest.mark.parametrize("name,content", BROKEN_STAFF_FILES.values(), ids=list(BROKEN_STAFF_FILES))
def test_a_broken_staff_list_is_refused_with_a_message(staff_manager, name, content):
    organisation, client = staff_manager
    before = snapshot(User, Membership, EmailAddress)
    url = reverse("organisations:staff_upload", args=[organisation.slug])
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert response.context["form"].errors["file"]
    assert snapshot(User, Membership, EmailAddress) == before


# Not broken: how Excel saves a list on Windows ('CSV' in Windows-1252, 'Unicode text' in
# UTF-16 with a byte order mark). They are read as they are, and nothing is saved yet.
EXCEL_STAFF_FILES = {
    "Windows-1252": "name;email\nJosé Müller;jose@example.org\n".encode("cp1252"),
    "UTF-16": "name\temail\nJosé Müller\tjose@example.org\n".encode("utf-16"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("content", EXCEL_STAFF_FILES.values(), ids=list(EXCEL_STAFF_FILES))
def test_a_staff_list_in_an_older_excel_encoding_is_read(staff_manager, content):
    organisation, client = staff_manager
    before = snapshot(User, Membership, EmailAddress)
    url = reverse("organisations:staff_upload", args=[organisation.slug])
    response = client.post(url, {"file": SimpleUploadedFile("personeel.csv", content)})
    assert response.status_code == 200
    assert [(row.name, row.email) for row in response.context["preview"].valid_rows] == [
        ("José Müller", "jose@example.org")
    ]
    assert snapshot(User, Membership, EmailAddress) == before


@pytest.mark.django_db
def test_an_empty_staff_list_or_none_at_all_is_refused(staff_manager):
    organisation, client = staff_manager
    url = reverse("organisations:staff_upload", args=[organisation.slug])
    # A browser always sends the CSRF token along, so the form is never empty.
    for data in (
        {"csrfmiddlewaretoken": "x", "file": SimpleUploadedFile("leeg.csv", b"")},
        {"csrfmiddlewaretoken": "x"},
        {"csrfmiddlewaretoken": "x", "file": "not a file"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert response.context["form"].errors["file"]
        assert 'role="alert"' in response.content.decode()


BROKEN_MULTIPART = {
    "empty boundary": ("multipart/form-data; boundary=", b"--\r\n"),
    "no boundary": ("multipart/form-data", b"--x\r\n"),
    "boundary with spaces only": ("multipart/form-data; boundary=   ", b"--   \r\n"),
    "boundary too long": ("multipart/form-data; boundary=" + "b" * 200, b"--b\r\n"),
    "body without the boundary": ("multipart/form-data; boundary=abc", b"\x00\xff" * 500),
    "header never ends": (
        "multipart/form-data; boundary=abc",
        b'--abc\r\nContent-Disposition: form-data; name="file"; filename="x.csv"',
    ),
    "no closing boundary": (
        "multipart/form-data; boundary=abc",
        b'--abc\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\nJan',
    ),
    "unknown charset": ("multipart/form-data; boundary=abc; charset=klingon", b"--abc--\r\n"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("content_type,body", BROKEN_MULTIPART.values(), ids=list(BROKEN_MULTIPART))
def test_a_broken_upload_body_is_refused(staff_manager, content_type, body):
    organisation, client = staff_manager
    before = snapshot(User, Membership)
    response = client.generic(
        "POST",
        reverse("organisations:staff_upload", args=[organisation.slug]),
        body,
        content_type=content_type,
    )
    assert_refused(response, content_type)
    assert snapshot(User, Membership) == before


@pytest.mark.django_db
def test_a_forged_or_foreign_staff_confirmation_is_refused(staff_manager):
    organisation, client = staff_manager
    other = organisation_create("taxi", teams=())
    row = imports.ImportRow(
        line=2, first_name="Jan", last_name="", email="jan@example.org", team=""
    )
    genuine = imports.rows_sign(organisation=organisation, rows=[row])
    foreign = imports.rows_sign(organisation=other, rows=[row])
    unsigned = signing.dumps({"o": organisation.pk, "r": [[2, "Jan", "", "jan@example.org", ""]]})
    before = snapshot(User, Membership)
    url = reverse("organisations:staff_confirm", args=[organisation.slug])
    for token in [*NASTY_VALUES, foreign, unsigned, genuine[:-2], genuine + "x"]:
        response = client.post(url, {"rows": token})
        assert response.status_code == 400, token[:40]
        assert 'role="alert"' in response.content.decode() or "Upload the file again" in str(
            response.context.get("message")
        )
    assert snapshot(User, Membership) == before


@pytest.mark.django_db
def test_the_delete_form_with_nonsense_keeps_the_account(home_page, learner, learner_client):
    before = snapshot(User)
    url = reverse("accounts:delete")
    for value in [*NASTY_VALUES, "someone-else@example.org", learner.email + "\x00"]:
        response = learner_client.post(url, {"email": value})
        assert response.status_code == 400, repr(value)
        assert 'role="alert"' in response.content.decode() or response.context["form"].errors
    assert learner_client.post(url, {"email": [learner.email] * 2100}).status_code == 400
    assert snapshot(User) == before
    assert learner_client.get(reverse("accounts:privacy")).status_code == 200


@pytest.mark.django_db
def test_invitation_links_with_a_bad_token_are_refused(home_page, learner, learner_client):
    organisation = organisation_create("school")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=learner.email,
        invited_by=manager_create(organisation),
    )
    genuine = services.invitation_token(invitation)
    wrong_salt = signing.dumps({"i": invitation.pk, "e": invitation.email})
    other_address = signing.dumps(
        {"i": invitation.pk, "e": "ander@example.org"}, salt=services.INVITATION_SALT
    )
    tokens = [
        "not-a-token",
        "a" * 5000,
        "..",
        genuine[:-3],
        genuine.swapcase(),
        wrong_salt,
        other_address,
        "<script>alert(1)</script>",
        "Ω≈ç√∫",
    ]
    before = snapshot(Invitation, Membership)
    for token in tokens:
        url = f"/uitnodiging/{quote(token, safe='')}/"
        for method in ("get", "post"):
            response = getattr(learner_client, method)(url)
            assert response.status_code in (400, 404), (method, token[:40])
    assert snapshot(Invitation, Membership) == before
    # The genuine link still works afterwards: nothing above used it up.
    response = learner_client.post(reverse("organisations:invitation_accept", args=[genuine]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_manager_forms_with_impossible_ids_write_nothing(staff_manager):
    organisation, client = staff_manager
    before = snapshot(Assignment, Invitation)
    slug = organisation.slug
    for url, data in [
        (f"/organisatie/{slug}/toewijzingen/99999999999999999999/verwijderen/", {}),
        (f"/organisatie/{slug}/toewijzingen/0/verwijderen/", {}),
        (f"/organisatie/{slug}/toewijzingen/", {"course": "99999999999999999999", "due_date": "x"}),
        (f"/organisatie/{slug}/toewijzingen/", {"course": "1", "due_date": "9999-99-99"}),
        (f"/organisatie/{slug}/toewijzingen/", {"course": "1", "due_date": "99999-01-01"}),
        (f"/organisatie/{slug}/uitnodigen/", {"email": "a@example.org", "team": "9" * 30}),
        (f"/organisatie/{slug}/uitnodigen/", {"email": "a@" + "b" * 300 + ".org"}),
    ]:
        assert_refused(client.post(url, data), url)
    assert snapshot(Assignment, Invitation) == before
