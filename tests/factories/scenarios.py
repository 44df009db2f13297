"""Scenario pages, built from a compact description of their graph: a spec maps each scene's
key to a scene(), and the scene's choices lead to other keys."""

import factory
from wagtail_factories import PageFactory

from scenarios.models import Choice, ScenarioPage, Scene


class ScenarioPageFactory(PageFactory):
    """A published scenario with the scenes of `spec` (key -> scene()), read back from the
    database as a visitor gets it."""

    class Meta:
        model = ScenarioPage

    class Params:
        spec = factory.LazyFunction(lambda: branching_spec())

    title = "Casus"
    slug = "casus"
    start_scene = "start"
    scenes = factory.LazyAttribute(lambda page: build_scenes(page.spec))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        page.save_revision().publish()
        return model_class.objects.get(pk=page.pk)


def scene(title, *, outcome="", choices=(), signals=(), debrief="", text=""):
    """A scene description; choices are (label, target) pairs or dicts of Choice fields."""
    return {
        "title": title,
        "outcome": outcome,
        "choices": choices,
        "signals": signals,
        "debrief": debrief,
        "text": text,
    }


def build_scenes(spec: dict) -> list[Scene]:
    scenes = []
    for order, (key, data) in enumerate(spec.items()):
        choices = []
        for choice_order, choice in enumerate(data["choices"]):
            fields = (
                dict(choice)
                if isinstance(choice, dict)
                else {"label": choice[0], "target": choice[1]}
            )
            choices.append(Choice(sort_order=choice_order, **fields))
        built = Scene(
            key=key,
            title=data["title"],
            text=data["text"],
            outcome=data["outcome"],
            debrief=data["debrief"],
            sort_order=order,
            choices=choices,
        )
        if data["signals"]:
            built.signals = list(data["signals"])
        scenes.append(built)
    return scenes


def linear_spec(length: int) -> dict:
    """A scenario of `length` scenes in a chain with two choices each, the last an ending."""
    spec = {}
    for number in range(length - 1):
        following = f"s{number + 1}" if number + 1 < length - 1 else "end"
        key = "start" if number == 0 else f"s{number}"
        spec[key] = scene(
            f"Scene {number}",
            choices=[
                {"label": "Act", "target": following, "score": 2, "sets_flags": "acted"},
                {"label": "Wait", "target": following, "score": -1},
            ],
        )
    spec["end"] = scene("End", outcome="good", debrief="<p>Well done.</p>")
    return spec


def branching_spec() -> dict:
    """A small case with a flag: consulting first opens the best option later."""
    return {
        "start": scene(
            "A pupil changes",
            choices=[
                {
                    "label": "Consult Veilig Thuis",
                    "target": "talk",
                    "score": 3,
                    "sets_flags": "consulted",
                    "acts_on_signals": True,
                    "feedback": "Good: advice first.",
                },
                {"label": "Ignore it", "target": "later", "score": -3, "feedback": "Risky."},
            ],
        ),
        "talk": scene(
            "A conversation",
            choices=[
                {"label": "Report together", "target": "good", "requires_flags": "consulted"},
                {"label": "Wait and see", "target": "partial"},
            ],
        ),
        "later": scene("Weeks later", choices=[("Too late", "harmful"), ("Talk now", "talk")]),
        "good": scene("Help arrives", outcome="good", debrief="<p>Meldcode followed.</p>"),
        "partial": scene("Some help", outcome="partial"),
        "harmful": scene("She disappears", outcome="harmful"),
    }
