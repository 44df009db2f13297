from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        # Learners compare their statement answers with colleagues in their organisation.
        from courses.selectors import peer_group_providers

        from .selectors import colleague_ids

        if colleague_ids not in peer_group_providers:
            peer_group_providers.append(colleague_ids)
