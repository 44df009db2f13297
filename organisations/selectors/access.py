"""Who manages which organisation, and the groups a learner belongs to."""

from django.db.models import (
    QuerySet,
)
from django.http import Http404

from website.models import Region

from ..models import Membership, Organisation


def organisations_managed_by(user) -> QuerySet:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    ).order_by("name")


def organisation_for_manager(user, slug: str) -> Organisation:
    """The organisation with this slug, if the user manages it; else 404 for everyone else."""
    organisation = (
        organisations_managed_by(user).select_related("region").filter(slug=slug[:80]).first()
    )
    if organisation is None:
        raise Http404
    return organisation


def region_for_user(user) -> Region | None:
    """The region of the learner's organisation, whose reporting route they should follow."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, organisation__region__isnull=False)
        .select_related("organisation__region")
        .order_by("role", "joined_at")
        .first()
    )
    return membership.organisation.region if membership else None


def colleague_ids(user) -> QuerySet | None:
    """Ids of everyone sharing an organisation with this learner, or None without one."""
    organisation_ids = list(
        Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    if not organisation_ids:
        return None
    return (
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .values_list("user_id", flat=True)
        .distinct()
    )


def organisation_member_ids(organisation: Organisation) -> QuerySet:
    """Ids of the learners of an organisation, for analytics of that group."""
    return Membership.objects.filter(
        organisation=organisation, role=Membership.Role.LEARNER
    ).values_list("user_id", flat=True)
