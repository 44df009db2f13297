"""The pocket card is A7, fits two pages even for a long list of signals, and says whom to call."""

import contextlib
import io
import re
import zlib

import pytest
from django.core.management import call_command
from django.test import Client

from library.models import Signal
from tests.factories import SignalFactory, SignalLibraryPageFactory
from website.models import Region, RegionContact, Sector

POINTS_PER_MM = 72 / 25.4
A7 = (74, 105)


def pdf_objects(content: bytes) -> bytes:
    """The PDF with its compressed streams unpacked, where WeasyPrint keeps the page objects."""
    unpacked = [content]
    header = re.compile(rb"/Length (\d+)(?!\s+\d+\s+R)[^>]*>>\s*stream\r?\n")
    position = 0
    while match := header.search(content, position):
        start, length = match.end(), int(match.group(1))
        with contextlib.suppress(zlib.error):
            unpacked.append(zlib.decompress(content[start : start + length]))
        position = start + length
    return b"\n".join(unpacked)


def page_sizes_mm(content: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf_objects(content))
    return [(float(w) / POINTS_PER_MM, float(h) / POINTS_PER_MM) for w, h in boxes]


@pytest.fixture
def library(home_page):
    return SignalLibraryPageFactory(parent=home_page)


@pytest.fixture
def long_list():
    """As many signals as the longest sector of the demo has, with long titles."""
    sector = Sector.objects.get(slug="politie")
    for number in range(25):
        signal = SignalFactory(
            slug=f"signaal-{number}",
            title=f"Een signaal met een lange titel die over twee regels loopt, nummer {number}",
            phase=Signal.Phase.EXPLOITING if number % 2 else "",
        )
        signal.sectors.add(sector)
    region = Region.objects.create(name="Veiligheidsregio Rotterdam-Rijnmond", slug="rijnmond")
    for role, name in RegionContact.Role.choices:
        RegionContact.objects.create(region=region, role=role, name=f"{name} Rijnmond")
    return sector, region


@pytest.mark.django_db
def test_the_pocket_card_is_a7_and_fits_two_pages(library, long_list):
    sector, region = long_list
    response = Client().get(f"{library.url}zakkaart/{sector.slug}/", {"regio": region.slug})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    sizes = page_sizes_mm(response.content)
    assert 1 <= len(sizes) <= 2, sizes
    for width, height in sizes:
        assert abs(width - A7[0]) < 0.5 and abs(height - A7[1]) < 0.5, (width, height)


@pytest.mark.django_db
def test_a_short_card_is_still_a7(library):
    sector = Sector.objects.get(slug="taxi")
    SignalFactory(slug="kort-bezoek", title="Kort bezoek aan een adres").sectors.add(sector)
    response = Client().get(f"{library.url}zakkaart/{sector.slug}/")
    sizes = page_sizes_mm(response.content)
    assert len(sizes) == 1
    width, height = sizes[0]
    assert abs(width - A7[0]) < 0.5 and abs(height - A7[1]) < 0.5


@pytest.mark.django_db
def test_every_demo_sectors_card_is_one_a7_card_front_and_back():
    """With the demo's signals, those the modules add included, no card runs onto a third
    page."""
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())
    client = Client()
    sectors = Sector.objects.filter(signals__isnull=False).distinct()
    assert sectors.count() >= 4
    for sector in sectors:
        response = client.get(f"/signalen/zakkaart/{sector.slug}/")
        assert response.status_code == 200
        assert len(page_sizes_mm(response.content)) == 2, sector.slug
