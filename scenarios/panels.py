from wagtail.admin.panels import Panel


class ScenarioGraphPanel(Panel):
    """The scenario drawn as a graph above its scenes, with every publishing problem listed.

    It draws the version being edited (the latest draft), so authors see the effect of a
    saved change before they publish it. The graph and its problems come from the
    selectors, which import the scenario models that name this panel; so the panel asks
    the page, whose "editor_graph" page view (`scenarios.page_views`) works them out.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "scenarios/admin/graph_panel.html"

        class Media:
            css = {"all": ["scenarios/scenario-admin.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.instance.call_page_view("editor_graph", self.request))
            return context
