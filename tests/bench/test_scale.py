"""The benchmark data set: the sizes asked for, consistent progress, and a clean rebuild.

The site does not install the `bench` app, so the command is called as an object here; that
the benchmark settings find it by name is checked in `test_settings.py`.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from bench.management.commands.seed_scale import Command as SeedScale
from bench.scale import EMAIL_DOMAIN, scale_data_build
from courses.models import Certificate, CoursePage, Enrolment, LessonProgress
from organisations.models import Assignment, Membership, Organisation

pytestmark = pytest.mark.django_db


def test_builds_the_sizes_asked_for(home_page):
    report = scale_data_build(organisations=4, learners=40, modules=3)

    organisations = Organisation.objects.filter(slug__startswith="schaal-")
    assert organisations.count() == 4 == report.organisations
    learners = Membership.objects.filter(
        organisation__in=organisations, role=Membership.Role.LEARNER
    )
    assert learners.count() == 40 == report.learners
    managers = Membership.objects.filter(
        organisation__in=organisations, role=Membership.Role.MANAGER
    )
    assert managers.count() == 4
    assert CoursePage.objects.live().filter(slug__startswith="schaal-module-").count() == 3
    # The first organisation is the large one and has every module assigned.
    large = Organisation.objects.get(slug=report.large_organisation)
    assert Assignment.objects.filter(organisation=large).count() == 3
    assert learners.filter(organisation=large).count() == 40 // 5
    for organisation in organisations:
        assert learners.filter(organisation=organisation).exists()


def test_progress_is_consistent(home_page):
    report = scale_data_build(organisations=3, learners=60, modules=2)

    assert Enrolment.objects.count() == report.enrolments > 0
    assert LessonProgress.objects.count() == report.lesson_progress
    completed = Enrolment.objects.filter(completed_at__isnull=False)
    assert Certificate.objects.count() == completed.count() == report.certificates > 0
    for enrolment in completed:
        lessons = enrolment.course.get_children().count()
        assert enrolment.lesson_progress.count() == lessons
    # Learners are only enrolled in modules their organisation assigned.
    for enrolment in Enrolment.objects.select_related("user"):
        membership = Membership.objects.get(user=enrolment.user)
        assert Assignment.objects.filter(
            organisation=membership.organisation_id, course=enrolment.course_id
        ).exists()


def test_the_command_replaces_an_earlier_build_and_refuses_nonsense(home_page):
    call_command(SeedScale(), organisations=2, learners=10, modules=1, stdout=io.StringIO())
    output = io.StringIO()
    call_command(SeedScale(), organisations=3, learners=12, modules=2, stdout=output)

    assert "3 organisations, 12 learners, 2 modules" in output.getvalue()
    assert Organisation.objects.filter(slug__startswith="schaal-").count() == 3
    assert User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count() == 12 + 3
    assert CoursePage.objects.filter(slug__startswith="schaal-module-").count() == 2
    with pytest.raises(CommandError):
        call_command(SeedScale(), organisations=5, learners=2, stdout=io.StringIO())

    call_command(SeedScale(), remove=True, stdout=io.StringIO())
    assert not User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
