"""What must be the same before and after the migrations, read through a set of models.

The same reads run on the historical models of the old schema and on the current models,
so a difference can only come from the migrations in between.
"""

from django.apps.registry import Apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.services import TRAINER_GROUP_NAME
from courses.selectors import certificate_for_code
from website.cache import forget_all

SIGNAL_FIELDS = ("id", "title", "slug", "kind", "category", "phase", "summary", "explanation")


def signal_model_of(apps: Apps):
    """The signal model wherever it lives: the model that quiz questions are tagged with."""
    return apps.get_model("quizzes", "Question")._meta.get_field("signals").related_model


def tables_of(apps: Apps) -> dict[str, type]:
    """Every table the models describe, many-to-many tables included."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        tables[meta.db_table] = model
    return tables


def counts(apps: Apps) -> dict[str, int]:
    return {table: model._base_manager.count() for table, model in sorted(tables_of(apps).items())}


def _tags(through) -> dict[int, list[tuple[int, str]]]:
    owner = next(
        field.name
        for field in through._meta.get_fields()
        if field.is_relation and field.name != "signal"
    )
    tags: dict[int, list[tuple[int, str]]] = {}
    for owner_id, signal_id, title in through.objects.values_list(
        f"{owner}_id", "signal_id", "signal__title"
    ).order_by(f"{owner}_id", "signal_id"):
        tags.setdefault(owner_id, []).append((signal_id, title))
    return tags


def signal_facts(apps: Apps) -> dict:
    """The signals, everything that points at them, and who may change them."""
    signal = signal_model_of(apps)
    question = apps.get_model("quizzes", "Question")
    scene = apps.get_model("scenarios", "Scene")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_type_ids = list(
        content_type_model.objects.filter(
            app_label=signal._meta.app_label, model=signal._meta.model_name
        ).values_list("pk", flat=True)
    )
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__in=content_type_ids
    )
    trainers = apps.get_model("auth", "Group").objects.get(name=TRAINER_GROUP_NAME)
    return {
        "signals": list(signal._base_manager.order_by("pk").values(*SIGNAL_FIELDS)),
        "signal_sectors": sorted(
            signal._meta.get_field("sectors").remote_field.through.objects.values_list(
                "signal_id", "sector_id"
            )
        ),
        "question_tags": _tags(question._meta.get_field("signals").remote_field.through),
        "scene_tags": _tags(scene._meta.get_field("signals").remote_field.through),
        "draws": list(
            apps.get_model("quizzes", "QuizDraw")
            .objects.order_by("pk")
            .values_list("pk", "signal_id", "signal__title")
        ),
        "signal_content_type_ids": content_type_ids,
        "signal_permissions": sorted(permissions.values_list("pk", "codename")),
        "trainer_signal_permissions": sorted(
            trainers.permissions.filter(content_type__in=content_type_ids).values_list(
                "pk", "codename"
            )
        ),
        "references_to_signals": sorted(
            apps.get_model("wagtailcore", "ReferenceIndex")
            .objects.filter(to_content_type__in=content_type_ids)
            .values_list("pk", "object_id", "to_object_id")
        ),
    }


def _forget_caches() -> None:
    # Content types, cached pages and content must come from the database as it is now.
    ContentType.objects.clear_cache()
    cache.clear()
    forget_all()


def certificate_checks(codes: list[str]) -> dict[str, dict]:
    """The public certificate check, through its selector and its page, as a visitor."""
    _forget_caches()
    client = Client()
    checks = {}
    for code in codes:
        certificate = certificate_for_code(code=code)
        response = client.get(reverse("courses:certificate_verify", args=[code]))
        html = response.content.decode()
        # The part about the certificate, without the header and tokens around it.
        start = html.find('role="status"')
        checks[code] = {
            "found": certificate is not None,
            "status": certificate.status() if certificate else None,
            "learner_name": certificate.learner_name if certificate else None,
            "course": (certificate.course_id, certificate.course.title) if certificate else None,
            "dates": (
                (certificate.issued_at, certificate.expires_at, certificate.revoked_at)
                if certificate
                else None
            ),
            "http_status": response.status_code,
            "page": html[start : html.find("</dl>", start)] if start >= 0 else None,
        }
    return checks


def trainer_may_change_signals(email: str, signal_app_label: str) -> bool:
    """Through the current code's permission check, with the app label signals have."""
    _forget_caches()
    trainer = get_user_model().objects.get(email=email)
    return trainer.has_perm(f"{signal_app_label}.change_signal")
