"""Reading a staff list (CSV or XLSX) into rows with an error per bad row, saving nothing.

The checked rows travel from the preview to the confirmation as a signed form field, so the
confirmation works on any server behind a load balancer and cannot be tampered with.
"""

import codecs
import csv
import io
import re
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

# Column headings we recognise, in Dutch and English, compared as `heading_key` makes them:
# 'E-mailadres', 'e-mail adres' and 'EMAILADRES' are one heading. Where a file has two
# headings of one column, the one listed first is used.
COLUMNS = {
    "name": ("naam", "volledigenaam", "name", "fullname"),
    "first_name": ("voornaam", "roepnaam", "firstname", "givenname"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "infix"),
    "last_name": ("achternaam", "familienaam", "lastname", "surname", "familyname"),
    "email": ("emailadres", "email", "mailadres", "mail", "emailaddress"),
    "team": ("team", "afdeling", "department"),
}
HEADING_NOISE = re.compile(r"[\s\-_.:*\ufeff]")

INVALID_EMAIL = _("This is not a valid e-mail address.")
DUPLICATE_IN_FILE = _("This e-mail address appears earlier in the file.")
ALREADY_MEMBER = _("This person is already a member of the organisation.")
UNKNOWN_TEAM = _("The organisation has no team with this name.")
MISSING_NAME = _("The name is missing.")
MISSING_COLUMN = _("The file has no column for %(column)s. Add one headed '%(heading)s'.")
MISSING_NAME_COLUMN = _(
    "The file has no column for the name. Add one headed 'naam', or two headed 'voornaam' "
    "and 'achternaam'."
)
# For a missing column: what it holds, and the heading to give it.
COLUMN_NAMES = {
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
    first_name: str
    last_name: str
    email: str
    team: str
    errors: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

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
            text = csv_text(upload.read())
            # A text file has no NUL bytes: they mean a binary file or UTF-16 text without
            # its byte order mark, and a name with one cannot be stored by PostgreSQL.
            if "\x00" in text:
                raise ImportFileError(UNREADABLE_FILE)
            reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(text))
            rows = [[_cell(value) for value in row] for row in islice_rows(reader)]
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds on a bad file
        raise ImportFileError(UNREADABLE_FILE) from error
    return [row for row in rows if any(row)]


def csv_text(data: bytes) -> str:
    """The text of a CSV file as spreadsheet programs save it: UTF-8 with or without a byte
    order mark, UTF-16 with one (Excel's 'Unicode text'), or else Windows-1252, which
    Excel on Windows uses for 'CSV (gescheiden door lijstscheidingsteken)'."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def csv_delimiter(text: str) -> str:
    """The separator the heading row uses most: Dutch Excel writes ';', most others ','."""
    heading_row = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: heading_row.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def islice_rows(rows):
    """At most the header and MAX_ROWS rows; more is refused rather than cut off silently."""
    for index, row in enumerate(rows):
        if index > MAX_ROWS:
            raise ImportFileError(TOO_MANY_ROWS % {"max": MAX_ROWS})
        yield row


def heading_key(heading: str) -> str:
    return HEADING_NOISE.sub("", heading.lower())


def column_positions(headings: list[str]) -> dict[str, int | None]:
    """Where each kind of column is in the heading row, or None when it is not there."""
    keys = [heading_key(heading) for heading in headings]
    positions = {
        column: next((keys.index(name) for name in names if name in keys), None)
        for column, names in COLUMNS.items()
    }
    # 'Voornaam' beside 'Naam' makes 'Naam' the surname, as Dutch staff lists often have it.
    if positions["first_name"] is not None and positions["last_name"] is None:
        positions["last_name"], positions["name"] = positions["name"], None
    return positions


def preview_rows(*, organisation: Organisation, table: list[list[str]]) -> ImportPreview:
    """Check each row against the file and the organisation; nothing is saved."""
    if not table:
        return ImportPreview(rows=[], missing_columns=["name", "email"])
    positions = column_positions(table[0])
    missing = []
    if all(positions[column] is None for column in ("name", "first_name", "last_name")):
        missing.append("name")
    if positions["email"] is None:
        missing.append("email")
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {
            column: cells[pos].strip() if pos is not None and pos < len(cells) else ""
            for column, pos in positions.items()
        }
        if positions["name"] is not None:
            first_name, _space, last_name = values["name"].partition(" ")
        else:
            first_name = values["first_name"]
            last_name = " ".join(part for part in (values["infix"], values["last_name"]) if part)
        rows.append(
            ImportRow(
                line=line,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=values["email"].lower(),
                team=values["team"],
            )
        )
    check_rows(organisation=organisation, rows=rows, missing_columns=missing)
    return ImportPreview(rows=rows, missing_columns=missing)


def missing_column_message(key: str) -> str:
    if key == "name":
        return str(MISSING_NAME_COLUMN)
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
    data = {
        "o": organisation.pk,
        "r": [[row.line, row.first_name, row.last_name, row.email, row.team] for row in rows],
    }
    return signing.dumps(data, salt=IMPORT_SALT, compress=True)


def rows_unsign(*, organisation: Organisation, token: str) -> list | None:
    """The rows signed at the preview, checked again, or None when the token is not good."""
    try:
        data = signing.loads(token, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if data.get("o") != organisation.pk:
        return None
    try:
        rows = [
            ImportRow(line=line, first_name=first, last_name=last, email=email, team=team)
            for line, first, last, email, team in data["r"]
        ]
    except (KeyError, TypeError, ValueError):  # signed by a release with rows of another shape
        return None
    check_rows(organisation=organisation, rows=rows)
    return rows
