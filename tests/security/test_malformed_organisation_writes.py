"""A manager's forms that write (staff lists, assignments, invitations) and the invitation
links, fed nonsense: each answer is a 4xx, or a 200 page that shows an error, and the rows the
form would write are exactly as they were."""

from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from organisations import imports, services
from organisations.models import Assignment, Invitation, Membership
from tests.factories import ManagerFactory, OrganisationFactory
from tests.security.malformed import NASTY_VALUES, assert_refused, snapshot

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
    other = OrganisationFactory(slug="taxi", teams=())
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
def test_invitation_links_with_a_bad_token_are_refused(home_page, learner, learner_client):
    organisation = OrganisationFactory(slug="school")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=learner.email,
        invited_by=ManagerFactory(organisation=organisation),
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
