"""The shared template components: the region picker and the box around a wide table."""

from types import SimpleNamespace

import pytest
from django.template import TemplateSyntaxError, engines
from django.template.loader import render_to_string

REGIONS = [
    SimpleNamespace(pk=1, slug="utrecht", name="Utrecht"),
    SimpleNamespace(pk=2, slug="amsterdam", name="Amsterdam"),
]


def render(source, **context):
    return engines["django"].from_string("{% load signaal_tags %}" + source).render(context)


def test_the_region_picker_marks_the_chosen_region_and_lands_back_at_the_route():
    html = render_to_string(
        "components/region_picker.html",
        {
            "action": "/hulp/#route",
            "field_id": "region-x",
            "regions": REGIONS,
            "selected": REGIONS[1],
        },
    )

    assert 'action="/hulp/#route"' in html
    assert '<label class="utrecht-form-label" for="region-x">' in html
    assert 'id="region-x" name="regio"' in html
    assert '<option value="amsterdam" selected>Amsterdam</option>' in html
    assert '<option value="utrecht">Utrecht</option>' in html
    assert 'value=""' not in html
    assert 'role="alert"' not in html


def test_the_region_picker_opens_with_a_placeholder_only_while_no_region_is_chosen():
    context = {"action": "#r", "field_id": "r", "regions": REGIONS, "placeholder": True}

    assert '<option value="">' in render_to_string("components/region_picker.html", context)
    chosen = render_to_string("components/region_picker.html", {**context, "selected": REGIONS[0]})
    assert '<option value="">' not in chosen


def test_the_region_picker_says_when_the_address_asks_for_an_unknown_region():
    html = render_to_string(
        "components/region_picker.html",
        {"action": "#r", "field_id": "r", "regions": REGIONS, "unknown_requested": True},
    )

    assert 'role="alert"' in html
    assert " selected" not in html


def test_the_table_shell_is_a_labelled_region_the_keyboard_reaches():
    html = render(
        '{% table_shell styles="quizzes" label=name %}<tbody><tr><td>{{ label }}</td></tr></tbody>'
        "{% endtable_shell %}",
        name='Results "now"',
        label="the page's own label",
    )

    assert (
        '<div class="quizzes-table-wrap" role="region" aria-label="Results &quot;now&quot;" '
        'tabindex="0">'
    ) in html
    assert '<table class="utrecht-table quizzes-table">' in html
    # The rows render in the page's context, not in the shell's.
    assert "<td>the page&#x27;s own label</td>" in html


def test_the_table_shell_can_take_its_name_from_a_heading():
    html = render(
        '{% table_shell styles="organisations" labelledby="people-heading" %}{% endtable_shell %}',
        label="not this",
    )

    assert 'aria-labelledby="people-heading"' in html
    assert "aria-label=" not in html
    assert '<table class="utrecht-table organisations-table">' in html


@pytest.mark.parametrize(
    "arguments",
    [
        'label="x"',
        'styles="quizzes"',
        'styles="quizzes" label="x" labelledby="y"',
        'styles="quizzes" "x"',
    ],
)
def test_the_table_shell_refuses_an_unclear_call(arguments):
    with pytest.raises(TemplateSyntaxError):
        render("{% table_shell " + arguments + " %}{% endtable_shell %}")
