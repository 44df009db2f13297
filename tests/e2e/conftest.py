"""Browser tests: Playwright drives Debian's Chromium against Django's live test server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the test itself still uses
# the ORM synchronously to arrange data, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
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
