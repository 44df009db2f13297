"""Reports for managers as CSV and XLSX, and the organisation's certificates as a zip.

Rows are produced by a generator that reads the database in chunks and written out as they
come, so memory does not grow with the number of learners.
"""

import csv
import datetime
import tempfile
import zipfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from courses.pdf import qr_data_uri, render_pdf

from .selectors import certificates_of, report_header, report_rows

# A spreadsheet treats a cell starting with one of these as a formula (or as the start of
# one after a tab or line break): a learner named '=HYPERLINK(...)' must stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Dates in the CSV as Dutch Excel reads and shows them.
CSV_DATE_FORMAT = "%d-%m-%Y"


def neutralise(value):
    """Text that a spreadsheet will never run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _filename(organisation, extension: str) -> str:
    return f"{slugify(organisation.name)}-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime(CSV_DATE_FORMAT)
    return neutralise(value)


def csv_response(*, organisation, comma: bool = False) -> StreamingHttpResponse:
    """The report as CSV. By default as Dutch Excel opens it in columns: separated by
    semicolons (the comma is the decimal sign there), with a byte order mark so the
    accents come out right, and dates as 31-12-2026. `comma` gives plain comma-separated
    UTF-8 for other programs."""
    writer = csv.writer(_Echo(), delimiter="," if comma else ";")

    def lines():
        yield ("" if comma else "\ufeff") + writer.writerow(
            [neutralise(v) for v in report_header()]
        )
        for row in report_rows(organisation=organisation):
            yield writer.writerow([_csv_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(organisation, "csv")}"'
    return response


def _xlsx_cell(value):
    # Dates stay written as 2026-12-31, as the spreadsheet export always gave them.
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else neutralise(value)


def xlsx_response(*, organisation) -> FileResponse:
    # Write-only mode streams rows to a temporary file instead of holding the sheet in memory.
    # Imported here: openpyxl adds some 15 MB to a process, and few requests need it.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([neutralise(v) for v in report_header()])
    for row in report_rows(organisation=organisation):
        sheet.append([_xlsx_cell(v) for v in row])
    # FileResponse closes the file once it is sent, and a temporary file then disappears.
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename(organisation, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def certificates_zip_response(*, organisation, verify_url) -> FileResponse:
    """Every certificate of the organisation's learners as PDFs in one zip file.

    `verify_url` turns a certificate code into the absolute address of its public page.
    """
    output = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115
    used = set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates_of(organisation).iterator(chunk_size=100):
            url = verify_url(certificate.code)
            content = render_pdf(
                "courses/pdf/certificate.html",
                {"certificate": certificate, "verify_url": url, "qr_code": qr_data_uri(url)},
            )
            base = (
                slugify(f"{certificate.learner_name} {certificate.course.title}") or "certificaat"
            )
            name = f"{base}.pdf"
            counter = 1
            while name in used:
                counter += 1
                name = f"{base}-{counter}.pdf"
            used.add(name)
            archive.writestr(name, content)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename(organisation, "zip").replace(".zip", "-certificaten.zip"),
        content_type="application/zip",
    )
