from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenariosConfig(AppConfig):
    name = "scenarios"
    verbose_name = _("Case scenarios")

    def ready(self):
        from . import page_views, receivers  # noqa: F401  (they register themselves)
