from django.core.management.base import BaseCommand

from organisations.services import reminders_send


class Command(BaseCommand):
    help = (
        "Queue the reminder e-mails due today: deadlines approaching or passed, and "
        "certificates about to expire. Run daily from cron; each reminder goes out once."
    )

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} reminders queued.")
