"""The database keeps a question in a bank or in one quiz, and the pass mark in 0..100."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("quizzes", "0004_existing_data_fits")]

    operations = [
        migrations.AddConstraint(
            model_name="question",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("bank__isnull", False), ("quiz__isnull", False), _negated=True
                ),
                name="question_bank_or_quiz",
                violation_error_message=(
                    "A question belongs to a question bank or to one quiz, not to both. Edit "
                    "this question in its quiz."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="quiz",
            constraint=models.CheckConstraint(
                condition=models.Q(("pass_mark__gte", 0), ("pass_mark__lte", 100)),
                name="quiz_pass_mark_range",
                violation_error_message="The pass mark is a percentage from 0 to 100.",
            ),
        ),
    ]
