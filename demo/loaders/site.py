"""The site around the modules: regions, the home page, sector pages and the site-wide pages."""

from dataclasses import dataclass

from wagtail.models import Page, Site

from courses.models import CourseIndexPage, SectorPage, SignalLibraryPage
from website.models import (
    AccessibilityStatementPage,
    HelpPage,
    HomePage,
    Region,
    RegionContact,
    Sector,
    SiteSettings,
    StandardPage,
)

from .files import ContentError
from .pages import dutch, home_page_ensure, page_upsert


@dataclass
class SitePages:
    home: HomePage
    regions: dict[str, Region]
    sector_pages: dict[str, SectorPage]
    module_index: CourseIndexPage
    # Every page of site.yaml below the home page, parents before children.
    site_pages: list[Page]


def regions_load(regions: list[dict]) -> dict[str, Region]:
    loaded = {}
    for data in regions:
        region, _created = Region.objects.update_or_create(
            slug=data["slug"],
            locale=dutch(),
            defaults={
                "name": data["name"],
                "kind": data["kind"],
                "introduction": data["introduction"],
            },
        )
        region.contacts.all().delete()
        RegionContact.objects.bulk_create(
            RegionContact(
                region=region,
                locale_id=region.locale_id,
                sort_order=order,
                role=contact["role"],
                name=contact["name"],
                phone=contact["phone"],
                email=contact["email"],
                website=contact["website"],
                when_to_contact=contact["when_to_contact"],
            )
            for order, contact in enumerate(data["contacts"])
        )
        loaded[region.slug] = region
    return loaded


def old_sector_page_replace(home: HomePage, slug: str, file_label: str) -> Page | None:
    """A standard page with this slug under the home page, moved out of the way.

    Earlier versions of the demo made the sector pages as standard pages. Such a page
    gives up its slug to the new sector page, hands over its children and is deleted.
    Only the slug changes, not the URL path: a child that moves to the new page at the
    same URL then needs no redirect, and no slug-change signal fires for a page that
    will be gone when the transaction commits.
    """
    old = Page.objects.child_of(home).filter(slug=slug).first()
    if old is None or old.specific_class is SectorPage:
        return None
    if old.specific_class is not StandardPage:
        raise ContentError(
            file_label,
            f"sector_pages[{slug}]",
            f"the home page already has a {old.specific_class._meta.verbose_name} at "
            f"/{slug}/; move or rename it first",
        )
    Page.objects.filter(pk=old.pk).update(slug=f"{slug}-{old.pk}")
    return old


def sector_pages_load(home: HomePage, pages: list[dict], file_label: str) -> dict[str, SectorPage]:
    sectors = {sector.slug: sector for sector in Sector.objects.filter(locale=dutch())}
    loaded = {}
    for data in pages:
        old = old_sector_page_replace(home, data["slug"], file_label)
        page = page_upsert(
            home,
            SectorPage,
            slug=data["slug"],
            title=data["title"],
            sector=sectors[data["sector"]],
            introduction=data["introduction"],
            body=data["body"],
        )
        if old is not None:
            for child in Page.objects.child_of(old):
                child.move(page, pos="last-child")
            Page.objects.get(pk=old.pk).delete()
        loaded[data["slug"]] = page
    return loaded


def site_load(site: dict, file_label: str) -> SitePages:
    regions = regions_load(site["regions"])
    home = home_page_ensure(site["site_name"])
    sector_pages = sector_pages_load(home, site["sector_pages"], file_label)
    home.title = site["home"]["title"]
    home.introduction = site["home"]["introduction"]
    home.sector_entries = [
        (
            "sector",
            {
                "heading": data["entry_heading"],
                "text": data["entry_text"],
                "page": sector_pages[data["slug"]],
            },
        )
        for data in site["sector_pages"]
    ]
    home.body = site["home"]["body"]
    home.save_revision().publish()

    index = site["module_index"]
    module_index = page_upsert(home, CourseIndexPage, **index)
    library = page_upsert(home, SignalLibraryPage, **site["signal_library"])
    site_pages = [*sector_pages.values(), module_index, library]
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if "help_page" in site:
        data = site["help_page"]
        settings.help_page = page = page_upsert(
            home,
            HelpPage,
            slug=data["slug"],
            title=data["title"],
            show_in_menus=data["show_in_menus"],
            introduction=data["introduction"],
            default_region=regions.get(data["default_region"]),
            body=data["body"],
        )
        site_pages.append(page)
    if "accessibility_page" in site:
        settings.accessibility_page = page_upsert(
            home, AccessibilityStatementPage, **site["accessibility_page"]
        )
        site_pages.append(settings.accessibility_page)
    settings.save()
    return SitePages(
        home=home,
        regions=regions,
        sector_pages=sector_pages,
        module_index=module_index,
        site_pages=site_pages,
    )
