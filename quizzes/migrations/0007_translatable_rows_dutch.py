# Translatable rows, step 2 of 3: every existing row is Dutch, with a key of its own.

from django.db import migrations

from website.translatable_migration import fill


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0006_translatable_columns")]

    operations = [
        fill("quizzes", ['questionbank', 'question', 'option', 'quiz', 'quizquestion', 'quizdraw'], revisions={"quizzes.quiz": {"questions": ("question", {"options": ("option", {})}), "fixed_questions": ("quizquestion", {}), "draws": ("quizdraw", {})}}),
    ]
