"""A quiz holds questions of its own; questions carry an image with alt text; a
true-or-false question takes its answer from one field.

Existing questions stay in their banks, so every quiz and draw keeps the questions it had.
"""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("quizzes", "0002_signal_in_library"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="question",
            options={
                "ordering": ["bank", "sort_order", "pk"],
                "verbose_name": "question",
                "verbose_name_plural": "questions",
            },
        ),
        migrations.AlterField(
            model_name="question",
            name="bank",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="questions",
                to="quizzes.questionbank",
                verbose_name="question bank",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="quiz",
            field=modelcluster.fields.ParentalKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="quizzes.quiz",
                verbose_name="quiz",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="sort_order",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="question",
            name="text",
            field=models.TextField(
                help_text=(
                    "What learners answer: a question, or for true or false a statement. For "
                    "signal spotting: the instruction above the case, such as 'Mark every "
                    "sentence that is a signal'."
                ),
                verbose_name="question",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="statement_is_true",
            field=models.BooleanField(
                blank=True,
                choices=[(True, "true"), (False, "not true")],
                help_text=(
                    "True or false only: learners choose between 'Waar' and 'Niet waar'; "
                    "those two options are made for you."
                ),
                null=True,
                verbose_name="the statement is",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
                verbose_name="image",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="image_alt",
            field=models.CharField(
                blank=True,
                help_text=(
                    "What the image shows, for learners who cannot see it. Needed with an image."
                ),
                max_length=250,
                verbose_name="alt text",
            ),
        ),
        migrations.AlterField(
            model_name="quiz",
            name="pass_mark",
            field=models.PositiveSmallIntegerField(
                default=70,
                validators=[
                    django.core.validators.MinValueValidator(
                        0, message="The pass mark is a percentage from 0 to 100."
                    ),
                    django.core.validators.MaxValueValidator(
                        100, message="The pass mark is a percentage from 0 to 100."
                    ),
                ],
                verbose_name="pass mark (%)",
            ),
        ),
        migrations.AlterField(
            model_name="quizquestion",
            name="question",
            field=models.ForeignKey(
                limit_choices_to={"bank__isnull": False},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="quizzes.question",
                verbose_name="question",
            ),
        ),
    ]
