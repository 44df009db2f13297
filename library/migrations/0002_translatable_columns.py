# Translatable rows, step 1 of 3: the locale and translation key columns, still empty.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(model_name="signal", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="signal", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
    ]
