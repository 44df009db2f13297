import os
import shutil
from pathlib import Path

import pytest
from wagtail.models import Page, Site

from accounts.models import User
from tests.factories import UserFactory
from website.models import HomePage, SiteSettings
from website.signals import reference_data_ensure

# Playwright's sync API runs an event loop in the test thread; the test itself still uses
# the ORM synchronously to arrange data, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-results"


@pytest.fixture
def home_page(db) -> HomePage:
    """A HomePage at the root of the default site, as the demo and real sites have."""
    # A transactional test before this one may have emptied the database.
    reference_data_ensure(sender=None)
    home = HomePage(title="Signaal", slug="signaal-test")
    Page.get_first_root_node().add_child(instance=home)
    site, _created = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    # As on a real site; made on the first request otherwise, which counts as a change to
    # content and would make the first request of a query count differ from the rest.
    SiteSettings.for_site(site)
    return home


@pytest.fixture
def learner(db) -> User:
    return UserFactory(email="leerling@example.org", first_name="Sanne")


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and cached pages live in the cache, and the content a worker keeps in its
    memory; every test starts without them."""
    from django.core.cache import cache

    from website.cache import forget_all

    cache.clear()
    forget_all()
    yield
    cache.clear()
    forget_all()


@pytest.fixture(autouse=True)
def default_language():
    """A request to /en/ leaves English active in the thread that served it; every test
    starts in the site's own language, whatever ran before it on the same worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(items):
    """Mark the tests that drive a browser, so they can be selected with `-m browser`."""
    for item in items:
        if {"page", "browser"} & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make check-chromium` "
            "(apt-get install chromium) before the browser tests."
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Save a screenshot of every page of a failing browser test."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = item.funcargs.get("page")
    if page is None:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    for number, open_page in enumerate(page.context.pages):
        target = ARTIFACTS / f"{item.name}-{number}.png"
        try:
            open_page.screenshot(path=str(target), full_page=True)
        except Exception as error:  # noqa: BLE001 - a broken page must not hide the failure
            report.sections.append(("screenshot", f"could not save {target}: {error}"))
        else:
            report.sections.append(("screenshot", f"saved {target}"))
