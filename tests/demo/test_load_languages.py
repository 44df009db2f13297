"""`load_demo --languages`: only the translations asked for, loaded again without duplicates."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from courses.models import CoursePage

pytestmark = pytest.mark.django_db

TAXI = "signalen-onderweg"


def test_one_language_loads_twice_without_duplicates_and_is_published(home_page):
    call_command("load_demo", "--languages", "pl", stdout=io.StringIO())

    dutch = CoursePage.objects.get(slug=TAXI, locale__language_code="nl")
    polish = CoursePage.objects.get(slug=TAXI, locale__language_code="pl")
    assert polish.live and polish.translation_key == dutch.translation_key
    assert polish.title != dutch.title
    # The other languages were not asked for.
    assert not CoursePage.objects.filter(locale__language_code__in=["en", "tr", "ar"]).exists()

    counts = (Page.objects.count(), Translation.objects.count(), StringTranslation.objects.count())
    call_command("load_demo", "--languages", "pl", stdout=io.StringIO())
    assert (
        Page.objects.count(),
        Translation.objects.count(),
        StringTranslation.objects.count(),
    ) == counts


def test_dutch_alone_loads_no_translation(home_page):
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())
    assert CoursePage.objects.filter(slug=TAXI).count() == 1
    assert not Translation.objects.exists()


def test_a_language_the_site_does_not_have_is_refused_with_a_message(home_page):
    with pytest.raises(CommandError, match="Not a content language of the site: xx"):
        call_command("load_demo", "--languages", "nl,xx", stdout=io.StringIO())
    assert not CoursePage.objects.exists()  # refused before anything was written
