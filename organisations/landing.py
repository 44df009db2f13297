"""Where a signed-in person starts: the page after logging in, and the header's link to
the manager area.

This lives in organisations because only organisations knows who manages what; accounts
sits below it and never asks.
"""

from django.urls import reverse

from courses.sql import fetch_rows

from .models import Membership

# Every signed-in page asks this for the header; see `courses.sql` for why it is SQL.
# tests/organisations/test_landing.py checks it against the ORM's answer.
MANAGED_SLUGS_SQL = (
    "SELECT organisation.slug FROM organisations_organisation organisation"
    " INNER JOIN organisations_membership membership"
    " ON membership.organisation_id = organisation.id"
    " WHERE membership.user_id = %s AND membership.role = %s"
    " ORDER BY organisation.id LIMIT 2"
)

# Set on the request once it is known, so that every template rendered for one request
# shares a single read.
_REQUEST_ATTRIBUTE = "_signaal_manager_area_url"


def manager_area_url(user) -> str | None:
    """The dashboard of the organisation this person manages, the list of them when they
    manage several, or None when they manage none. One small query."""
    if not user.is_authenticated:
        return None
    slugs = [slug for (slug,) in fetch_rows(MANAGED_SLUGS_SQL, [user.pk, Membership.Role.MANAGER])]
    if not slugs:
        return None
    if len(slugs) == 1:
        return reverse("organisations:dashboard", args=[slugs[0]])
    return reverse("organisations:manager_home")


def manager_area_url_for_request(request) -> str | None:
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, manager_area_url(request.user))
    return getattr(request, _REQUEST_ATTRIBUTE)


def can_use_admin(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def landing_url(user) -> str | None:
    """The admin for a trainer, the organisation for a manager; None for a learner, who
    starts at the default page ('Mijn leren').

    Someone who writes content and also manages an organisation starts in the admin: that
    is where trainers work, and the header links to their organisation.
    """
    if can_use_admin(user):
        return reverse("wagtailadmin_home")
    return manager_area_url(user)
