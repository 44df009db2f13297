# Translatable rows, step 3 of 3: locale and key required; slugs and titles unique per locale.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("website", "0007_translatable_rows_dutch")]

    operations = [
        migrations.AlterField(model_name="sector", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="sector", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="region", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="region", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="regioncontact", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="regioncontact", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="sector", name="name", field=models.CharField(max_length=80, verbose_name="name")),
        migrations.AlterField(model_name="sector", name="slug", field=models.SlugField(max_length=80, verbose_name="slug")),
        migrations.AlterField(model_name="region", name="name", field=models.CharField(max_length=120, verbose_name="name")),
        migrations.AlterField(model_name="region", name="slug", field=models.SlugField(max_length=120, verbose_name="slug")),
        migrations.AlterUniqueTogether(name="sector", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="region", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="regioncontact", unique_together={("translation_key", "locale")}),
        migrations.AddConstraint(model_name="sector", constraint=models.UniqueConstraint(fields=("name", "locale"), name="website_sector_unique_name")),
        migrations.AddConstraint(model_name="sector", constraint=models.UniqueConstraint(fields=("slug", "locale"), name="website_sector_unique_slug")),
        migrations.AddConstraint(model_name="region", constraint=models.UniqueConstraint(fields=("name", "locale"), name="website_region_unique_name")),
        migrations.AddConstraint(model_name="region", constraint=models.UniqueConstraint(fields=("slug", "locale"), name="website_region_unique_slug")),
    ]
