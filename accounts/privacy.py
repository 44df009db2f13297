"""Which rows in the database belong to a person, found from the models themselves.

Every model with a foreign key or one-to-one field to the user model holds personal data,
and so do the rows that hang from those by cascading keys (the answers of a quiz attempt,
the steps of a scenario run). Walking the models instead of listing them means a model
added later is exported and erased without anyone remembering to add it here.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

# Secrets are never part of an export: they are not about the person, and a leaked export
# must not let anyone log in as them.
SECRET_FIELD_NAMES = {"password", "key", "token", "secret", "session_key", "session_data"}

# How deep to follow cascading keys below the rows that point at the user.
MAX_DEPTH = 3


@dataclass(frozen=True)
class UserLink:
    model: type[models.Model]
    field: models.Field

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def owns(self) -> bool:
        """Rows that are deleted with the user belong to them; others merely mention them."""
        return self.field.remote_field.on_delete is models.CASCADE


def user_links() -> list[UserLink]:
    """Every foreign key and one-to-one field, in any installed model, to the user model."""
    user_model = get_user_model()
    links = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            # A field inherited from a parent model (a page's owner) is covered by the parent.
            if (
                field.concrete
                and (field.many_to_one or field.one_to_one)
                and field.related_model is user_model
                and field.model is model
            ):
                links.append(UserLink(model=model, field=field))
    return links


def rows_of(user) -> Iterator[tuple[str, models.QuerySet]]:
    """(model label, queryset) for every model holding rows of this person, direct or below."""
    for link in user_links():
        queryset = link.model._default_manager.filter(**{link.field.name: user})
        yield link.label, queryset
        if link.owns:
            yield from _cascading(link.model, queryset, depth=1)


def _cascading(model, parents: models.QuerySet, *, depth: int):
    if depth > MAX_DEPTH:
        return
    for relation in model._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        if relation.on_delete is not models.CASCADE:
            continue
        if relation.related_model._meta.proxy:
            continue
        children = relation.related_model._default_manager.filter(
            **{f"{relation.field.name}__in": parents.values("pk")}
        )
        yield relation.related_model._meta.label_lower, children
        yield from _cascading(relation.related_model, children, depth=depth + 1)


def row_as_dict(instance: models.Model) -> dict:
    return {
        field.attname: _exported_value(field, getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in SECRET_FIELD_NAMES
    }


def _exported_value(field: models.Field, value):
    # A stored file (an avatar in the admin's profile) is exported by its name.
    if isinstance(field, models.FileField):
        return value.name or ""
    return value


# Functions, registered by the apps that hold records which must outlive a person's account
# (a certificate an employer may still verify), that make those records anonymous for the
# given user and return the models whose rows stay. An empty set means nothing of theirs
# stays. This app sits below the others, so they register here rather than being imported.
KeptRecords = Callable[[models.Model], set[type[models.Model]]]
_kept_records: list[KeptRecords] = []


def kept_records_register(keeper: KeptRecords) -> None:
    if keeper not in _kept_records:
        _kept_records.append(keeper)


def kept_records_settle(user) -> set[type[models.Model]]:
    """Let every registered app make its lasting records of `user` anonymous; return the
    models whose rows stay and so need the account row to point at."""
    kept: set[type[models.Model]] = set()
    for keeper in _kept_records:
        kept |= keeper(user)
    return kept
