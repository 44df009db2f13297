import pytest
from wagtail.models import Page, Site

from accounts.models import User
from website.models import HomePage
from website.signals import reference_data_ensure


@pytest.fixture
def home_page(db) -> HomePage:
    """A HomePage at the root of the default site, as the demo and real sites have."""
    # A transactional test before this one may have emptied the database.
    reference_data_ensure(sender=None)
    home = HomePage(title="Signaal", slug="signaal-test")
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
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


def pytest_collection_modifyitems(items):
    """Give every transactional test a serialized rollback.

    A transactional test empties the database when it ends, including the rows that
    migrations create (Wagtail's root page and default site, the sectors). Restoring them
    keeps the tests that follow independent of the order they run in.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            options = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **options), append=False)
