"""How a scenario page behaves in the editor: its preview modes, the request its preview is
served with, and reading its scenes back from a revision.

Reading a revision in a fixed number of queries: every open of the editor, every preview,
every publish and every Twee export reads the latest revision, and modelcluster rebuilds
each child from the revision's JSON one row at a time: for every scene it checks that the
page and the image exist and reads its signals; for every choice it checks that the scene
exists. That is a query or more per scene and per choice, some 800 for a case of 200
scenes. Here the images and signals of all scenes are read at once, and the parental keys
are not checked: they point to the page being read and to its own scenes. (modelcluster
drops a choice whose scene row no longer exists; here the choice stays with its scene, as
the revision has it.)
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

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        scenes = data.get("scenes")
        rest = {name: value for name, value in data.items() if name != "scenes"}
        page = super().from_serializable_data(rest, check_fks, strict_fks)
        if page is not None and scenes is not None:
            scene_model = cls._meta.get_field("scenes").related_model
            page.scenes = scenes_from_serializable_data(scene_model, scenes, check_fks=check_fks)
        return page
