"""How a scenario page behaves in the editor: its preview modes, the request its preview is
served with, and its scenes held in memory in a fixed number of queries.

The editor's forms, its graph and the preview read every scene, choice and signal. Read
through modelcluster they cost a query or more per scene and per choice, some 800 for a
case of 200 scenes, in two ways:

- From a revision (a page with a draft), modelcluster rebuilds each child from the JSON one
  row at a time: for every scene it checks that the page and the image exist and reads its
  signals; for every choice it checks that the scene exists. Here the images and signals of
  all scenes are read at once, and the parental keys are not checked: they point to the page
  being read and to its own scenes. (modelcluster drops a choice whose scene row no longer
  exists; here the choice stays with its scene, as the revision has it.)
- Without a newer draft, Wagtail edits the published page itself, whose relations are read
  scene by scene. `scenes_hold` reads the rows in three queries and holds them in memory as
  a revision's are; the `before_edit_page` hook applies it before the edit form is built.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from library.models import Signal


def scenes_from_serializable_data(scene_model, items: list[dict], *, check_fks: bool) -> list:
    """The scenes (with their choices, signals and image) of a revision's JSON, unsaved."""
    signal_ids = {pk for item in items for pk in item.get("signals") or ()}
    signals = Signal.objects.in_bulk(signal_ids) if signal_ids else {}
    image_ids = {item["image"] for item in items if item.get("image") is not None}
    if image_ids and check_fks:
        # An image deleted since the revision is dropped, as its SET_NULL key says.
        image_ids = set(
            get_image_model().objects.filter(pk__in=image_ids).values_list("pk", flat=True)
        )
    scenes = []
    for item in items:
        plain = {name: value for name, value in item.items() if name not in ("signals", "image")}
        scene = scene_model.from_serializable_data(plain, check_fks=False)
        scene.image_id = item.get("image") if item.get("image") in image_ids else None
        scene.signals = [signals[pk] for pk in item.get("signals") or () if pk in signals]
        scenes.append(scene)
    return scenes


def scenes_hold(page) -> None:
    """Hold the page's scenes, choices and signals in memory, read in three queries.

    When no draft is newer than the published rows, Wagtail edits the page itself, whose
    scenes, choices and signals every reader (the editor's forms and their validation, the
    graph, the preview) would fetch scene by scene and choice by choice. Held in memory as a
    revision's are, they cost the same for 10 scenes as for 200.
    """
    if page.pk is not None and "scenes" not in getattr(page, "_cluster_related_objects", {}):
        related = page.__dict__.setdefault("_cluster_related_objects", {})
        related["scenes"] = scenes_from_rows(page)


def scenes_from_rows(page) -> list:
    """The page's scenes with their choices and signals, in three queries, held in memory."""
    scene_model = type(page)._meta.get_field("scenes").related_model
    choice_model = scene_model._meta.get_field("choices").related_model
    through = scene_model._meta.get_field("signals").remote_field.through
    scenes = list(scene_model.objects.filter(page_id=page.pk).order_by("sort_order", "pk"))
    choices: dict[int, list] = {scene.pk: [] for scene in scenes}
    for choice in choice_model.objects.filter(scene__page_id=page.pk).order_by("sort_order", "pk"):
        choices[choice.scene_id].append(choice)
    signals: dict[int, list] = {scene.pk: [] for scene in scenes}
    links = through.objects.filter(scene__page_id=page.pk).select_related("signal").order_by("pk")
    for link in links:
        signals[link.scene_id].append(link.signal)
    for scene in scenes:
        scene.page = page
        for choice in choices[scene.pk]:
            choice.scene = scene
        # modelcluster's in-memory state of a page's children, as a revision leaves it.
        scene._cluster_related_objects = {
            "choices": choices[scene.pk],
            "signals": signals[scene.pk],
        }
    return scenes


PREVIEW_AS_LEARNER = ""
PREVIEW_OVERVIEW = "overview"


class ScenarioEditingMixin:
    """For ScenarioPage: what the editor's preview and revisions need of it."""

    @property
    def preview_modes(self):
        return [(PREVIEW_AS_LEARNER, _("As a learner")), (PREVIEW_OVERVIEW, _("All scenes"))]

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        # Wagtail serves a preview through a bare GET to the page's own address. Playing the
        # preview as a learner moves along the path in the preview's address, so the query
        # and the path of the editor's request go along (`scenarios.preview` reads them).
        extra = dict(extra_request_attrs or {})
        if original_request is not None:
            extra["preview_query"] = original_request.GET.copy()
            extra["preview_address"] = original_request.path
        return super().make_preview_request(original_request, preview_mode, extra)

    def get_latest_revision_as_object(self):
        # Without a newer draft this is the page itself (as Wagtail has it, so that what a
        # caller adds to it is there on its next call), its scenes now held in memory.
        page = super().get_latest_revision_as_object()
        scenes_hold(page)
        return page

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        scenes = data.get("scenes")
        rest = {name: value for name, value in data.items() if name != "scenes"}
        page = super().from_serializable_data(rest, check_fks, strict_fks)
        if page is not None and scenes is not None:
            scene_model = cls._meta.get_field("scenes").related_model
            page.scenes = scenes_from_serializable_data(scene_model, scenes, check_fks=check_fks)
        return page
