from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutValue(blocks.StructValue):
    def css_modifier(self) -> str:
        return f"signaal-callout--{self.get('tone') or 'info'}"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("help", _("Help"))],
        default="info",
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        template = "components/blocks/callout.html"
        value_class = CalloutValue
        label = _("Callout")
        description = _("A framed message that stands out from the text, such as a tip or warning.")
        preview_value = {
            "tone": "help",
            "heading": "Twijfel je?",
            "text": "<p>Overleg met een collega of bel Veilig Thuis voor advies.</p>",
        }


class SectorEntryBlock(blocks.StructBlock):
    """An entry on the home page for one group of professionals ('Ik ben leraar')."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Links to"))

    class Meta:
        icon = "user"
        template = "components/blocks/sector_entry.html"
        label = _("Sector entry")
        description = _("A link for one group of professionals to the training meant for them.")
        preview_value = {
            "heading": "Ik ben leraar",
            "text": "Herken wat er speelt als een leerling verandert.",
        }


def paragraph_block(*, preview_value: str) -> blocks.RichTextBlock:
    """Running text as site pages and lessons both have it; the preview suits each."""
    return blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        template="components/blocks/rich_text.html",
        description=_("Running text with headings, lists and links."),
        preview_value=preview_value,
    )


class BodyBlock(blocks.StreamBlock):
    paragraph = paragraph_block(
        preview_value="<p>Mensenhandel is vaak onzichtbaar. Wie de signalen kent, ziet meer.</p>"
    )
    callout = CalloutBlock()
