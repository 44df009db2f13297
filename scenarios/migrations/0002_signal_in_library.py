"""Scenes point at the signal, now in the library app, in the same table."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('library', '0001_initial'),
        ('scenarios', '0001_initial'),
    ]

    operations = [
        # Only Django's picture of the models changes; the tables and their rows stay.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='scene',
                    name='signals',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The debrief lists these as noticed when the learner took a choice that acts on them, and as missed otherwise.', related_name='scenes', to='library.signal', verbose_name='signals in this scene'),
                ),
            ],
            database_operations=[],
        ),
    ]
