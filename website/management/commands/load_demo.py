from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app may have a `demo` module with a `load()` function; they run in this order
# because later content refers to earlier content (modules use signals, organisations
# assign modules). A module may also offer `demo_accounts()` to list logins it created.
DEMO_APPS = ["accounts", "website", "courses", "quizzes", "scenarios", "organisations"]


def demo_modules():
    for app in DEMO_APPS:
        if find_spec(f"{app}.demo") is not None:
            yield import_module(f"{app}.demo")


class Command(BaseCommand):
    help = (
        "Load the Dutch demo content and demo accounts. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        modules = list(demo_modules())
        with transaction.atomic():
            for module in modules:
                module.load()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write("\nDemo accounts (log in at http://127.0.0.1:8000/account/login/):")
        for module in modules:
            for account in getattr(module, "demo_accounts", list)():
                self.stdout.write(f"  {account.role:<24} {account.email:<38} {account.password}")
        self.stdout.write(
            "The Wagtail admin, for trainers and admins: http://127.0.0.1:8000/admin/\n"
        )
