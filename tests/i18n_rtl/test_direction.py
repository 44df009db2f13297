"""In Arabic every page a visitor, a learner or a manager opens is marked as Arabic and laid
out right to left; in Dutch it stays left to right.

The pages are found the way a person finds them: by following the links from the home page,
first as a visitor, then signed in as the demo learner and the demo manager, and by starting
a scenario and a quiz, whose scenes and questions only a form leads to.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from wagtail.models import Locale

from accounts.models import User
from demo.accounts import LEARNER, MANAGER
from quizzes.models import Quiz
from scenarios.models import ScenarioPage

HTML_START = re.compile(r"<html\b[^>]*>")
# The language switch leads to the other languages; files are no pages.
SKIPPED = re.compile(
    r"^/(en|pl|tr|admin|static|media|documents)/|/(logout|download)/|\.(pdf|csv|xlsx|zip)$"
)
MAX_PAGES = 500


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def html_tag(response) -> str:
    match = HTML_START.search(response.content.decode())
    return match.group(0) if match else ""


class Crawl:
    """The pages reached so far and the <html> tag of each, over several visitors."""

    def __init__(self, client):
        self.client = client
        self.seen: set[str] = set()
        self.tags: dict[str, str] = {}

    def page(self, path: str, response=None) -> None:
        response = response or self.client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            return
        if getattr(response, "redirect_chain", None):
            path = urlsplit(response.redirect_chain[-1][0]).path
        self.tags[path] = html_tag(response)
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            address, _fragment = urldefrag(href)
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or parts.query or SKIPPED.search(parts.path):
                continue
            # A page that has no Arabic translation yet links to its Dutch address; the
            # Arabic interface serves it under /ar/ as well.
            path = parts.path if parts.path.startswith("/ar/") else f"/ar{parts.path}"
            self.queue(path)

    def queue(self, path: str) -> None:
        if path not in self.seen:
            self.seen.add(path)
            self.pending.append(path)

    def run(self, *starts: str) -> None:
        """Follow the links from `starts`; a page that was no page for an earlier visitor
        (a redirect to the login page) is tried again."""
        self.seen = set(self.tags)
        self.pending = deque()
        for start in starts:
            self.queue(start)
        while self.pending and len(self.tags) < MAX_PAGES:
            self.page(self.pending.popleft())


def scenario_scene_and_quiz_question(crawl: Crawl) -> None:
    scenario = (
        ScenarioPage.objects.live().filter(locale=Locale.get_default()).order_by("path").first()
    )
    path = f"/ar{scenario.url}"
    crawl.client.post(path, {"action": "start"})
    crawl.page(f"{path}#scene", crawl.client.get(path))
    quiz = Quiz.objects.filter(live=True).order_by("pk").first()
    crawl.client.post(f"/ar/quiz/{quiz.pk}/start/")
    crawl.page(f"/ar/quiz/{quiz.pk}/take/")


def test_every_page_in_arabic_is_right_to_left(demo, client):
    crawl = Crawl(client)
    crawl.run("/ar/", "/ar/account/login/", "/ar/account/signup/", "/ar/doe-mee/")
    visitor_pages = len(crawl.tags)
    scenario_scene_and_quiz_question(crawl)
    client.force_login(User.objects.get(email=LEARNER.email))
    crawl.run("/ar/leren/", "/ar/aansluiten/", "/ar/mijn-gegevens/", "/ar/quiz/progress/")
    scenario_scene_and_quiz_question(crawl)
    client.force_login(User.objects.get(email=MANAGER.email))
    crawl.run("/ar/organisatie/")

    assert visitor_pages > 40
    assert {"/ar/", "/ar/account/login/", "/ar/leren/"} <= set(crawl.tags)
    assert any(path.startswith("/ar/organisatie/") for path in crawl.tags), "no manager page"
    assert any(path.endswith("/take/") for path in crawl.tags), "no quiz question was reached"
    assert any(path.endswith("#scene") for path in crawl.tags), "no scene was reached"
    not_rtl = {
        path: tag
        for path, tag in crawl.tags.items()
        if not ('lang="ar"' in tag and 'dir="rtl"' in tag)
    }
    assert not not_rtl, "pages not marked Arabic, right to left:\n" + "\n".join(
        f"{path}: {tag}" for path, tag in not_rtl.items()
    )


def test_dutch_pages_stay_left_to_right(demo, client):
    for path in ("/", "/account/login/", "/doe-mee/"):
        tag = html_tag(client.get(path))
        assert 'lang="nl"' in tag and 'dir="ltr"' in tag, f"{path}: {tag}"
