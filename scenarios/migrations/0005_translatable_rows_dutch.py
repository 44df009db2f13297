# Translatable rows, step 2 of 3: every existing row is Dutch, with a key of its own.

from django.db import migrations

from website.translatable_migration import fill


class Migration(migrations.Migration):
    dependencies = [("scenarios", "0004_translatable_columns")]

    operations = [
        fill("scenarios", ['scene', 'choice'], revisions={"scenarios.scenariopage": {"scenes": ("scene", {"choices": ("choice", {})})}}),
    ]
