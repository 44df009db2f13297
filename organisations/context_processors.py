from django.utils.functional import SimpleLazyObject

from .landing import manager_area_url_for_request


def manager_links(request) -> dict:
    """`manager_dashboard_url`: where the signed-in person's manager area starts, or None.

    Visitors cost no query. For a signed-in person the address is read when a template
    first uses it, so a fragment that does not show it (a quiz answer sent with htmx) costs
    nothing either; it behaves as the address or as None in templates and comparisons.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"manager_dashboard_url": None}
    return {
        "manager_dashboard_url": SimpleLazyObject(lambda: manager_area_url_for_request(request))
    }
