from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Signal(TranslatableMixin, index.Indexed, ClusterableModel):
    """Something a professional can notice that may point to trafficking or exploitation.

    Signals are the categories of the quiz engine and the tags of scenario scenes, so a
    learner's results can be reported per signal.
    """

    class Kind(models.TextChoices):
        SIGNAL = "signal", _("Signal")
        RISK_FACTOR = "risk_factor", _("Risk factor")

    class Category(models.TextChoices):
        VICTIM = "victim", _("About the victim")
        PERPETRATOR = "perpetrator", _("About the perpetrator")
        CONTEXT = "context", _("About the situation")

    class Phase(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        GROOMING = "grooming", _("Grooming")
        ISOLATING = "isolating", _("Isolating")
        EXPLOITING = "exploiting", _("Exploiting")

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SIGNAL)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    phase = models.CharField(
        _("phase of the loverboy method"),
        max_length=20,
        choices=Phase.choices,
        blank=True,
        help_text=_("Leave empty when the signal belongs to no single phase."),
    )
    sectors = ParentalManyToManyField(
        "website.Sector", verbose_name=_("sectors"), related_name="signals", blank=True
    )
    summary = models.CharField(
        _("summary"), max_length=240, help_text=_("One sentence, shown on signal cards.")
    )
    explanation = RichTextField(
        _("explanation"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("category"),
        FieldPanel("phase"),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("explanation"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("category"),
        index.FilterField("phase"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]
    # The slug is the signal's address and key in every language.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        # The table keeps the name it had when signals belonged to the modules app, so the
        # move to this app kept every row and every link to it.
        db_table = "courses_signal"
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="library_signal_unique_slug")
        ]

    def __str__(self):
        return self.title
