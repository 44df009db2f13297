import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.selectors import inactive_learners
from accounts.services import account_delete

DEFAULT_MONTHS = 24


class Command(BaseCommand):
    help = (
        "Erase learner accounts that have not been used for the retention period, as "
        "'delete my account' would (certificates stay verifiable without a name). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=DEFAULT_MONTHS,
            help=f"Retention period in months of inactivity (default {DEFAULT_MONTHS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the accounts that would go."
        )

    def handle(self, *args, months, dry_run, **options):
        if months < 1:
            raise CommandError("The retention period must be at least one month.")
        since = timezone.now() - datetime.timedelta(days=round(months * 30.44))
        accounts = inactive_learners(since=since)
        if dry_run:
            self.stdout.write(f"{accounts.count()} inactive accounts would be erased.")
            return
        erased = 0
        for user in accounts.iterator(chunk_size=200):
            account_delete(user=user)
            erased += 1
        self.stdout.write(f"{erased} inactive accounts erased.")
