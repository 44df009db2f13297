"""Admin pages that set what learners did beside the organisations they belong to."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from scenarios.models import ScenarioPage
from scenarios.selectors import MIN_GROUP_SIZE, choice_analytics, choice_analytics_for_group

from .models import Organisation
from .selectors import organisation_member_ids


@require_GET
def scenario_analytics(request, page_id: int):
    """For trainers: how often each choice of a scenario was taken, by everyone or within one
    organisation (shown only when the organisation has enough players to say nothing about
    one person)."""
    page = get_object_or_404(ScenarioPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    organisations = Organisation.objects.order_by("name")
    requested = request.GET.get("organisation", "")
    organisation = organisations.filter(pk=requested).first() if requested.isdigit() else None
    if organisation is None:
        analytics = choice_analytics(page=page)
    else:
        analytics = choice_analytics_for_group(
            page=page, user_ids=organisation_member_ids(organisation)
        )
    return TemplateResponse(
        request,
        "organisations/admin/scenario_analytics.html",
        {
            "page": page,
            "analytics": analytics,
            "organisations": organisations,
            "organisation": organisation,
            "min_group_size": MIN_GROUP_SIZE,
        },
    )
