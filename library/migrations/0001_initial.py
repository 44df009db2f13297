"""The signal taxonomy, taken over from `courses` without touching its rows."""

import modelcluster.fields
import modelsearch.index
import wagtail.fields
from django.db import migrations, models


def _content_type_move(apps, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    moving = ContentType.objects.filter(app_label=old, model="signal").first()
    if moving is None:
        return  # a new database: the content type is made after the migrations
    # A content type made for the new label in between holds nothing of value yet.
    ContentType.objects.filter(app_label=new, model="signal").delete()
    moving.app_label = new
    moving.save(update_fields=["app_label"])


def content_type_to_library(apps, schema_editor):
    _content_type_move(apps, old="courses", new="library")


def content_type_to_courses(apps, schema_editor):
    _content_type_move(apps, old="library", new="courses")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('courses', '0003_sectorpage'),
        ('website', '0004_dutch_workflow_names'),
    ]

    operations = [
        # The model moves here from `courses` with its table (`courses_signal`), its
        # sector links and its content type, so permissions, search entries and Wagtail's
        # reference index that point at signals stay as they are.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Signal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=160, verbose_name='title')),
                        ('slug', models.SlugField(max_length=160, unique=True, verbose_name='slug')),
                        ('kind', models.CharField(choices=[('signal', 'Signal'), ('risk_factor', 'Risk factor')], default='signal', max_length=20, verbose_name='kind')),
                        ('category', models.CharField(choices=[('victim', 'About the victim'), ('perpetrator', 'About the perpetrator'), ('context', 'About the situation')], max_length=20, verbose_name='category')),
                        ('phase', models.CharField(blank=True, choices=[('recruiting', 'Recruiting'), ('grooming', 'Grooming'), ('isolating', 'Isolating'), ('exploiting', 'Exploiting')], help_text='Leave empty when the signal belongs to no single phase.', max_length=20, verbose_name='phase of the loverboy method')),
                        ('summary', models.CharField(help_text='One sentence, shown on signal cards.', max_length=240, verbose_name='summary')),
                        ('explanation', wagtail.fields.RichTextField(blank=True, verbose_name='explanation')),
                        ('sectors', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='signals', to='website.sector', verbose_name='sectors')),
                    ],
                    options={
                        'verbose_name': 'signal',
                        'verbose_name_plural': 'signals',
                        'db_table': 'courses_signal',
                        'ordering': ['title'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_library, content_type_to_courses),
    ]
