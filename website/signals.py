from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page

from .models import Sector
from .sectors import DEFAULT_SECTORS


def reference_data_ensure(sender, **kwargs):
    """Recreate the rows every installation needs when a database was emptied (flush).

    Migrations create them on a new database; `manage.py flush`, and the test runner after
    every transactional test, empties the tables and then sends post_migrate, which lands
    here.
    """
    # After a flush the cached content types point at rows that no longer exist.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for slug, name, order in DEFAULT_SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
