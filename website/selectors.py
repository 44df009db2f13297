from dataclasses import dataclass

from django.http import HttpRequest

from .models import Region

REGION_PARAMETER = "regio"


@dataclass(frozen=True)
class RegionChoice:
    """Which region's reporting route to show, and whether the visitor asked for an unknown one."""

    region: Region | None
    unknown_requested: bool = False


def regions_for_picker():
    return Region.objects.only("name", "slug").order_by("name")


def region_with_contacts(**lookup) -> Region | None:
    return Region.objects.prefetch_related("contacts").filter(**lookup).first()


def region_choice_for_request(request: HttpRequest, *, default: Region | None) -> RegionChoice:
    """Pick the region a visitor asked for, falling back to the page's default region."""
    slug = request.GET.get(REGION_PARAMETER, "").strip()[:120]
    if slug:
        region = region_with_contacts(slug=slug)
        if region is not None:
            return RegionChoice(region=region)
    fallback = region_with_contacts(pk=default.pk) if default is not None else None
    return RegionChoice(region=fallback, unknown_requested=bool(slug))
