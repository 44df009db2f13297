# Translatable rows, step 1 of 3: the locale and translation key columns, still empty.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0005_stream_blocks_out_of_migrations"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(model_name="sector", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="sector", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="region", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="region", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="regioncontact", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="regioncontact", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
    ]
