from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# The graph panel on the edit screen renders a <datalist> with this id listing the scenes
# of the scenario, so every key field can suggest them without JavaScript.
SCENE_KEYS_DATALIST_ID = "scenario-scene-keys"

DUPLICATE_KEY_MESSAGE = _("Another scene in this scenario already has the key '%(key)s'.")


class SceneKeyInput(forms.TextInput):
    """A text field for a scene key that suggests the keys of the scenario's scenes."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"list": SCENE_KEYS_DATALIST_ID, "autocomplete": "off", **(attrs or {})}
        )


class ScenarioPageForm(WagtailAdminPageForm):
    """The scenario edit form; keys must be unique, the rest is checked only on publishing.

    A duplicate key would make a choice's target ambiguous, so it is a form error. Problems
    in the shape of the graph (unreachable scenes, dead ends ...) never block saving a
    draft: authors build a scenario over several sittings.
    """

    def is_valid(self):
        valid = super().is_valid()
        scenes = self.formsets.get("scenes")
        if not valid or scenes is None:
            return valid
        seen = set()
        for form in scenes.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if form.cleaned_data.get(DELETION_FIELD_NAME):
                continue
            key = form.cleaned_data.get("key")
            if key in seen:
                form.add_error("key", DUPLICATE_KEY_MESSAGE % {"key": key})
                valid = False
            seen.add(key)
        return valid


# The largest attempt, position and choice id the database columns hold. A larger number
# never came from a page we showed; it is refused as a bad request, not taken for a repeat.
POSITIVE_INTEGER_MAX = 2**31 - 1
BIG_INTEGER_MAX = 2**63 - 1


class RestartForm(forms.Form):
    """The hidden state a scenario form was shown with, so that a repeat can be recognised."""

    attempt = forms.IntegerField(min_value=1, max_value=POSITIVE_INTEGER_MAX)


class BackForm(RestartForm):
    position = forms.IntegerField(min_value=0, max_value=POSITIVE_INTEGER_MAX)


class ChoiceForm(BackForm):
    choice_id = forms.IntegerField(min_value=1, max_value=BIG_INTEGER_MAX)
