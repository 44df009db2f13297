"""Questions and draws point at the signal, now in the library app, in the same table."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('library', '0001_initial'),
        ('quizzes', '0001_initial'),
    ]

    operations = [
        # Only Django's picture of the models changes; the tables and their rows stay.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='question',
                    name='signals',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text="The signals this question trains; they drive the learner's progress.", related_name='questions', to='library.signal', verbose_name='signals'),
                ),
                migrations.AlterField(
                    model_name='quizdraw',
                    name='signal',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='library.signal', verbose_name='about signal'),
                ),
            ],
            database_operations=[],
        ),
    ]
