import io

import pytest
from django.core.management import call_command

from accounts.demo import MANAGER
from courses.models import Certificate, Enrolment
from organisations import demo
from organisations.models import Assignment, Membership, Organisation, Team
from organisations.selectors import Status, manager_dashboard, region_for_user


@pytest.mark.django_db
def test_the_demo_loads_twice_with_three_organisations_and_about_forty_learners(home_page):
    call_command("load_demo", stdout=io.StringIO())
    counts = [
        model.objects.count()
        for model in (Organisation, Team, Membership, Assignment, Enrolment, Certificate)
    ]
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert counts == [
        model.objects.count()
        for model in (Organisation, Team, Membership, Assignment, Enrolment, Certificate)
    ]

    kinds = dict(Organisation.objects.values_list("slug", "kind"))
    assert sorted(kinds.values()) == ["municipality", "school", "taxi_company"]
    assert Team.objects.filter(organisation__kind="school").count() == 4
    assert Team.objects.filter(organisation__kind="taxi_company").count() == 2
    learners = Membership.objects.filter(role=Membership.Role.LEARNER)
    assert 38 <= learners.count() <= 45
    assert not learners.exclude(user__email__endswith=".test").exists()
    assert Membership.objects.filter(role=Membership.Role.MANAGER).count() == 3
    school = Organisation.objects.get(kind="school")
    assert school.memberships.filter(user__email=MANAGER.email, role="manager").exists()

    statuses = {
        cell.status
        for organisation in Organisation.objects.all()
        for row in manager_dashboard(organisation=organisation).rows
        for cell in row.cells
        if cell
    }
    # Completed learners passed the module's quiz and played its scenario through the
    # services, as a learner would.
    assert {Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED, Status.OVERDUE} <= statuses
    assert Certificate.objects.filter(user__memberships__organisation__slug="het-baken-college")

    for account in demo.demo_accounts():
        assert account.email in output.getvalue()
    learner = Membership.objects.filter(user__email="leerling@signaal.test").get().user
    assert region_for_user(learner).slug == "utrecht"
