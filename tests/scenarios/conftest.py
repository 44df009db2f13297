import pytest
from wagtail.users.models import UserProfile

from tests.factories import ScenarioPageFactory, SignalFactory, UserFactory, branching_spec


@pytest.fixture
def signals(db):
    return [
        SignalFactory(title=title, slug=slug, summary=f"{title}.")
        for title, slug in [("Truancy", "spijbelen"), ("Expensive gifts", "dure-cadeaus")]
    ]


@pytest.fixture
def scenario(home_page, signals):
    spec = branching_spec()
    spec["start"]["signals"] = signals
    spec["later"]["signals"] = signals[:1]
    return ScenarioPageFactory(parent=home_page, spec=spec)


@pytest.fixture
def editor(db):
    user = UserFactory(email="redacteur@example.org", is_staff=True, is_superuser=True)
    # Tests read the admin's messages in English, whatever translations exist.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
