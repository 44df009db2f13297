# Translatable rows, step 1 of 3: the locale and translation key columns, still empty.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_question_and_pass_mark_checks"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(model_name="questionbank", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="questionbank", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="question", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="question", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="option", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="option", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="quiz", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="quiz", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="quizquestion", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="quizquestion", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
        migrations.AddField(model_name="quizdraw", name="translation_key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="quizdraw", name="locale", field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
    ]
