import pytest
from wagtail.models import Page, Site

from accounts.models import User
from website.models import HomePage


@pytest.fixture
def home_page(db) -> HomePage:
    """A HomePage at the root of the default site, as the demo and real sites have."""
    root = Page.get_first_root_node()
    home = HomePage(title="Signaal", slug="signaal-test")
    root.add_child(instance=home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def learner(db) -> User:
    return User.objects.create_user(
        email="leerling@example.org", password="correct-horse-battery", first_name="Sanne"
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and cached pages live in the cache; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
