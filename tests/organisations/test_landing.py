"""The header's link to the manager area, read with SQL on every signed-in page."""

import pytest
from django.contrib.auth.models import AnonymousUser

from organisations.landing import manager_area_url
from organisations.models import Membership, Organisation
from tests.factories import ManagerFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def orm_slugs(user) -> list[str]:
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.MANAGER
        ).values_list("slug", flat=True)
    )


def test_a_manager_of_one_organisation_gets_its_dashboard(organisation, manager):
    assert orm_slugs(manager) == ["school"]
    assert manager_area_url(manager) == "/organisatie/school/"


def test_a_learner_or_a_visitor_gets_none(organisation):
    learner = MembershipFactory(organisation=organisation).user
    assert orm_slugs(learner) == []
    assert manager_area_url(learner) is None
    assert manager_area_url(AnonymousUser()) is None


def test_a_manager_of_several_gets_the_list(organisation, other_organisation):
    manager = ManagerFactory(organisation=organisation)
    Membership.objects.create(
        user=manager, organisation=other_organisation, role=Membership.Role.MANAGER
    )
    MembershipFactory(organisation=OrganisationFactory(slug="derde"), user=manager)
    assert sorted(orm_slugs(manager)) == ["school", "taxi"]
    assert manager_area_url(manager) == "/organisatie/"
