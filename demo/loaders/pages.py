"""Pages found by their slug under their parent, so that loading again updates them."""

import uuid

from wagtail.models import Locale, Page, Site

from website.models import HomePage

# Lesson blocks get ids derived from the lesson and position, the same on every load, so
# statement answers and reflections, which are stored per block id, survive a reload.
BLOCK_NAMESPACE = uuid.UUID("6f1d9a52-3c1b-4b9e-9d57-8f0f1f3c2a10")
# Blocks that hold the module's quiz or scenario have an id of their own, by type.
ACTIVITY_BLOCKS = ("quiz", "scenario")


def dutch() -> Locale:
    """The locale the demo content is written in; translations follow it."""
    return Locale.get_default()


def page_upsert(parent: Page, model: type[Page], *, slug: str, publish: bool = True, **fields):
    """Create or update a child page of `parent` with this slug, and publish it.

    With `publish=False` a new page starts as a draft and an existing one keeps its live
    version until the caller publishes, for pages whose children must exist first.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, live=publish, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if publish:
        page.save_revision().publish()
    return page


def home_page_ensure(site_name: str = "Signaal") -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    # The Dutch home page: its translations are the other languages' roots.
    home = HomePage.objects.filter(locale=dutch()).first()
    if home is None:
        home = HomePage(title=site_name, slug="signaal")
        Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=site_name
        )
    elif site.root_page_id != home.pk:
        welcome_page = site.root_page
        site.root_page = home
        site.site_name = site_name
        site.save()
        if welcome_page.specific_class is Page and not welcome_page.get_children().exists():
            welcome_page.delete()
    return home


def block_id(lesson_slug: str, position: int | str) -> str:
    return str(uuid.uuid5(BLOCK_NAMESPACE, f"{lesson_slug}:{position}"))


def stream(lesson_slug: str, blocks: list[tuple[str, object]]) -> list[dict]:
    """Raw stream data with stable ids: content blocks by position, activities by type."""
    raw = []
    position = 0
    for kind, value in blocks:
        if kind in ACTIVITY_BLOCKS:
            raw.append({"type": kind, "value": value, "id": block_id(lesson_slug, kind)})
        else:
            raw.append({"type": kind, "value": value, "id": block_id(lesson_slug, position)})
            position += 1
    return raw
