from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        # Learners compare their statement answers with colleagues in their organisation.
        # ... and see the reporting route of the region their organisation is in.
        from courses.block_state import peer_group_providers
        from website.selectors import learner_region_providers

        from .dashboard_cache import dashboard_cache_receivers_connect
        from .selectors import colleague_ids, region_for_user

        dashboard_cache_receivers_connect()

        if colleague_ids not in peer_group_providers:
            peer_group_providers.append(colleague_ids)
        if region_for_user not in learner_region_providers:
            learner_region_providers.append(region_for_user)
