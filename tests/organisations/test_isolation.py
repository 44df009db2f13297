"""Every manager URL, for an own organisation, another organisation and no membership.

Other organisations' data is never shown: the answer is 404, as if it did not exist.
"""

import pytest
from django.urls import reverse

from courses.models import Reflection, StatementAnswer
from organisations.models import Membership
from tests.factories import (
    AssignmentFactory,
    ManagerFactory,
    MembershipFactory,
    UserFactory,
    complete_course,
)

pytestmark = pytest.mark.django_db

GET_URLS = [
    ("organisations:dashboard", []),
    ("organisations:export_csv", []),
    ("organisations:export_xlsx", []),
    ("organisations:certificates", []),
    ("organisations:assignments", []),
    ("organisations:invite", []),
    ("organisations:staff_upload", []),
    ("organisations:person", ["membership"]),
]
POST_URLS = [
    ("organisations:assignment_delete", ["assignment"]),
    ("organisations:staff_confirm", []),
    ("organisations:assignments", []),
    ("organisations:invite", []),
    ("organisations:remind_person", ["membership", "assignment"]),
    ("organisations:remind_overdue", ["assignment"]),
]


@pytest.fixture
def world(organisation, other_organisation, course, lessons):
    own = MembershipFactory.create_learners(organisation, 1)[0]
    foreign = MembershipFactory.create_learners(other_organisation, 1, prefix="chauffeur")[0]
    complete_course(own.user, lessons, course)
    complete_course(foreign.user, lessons, course)
    return {
        organisation.slug: {
            "membership": own,
            "assignment": AssignmentFactory(organisation=organisation, course=course),
        },
        other_organisation.slug: {
            "membership": foreign,
            "assignment": AssignmentFactory(organisation=other_organisation, course=course),
        },
    }


def _url(name, params, slug, objects):
    return reverse(name, args=[slug, *[objects[param].pk for param in params]])


@pytest.mark.parametrize(("name", "params"), GET_URLS)
def test_a_manager_reaches_their_own_organisation(
    client, world, manager, organisation, name, params
):
    client.force_login(manager)
    response = client.get(_url(name, params, organisation.slug, world[organisation.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "name", "params"),
    [("get", *url) for url in GET_URLS] + [("post", *url) for url in POST_URLS],
)
def test_another_organisation_is_never_shown(
    client, world, manager, organisation, other_organisation, method, name, params
):
    client.force_login(manager)
    other = other_organisation.slug
    # Another organisation's URL, and own organisation's URL with another's object.
    assert getattr(client, method)(_url(name, params, other, world[other])).status_code == 404
    if params:
        mixed = _url(name, params, organisation.slug, world[other])
        assert getattr(client, method)(mixed).status_code == 404
    assert Membership.objects.filter(organisation=other_organisation).count() == 1
    assert other_organisation.assignments.count() == 1


@pytest.mark.parametrize(("name", "params"), GET_URLS)
def test_a_learner_without_manager_role_gets_404(client, world, organisation, name, params):
    learner = world[organisation.slug]["membership"].user
    client.force_login(learner)
    response = client.get(_url(name, params, organisation.slug, world[organisation.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "params"), GET_URLS)
def test_someone_without_any_membership_gets_404(client, world, organisation, name, params):

    client.force_login(UserFactory(email="buiten@example.org"))
    response = client.get(_url(name, params, organisation.slug, world[organisation.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "params"), GET_URLS)
def test_anonymous_visitors_are_sent_to_login(client, world, organisation, name, params):
    response = client.get(_url(name, params, organisation.slug, world[organisation.slug]))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_manager_of_two_organisations_sees_both(client, world, organisation, other_organisation):
    both = ManagerFactory(organisation=organisation, email="beide@example.org")
    Membership.objects.create(
        user=both, organisation=other_organisation, role=Membership.Role.MANAGER
    )
    client.force_login(both)
    for slug in (organisation.slug, other_organisation.slug):
        assert client.get(reverse("organisations:dashboard", args=[slug])).status_code == 200


def test_managers_never_see_answers_or_reflections(client, world, manager, organisation, lessons):
    own = world[organisation.slug]["membership"]
    Reflection.objects.create(
        user=own.user, lesson=lessons[0], block_id="r1", text="GEHEIME-REFLECTIE"
    )
    # A block id that cannot turn up by chance in a random token on the page.
    StatementAnswer.objects.create(
        user=own.user, lesson=lessons[0], block_id="GEHEIME-STELLING", agrees=True
    )
    client.force_login(manager)
    pages = [
        client.get(reverse("organisations:dashboard", args=[organisation.slug])),
        client.get(reverse("organisations:person", args=[organisation.slug, own.pk])),
        client.get(reverse("organisations:export_csv", args=[organisation.slug])),
    ]
    for response in pages:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"GEHEIME-REFLECTIE" not in content
        assert b"GEHEIME-STELLING" not in content
