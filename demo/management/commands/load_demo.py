from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import CONTENT_DIR, demo_accounts, load

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Load the Dutch demo content and demo accounts from demo/content/. Safe to run "
        "again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help=f"Where the site is served, for the addresses printed at the end "
            f"(default: {DEFAULT_BASE_URL}).",
        )
        parser.add_argument(
            "--content-dir",
            type=Path,
            default=CONTENT_DIR,
            help="Read the content files from this folder instead of demo/content/, for "
            "example to try changed files on a database of your own.",
        )
        parser.add_argument(
            "--languages",
            default=None,
            help="Only the translations into these languages, separated by commas (for "
            "example 'en'); 'nl' loads the Dutch content alone. Default: every translation.",
        )

    def handle(self, *args, base_url, content_dir, languages, **options):
        if languages is not None:
            languages = {code.strip() for code in languages.split(",") if code.strip()}
            known = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
            if unknown := languages - known:
                raise CommandError(
                    f"Not a content language of the site: {', '.join(sorted(unknown))}. "
                    f"Choose from {', '.join(sorted(known))}."
                )
        content = load(content_dir, languages)
        base_url = base_url.rstrip("/")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        report = content.translation_report
        if report is not None and (report.translated or report.untranslated):
            self.stdout.write(
                f"Translations: {report.translated} strings translated, "
                f"{len(report.untranslated)} left in Dutch."
            )
            for missing in report.untranslated[:20]:
                self.stdout.write(f"  {missing.language}: {missing.object}: {missing.text[:70]}")
        self.stdout.write(f"\nDemo accounts (log in at {base_url}/account/login/):")
        for account in demo_accounts(content):
            self.stdout.write(f"  {account.role:<24} {account.email:<38} {account.password}")
        self.stdout.write(f"The Wagtail admin, for trainers and admins: {base_url}/admin/\n")
