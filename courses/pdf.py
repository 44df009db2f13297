"""PDFs of certificates and pocket signal cards, rendered by WeasyPrint.

Everything a PDF shows is inside its HTML: styles inline and the QR code as a data URI.
The fetcher refuses every other URL, so rendering never reaches the network or the disk.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from library.selectors import signals_for_pocket_card
from website.models import Sector
from website.selectors import region_choice_for_request

from .models import Certificate

# WeasyPrint and segno are imported where they are used: together they add some 40 MB to
# every server process, and most processes never make a PDF.


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf()


def pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf_response(*, certificate: Certificate, verify_url: str) -> HttpResponse:
    content = render_pdf(
        "courses/pdf/certificate.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr_code": qr_data_uri(verify_url),
        },
    )
    filename = f"certificaat-{slugify(certificate.course.title)}.pdf"
    return pdf_response(content, filename=filename)


def pocket_card_response(*, request: HttpRequest, library, sector_slug: str) -> HttpResponse:
    sector = Sector.objects.filter(slug=sector_slug[:80]).first()
    if sector is None:
        raise Http404
    region = region_choice_for_request(request, default=None).region
    library_url = request.build_absolute_uri(library.url)
    content = render_pdf(
        "courses/pdf/pocket_card.html",
        {
            "sector": sector,
            "signals": signals_for_pocket_card(sector=sector),
            "region": region,
            "library_url": library_url,
            "qr_code": qr_data_uri(library_url),
        },
    )
    return pdf_response(content, filename=f"zakkaart-signalen-{sector.slug}.pdf")
