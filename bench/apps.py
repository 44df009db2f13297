from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Brings the `seed_scale` command; installed only by the benchmark settings."""

    name = "bench"
    verbose_name = "Benchmarks"
