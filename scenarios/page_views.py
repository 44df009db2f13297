"""What a scenario page shows: to the learner, in the editor's preview and in its graph panel.

`ScenarioPage` holds fields, panels and rules; playing a case and drawing its graph need the
selectors and views, which import the model, so they are reached through
`website.page_view_registry` (its docstring says why). ScenariosConfig.ready() imports this
module.
"""

from django.urls import reverse

from website.page_view_registry import page_view

from .graph import NODE_HEIGHT, NODE_WIDTH, layered_layout
from .models import Outcome, ScenarioPage
from .selectors import scenario_graph, scenario_problems
from .views import scenario_preview, scenario_serve


@page_view(ScenarioPage, "serve")
def scenario_page_serve(page: ScenarioPage, request, *args, **kwargs):
    return scenario_serve(request, page)


@page_view(ScenarioPage, "preview")
def scenario_page_preview(page: ScenarioPage, request, mode_name):
    return scenario_preview(request, page, mode_name)


@page_view(ScenarioPage, "editor_graph")
def scenario_editor_graph(page: ScenarioPage, request) -> dict:
    """For `ScenarioGraphPanel`: the version being edited drawn as a graph, with every
    problem that would keep it from being published."""
    graph = scenario_graph(page)
    problems = scenario_problems(page, graph)
    return {
        "graph": graph,
        "layout": layered_layout(graph, problems),
        "problems": problems,
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
        "outcomes": Outcome.choices,
        "analytics_url": (
            reverse("organisations_admin:scenario_analytics", args=[page.pk]) if page.pk else ""
        ),
    }
