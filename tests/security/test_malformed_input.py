"""Malformed input anywhere gets a 4xx or a page with a message, never a server error.

The sweep runs against the demo content, as a visitor, a learner and a manager, and feeds
every query parameter and form field we know of with values a fuzzer would try. Each form
that writes is fed nonsense on data built for it in test_malformed_learner_writes.py and
test_malformed_organisation_writes.py.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from demo.accounts import LEARNER, MANAGER
from tests.security.malformed import NASTY_VALUES

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
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())


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
