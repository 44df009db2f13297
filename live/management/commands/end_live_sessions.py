from django.core.management.base import BaseCommand

from live.services import sessions_expire
from live.tasks import end_expired_sessions


class Command(BaseCommand):
    help = (
        "End live sessions older than twelve hours: keep their counts, delete participants "
        "and nicknames. Run every hour from cron (sessions are also ended when next opened)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of doing it now.",
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            end_expired_sessions.enqueue()
            self.stdout.write("Queued the ending of expired live sessions.")
            return
        ended = sessions_expire()
        self.stdout.write(f"{ended} expired live sessions ended.")
