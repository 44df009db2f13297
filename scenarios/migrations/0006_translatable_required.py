# Translatable rows, step 3 of 3: locale and key required; slugs and titles unique per locale.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("scenarios", "0005_translatable_rows_dutch")]

    operations = [
        migrations.AlterField(model_name="scene", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="scene", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="choice", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="choice", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterUniqueTogether(name="scene", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="choice", unique_together={("translation_key", "locale")}),
    ]
