"""Making existing snippets translatable without losing a row or a link to one.

A model that becomes `TranslatableMixin` gets two columns, `locale` and `translation_key`.
The migrations run in three steps, each its own transaction (PostgreSQL refuses to change
a column in the transaction that just filled it): the columns are added empty, every
existing row gets the default (Dutch) locale and a translation key of its own, and then
the columns are required and unique per locale. Rows keep their primary keys, so learners'
answers, runs and certificates keep pointing at them.

Revisions (of quizzes and scenario pages) store their child rows as JSON; those copies get
the same locale and key as the row, so that a draft opened after the upgrade saves cleanly.
"""

import uuid

from django.conf import settings
from django.db import migrations


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    code = settings.LANGUAGE_CODE
    return Locale.objects.filter(language_code=code).first() or Locale.objects.create(
        language_code=code
    )


def rows_fill(model, locale) -> None:
    for pk in model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True):
        model.objects.filter(pk=pk).update(translation_key=uuid.uuid4(), locale=locale)
    model.objects.filter(locale__isnull=True).update(locale=locale)


def serialized_fill(data: dict, model, children: dict, locale) -> None:
    """Give one serialized row (and its serialized children) the key of its database row."""
    row = model.objects.filter(pk=data.get("pk")).values("translation_key", "locale").first()
    data["translation_key"] = str(row["translation_key"] if row else uuid.uuid4())
    data["locale"] = row["locale"] if row else locale.pk
    for relation, (child_model, grandchildren) in children.items():
        for child in data.get(relation) or []:
            serialized_fill(child, child_model, grandchildren, locale)


def fill(app_label: str, model_names: list[str], revisions: dict | None = None):
    """A RunPython operation that fills locale and translation key of these models.

    `revisions` names the model whose revisions hold serialized rows, and the tree of
    child relations in them: {"quiz": {"questions": ("question", {"options": ...})}}.
    """

    def forwards(apps, schema_editor):
        locale = default_locale(apps)
        for name in model_names:
            rows_fill(apps.get_model(app_label, name), locale)
        if not revisions:
            return
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")

        def tree(spec):
            return {
                relation: (apps.get_model(app_label, child), tree(grandchildren))
                for relation, (child, grandchildren) in spec.items()
            }

        for owner_label, spec in revisions.items():
            owner_app, owner_name = owner_label.split(".")
            owner = apps.get_model(owner_app, owner_name)
            content_type = ContentType.objects.filter(app_label=owner_app, model=owner_name).first()
            if content_type is None:
                continue
            children = tree(spec)
            for revision in Revision.objects.filter(content_type=content_type).iterator():
                content = revision.content
                if not isinstance(content, dict):
                    continue
                if owner_name in {name.lower() for name in model_names}:
                    serialized_fill(content, owner, children, locale)
                else:
                    for relation, (child_model, grandchildren) in children.items():
                        for child in content.get(relation) or []:
                            serialized_fill(child, child_model, grandchildren, locale)
                revision.content = content
                revision.save(update_fields=["content"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)
