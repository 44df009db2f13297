"""A crawl of the public demo site: no page is a dead end, every phone number can be called."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

from website.phone import PHONE_NUMBER

# Addresses a visitor follows that are not pages to judge: the admin, the sign-in flow,
# files, and the language switch's English copies (crawled by their own test).
SKIPPED_PREFIXES = ("/admin/", "/account/", "/static/", "/media/", "/documents/", "/en/")
MAX_PAGES = 400


class PageParser(HTMLParser):
    """Collects the links inside <main> and the text outside every tel: link."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.main_links: list[str] = []
        self.in_main = False
        self.in_tel_link = 0
        self.in_script = False
        self.text_outside_tel_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag in ("script", "style"):
            self.in_script = True
        if tag == "a" and attributes.get("href"):
            href = attributes["href"]
            self.links.append(href)
            if self.in_main:
                self.main_links.append(href)
            if href.startswith("tel:"):
                self.in_tel_link += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag in ("script", "style"):
            self.in_script = False
        if tag == "a" and self.in_tel_link:
            self.in_tel_link -= 1

    def handle_data(self, data):
        if not self.in_tel_link and not self.in_script:
            self.text_outside_tel_links.append(data)


def crawl(client):
    """Every page a visitor reaches from the home page by following links."""
    seen, queue, pages = {"/"}, deque(["/"]), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code in (200, 301, 302), f"{url} answered {response.status_code}"
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        pages[url] = parser
        for href in parser.links:
            address, _fragment = urldefrag(href)
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.query or parts.path.startswith(SKIPPED_PREFIXES):
                continue
            if parts.path not in seen:
                seen.add(parts.path)
                queue.append(parts.path)
    return pages


@pytest.fixture
def pages(demo_site, client):
    return crawl(client)


def test_the_crawl_reaches_every_sector_page_and_module(pages):
    for path in ("/taxichauffeurs/", "/leraren/", "/jeugdzorg-en-wijkteams/", "/hotel-en-horeca/"):
        assert path in pages
    assert "/modules/signalen-onderweg/" in pages
    assert len(pages) > 40


def test_no_public_page_is_a_dead_end(pages):
    dead_ends = [url for url, page in pages.items() if not page.main_links]
    assert not dead_ends, "pages whose main content links nowhere:\n" + "\n".join(dead_ends)


def test_every_phone_number_is_a_tel_link(pages):
    unlinked = {
        url: numbers
        for url, page in pages.items()
        if (numbers := PHONE_NUMBER.findall(" ".join(page.text_outside_tel_links)))
    }
    assert not unlinked, "phone numbers without a tel: link:\n" + "\n".join(
        f"{url}: {numbers}" for url, numbers in unlinked.items()
    )
