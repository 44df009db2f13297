"""Organisations with their teams, members and managers, and assigned modules."""

import datetime

import factory

from organisations.models import Assignment, Membership, Organisation, Team

from .accounts import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation with the `teams` named, by default Onderbouw and Bovenbouw."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    slug = "school"
    name = factory.LazyAttribute(lambda organisation: f"Organisatie {organisation.slug}")
    kind = Organisation.Kind.SCHOOL

    @factory.post_generation
    def teams(organisation, create, extracted, **kwargs):
        for name in ("Onderbouw", "Bovenbouw") if extracted is None else extracted:
            Team.objects.create(organisation=organisation, name=name)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A learner in an organisation; `user__email=...` names the new user."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.LEARNER
    team = None

    @classmethod
    def create_learners(cls, organisation, count: int, *, prefix="leerling", team=None):
        """`count` learners, leerling0@<slug>.example.org and on, named Naam0 Leerling and on."""
        return [
            cls(
                organisation=organisation,
                team=team,
                user__email=f"{prefix}{i}@{organisation.slug}.example.org",
                user__first_name=f"Naam{i}",
                user__last_name=prefix.capitalize(),
            )
            for i in range(count)
        ]


class ManagerFactory(UserFactory):
    """A user who manages `organisation`."""

    email = "manager@example.org"

    @factory.post_generation
    def organisation(user, create, extracted, **kwargs):
        if extracted is not None:
            Membership.objects.create(
                user=user, organisation=extracted, role=Membership.Role.MANAGER
            )


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A module assigned to an organisation, or to one of its `team`s, due `due_in_days` after
    `today`."""

    class Meta:
        model = Assignment

    class Params:
        today = factory.LazyFunction(datetime.date.today)
        due_in_days = 14

    organisation = factory.SubFactory(OrganisationFactory)
    team = None
    due_date = factory.LazyAttribute(
        lambda assignment: assignment.today + datetime.timedelta(days=assignment.due_in_days)
    )
