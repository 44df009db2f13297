"""The graph editor's live check: the problems of the scenario as it stands in the form.

The editor posts the scenes and choices it reads from the page form, before anything is
saved, and shows what would keep the scenario from being published. The checks are the
ones publishing runs (`scenarios.graph.find_problems`), on the same plain graph.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .graph import GraphDataError, ScenarioGraph
from .models import ScenarioPage
from .selectors import scenario_problems

NOT_JSON_MESSAGE = _("The scenario sent for checking could not be read.")


@require_POST
def graph_problems(request, page_id: int):
    """For the editor of an existing scenario: the author must be able to edit it."""
    page = get_object_or_404(ScenarioPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return _problems_response(request, page)


@require_POST
def new_graph_problems(request, parent_id: int):
    """For a scenario being created under `parent_id`, which has no page of its own yet."""
    parent = get_object_or_404(Page, pk=parent_id)
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return _problems_response(request, ScenarioPage())


def _problems_response(request, page: ScenarioPage) -> JsonResponse:
    try:
        graph = ScenarioGraph.from_data(json.loads(request.body))
    except (ValueError, RecursionError) as error:
        message = error if isinstance(error, GraphDataError) else NOT_JSON_MESSAGE
        return JsonResponse({"error": str(message)}, status=400)
    problems = scenario_problems(page, graph)
    return JsonResponse(
        {
            "problems": [
                {"kind": problem.kind, "scene": problem.scene_key, "message": problem.message}
                for problem in problems
            ]
        }
    )
