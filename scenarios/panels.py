from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.panels import Panel

from .forms import MISSING_SCENE_LABEL, NO_SCENE_LABEL

PROBLEMS_SINGULAR = (
    "This scenario has %(counter)s problem. It can be saved as a draft, but not published "
    "until it is solved."
)
PROBLEMS_PLURAL = (
    "This scenario has %(counter)s problems. It can be saved as a draft, but not published "
    "until they are solved."
)


def editor_text() -> dict:
    """What the graph editor's script says, in the editor's language."""
    return {
        "noScene": str(NO_SCENE_LABEL),
        "missingScene": str(MISSING_SCENE_LABEL),
        "newScene": _("New scene %(number)s"),
        "untitled": _("(no title)"),
        "outcomes": {
            "good": _("good ending"),
            "partial": _("partial ending"),
            "harmful": _("harmful ending"),
        },
        "handle": _("Drag onto another scene to add a choice that leads there"),
        "added": _("Scene '%(title)s' added."),
        "linked": _("'%(source)s' now leads to '%(target)s' with the choice '%(label)s'."),
        "endingHasNoChoices": _(
            "'%(title)s' is an ending, and an ending has no choices. Make it a normal scene "
            "first (Ending: not an ending)."
        ),
        "endingSet": _("'%(title)s' is now an ending (%(outcome)s)."),
        "endingCleared": _("'%(title)s' is no longer an ending."),
        "startSet": _("'%(title)s' is now the start scene."),
        "deleted": _("Scene '%(title)s' deleted. Choices that led there now lead nowhere."),
        "choiceDeleted": _("The choice '%(label)s' was deleted."),
        "noChoice": _("(none chosen)"),
        "choiceTo": _("%(label)s → %(target)s"),
        "choiceNowhere": _("%(label)s (leads nowhere yet)"),
        "noProblems": _("No problems found: every scene can be reached and leads to an ending."),
        # The same sentences as the list drawn on the server, so one translation serves both.
        "problemsOne": ngettext(PROBLEMS_SINGULAR, PROBLEMS_PLURAL, 1),
        "problemsOther": ngettext(PROBLEMS_SINGULAR, PROBLEMS_PLURAL, 2),
        "checkFailed": _(
            "The problems could not be checked just now (%(error)s). Saving checks them again."
        ),
    }


class ScenarioGraphPanel(Panel):
    """The scenario as a graph above its scenes: an editor over the page's own form.

    The script (`scenarios/graph-editor.js`) reads the scene and choice forms below and
    writes to them, so saving, drafts, revisions and publishing stay Wagtail's. Without
    the script the panel shows the version being edited drawn as SVG, with every
    publishing problem listed. The graph and its problems come from the selectors, which
    import the scenario models that name this panel; so the panel asks the page, whose
    "editor_graph" page view (`scenarios.page_views`) works them out.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "scenarios/admin/graph_panel.html"

        class Media:
            css = {"all": ["scenarios/scenario-admin.css"]}
            js = [
                "vendor/cytoscape/cytoscape.min.js",
                "vendor/cytoscape-dagre/cytoscape-dagre.min.js",
                "scenarios/edgehandles-lodash.js",
                "vendor/cytoscape-edgehandles/cytoscape-edgehandles.js",
                "scenarios/graph-editor.js",
            ]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.instance.call_page_view("editor_graph", self.request))
            context["problems_url"] = self.problems_url()
            context["editor_text"] = editor_text()
            return context

        def problems_url(self) -> str:
            if self.instance.pk:
                return reverse("scenarios_admin:graph_problems", args=[self.instance.pk])
            parent = getattr(self.form, "parent_page", None)
            if parent is None:
                return ""
            return reverse("scenarios_admin:new_graph_problems", args=[parent.pk])
