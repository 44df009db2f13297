"""Existing data fits the new rules, so that 0005 can add its checks.

Existing true-or-false questions get their answer from the option marked correct, and
their 'true' option is put first, where a question's own options are from now on (the
rows stay, so learners' answers keep their meaning). A pass mark above 100, which no
attempt could reach, becomes 100. The data changes in a migration of its own, apart from
the schema changes before and after it, as PostgreSQL wants.
"""

from django.db import migrations

# How authors wrote 'true' when they typed the two options by hand.
TRUE_WORDS = {"waar", "juist", "klopt", "ja", "true", "yes", "correct", "right"}


def means_true(text: str) -> bool:
    return text.strip().rstrip(".!").strip().lower() in TRUE_WORDS


def true_false_answers(apps, schema_editor):
    """Set `statement_is_true` from the typed options, and order them 'true' first."""
    Question = apps.get_model("quizzes", "Question")
    Option = apps.get_model("quizzes", "Option")
    questions = Question.objects.filter(kind="true_false", statement_is_true__isnull=True)
    for question in list(questions):
        options = list(Option.objects.filter(question=question).order_by("sort_order", "pk"))
        if len(options) != 2 or sum(option.is_correct for option in options) != 1:
            # Not a clear true-or-false: the edit form asks the trainer for the answer.
            continue
        true_option = next((o for o in options if means_true(o.text)), options[0])
        false_option = next(o for o in options if o.pk != true_option.pk)
        question.statement_is_true = true_option.is_correct
        question.save(update_fields=["statement_is_true"])
        for order, option in enumerate((true_option, false_option)):
            if option.sort_order != order:
                option.sort_order = order
                option.save(update_fields=["sort_order"])


def pass_marks_in_range(apps, schema_editor):
    apps.get_model("quizzes", "Quiz").objects.filter(pass_mark__gt=100).update(pass_mark=100)


class Migration(migrations.Migration):

    dependencies = [("quizzes", "0003_own_questions_images")]

    operations = [
        migrations.RunPython(true_false_answers, migrations.RunPython.noop),
        migrations.RunPython(pass_marks_in_range, migrations.RunPython.noop),
    ]
