import pytest
from wagtail.users.models import UserProfile

from courses.models import Signal

from .factories import branching_spec, scenario_page


@pytest.fixture
def signals(db):
    return [
        Signal.objects.create(
            title=title, slug=slug, category=Signal.Category.VICTIM, summary=f"{title}."
        )
        for title, slug in [("Truancy", "spijbelen"), ("Expensive gifts", "dure-cadeaus")]
    ]


@pytest.fixture
def scenario(home_page, signals):
    spec = branching_spec()
    spec["start"]["signals"] = signals
    spec["later"]["signals"] = signals[:1]
    return scenario_page(home_page, spec)


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="redacteur@example.org", password="correct-horse-battery"
    )
    # Tests read the admin's messages in English, whatever translations exist.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
