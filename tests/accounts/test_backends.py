"""The signed-in user is read with prepared SQL: the same user, the same rules."""

import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import AuthenticationBackend, ModelBackend, user_by_pk
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_user_read_equals_the_orms_field_for_field(learner):
    learner.last_login = learner.date_joined
    learner.save()
    orm = User.objects.get(pk=learner.pk)

    with CaptureQueriesContext(connection) as queries:
        read = user_by_pk(str(learner.pk))  # the session keeps the key as text

    assert len(queries) == 1
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(orm, name) for name in fields]
    assert read.last_login == orm.last_login and read.last_login.tzinfo is not None
    assert read._state.adding is False and read._state.db == "default"


@pytest.mark.parametrize("user_id", ["999999", "not-a-number", ""])
def test_an_unknown_or_malformed_key_finds_nobody(user_id):
    assert user_by_pk(user_id) is None


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_an_inactive_account_is_not_signed_in(backend, learner):
    assert backend().get_user(learner.pk) == learner
    learner.is_active = False
    learner.save()

    assert backend().get_user(learner.pk) is None


def test_a_password_change_ends_other_sessions(client, learner):
    client.force_login(learner)
    learner.set_password("een-heel-nieuw-wachtwoord")
    learner.save()

    request = client.get("/").wsgi_request

    assert get_user(request).is_authenticated is False
