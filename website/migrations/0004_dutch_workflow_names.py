from django.db import migrations

# Wagtail's own migrations name the default workflow, its task and a group in English.
# Renamed only while they still carry Wagtail's names, so an editor's choice is kept.
RENAMES = [
    ("wagtailcore", "Workflow", "Moderators approval", "Goedkeuring door moderators"),
    ("wagtailcore", "Task", "Moderators approval", "Goedkeuring door moderators"),
    ("auth", "Group", "Editors", "Redacteuren"),
]


def rename(apps, schema_editor, *, backwards=False):
    for app_label, model_name, english, dutch in RENAMES:
        old, new = (dutch, english) if backwards else (english, dutch)
        model = apps.get_model(app_label, model_name)
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0003_seed_sectors"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
