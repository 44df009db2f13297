# Translatable rows, step 2 of 3: every existing row is Dutch, with a key of its own.

from django.db import migrations

from website.translatable_migration import fill


class Migration(migrations.Migration):
    dependencies = [("live", "0002_translatable_columns")]

    operations = [
        fill("live", ['statementset']),
    ]
