"""Benchmarks: the production configuration, served over plain HTTP on the loopback.

`bench/run.py` starts gunicorn with these settings. Only what a benchmark on one machine
needs differs from production: no redirect to HTTPS, quiet logs, and one extra address
with the smallest possible Django view, which the results are compared with.
"""

from .production import *

SECURE_SSL_REDIRECT = False
ROOT_URLCONF = "website.bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
