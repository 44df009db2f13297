import pytest
from django.core.exceptions import ValidationError

from courses.blocks import LessonBodyBlock, VideoBlock
from library.completion import block_requirements

pytestmark = pytest.mark.django_db


def test_every_lesson_block_has_icon_template_description_and_preview():
    for name, child in LessonBodyBlock().child_blocks.items():
        meta = child.meta
        assert meta.icon and meta.icon != "placeholder", name
        assert getattr(meta, "template", None), name
        assert meta.description, name
        assert child.get_preview_value() is not None, name


def test_every_lesson_block_renders_its_preview_without_a_learner():
    for name, child in LessonBodyBlock().child_blocks.items():
        html = child.render(child.get_preview_value(), context={})
        assert html.strip(), name


@pytest.mark.parametrize(
    "value",
    [
        {"title": "Geen bron", "transcript": "<p>Tekst</p>"},
        {"title": "Geen tekst", "external_url": "https://example.org/v", "transcript": "<p></p>"},
    ],
)
def test_video_needs_a_source_and_captions_or_a_transcript(value):
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))


def test_a_linked_video_with_a_transcript_is_accepted():
    block = VideoBlock()
    value = {"title": "Uitleg", "external_url": "https://example.org/v", "transcript": "<p>T</p>"}
    assert block.clean(block.to_python(value))["title"] == "Uitleg"


def test_video_value_names_the_host_of_an_external_video():
    value = VideoBlock().to_python(
        {"title": "Uitleg", "external_url": "https://video.example.org/x", "transcript": "<p>T</p>"}
    )
    assert value.external_host() == "video.example.org"
    assert value.is_uploaded() is False


def test_lesson_blocks_of_this_app_add_no_completion_requirements():
    body = LessonBodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>Tekst</p>"},
            {"type": "statement", "value": {"statement": "S", "expert_view": "<p>E</p>"}},
        ]
    )
    assert block_requirements(body) == []
