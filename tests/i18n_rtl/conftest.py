"""The demo content, as `make run` serves it: realistic lessons, quizzes, scenarios and
accounts for the checks of the interface languages."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())


@pytest.fixture
def demo_served(transactional_db) -> None:
    """The demo for a browser: a live server reads it from outside the test's transaction."""
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())
