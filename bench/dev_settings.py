"""The development settings with the `bench` app, to build the scale data into a local database:

.venv/bin/python manage.py seed_scale --settings=bench.dev_settings
"""

from website.settings.dev import *  # noqa: F403
from website.settings.dev import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
