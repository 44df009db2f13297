from django.db.models import Q
from django.utils import timezone

from .models import User
from .privacy import row_as_dict, rows_of

ACCOUNT_FIELDS = ["email", "first_name", "last_name", "date_joined", "last_login", "is_active"]


def personal_data_export(*, user) -> dict:
    """Everything the platform holds about a person, for them to download as JSON.

    Every model linked to the user appears, even when empty, so the person sees what kinds
    of data exist as well as what is stored about them.
    """
    data: dict[str, list] = {}
    seen: dict[str, set] = {}
    for label, queryset in rows_of(user):
        rows = data.setdefault(label, [])
        ids = seen.setdefault(label, set())
        for instance in queryset.order_by("pk"):
            if instance.pk not in ids:
                ids.add(instance.pk)
                rows.append(row_as_dict(instance))
    return {
        "exported_at": timezone.now(),
        "account": {name: getattr(user, name) for name in ACCOUNT_FIELDS}
        | {"groups": list(user.groups.values_list("name", flat=True))},
        "data": dict(sorted(data.items())),
    }


def inactive_learners(*, since):
    """Learner accounts nobody has used since `since`: candidates for erasure.

    Staff accounts are left alone; an account that never logged in counts from the day it
    was made.
    """
    return User.objects.filter(is_staff=False, is_superuser=False, is_active=True).filter(
        Q(last_login__lt=since) | Q(last_login__isnull=True, date_joined__lt=since)
    )
