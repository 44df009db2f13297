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

from .factories import member_create

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
    member_create(organisation, "bestaat@example.org")
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
