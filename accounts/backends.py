"""Django's and allauth's authentication backends, with a quicker read of the signed-in user.

Every signed-in request reads its user by primary key. For that one-row read, building the
query in the ORM costs more than the database takes to answer it, so the SQL is built
once per worker and database and then run as a raw query, which still gives a full User
with every field converted as the ORM would.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db import connection

_user_sql: dict[str, str] = {}


def user_by_pk(user_id):
    """The user with this primary key (as stored in the session), or None."""
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    sql = _user_sql.get(connection.vendor)
    if sql is None:
        # The ORM's own SQL for `User.objects.filter(pk=...)`, with its one parameter.
        sql, _params = User._default_manager.filter(pk=pk).query.sql_with_params()
        _user_sql[connection.vendor] = sql
    users = list(User._default_manager.raw(sql, [pk]))
    return users[0] if users else None


class QuickUserReadMixin:
    def get_user(self, user_id):
        user = user_by_pk(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(QuickUserReadMixin, DjangoModelBackend):
    """Django's backend: e-mail address and password, as the Wagtail admin's login uses."""


class AuthenticationBackend(QuickUserReadMixin, AllauthBackend):
    """allauth's backend: the site's own log-in, sign-up and e-mail confirmation."""
