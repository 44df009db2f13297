from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from . import page_views  # noqa: F401  (it registers itself)
        from .cache.content import content_receivers_connect
        from .signals import reference_data_ensure

        post_migrate.connect(reference_data_ensure, sender=self)
        content_receivers_connect()
