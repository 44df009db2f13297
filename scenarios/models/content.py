"""Case scenarios' content: the scenario page, its scenes and their choices.

Branching case scenarios: a graph of scenes joined by choices, and the learners' runs.

Why inline models rather than a StreamField for the graph: choices are the unit that is
counted (every learner's choice is recorded, and trainers see how often each was taken),
so a choice needs a stable row and primary key that a recorded step and the analytics can
point to. Rows also let the play view load one scene and its choices by an indexed lookup,
so a scene of a 200-scene scenario costs the same queries as one of a 10-scene scenario,
where a StreamField would load and parse the whole graph on every move. Drafts still work
the Wagtail way: scenes and choices are ClusterableModel children and live in revisions.

Choices name their target scene by the scene's key (a short slug unique within the
scenario), not by a foreign key: a scene added in a draft has no database row until the
scenario is published, and an author must be able to link to it before that.
"""

import re
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from website.cache import KeptPageMixin
from website.page_view_registry import PageViewMixin
from website.translation import FollowsParentLocale

from ..editing import ScenarioEditingMixin
from ..forms import ScenarioPageForm, SceneSelect
from ..graph_state import FLAG_LIMIT
from ..panels import ScenarioGraphPanel
from ..panels_stamped import StampedInlinePanel

SCENE_KEY_MAX_LENGTH = 50
FLAG_LIST_PATTERN = r"^\s*[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*$"
SCORE_LIMIT = 10
# A choice can require a score the learner collected so far. A path of a hundred choices at
# the most points reaches this, so a condition beyond it is a typing error, not a design.
SCORE_CONDITION_LIMIT = 100 * SCORE_LIMIT
SCORE_RANGE_MESSAGE = _("'At least' cannot be more than 'at most'.")

flag_list_validator = RegexValidator(
    FLAG_LIST_PATTERN,
    message=_("Write flags as lower-case words joined by hyphens, separated by commas."),
)


def _with_flag_limit(msgid: str) -> str:
    return gettext(msgid) % {"limit": FLAG_LIMIT}


# A help text that names the bound on flags the validation applies, translated when shown
# (the msgid is marked with gettext_noop where it is written).
flag_help_text = lazy(_with_flag_limit, str)


def score_condition_field(verbose_name, help_text) -> models.SmallIntegerField:
    """A bound on the points collected so far; empty when the choice sets none."""
    return models.SmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-SCORE_CONDITION_LIMIT),
            MaxValueValidator(SCORE_CONDITION_LIMIT),
        ],
        help_text=help_text,
    )


def new_scene_key() -> str:
    """A short random key, so that scenes created without a chosen key never collide."""
    return f"scene-{secrets.token_hex(3)}"


def flag_list(value: str) -> list[str]:
    """The flags in a comma-separated field, in order, without blanks or repeats."""
    flags = []
    for flag in re.split(r"\s*,\s*", value.strip()):
        if flag and flag not in flags:
            flags.append(flag)
    return flags


class Outcome(models.TextChoices):
    GOOD = "good", _("Good")
    PARTIAL = "partial", _("Partial")
    HARMFUL = "harmful", _("Harmful")


OUTCOME_RANK = {Outcome.HARMFUL: 1, Outcome.PARTIAL: 2, Outcome.GOOD: 3}


class ScenarioPage(PageViewMixin, ScenarioEditingMixin, KeptPageMixin, Page):
    """A case in which the learner decides, scene by scene, what a professional does next.

    Playing it, its preview and its graph panel are worked out in `scenarios.page_views`,
    which imports the selectors and views this model sits below (`PageViewMixin` calls it).
    """

    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Shown before the learner starts: who they are and what is going on."),
    )
    content_warning = models.CharField(
        _("content warning"),
        max_length=240,
        blank=True,
        help_text=_("Say so when the case describes sexual violence or other heavy subjects."),
    )
    start_scene = models.CharField(
        _("start scene"),
        max_length=SCENE_KEY_MAX_LENGTH,
        blank=True,
        help_text=_("The key of the scene the learner starts in."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("content_warning"),
        FieldPanel(
            "start_scene",
            widget=SceneSelect,
            help_text=_("The scene the learner starts in."),
        ),
        ScenarioGraphPanel(heading=_("Scenario graph")),
        StampedInlinePanel("scenes", heading=_("Scenes"), label=_("Scene")),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    base_form_class = ScenarioPageForm
    # A translation starts in the same scene: keys are the same in every language.
    override_translatable_fields = [SynchronizedField("start_scene", overridable=False)]

    # A scenario stands on its own under the site pages, or belongs to a module or lesson.
    parent_page_types = [
        "website.HomePage",
        "website.StandardPage",
        "courses.SectorPage",
        "courses.CoursePage",
        "courses.LessonPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def get_template(self, request, *args, **kwargs):
        return "scenarios/scenario_page.html"

    def save(self, *args, **kwargs):
        # Saving the page saves every scene and choice, and Wagtail would re-index the
        # references of the whole page once per saved child: quadratic for a large case.
        # Index the page once instead.
        # Imported here, and not to break a circle: wagtail.signal_handlers asks the app
        # registry for the Page model as it loads, which fails while the models (this
        # module among them) are still loading.
        from wagtail.signal_handlers import disable_reference_index_auto_update
        from wagtail.tasks import update_reference_index_task

        with disable_reference_index_auto_update():
            result = super().save(*args, **kwargs)
        update_reference_index_task.enqueue(
            self._meta.app_label, self._meta.model_name, str(self.pk)
        )
        return result


class Scene(FollowsParentLocale, TranslatableMixin, ClusterableModel, Orderable):
    """One moment in the case: what the learner sees, and either choices or an ending."""

    page = ParentalKey(ScenarioPage, on_delete=models.CASCADE, related_name="scenes")
    key = models.SlugField(
        _("key"),
        max_length=SCENE_KEY_MAX_LENGTH,
        default=new_scene_key,
        help_text=_("A short name, unique in this scenario, that choices use to lead here."),
    )
    title = models.CharField(_("title"), max_length=160)
    text = RichTextField(_("text"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signals = ParentalManyToManyField(
        "library.Signal",
        verbose_name=_("signals in this scene"),
        related_name="scenes",
        blank=True,
        help_text=_(
            "The debrief lists these as noticed when the learner took a choice that acts on "
            "them, and as missed otherwise."
        ),
    )
    outcome = models.CharField(
        _("ending"),
        max_length=10,
        choices=Outcome.choices,
        blank=True,
        help_text=_("Choose an outcome to make this scene an ending. Endings have no choices."),
    )
    debrief = RichTextField(
        _("expert commentary"),
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text=_(
            "For endings: how an expert judges this outcome, by the steps of the Meldcode."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("title")]),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("signals"),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("debrief")],
            heading=_("When this scene is an ending"),
            classname="collapsed",
        ),
        StampedInlinePanel("choices", heading=_("Choices"), label=_("Choice")),
    ]

    # Choices lead to a scene by its key, in every language.
    override_translatable_fields = [SynchronizedField("key", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("scene")
        verbose_name_plural = _("scenes")
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="scenarios_scene_unique_key"),
        ]

    def locale_parent(self):
        return self.page

    def save(self, *args, **kwargs):
        self.choices_keep_rows()
        super().save(*args, **kwargs)

    def choices_keep_rows(self) -> None:
        """New copies of this scene's choices take the rows of the choices they replace.

        Updating a translation copies the choices from the Dutch scene afresh, without
        their rows; the learners' steps point at those rows, so they are found again by
        translation key instead of being deleted and inserted.
        """
        if self.pk is None or "choices" not in getattr(self, "_cluster_related_objects", {}):
            return
        fresh = [choice for choice in self.choices.all() if choice.pk is None]
        if not fresh:
            return
        rows = dict(Choice.objects.filter(scene_id=self.pk).values_list("translation_key", "pk"))
        taken = {choice.pk for choice in self.choices.all() if choice.pk is not None}
        for choice in fresh:
            pk = rows.get(choice.translation_key)
            if pk is not None and pk not in taken:
                choice.pk = pk
                taken.add(pk)

    def __str__(self):
        return self.title

    @property
    def is_ending(self) -> bool:
        return bool(self.outcome)


class Choice(FollowsParentLocale, TranslatableMixin, Orderable):
    """What the learner can do in a scene, where it leads and what it teaches."""

    scene = ParentalKey(Scene, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=200)
    target = models.CharField(
        _("leads to"),
        max_length=SCENE_KEY_MAX_LENGTH,
        blank=True,
        help_text=_("The key of the next scene."),
    )
    feedback = models.TextField(
        _("feedback"),
        blank=True,
        help_text=_("Shown in the debrief: why this choice helps or not."),
    )
    score = models.SmallIntegerField(
        _("score"),
        default=0,
        validators=[MinValueValidator(-SCORE_LIMIT), MaxValueValidator(SCORE_LIMIT)],
    )
    sets_flags = models.CharField(
        _("sets flags"),
        max_length=200,
        blank=True,
        validators=[flag_list_validator],
        help_text=flag_help_text(
            gettext_noop(
                "Comma-separated, e.g. veilig-thuis-gebeld. Later choices can require them. "
                "A scenario uses at most %(limit)s different flags."
            )
        ),
    )
    requires_flags = models.CharField(
        _("requires flags"),
        max_length=200,
        blank=True,
        validators=[flag_list_validator],
        help_text=flag_help_text(
            gettext_noop(
                "Only shown when every one of these flags was set earlier. A scenario uses at "
                "most %(limit)s different flags."
            )
        ),
    )
    requires_score_min = score_condition_field(
        _("requires a score of at least"),
        _(
            "Only shown when the points the learner collected so far are at least this. "
            "Leave empty for no lower limit."
        ),
    )
    requires_score_max = score_condition_field(
        _("requires a score of at most"),
        _(
            "Only shown when the points the learner collected so far are at most this. "
            "Leave empty for no upper limit."
        ),
    )
    acts_on_signals = models.BooleanField(
        _("acts on the signals"),
        default=False,
        help_text=_("Taking this choice shows the learner noticed the signals of this scene."),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("label"),
                FieldPanel(
                    "target",
                    widget=SceneSelect,
                    help_text=_("The scene this choice leads to."),
                ),
            ]
        ),
        FieldPanel("feedback"),
        FieldRowPanel([FieldPanel("score"), FieldPanel("acts_on_signals")]),
        FieldRowPanel([FieldPanel("sets_flags"), FieldPanel("requires_flags")]),
        FieldRowPanel([FieldPanel("requires_score_min"), FieldPanel("requires_score_max")]),
    ]

    # Where a choice leads and the flags it sets or needs are the same in every language.
    override_translatable_fields = [
        SynchronizedField("target", overridable=False),
        SynchronizedField("sets_flags", overridable=False),
        SynchronizedField("requires_flags", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.CheckConstraint(
                condition=Q(requires_score_min__isnull=True)
                | Q(requires_score_max__isnull=True)
                | Q(requires_score_min__lte=F("requires_score_max")),
                name="scenarios_choice_score_range",
                violation_error_message=SCORE_RANGE_MESSAGE,
            ),
        ]

    def locale_parent(self):
        return self.scene

    def __str__(self):
        return self.label

    @property
    def flags_set(self) -> list[str]:
        return flag_list(self.sets_flags)

    @property
    def flags_required(self) -> list[str]:
        return flag_list(self.requires_flags)

    def clean(self):
        super().clean()
        low, high = self.requires_score_min, self.requires_score_max
        if low is not None and high is not None and low > high:
            raise ValidationError({"requires_score_max": SCORE_RANGE_MESSAGE})

    def validate_constraints(self, exclude=None):
        # `clean` checks the score range in Python. Django would check the constraint by
        # asking the database, once per choice: on saving a scenario in the editor, one
        # query for every choice of every scene.
        super().validate_constraints(exclude={*(exclude or ()), "requires_score_min"})

    def score_allows(self, score: int) -> bool:
        """Whether the points collected so far meet this choice's score condition."""
        if self.requires_score_min is not None and score < self.requires_score_min:
            return False
        return self.requires_score_max is None or score <= self.requires_score_max

    def is_available(self, flags, score: int) -> bool:
        """Whether a learner holding these flags, with this score so far, may take it."""
        return set(self.flags_required) <= set(flags) and self.score_allows(score)
