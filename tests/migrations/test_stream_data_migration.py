"""A data migration sees a lesson body's blocks as stored, and what it leaves alone survives.

Migrations hold no block definitions (`website.fields.StreamField`), so the historical
model's StreamField knows no block types; the data migration works on the raw blocks.
"""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from courses.models import CourseIndexPage, CoursePage, LessonPage

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "paragraph", "value": "<p>Een taxichauffeur ziet meer dan hij denkt.</p>", "id": "p1"},
    {
        "type": "statement",
        "value": {
            "statement": "Alle wijkteams kunnen loverboyproblematiek goed herkennen.",
            "expert_view": "<p>Dat valt tegen: veel signalen worden gemist.</p>",
        },
        "id": "s1",
    },
    {
        "type": "callout",
        "value": {"tone": "help", "heading": "Twijfel?", "text": "<p>Bel Veilig Thuis.</p>"},
        "id": "c1",
    },
]


def historical_apps():
    """The models as the latest migrations describe them, as a data migration gets them."""
    loader = MigrationLoader(connection)
    return loader.project_state(loader.graph.leaf_nodes()).apps


def make_statements_louder(apps, schema_editor):
    """A data migration as a trainer's request might need: every statement ends in '!'."""
    HistoricalLesson = apps.get_model("courses", "LessonPage")
    for lesson in HistoricalLesson.objects.all():
        blocks = list(lesson.body.raw_data)
        for block in blocks:
            if block["type"] == "statement":
                block["value"]["statement"] = block["value"]["statement"].rstrip(".") + "!"
        lesson.body = blocks
        lesson.save(update_fields=["body"])


def test_the_historical_lesson_body_knows_no_block_definitions():
    field = historical_apps().get_model("courses", "LessonPage")._meta.get_field("body")
    assert list(field.stream_block.child_blocks) == []
    assert list(LessonPage._meta.get_field("body").stream_block.child_blocks)


def test_a_data_migration_changes_one_block_and_keeps_the_others(home_page):
    index = home_page.add_child(instance=CourseIndexPage(title="Modules", slug="modules"))
    course = index.add_child(instance=CoursePage(title="Basis", slug="basis"))
    lesson = course.add_child(instance=LessonPage(title="Signalen", slug="signalen", body=BODY))

    make_statements_louder(historical_apps(), schema_editor=None)

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert [block.block_type for block in lesson.body] == ["paragraph", "statement", "callout"]
    assert [block.id for block in lesson.body] == ["p1", "s1", "c1"]
    statement = lesson.body[1].value
    assert statement["statement"] == "Alle wijkteams kunnen loverboyproblematiek goed herkennen!"
    assert "veel signalen worden gemist" in statement["expert_view"].source
    assert lesson.body.raw_data[0]["value"] == BODY[0]["value"]
    assert lesson.body.raw_data[2]["value"] == BODY[2]["value"]
