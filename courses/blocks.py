"""The blocks a trainer builds a lesson from.

Blocks that show the learner's own state (a statement answer, a reflection) load it through
`library.learner_state`, all blocks of a type at once, and find their own in the template
context by their block id; so a long lesson costs no more queries than a short one. The
reporting route reads the region from the `state` the lesson page puts in the context.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from library.learner_state import learner_state_in
from library.selectors import signals_in_locale
from quizzes.blocks import QuizBlock
from scenarios.blocks import ScenarioBlock
from website.blocks import CalloutBlock, paragraph_block

from .block_state import reflections, statement_results

LESSON_IMAGE_SPEC = "max-1200x900"


class LessonImageChooserBlock(ImageChooserBlock):
    """Loads the images of a lesson together with their renditions, in one go."""

    def bulk_to_python(self, values):
        values = list(values)
        images = self.model_class.objects.prefetch_renditions(LESSON_IMAGE_SPEC).in_bulk(
            [value for value in values if value is not None]
        )
        return [images.get(value) for value in values]


class ImageBlock(blocks.StructBlock):
    image = LessonImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"
        label = _("Image")
        description = _("A picture with a caption and a description for screen readers.")
        preview_value = {
            "alt_text": "Een jong meisje stapt 's avonds in een taxi.",
            "caption": "Wie regelt en betaalt deze rit?",
        }


class VideoValue(blocks.StructValue):
    def is_uploaded(self) -> bool:
        return self.get("video") is not None

    def external_host(self) -> str:
        return urlsplit(self.get("external_url") or "").hostname or ""

    def has_captions(self) -> bool:
        return self.get("captions") is not None


class VideoBlock(blocks.StructBlock):
    """A video from the media library or elsewhere, never without captions or a transcript.

    External videos are linked rather than embedded: an embedded player would make the
    visitor's browser contact a third party as soon as the lesson opens.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    video = DocumentChooserBlock(
        label=_("Uploaded video"), required=False, help_text=_("An MP4 or WebM file.")
    )
    captions = DocumentChooserBlock(
        label=_("Captions"),
        required=False,
        help_text=_("A WebVTT file (.vtt) with the captions of the uploaded video."),
    )
    external_url = blocks.URLBlock(
        label=_("Or: link to a video elsewhere"),
        required=False,
        help_text=_(
            "Shown as a link; nothing is loaded from that site until the learner opens it."
        ),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=["bold", "italic", "ol", "ul"]
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        value_class = VideoValue
        label = _("Video")
        description = _("A video with captions or a written transcript.")
        preview_value = {
            "title": "Hoe een loverboy werkt",
            "external_url": "https://example.org/video",
            "transcript": "<p>Hij begint met aandacht en cadeaus. Daarna wordt het anders.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        has_upload = value.get("video") is not None
        has_link = bool(value.get("external_url"))
        if has_upload == has_link:
            errors["video"] = ValidationError(_("Choose an uploaded video or a link, not both."))
        if value.get("captions") is not None and not has_upload:
            errors["captions"] = ValidationError(_("Captions belong to an uploaded video."))
        transcript = value.get("transcript")
        has_transcript = bool(strip_tags(transcript.source if transcript else "").strip())
        if value.get("captions") is None and not has_transcript:
            errors["transcript"] = ValidationError(
                _("Add captions or a transcript so that everyone can follow the video.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class SignalCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    signals = blocks.ListBlock(
        SnippetChooserBlock("library.Signal", label=_("Signal")),
        label=_("Signals"),
        min_num=1,
    )

    class Meta:
        icon = "warning"
        template = "courses/blocks/signal_cards.html"
        label = _("Signal cards")
        description = _("Cards with signals from the signal library, linked to their pages.")
        preview_value = {"heading": "Waar let je op?", "signals": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        state = (parent_context or {}).get("state")
        context["library_url"] = getattr(state, "signal_library_url", "")
        # A translated lesson still points at the Dutch signals; it shows their translations.
        page = (parent_context or {}).get("page")
        context["signals"] = signals_in_locale(
            [signal for signal in value["signals"] if signal],
            locale_id=getattr(page, "locale_id", None),
        )
        return context


class CaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.RichTextBlock(label=_("Case"), features=["bold", "italic", "ol", "ul"])
    question = blocks.CharBlock(
        label=_("Question to think about"),
        max_length=250,
        required=False,
        help_text=_("For example: 'Which signals do you see?'"),
    )

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/case.html"
        label = _("Case")
        description = _("A short story from practice for the learner to think about.")
        preview_value = {
            "title": "Een rit van een halfuur",
            "text": "<p>Je brengt een meisje van een jaar of vijftien naar een huis in een "
            "woonwijk. Een man heeft de rit besteld. Je moet haar een halfuur later weer "
            "ophalen.</p>",
            "question": "Wat valt je op?",
        }


class StatementBlock(blocks.StructBlock):
    """A 'De bril op' statement: agree or disagree, then the expert's view and the peers'."""

    statement = blocks.TextBlock(label=_("Statement"), max_length=300)
    expert_view = blocks.RichTextBlock(
        label=_("Expert view"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown after the learner has answered."),
    )

    class Meta:
        icon = "view"
        template = "courses/blocks/statement.html"
        label = _("Statement ('De bril op')")
        description = _(
            "A statement to agree or disagree with, followed by the expert view and how "
            "others answered."
        )
        preview_value = {
            "statement": "Alle wijkteams kunnen loverboyproblematiek goed herkennen.",
            "expert_view": "<p>Dat blijkt in de praktijk niet zo te zijn. Juist daarom is "
            "deze training er.</p>",
        }

    def learner_states(self, values_by_block_id, *, page, user, session):
        return statement_results(
            lesson=page, block_ids=values_by_block_id, user=user, session=session
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["result"] = learner_state_in(parent_context)
        return context


class ReportingRouteBlock(blocks.StructBlock):
    """The reporting route of a region: the one chosen here, else the learner's or visitor's."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, default="Wie bel je?"
    )
    region = SnippetChooserBlock(
        "website.Region",
        label=_("Region"),
        required=False,
        help_text=_("Leave empty to show the route of the learner's own region."),
    )
    introduction = blocks.TextBlock(label=_("Introduction"), max_length=400, required=False)

    class Meta:
        icon = "site"
        template = "courses/blocks/reporting_route.html"
        label = _("Reporting route")
        description = _("Whom to call in the learner's region when they see signals.")
        preview_value = {
            "heading": "Wie bel je?",
            "introduction": "Twijfel je? Vraag advies. Je hoeft het niet zeker te weten.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        state = (parent_context or {}).get("state")
        context["route"] = state.reporting_route(value.get("region")) if state else None
        context["block_id"] = (parent_context or {}).get("block_id", "preview")
        return context


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"), max_length=400)
    hint = blocks.CharBlock(label=_("Hint"), max_length=250, required=False)

    class Meta:
        icon = "edit"
        template = "courses/blocks/reflection.html"
        label = _("Reflection")
        description = _(
            "A question the learner answers in their own words; only they can read the answer."
        )
        preview_value = {
            "question": "Denk aan een leerling of klant die je de laatste tijd zorgen gaf. "
            "Welke signalen zag je achteraf?",
            "hint": "Niemand anders leest dit, ook je leidinggevende niet.",
        }

    def learner_states(self, values_by_block_id, *, page, user, session):
        return reflections(lesson=page, block_ids=values_by_block_id, user=user)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["reflection"] = learner_state_in(parent_context)
        context["block_id"] = (parent_context or {}).get("block_id") or "preview"
        return context


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = paragraph_block(
        preview_value="<p>Een loverboy maakt een meisje eerst verliefd. Daarna maakt hij haar "
        "afhankelijk.</p>"
    )
    image = ImageBlock()
    video = VideoBlock()
    signal_cards = SignalCardsBlock()
    case = CaseBlock()
    statement = StatementBlock()
    reporting_route = ReportingRouteBlock()
    reflection = ReflectionBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()
    scenario = ScenarioBlock()
