from django.core.management.base import BaseCommand

from organisations.dashboard_cache import organisations_changed
from organisations.models import Organisation
from website.cache import content_changed


class Command(BaseCommand):
    help = (
        "Drop every kept page, fragment and dashboard grid, so that nothing kept before a "
        "restore of the database is served after it. Sessions and rate limits stay. Every "
        "app server follows within a second."
    )

    def handle(self, *args, **options):
        # Moving the versions drops what was kept under them, in the shared cache and in
        # each worker's memory, and leaves the keys of other deployments in a shared Redis.
        content_changed()
        organisations_changed(Organisation.objects.values_list("pk", flat=True))
        self.stdout.write("Kept pages, fragments and dashboard grids dropped.")
