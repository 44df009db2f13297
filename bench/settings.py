"""Benchmarks: the production configuration, served over plain HTTP on the loopback.

`bench/run.py` starts gunicorn and `manage.py` with these settings. Only what a benchmark
on one machine needs differs from production: no redirect to HTTPS, quiet logs, the `bench`
app for `seed_scale`, and one extra address with the smallest possible Django view, which
the results are compared with.
"""

from website.settings.production import *  # noqa: F403
from website.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
SECURE_SSL_REDIRECT = False
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
