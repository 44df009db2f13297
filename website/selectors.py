from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .models import Region

REGION_PARAMETER = "regio"

# Apps that know where a learner works (organisations) register a function
# `user -> Region | None` here, so every reporting route shows the learner's own region.
learner_region_providers: list[Callable] = []


@dataclass(frozen=True)
class RegionChoice:
    """Which region's reporting route to show, and whether the visitor asked for an unknown one."""

    region: Region | None
    unknown_requested: bool = False


def regions_for_picker():
    return Region.objects.only("name", "slug").order_by("name")


def region_with_contacts(**lookup) -> Region | None:
    return Region.objects.prefetch_related("contacts").filter(**lookup).first()


def learner_region(user) -> Region | None:
    if not getattr(user, "is_authenticated", False):
        return None
    for provider in learner_region_providers:
        region = provider(user)
        if region is not None:
            return region
    return None


def region_choice_for_request(request: HttpRequest, *, default: Region | None) -> RegionChoice:
    """Pick the region a visitor asked for, else the learner's own, else the page's default."""
    slug = request.GET.get(REGION_PARAMETER, "").strip()[:120]
    if slug:
        region = region_with_contacts(slug=slug)
        if region is not None:
            return RegionChoice(region=region)
    fallback = learner_region(getattr(request, "user", None)) or default
    region = region_with_contacts(pk=fallback.pk) if fallback is not None else None
    return RegionChoice(region=region, unknown_requested=bool(slug))
