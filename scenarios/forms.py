from collections.abc import Iterable

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

DUPLICATE_KEY_MESSAGE = _("Another scene in this scenario already has the key '%(key)s'.")
NO_SCENE_LABEL = _("(choose a scene)")
MISSING_SCENE_LABEL = _("'%(key)s' (does not exist)")


class SceneOptions:
    """The scenes of one scenario as the options of a scene select, rendered once.

    Every choice of a scenario has a target select listing all its scenes: 400 selects of
    200 options in a large case. Rendering each option through a template would cost
    seconds, so the options are formatted once per form and joined per select.
    """

    def __init__(self, scenes: Iterable[tuple[str, str]] = ()):
        self._options: list[str] = []
        self._titles: dict[str, str] = {}
        self._index: dict[str, int] = {}
        for key, title in scenes:
            if not key or key in self._titles:
                continue
            self._titles[key] = title or key
            self._index[key] = len(self._options)
            self._options.append(format_html('<option value="{}">{}</option>', key, title or key))

    def html(self, value) -> str:
        value = "" if value is None else str(value)
        blank = format_html(
            '<option value=""{}>{}</option>', " selected" if not value else "", NO_SCENE_LABEL
        )
        options = list(self._options)
        if value in self._titles:
            options[self._index[value]] = format_html(
                '<option value="{}" selected>{}</option>', value, self._titles[value]
            )
        elif value:
            # A key that names no scene (a Twine import, an older draft) stays chosen, so
            # saving does not quietly drop it; the graph lists it as a problem.
            options.append(
                format_html(
                    '<option value="{}" selected>{}</option>',
                    value,
                    MISSING_SCENE_LABEL % {"key": value},
                )
            )
        return mark_safe(blank + "".join(options))  # noqa: S308 (parts built by format_html)


class SceneSelect(forms.Select):
    """A scene of this scenario, chosen by its title; the scene's key is what is stored.

    The scenario form hands every such widget the same `SceneOptions`; the graph editor's
    script keeps the options in step when scenes are added, renamed or deleted.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-scene-select": "", **(attrs or {})})
        self.scenes = SceneOptions()

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(final_attrs), self.scenes.html(value)
        )


class ScenarioPageForm(WagtailAdminPageForm):
    """The scenario edit form; keys must be unique, the rest is checked only on publishing.

    A duplicate key would make a choice's target ambiguous, so it is a form error. Problems
    in the shape of the graph (unreachable scenes, dead ends ...) never block saving a
    draft: authors build a scenario over several sittings.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._share_scene_options()

    def _share_scene_options(self):
        """Give the start scene and every choice's target the scenes of this form as options.

        The scenes are read from the scene forms (the submitted ones when the form is bound),
        so no query is added whatever the number of scenes.
        """
        scenes = self.formsets.get("scenes")
        if scenes is None:
            return
        live_forms = [
            form
            for form in scenes.forms
            if not (form.is_bound and form.data.get(form.add_prefix(DELETION_FIELD_NAME)))
        ]
        options = SceneOptions((form["key"].value(), form["title"].value()) for form in live_forms)
        if "start_scene" in self.fields:
            self.fields["start_scene"].widget.scenes = options
        for form in scenes.forms:
            for choice in form.formsets["choices"].forms if "choices" in form.formsets else ():
                if "target" in choice.fields:
                    choice.fields["target"].widget.scenes = options

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
