# Translatable rows, step 3 of 3: locale and key required; slugs and titles unique per locale.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("library", "0003_translatable_rows_dutch")]

    operations = [
        migrations.AlterField(model_name="signal", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="signal", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="signal", name="slug", field=models.SlugField(max_length=160, verbose_name="slug")),
        migrations.AlterUniqueTogether(name="signal", unique_together={("translation_key", "locale")}),
        migrations.AddConstraint(model_name="signal", constraint=models.UniqueConstraint(fields=("slug", "locale"), name="library_signal_unique_slug")),
    ]
