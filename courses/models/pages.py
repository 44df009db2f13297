import re

from django import forms
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from website.blocks import BodyBlock
from website.cache import KeptPageMixin
from website.fields import StreamField
from website.page_view_registry import PageViewMixin
from website.translation import LocaleFallbackRouteMixin

from ..blocks import LessonBodyBlock

SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# What these pages show (their context, the lesson's serve, the library's subpages) is
# worked out in `courses.page_views`, which imports the selectors these models sit below;
# `PageViewMixin` calls it (see `website.page_view_registry` for why).


class CourseIndexPage(LocaleFallbackRouteMixin, PageViewMixin, KeptPageMixin, Page):
    """The list of modules, filterable by sector."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("module overview")


class SectorPage(LocaleFallbackRouteMixin, PageViewMixin, KeptPageMixin, Page):
    """Where the path of one group of professionals starts: 'Ik ben taxichauffeur'.

    The page lists what there is for its sector, most important first: the modules, the
    case scenarios under this page, the pocket card and the reporting route, so that a
    visitor who picked their sector on the home page always has a next step.
    """

    sector = models.ForeignKey(
        "website.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The page lists the modules and the pocket card of this sector."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        BodyBlock(),
        verbose_name=_("more about this sector"),
        blank=True,
        help_text=_("Shown below the modules, cases, pocket card and reporting route."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("sector"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["scenarios.ScenarioPage"]
    # Modules and signals are filtered by the Dutch sector row in every language.
    override_translatable_fields = [SynchronizedField("sector")]

    class Meta:
        verbose_name = _("sector page")
        verbose_name_plural = _("sector pages")


class CoursePage(LocaleFallbackRouteMixin, PageViewMixin, KeptPageMixin, Page):
    """A module: a sequence of lessons that ends in a certificate."""

    introduction = models.TextField(_("introduction"), blank=True)
    sectors = ParentalManyToManyField(
        "website.Sector",
        verbose_name=_("sectors"),
        related_name="courses",
        blank=True,
        help_text=_("Who the module is written for. Leave empty for every sector."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), default=30, help_text=_("Roughly, for the whole module.")
    )
    learning_goals = StreamField(
        [
            (
                "goal",
                blocks.CharBlock(
                    label=_("Learning goal"),
                    max_length=200,
                    icon="tick",
                    help_text=_("Start with a verb: 'You recognise ...'"),
                ),
            )
        ],
        verbose_name=_("learning goals"),
        blank=True,
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        default=24,
        help_text=_("After this many months the learner must complete the module again."),
    )
    content_warning = models.TextField(
        _("content warning"),
        blank=True,
        help_text=_("Shown before the module starts, for heavy material such as abuse."),
    )
    is_public = models.BooleanField(
        _("open without an account"),
        default=False,
        help_text=_(
            "Visitors can take the module without logging in; their progress is kept in "
            "their browser session and moved to their account when they sign up or log in."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("duration_minutes"),
                FieldPanel("is_public"),
                FieldPanel("certificate_validity_months"),
            ],
            heading=_("Audience and certificate"),
        ),
        FieldPanel("learning_goals"),
        FieldPanel("content_warning"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "scenarios.ScenarioPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")


class LessonPage(PageViewMixin, KeptPageMixin, Page):
    """One lesson of a module: a stream of text, media, signals, statements and exercises."""

    introduction = models.TextField(_("introduction"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=5)
    is_required = models.BooleanField(
        _("required for the certificate"),
        default=True,
        help_text=_("Optional lessons deepen the module; the certificate does not wait for them."),
    )
    content_warning = models.TextField(
        _("content warning"),
        blank=True,
        help_text=_("Shown above the lesson, for example when it describes abuse."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("duration_minutes"), FieldPanel("is_required")],
            heading=_("Place in the module"),
        ),
        FieldPanel("content_warning"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")


class SignalLibraryPage(PageViewMixin, KeptPageMixin, RoutablePageMixin, Page):
    """The public signal library: a filterable list, a page per signal, pocket cards."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("signal library")

    @path("")
    def library(self, request):
        return self.call_page_view("library", request)

    @path("zakkaart/<slug:sector_slug>/")
    def pocket_card(self, request, sector_slug):
        return self.call_page_view("pocket_card", request, sector_slug=sector_slug)

    @path("zakkaart/")
    def pocket_card_choice(self, request):
        sector = request.GET.get("sector", "").strip()[:80]
        if not sector:
            return redirect(self.url)
        if not SLUG.fullmatch(sector):
            raise Http404
        return redirect(self.url + self.reverse_subpage("pocket_card", args=[sector]))

    @path("<slug:slug>/")
    def signal_detail(self, request, slug):
        return self.call_page_view("signal_detail", request, slug=slug)
