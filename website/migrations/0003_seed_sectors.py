from django.db import migrations

SECTORS = [
    ("onderwijs", "Onderwijs", 1),
    ("taxi", "Taxi en vervoer", 2),
    ("jeugd-en-wijkteams", "Jeugdzorg en wijkteams", 3),
    ("hotel-en-horeca", "Hotel en horeca", 4),
    ("politie", "Politie in de wijk", 5),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("website", "Sector")
    for slug, name, order in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("website", "0002_sector")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
