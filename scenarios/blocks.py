from functools import partial

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from library.completion import Requirement, source_of
from library.learner_state import learner_state_in
from website.translation import active_locale_id

from . import selectors


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


def in_active_language(page):
    """The chosen scenario in the language being read: a lesson's translation keeps the
    Dutch page chosen, and the learner plays the scenario's translation where there is one.
    A page already in that language needs no lookup (`.localized` asks for the locale)."""
    if page is None:
        return None
    page = page.specific
    if page.locale_id == active_locale_id():
        return page
    return page.localized.specific


class ScenarioValue(blocks.StructValue):
    def localized_scenario(self):
        return in_active_language(self.get("scenario"))

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
        page = in_active_language(value.get("scenario"))
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

    def learner_states(self, values_by_block_id, *, page, user, session):
        """The learner's run of each scenario of the lesson (`library.learner_state`)."""
        pages = {
            block_id: in_active_language(value.get("scenario"))
            for block_id, value in values_by_block_id.items()
            if value.get("scenario") is not None
        }
        runs = selectors.run_results(
            page_ids=[scenario.pk for scenario in pages.values()], user=user, session=session
        )
        return {
            block_id: runs[scenario.pk]
            for block_id, scenario in pages.items()
            if scenario.pk in runs
        }

    def requirement_met(self, value, state) -> bool:
        """The requirement above, answered from the run `learner_states` loaded."""
        return selectors.run_has_finished(
            state, good_outcome=value.get("requirement") == CompletionChoiceBlock.GOOD
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["run"] = learner_state_in(parent_context)
        return context
