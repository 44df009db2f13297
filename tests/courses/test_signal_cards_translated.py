"""Signal cards on a translated lesson show the signals' translations where they exist."""

import pytest
from wagtail.models import Locale

from courses.blocks import SignalCardsBlock
from library.selectors import signals_in_locale
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals(home_page):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = SignalFactory(slug="oudere-vriend", title="Een oudere vriend")
    copy = translated.copy_for_translation(english)
    copy.title = "An older boyfriend"
    copy.save()
    untranslated = SignalFactory(slug="nieuwe-kleren", title="Nieuwe dure kleren")
    return {"translated": translated, "untranslated": untranslated, "english": english}


def test_each_signal_is_shown_in_the_lessons_language_or_else_in_dutch(signals):
    dutch = [signals["translated"], signals["untranslated"]]
    shown = signals_in_locale(dutch, locale_id=signals["english"].pk)
    assert [signal.title for signal in shown] == ["An older boyfriend", "Nieuwe dure kleren"]
    assert signals_in_locale(dutch, locale_id=dutch[0].locale_id) == dutch


def test_the_block_on_an_english_page_renders_the_english_card(signals):
    class EnglishPage:
        locale_id = signals["english"].pk

    block = SignalCardsBlock()
    value = block.to_python(
        {"heading": "", "signals": [signals["translated"].pk, signals["untranslated"].pk]}
    )
    html = block.render(value, context={"page": EnglishPage(), "library_url": "/en/signals/"})
    assert "An older boyfriend" in html and "Een oudere vriend" not in html
    assert "Nieuwe dure kleren" in html
