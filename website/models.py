from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BodyBlock, SectorEntryBlock
from .cache import KeptPageMixin, remember, site_for_request
from .fields import StreamField
from .page_view_registry import PageViewMixin
from .phone import tel_href
from .translation import FollowsParentLocale, LocaleFallbackRouteMixin


class Sector(TranslatableMixin, models.Model):
    """A group of frontline professionals the training is written for (education, taxi ...).

    A table rather than fixed choices so that modules and signals can be filtered by sector
    with a join on every database, and platform admins can add a sector.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    # Modules, signals and learners refer to the Dutch row; a translation gives its name.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="website_sector_unique_name"),
            models.UniqueConstraint(fields=["slug", "locale"], name="website_sector_unique_slug"),
        ]

    def __str__(self):
        return self.name


class Region(TranslatableMixin, ClusterableModel):
    """A municipality or safety region and the route a professional follows there.

    The route differs per municipality, so a learner must see the contacts of their own
    region rather than a national list.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        SAFETY_REGION = "safety_region", _("Safety region")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What a professional in this region should know before calling."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("introduction"),
        InlinePanel("contacts", label=_("Contacts in the reporting route"), min_num=1),
    ]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="website_region_unique_name"),
            models.UniqueConstraint(fields=["slug", "locale"], name="website_region_unique_slug"),
        ]

    def __str__(self):
        return self.name


class RegionContact(FollowsParentLocale, TranslatableMixin, Orderable):
    """One step or partner in a region's reporting route."""

    class Role(models.TextChoices):
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
        POLICE = "police", _("Police")
        CARE_COORDINATOR = "care_coordinator", _("Care coordinator for human trafficking")
        SAFETY_HOUSE = "safety_house", _("Zorg- en Veiligheidshuis")
        ANONYMOUS = "anonymous", _("Anonymous reporting")
        OTHER = "other", _("Other")

    region = ParentalKey(Region, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    when_to_contact = models.TextField(_("when to contact"), blank=True)

    panels = [
        FieldPanel("role"),
        FieldPanel("name"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("when_to_contact"),
    ]

    # A phone number is the same in every language.
    override_translatable_fields = [SynchronizedField("phone", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def locale_parent(self):
        return self.region

    def __str__(self):
        return f"{self.name} ({self.region})"

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def role_label(self) -> str:
        """The role under the name, left out where the name already says it: 'Veilig Thuis
        Utrecht' needs no 'Veilig Thuis' below it, 'Meld Misdaad Anoniem' does need
        'Anonymous reporting'."""
        role = str(self.get_role_display())
        if self.role == self.Role.OTHER or role.casefold() in self.name.casefold():
            return ""
        return role


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    quick_exit_url = models.URLField(
        _("quick exit target"),
        default="https://www.buienradar.nl/",
        help_text=_(
            "The neutral site that replaces this one when a visitor presses the quick exit."
        ),
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("help and reporting page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The footer links to both pages on every page.
    select_related = ["help_page", "accessibility_page"]

    panels = [
        FieldPanel("quick_exit_url"),
        FieldPanel("help_page"),
        FieldPanel("accessibility_page"),
    ]

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site, read once per worker until content changes.

        Every page shows them (the quick exit, the footer links). Unlike Wagtail's own, the
        instance is shared and carries no request: page links come from `pageurl`.
        """
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = site_for_request(request)
            key = ("site-settings", site.pk if site else None)
            setattr(request, attribute, remember(key, lambda: cls.for_site(site)))
        return getattr(request, attribute)

    class Meta:
        verbose_name = _("site settings")


class HomePage(LocaleFallbackRouteMixin, KeptPageMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)
    sector_entries = StreamField(
        [("sector", SectorEntryBlock())],
        verbose_name=_("entries per sector"),
        blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("sector_entries"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(LocaleFallbackRouteMixin, KeptPageMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class HelpPage(PageViewMixin, KeptPageMixin, Page):
    """Where to go with a concern: the reporting route of the visitor's region.

    The route is read in `website.page_views`, above the selectors that import this module.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    default_region = models.ForeignKey(
        Region,
        verbose_name=_("region shown by default"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("default_region"),
        FieldPanel("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("help and reporting page")


class AccessibilityStatementPage(KeptPageMixin, Page):
    """The accessibility statement that Dutch public bodies must publish for their sites."""

    class Status(models.TextChoices):
        A = "A", _("Fully compliant")
        B = "B", _("Partially compliant")
        C = "C", _("First measures taken")
        D = "D", _("No measures taken yet")

    status = models.CharField(_("compliance status"), max_length=1, choices=Status.choices)
    last_reviewed = models.DateField(_("last reviewed"))
    contact_email = models.EmailField(_("contact for accessibility problems"))
    body = RichTextField(
        pgettext_lazy("the text of the accessibility statement", "statement"),
        features=["h2", "h3", "bold", "link", "ol", "ul"],
    )

    content_panels = Page.content_panels + [
        FieldPanel("status"),
        FieldPanel("last_reviewed"),
        FieldPanel("contact_email"),
        FieldPanel("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
