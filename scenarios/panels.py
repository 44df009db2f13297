from django.urls import reverse
from wagtail.admin.panels import Panel

from .forms import SCENE_KEYS_DATALIST_ID


class ScenarioGraphPanel(Panel):
    """The scenario drawn as a graph above its scenes, with every publishing problem listed.

    It draws the version being edited (the latest draft), so authors see the effect of a
    saved change before they publish it.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "scenarios/admin/graph_panel.html"

        class Media:
            css = {"all": ["scenarios/scenario-admin.css"]}

        def get_context_data(self, parent_context=None):
            from .graph import NODE_HEIGHT, NODE_WIDTH, layered_layout
            from .selectors import scenario_graph, scenario_problems

            context = super().get_context_data(parent_context)
            graph = scenario_graph(self.instance)
            problems = scenario_problems(self.instance, graph)
            context.update(
                graph=graph,
                layout=layered_layout(graph, problems),
                problems=problems,
                datalist_id=SCENE_KEYS_DATALIST_ID,
                node_width=NODE_WIDTH,
                node_height=NODE_HEIGHT,
                analytics_url=(
                    reverse("scenarios_admin:analytics", args=[self.instance.pk])
                    if self.instance.pk
                    else ""
                ),
            )
            return context
