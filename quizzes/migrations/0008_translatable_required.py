# Translatable rows, step 3 of 3: locale and key required; slugs and titles unique per locale.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0007_translatable_rows_dutch")]

    operations = [
        migrations.AlterField(model_name="questionbank", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="questionbank", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="question", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="question", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="option", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="option", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="quiz", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="quiz", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="quizquestion", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="quizquestion", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="quizdraw", name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(model_name="quizdraw", name="locale", field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AlterField(model_name="questionbank", name="title", field=models.CharField(max_length=160, verbose_name="title")),
        migrations.AlterUniqueTogether(name="questionbank", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="question", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="option", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="quiz", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="quizquestion", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="quizdraw", unique_together={("translation_key", "locale")}),
        migrations.AddConstraint(model_name="questionbank", constraint=models.UniqueConstraint(fields=("title", "locale"), name="quizzes_bank_unique_title")),
    ]
