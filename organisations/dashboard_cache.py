"""An organisation's status grid, kept between views of the manager dashboard.

Working out every member's status in every assigned module reads tens of thousands of rows
for a large organisation, and managers open the dashboard far more often than those rows
change. So the grid is kept in the shared cache, under a version per organisation that
moves whenever something the grid is made of changes: a member's enrolment or
certificate, a membership, a team or an assignment. Time is part of it too: the date is in
the key, since due dates pass at midnight, and a grid is kept no longer than until the
first certificate in it expires.

A search by name is not kept: it is typed once and names can change.
"""

import datetime
from collections.abc import Callable

from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from courses.models import Certificate, Enrolment
from library.events import learner_records_changed
from website.cache import shared_remember, versions_move

from .models import Assignment, Membership, Team

GRID_SECONDS = 600
# Part of every key: a release that changes what is kept must not read an older shape.
GRID_SHAPE = 2


def _version_key(organisation_id: int) -> str:
    return f"dashboard-grid:{organisation_id}:version"


def organisations_changed(organisation_ids) -> None:
    """Drop the kept grids of these organisations (see `website.cache.versions`)."""
    versions_move(_version_key(pk) for pk in organisation_ids)


def kept_grid(
    *,
    organisation_id: int,
    variant: tuple,
    user_ids,
    course_ids: list[int],
    build: Callable,
):
    """The grid (and its totals) for this organisation and filter `variant`, built when
    not kept."""
    today = timezone.localdate()
    variant_part = "-".join(str(part) for part in variant)
    return shared_remember(
        f"dashboard-grid:{GRID_SHAPE}:{organisation_id}:{today}:{variant_part}",
        build,
        version_key=_version_key(organisation_id),
        seconds=lambda: _seconds_kept(user_ids, course_ids),
    )


def _seconds_kept(user_ids, course_ids: list[int]) -> int:
    now = timezone.now()
    first_expiry = Certificate.objects.filter(
        user_id__in=user_ids, course_id__in=course_ids, revoked_at__isnull=True, expires_at__gt=now
    ).aggregate(first=Min("expires_at"))["first"]
    if first_expiry is None:
        return GRID_SECONDS
    until = (first_expiry - now) / datetime.timedelta(seconds=1)
    return max(1, min(GRID_SECONDS, int(until)))


def _organisations_of(user_ids) -> set[int]:
    return set(
        Membership.objects.filter(user_id__in=user_ids).values_list("organisation_id", flat=True)
    )


def _learner_record_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        organisations_changed(_organisations_of([instance.user_id]))


def _organisation_record_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        organisations_changed([instance.organisation_id])


def _records_changed(sender, user_ids, **kwargs) -> None:
    organisations_changed(_organisations_of(user_ids))


def dashboard_cache_receivers_connect() -> None:
    receivers = [(model, _learner_record_changed) for model in (Enrolment, Certificate)]
    receivers += [(model, _organisation_record_changed) for model in (Membership, Assignment, Team)]
    for model, receiver in receivers:
        label = model._meta.label_lower
        post_save.connect(receiver, sender=model, dispatch_uid=f"grid_saved_{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"grid_deleted_{label}")
    learner_records_changed.connect(_records_changed, dispatch_uid="grid_records")
