"""Signals now belong to the library app (library 0001 takes over the table and its rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_sectorpage"),
        ("library", "0001_initial"),
        ("quizzes", "0002_signal_in_library"),
        ("scenarios", "0002_signal_in_library"),
    ]

    operations = [
        # Only Django's picture of the models changes: the table stays for `library.Signal`.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="signal", name="sectors"),
                migrations.DeleteModel(name="Signal"),
            ],
            database_operations=[],
        ),
    ]
