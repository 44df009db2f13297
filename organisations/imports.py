"""Reading a staff list (CSV or XLSX) into rows with an error per bad row, saving nothing.

The checked rows travel from the preview to the confirmation as a signed form field, so the
confirmation works on any server behind a load balancer and cannot be tampered with.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation

IMPORT_SALT = "organisations.staff-import"
IMPORT_MAX_AGE_SECONDS = 60 * 60
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000

# Column headings we recognise, in English and Dutch, compared case-insensitively.
COLUMNS = {
    "name": {"name", "naam", "full name", "volledige naam"},
    "email": {"email", "e-mail", "e-mail address", "e-mailadres", "emailadres"},
    "team": {"team"},
}

INVALID_EMAIL = _("This is not a valid e-mail address.")
DUPLICATE_IN_FILE = _("This e-mail address appears earlier in the file.")
ALREADY_MEMBER = _("This person is already a member of the organisation.")
UNKNOWN_TEAM = _("The organisation has no team with this name.")
MISSING_NAME = _("The name is missing.")
MISSING_COLUMN = _("The file has no column for %(column)s. Add one headed '%(heading)s'.")
# For a missing column: what it holds, and the heading to give it.
COLUMN_NAMES = {
    "name": (_("the name"), "naam"),
    "email": (_("the e-mail address"), "e-mailadres"),
}
UNREADABLE_FILE = _("The file could not be read. Upload a CSV or XLSX file.")
TOO_MANY_ROWS = _("The file has more than %(max)s rows. Split it into smaller files.")
FILE_TOO_LARGE = _("The file is larger than 2 MB.")


class ImportFileError(Exception):
    """The file as a whole cannot be used; the message says why."""


@dataclass
class ImportRow:
    line: int
    name: str
    email: str
    team: str
    errors: list = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    rows: list
    missing_columns: list = field(default_factory=list)

    @property
    def valid_rows(self) -> list:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid_rows(self) -> list:
        return [row for row in self.rows if not row.is_valid]


def _cell(value) -> str:
    return "" if value is None else str(value).strip()


def read_table(upload) -> list[list[str]]:
    """The cells of the first sheet of an XLSX file, or of a CSV file (comma or semicolon)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(FILE_TOO_LARGE)
    name = (upload.name or "").lower()
    try:
        if name.endswith(".xlsx"):
            from openpyxl import load_workbook  # only this path needs it; it is large

            workbook = load_workbook(upload, read_only=True, data_only=True)
            try:
                rows = [
                    [_cell(value) for value in row]
                    for row in islice_rows(workbook.worksheets[0].iter_rows(values_only=True))
                ]
            finally:
                workbook.close()
        else:
            text = upload.read().decode("utf-8-sig")
            # A text file has no NUL bytes: they mean a binary file or UTF-16 text, and a
            # name with one cannot be stored by PostgreSQL.
            if "\x00" in text:
                raise ImportFileError(UNREADABLE_FILE)
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
            rows = [
                [_cell(value) for value in row]
                for row in islice_rows(csv.reader(io.StringIO(text), dialect))
            ]
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds on a bad file
        raise ImportFileError(UNREADABLE_FILE) from error
    return [row for row in rows if any(row)]


def islice_rows(rows):
    """At most the header and MAX_ROWS rows; more is refused rather than cut off silently."""
    for index, row in enumerate(rows):
        if index > MAX_ROWS:
            raise ImportFileError(TOO_MANY_ROWS % {"max": MAX_ROWS})
        yield row


def preview_rows(*, organisation: Organisation, table: list[list[str]]) -> ImportPreview:
    """Check each row against the file and the organisation; nothing is saved."""
    if not table:
        return ImportPreview(rows=[], missing_columns=list(COLUMNS))
    header = [heading.strip().lower() for heading in table[0]]
    positions = {}
    for key, names in COLUMNS.items():
        positions[key] = next((i for i, heading in enumerate(header) if heading in names), None)
    missing = [key for key in ("name", "email") if positions[key] is None]
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {
            key: cells[pos].strip() if pos is not None and pos < len(cells) else ""
            for key, pos in positions.items()
        }
        rows.append(
            ImportRow(
                line=line, name=values["name"], email=values["email"].lower(), team=values["team"]
            )
        )
    check_rows(organisation=organisation, rows=rows, missing_columns=missing)
    return ImportPreview(rows=rows, missing_columns=missing)


def missing_column_message(key: str) -> str:
    column, heading = COLUMN_NAMES[key]
    return MISSING_COLUMN % {"column": column, "heading": heading}


def check_rows(*, organisation: Organisation, rows: list, missing_columns=()) -> None:
    teams = {name.casefold() for name in organisation.teams.values_list("name", flat=True)}
    members = set(
        Membership.objects.filter(organisation=organisation).values_list("user__email", flat=True)
    )
    seen = set()
    for row in rows:
        row.errors = [missing_column_message(column) for column in missing_columns]
        if not row.name and "name" not in missing_columns:
            row.errors.append(MISSING_NAME)
        if "email" not in missing_columns:
            try:
                validate_email(row.email)
            except ValidationError:
                row.errors.append(INVALID_EMAIL)
            else:
                if row.email in seen:
                    row.errors.append(DUPLICATE_IN_FILE)
                elif row.email in members:
                    row.errors.append(ALREADY_MEMBER)
                seen.add(row.email)
        if row.team and row.team.casefold() not in teams:
            row.errors.append(UNKNOWN_TEAM)


def rows_sign(*, organisation: Organisation, rows: list) -> str:
    data = {"o": organisation.pk, "r": [[row.line, row.name, row.email, row.team] for row in rows]}
    return signing.dumps(data, salt=IMPORT_SALT, compress=True)


def rows_unsign(*, organisation: Organisation, token: str) -> list | None:
    """The rows signed at the preview, checked again, or None when the token is not good."""
    try:
        data = signing.loads(token, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if data.get("o") != organisation.pk:
        return None
    rows = [
        ImportRow(line=line, name=name, email=email, team=team)
        for line, name, email, team in data["r"]
    ]
    check_rows(organisation=organisation, rows=rows)
    return rows
