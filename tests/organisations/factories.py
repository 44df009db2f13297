"""Builders for organisations with learners, managers and assigned modules."""

import datetime

from accounts.models import User
from courses.services import lesson_complete
from organisations.models import Assignment, Membership, Organisation, Team
from tests.courses.factories import requirements_meet


def organisation_create(slug="school", *, teams=("Onderbouw", "Bovenbouw"), **fields):
    organisation = Organisation.objects.create(
        name=fields.pop("name", f"Organisatie {slug}"),
        slug=slug,
        kind=fields.pop("kind", Organisation.Kind.SCHOOL),
        **fields,
    )
    for name in teams:
        Team.objects.create(organisation=organisation, name=name)
    return organisation


def user_create(email, **fields) -> User:
    return User.objects.create_user(email=email, password="correct-horse-battery", **fields)


def member_create(organisation, email, *, role=Membership.Role.LEARNER, team=None, **fields):
    user = user_create(email, **fields)
    return Membership.objects.create(user=user, organisation=organisation, role=role, team=team)


def manager_create(organisation, email="manager@example.org") -> User:
    return member_create(organisation, email, role=Membership.Role.MANAGER).user


def learners_create(organisation, count: int, *, prefix="leerling", team=None) -> list[Membership]:
    return [
        member_create(
            organisation,
            f"{prefix}{i}@{organisation.slug}.example.org",
            team=team,
            first_name=f"Naam{i}",
            last_name=prefix.capitalize(),
        )
        for i in range(count)
    ]


def assignment_create(organisation, course, *, team=None, due_in_days=14, today=None):
    today = today or datetime.date.today()
    return Assignment.objects.create(
        organisation=organisation,
        course=course,
        team=team,
        due_date=today + datetime.timedelta(days=due_in_days),
    )


def complete_course(user, lessons, course):
    """Do every lesson: pass the quizzes it requires, and mark it done."""
    for lesson in lessons:
        requirements_meet(user, lesson)
        lesson_complete(user=user, lesson=lesson, course=course)
