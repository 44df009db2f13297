from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Modules and lessons")

    def ready(self):
        from accounts.privacy import kept_records_register

        from . import page_views, receivers  # noqa: F401  (they register themselves)
        from .services import certificates_keep_anonymous

        kept_records_register(certificates_keep_anonymous)
