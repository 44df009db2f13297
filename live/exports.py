"""A session's summary to keep: CSV for a spreadsheet, PDF to print or send round."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.pdf import pdf_response, render_pdf

from .models import LiveItem
from .selectors import Summary, group_vs_learners

# A cell that starts with one of these is a formula to a spreadsheet; a scenario's choice
# label typed as '=HYPERLINK(...)' must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _filename(summary: Summary, extension: str) -> str:
    day = timezone.localdate(summary.session.created_at).isoformat()
    return f"live-{slugify(summary.session.title)[:60] or 'sessie'}-{day}.{extension}"


def summary_rows(summary: Summary) -> list[list]:
    """One row per answer option of each item, in the order of the session."""
    rows = []
    for entry in summary.items:
        item = entry.item
        for row in entry.tally.rows:
            followed = ""
            if item.kind == LiveItem.Kind.SCENE and item.chosen:
                followed = _("yes") if row.is_chosen else _("no")
            rows.append(
                [
                    item.position + 1,
                    item.get_kind_display(),
                    item.title,
                    row.label,
                    row.count,
                    row.percentage,
                    followed,
                ]
            )
        if not entry.tally.rows:
            rows.append([item.position + 1, item.get_kind_display(), item.title, "", "", "", ""])
    return rows


def summary_csv_response(summary: Summary) -> HttpResponse:
    """Separated by semicolons, with a byte order mark: how Dutch Excel opens a CSV."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    writer.writerow(
        [_("Number"), _("Kind"), _("Item"), _("Answer"), _("Votes"), _("Percentage"), _("Followed")]
    )
    for row in summary_rows(summary):
        writer.writerow([_cell(value) for value in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(summary, "csv")}"'
    return response


def summary_pdf_response(summary: Summary) -> HttpResponse:
    content = render_pdf(
        "live/pdf/summary.html",
        {"summary": summary, "comparison": group_vs_learners(summary.session)},
    )
    return pdf_response(content, filename=_filename(summary, "pdf"))
