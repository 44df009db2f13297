import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from accounts.models import User


def erase(*args) -> str:
    output = io.StringIO()
    call_command("erase_inactive_accounts", *args, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_accounts_unused_for_the_retention_period_are_erased():
    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)):
        stale = User.objects.create_user(email="oud@example.org", password="x-long-password")
        never = User.objects.create_user(email="nooit@example.org")
        staff = User.objects.create_user(email="trainer@example.org", is_staff=True)
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)):
        recent = User.objects.create_user(email="nieuw@example.org")
        recent.last_login = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
        recent.save()

        assert "2 inactive accounts would be erased" in erase("--dry-run")
        assert User.objects.filter(pk=stale.pk).exists()
        assert "2 inactive accounts erased" in erase()

    remaining = set(User.objects.values_list("email", flat=True))
    assert {"oud@example.org", "nooit@example.org"}.isdisjoint(remaining)
    assert {staff.email, recent.email} <= remaining
    assert not User.objects.filter(pk=never.pk).exists()


@pytest.mark.django_db
def test_a_retention_period_below_one_month_is_refused():
    with pytest.raises(CommandError):
        erase("--months", "0")
