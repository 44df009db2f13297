from functools import partial

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.completion import Requirement, source_of


class CompletionChoiceBlock(blocks.ChoiceBlock):
    """What a module asks of a scenario before the lesson that holds it counts as done."""

    NONE = "none"
    FINISHED = "finished"
    GOOD = "good"

    def __init__(self, **kwargs):
        super().__init__(
            choices=[
                (self.NONE, _("Nothing: playing is optional")),
                (self.FINISHED, _("Reach an ending")),
                (self.GOOD, _("Reach a good ending")),
            ],
            default=self.FINISHED,
            **kwargs,
        )


class ScenarioValue(blocks.StructValue):
    def requirement_text(self) -> str:
        return {
            CompletionChoiceBlock.FINISHED: _(
                "Play this scenario to the end to complete the lesson."
            ),
            CompletionChoiceBlock.GOOD: _(
                "Reach a good ending in this scenario to complete the lesson."
            ),
        }.get(self.get("requirement"), "")


class ScenarioBlock(blocks.StructBlock):
    """A case scenario inside a lesson, which the lesson can require to be finished."""

    scenario = blocks.PageChooserBlock(label=_("Scenario"), page_type="scenarios.ScenarioPage")
    requirement = CompletionChoiceBlock(label=_("Required for completing the lesson"))

    class Meta:
        icon = "tasks"
        template = "scenarios/blocks/scenario.html"
        value_class = ScenarioValue
        label = _("Scenario")
        description = _(
            "A branching case the learner plays scene by scene; the lesson can require an "
            "ending, or a good ending, before it counts as done."
        )
        preview_value = {"requirement": CompletionChoiceBlock.FINISHED}

    def completion_requirement(self, value) -> Requirement | None:
        # Imported when used: the lesson's blocks module loads while courses' models are
        # still being defined, and the selectors need those models.
        from . import selectors

        page = value.get("scenario")
        requirement = value.get("requirement")
        if page is None or requirement not in (
            CompletionChoiceBlock.FINISHED,
            CompletionChoiceBlock.GOOD,
        ):
            return None
        good = requirement == CompletionChoiceBlock.GOOD
        label = (
            _("Reach a good ending in the scenario '%(title)s'")
            if good
            else _("Finish the scenario '%(title)s'")
        ) % {"title": page.title}
        return Requirement(
            label=label,
            is_met=partial(selectors.has_finished, page_id=page.pk, good_outcome=good),
            source=source_of(page),
        )

    def get_context(self, value, parent_context=None):
        from . import selectors

        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        page = value.get("scenario")
        context["run"] = (
            selectors.run_result(
                page_id=page.pk, user=request.user, session=getattr(request, "session", None)
            )
            if page is not None and request is not None
            else None
        )
        return context
