from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Certificate
from .publishing import (
    refuse_bulk_publishing_without_assessment,
    refuse_publishing_without_assessment,
)

hooks.register("before_publish_page", refuse_publishing_without_assessment)
hooks.register("before_bulk_action", refuse_bulk_publishing_without_assessment)


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates come from completing a module: admins revoke them, never make or delete them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["learner_name", "course", "issued_at", "expires_at", "revoked_at"]
    list_filter = ["course"]
    search_fields = ["learner_name", "code"]
    form_fields = ["revoked_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "learner_name",
        "user",
        "course",
        "cycle",
        "code",
        "issued_at",
        "expires_at",
        "revoked_at",
    ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")
