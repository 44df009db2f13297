import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from organisations.imports import (
    ALREADY_MEMBER,
    DUPLICATE_IN_FILE,
    INVALID_EMAIL,
    UNKNOWN_TEAM,
    ImportFileError,
    preview_rows,
    read_table,
    rows_sign,
    rows_unsign,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CSV = (
    "naam;e-mail;team\n"
    "Sanne de Vries;sanne@example.org;Onderbouw\n"
    "Joost;geen-adres;Onderbouw\n"
    "Sanne Dubbel;SANNE@example.org;\n"
    "Piet Bestaat;bestaat@example.org;\n"
    "Eva;eva@example.org;Kantine\n"
)


def upload(content: bytes, name="staff.csv"):
    return SimpleUploadedFile(name, content)


def test_each_bad_row_gets_its_error(organisation):
    MembershipFactory(organisation=organisation, user__email="bestaat@example.org")
    table = read_table(upload(CSV.encode()))
    preview = preview_rows(organisation=organisation, table=table)
    errors = {row.line: row.errors for row in preview.rows}
    assert errors == {
        2: [],
        3: [INVALID_EMAIL],
        4: [DUPLICATE_IN_FILE],
        5: [ALREADY_MEMBER],
        6: [UNKNOWN_TEAM],
    }
    assert [row.email for row in preview.valid_rows] == ["sanne@example.org"]


def test_a_missing_column_marks_every_row(organisation):
    table = read_table(upload(b"naam,team\nSanne,Onderbouw\n"))
    preview = preview_rows(organisation=organisation, table=table)
    assert preview.missing_columns == ["email"]
    assert str(preview.rows[0].errors[0]) == (
        "Het bestand heeft geen kolom voor het e-mailadres. Voeg er een toe met de kop "
        "'e-mailadres'."
    )
    assert preview.valid_rows == []


def test_xlsx_files_are_read(organisation):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "E-mail", "Team"])
    sheet.append(["Sanne", "sanne@example.org", "Bovenbouw"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(upload(buffer.getvalue(), "staff.xlsx"))
    preview = preview_rows(organisation=organisation, table=table)
    assert [(r.name, r.email, r.team, r.errors) for r in preview.rows] == [
        ("Sanne", "sanne@example.org", "Bovenbouw", [])
    ]


def test_an_unreadable_file_is_refused(organisation):
    with pytest.raises(ImportFileError):
        read_table(upload(b"PK\x03\x04 not really", "staff.xlsx"))


def test_signed_rows_survive_the_round_trip_but_not_tampering(organisation, other_organisation):
    table = read_table(upload(CSV.encode()))
    preview = preview_rows(organisation=organisation, table=table)
    token = rows_sign(organisation=organisation, rows=preview.valid_rows)
    rows = rows_unsign(organisation=organisation, token=token)
    assert [row.email for row in rows] == ["sanne@example.org", "bestaat@example.org"]
    assert all(row.is_valid for row in rows)
    assert rows_unsign(organisation=other_organisation, token=token) is None
    assert rows_unsign(organisation=organisation, token=token[:-3] + "abc") is None


def names(preview):
    return [
        (row.first_name, row.last_name, row.email, row.team, row.errors) for row in preview.rows
    ]


def test_dutch_excel_headings_with_first_and_last_name(organisation):
    content = (
        "Voornaam;Achternaam;E-mailadres\r\n"
        "Sanne;de Vries;Sanne@Example.org\r\n"
        "Ömer;Yılmaz;omer@example.org\r\n"
    )
    table = read_table(upload(codecs.BOM_UTF8 + content.encode()))
    preview = preview_rows(organisation=organisation, table=table)
    assert names(preview) == [
        ("Sanne", "de Vries", "sanne@example.org", "", []),
        ("Ömer", "Yılmaz", "omer@example.org", "", []),
    ]
    assert preview.rows[0].name == "Sanne de Vries"


def test_tussenvoegsel_and_afdeling_columns_and_commas(organisation):
    content = (
        "Voornaam,Tussenvoegsel,Achternaam,E-mail,Afdeling\n"
        "Piet,van der,Berg,piet@example.org,Bovenbouw\n"
        '"Anna, Maria",,Jansen,anna@example.org,\n'
    )
    preview = preview_rows(organisation=organisation, table=read_table(upload(content.encode())))
    assert names(preview) == [
        ("Piet", "van der Berg", "piet@example.org", "Bovenbouw", []),
        ("Anna, Maria", "Jansen", "anna@example.org", "", []),
    ]


@pytest.mark.parametrize(
    ("heading", "email_heading"),
    [("Naam", "Email"), ("NAAM", "e-mail adres"), ("naam", "E-mail")],
)
def test_common_spellings_of_the_headings(organisation, heading, email_heading):
    content = f"{heading};{email_heading};Team\nJoost Bakker;joost@example.org;Onderbouw\n"
    preview = preview_rows(organisation=organisation, table=read_table(upload(content.encode())))
    assert names(preview) == [("Joost", "Bakker", "joost@example.org", "Onderbouw", [])]


def test_naam_beside_voornaam_is_the_surname(organisation):
    content = "Voornaam;Naam;E-mailadres\nFatima;El Idrissi;fatima@example.org\n"
    preview = preview_rows(organisation=organisation, table=read_table(upload(content.encode())))
    assert names(preview) == [("Fatima", "El Idrissi", "fatima@example.org", "", [])]


def test_a_file_excel_saved_on_windows_is_read(organisation):
    content = "Voornaam;Achternaam;E-mailadres\nRené;Müller;rene@example.org\n"
    preview = preview_rows(
        organisation=organisation, table=read_table(upload(content.encode("cp1252")))
    )
    assert names(preview) == [("René", "Müller", "rene@example.org", "", [])]


def test_a_missing_name_column_names_the_headings_to_add(organisation):
    table = read_table(upload(b"E-mailadres;Team\nsanne@example.org;Onderbouw\n"))
    preview = preview_rows(organisation=organisation, table=table)
    assert preview.missing_columns == ["name"]
    assert str(preview.rows[0].errors[0]) == (
        "Het bestand heeft geen kolom voor de naam. Voeg er een toe met de kop 'naam', of twee "
        "met de koppen 'voornaam' en 'achternaam'."
    )


def test_first_and_last_names_are_kept_through_the_import(
    client, manager, organisation, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from organisations.models import Membership

    client.force_login(manager)
    content = "Voornaam;Tussenvoegsel;Achternaam;E-mailadres\nLisa;van;Dijk;lisa@example.org\n"
    response = client.post(
        reverse("organisations:staff_upload", args=[organisation.slug]),
        {"file": upload(codecs.BOM_UTF8 + content.encode())},
    )
    token = response.context["confirm_form"].initial["rows"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisations:staff_confirm", args=[organisation.slug]), {"rows": token}
        )
    user = Membership.objects.get(user__email="lisa@example.org").user
    assert (user.first_name, user.last_name) == ("Lisa", "van Dijk")


def test_rows_signed_in_another_shape_ask_for_the_file_again(organisation):
    from django.core import signing

    from organisations.imports import IMPORT_SALT

    old = signing.dumps(
        {"o": organisation.pk, "r": [[2, "Sanne", "sanne@example.org", ""]]}, salt=IMPORT_SALT
    )
    assert rows_unsign(organisation=organisation, token=old) is None
