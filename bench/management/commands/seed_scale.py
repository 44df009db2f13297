"""Build the benchmark data set: `manage.py seed_scale --organisations 50 --learners 10000`."""

import time

from django.core.management.base import BaseCommand, CommandError

from bench.scale import EMAIL_DOMAIN, PASSWORD, scale_data_build, scale_data_remove


class Command(BaseCommand):
    help = (
        "Build a large data set for the benchmarks: organisations with staff, modules with "
        "lessons, assignments, progress and certificates. Replaces an earlier build."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=50)
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--modules", type=int, default=12)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--remove", action="store_true", help="Only remove an earlier build.")

    def handle(self, *args, organisations, learners, modules, seed, remove, **options):
        if remove:
            scale_data_remove()
            self.stdout.write("Scale data removed.")
            return
        if organisations < 1 or learners < organisations or modules < 1:
            raise CommandError(
                "Give at least one organisation, one module and a learner per organisation."
            )
        started = time.monotonic()
        report = scale_data_build(
            organisations=organisations, learners=learners, modules=modules, seed=seed
        )
        self.stdout.write(
            f"Built in {time.monotonic() - started:.1f} s: {report.organisations} organisations, "
            f"{report.learners} learners, {report.modules} modules with {report.lessons} "
            f"lessons, {report.assignments} assignments, {report.enrolments} enrolments, "
            f"{report.lesson_progress} lessons completed, {report.certificates} certificates.\n"
            f"The largest organisation is '{report.large_organisation}'. Every account's "
            f"address ends in @{EMAIL_DOMAIN}; the password is '{PASSWORD}'."
        )
