from collections.abc import Iterable
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .widgets import FastWidgetRenderer

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

    def html(self, value, *, only_chosen: bool = False) -> str:
        """The options, the chosen one selected; `only_chosen` leaves out the others (the
        editor's script lists them when the select is opened)."""
        value = "" if value is None else str(value)
        blank = format_html(
            '<option value=""{}>{}</option>', " selected" if not value else "", NO_SCENE_LABEL
        )
        options = [] if only_chosen else list(self._options)
        if only_chosen and value in self._titles:
            options.append(
                format_html('<option value="{}" selected>{}</option>', value, self._titles[value])
            )
        elif value in self._titles:
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

    The scenario form hands every such widget the same `SceneOptions`. The start scene lists
    every scene. A choice's target (`only_chosen`) is rendered with its chosen scene alone:
    540 targets of 200 options were 110,000 options and most of the page. The editor's
    script (`graph-editor.js`) lists the scenes of the form in a target when it gets the
    focus or is opened, and keeps the chosen one in step when scenes are renamed or deleted.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-scene-select": "", **(attrs or {})})
        self.scenes = SceneOptions()
        self.only_chosen = False

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = self.scenes.html(value, only_chosen=self.only_chosen)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class HeldRowField(forms.ModelChoiceField):
    """The hidden id of a scene or choice form, found among the rows being edited.

    Django checks every posted id with a query of its own, one per scene and per choice. The
    rows of the version being edited are in memory (`scenarios.editing`), and a form may
    only name one of those; any other id is refused as Django refuses it.
    """

    def __init__(self, rows: dict, *args, **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.rows[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


class HeldChoiceIterator(ModelChoiceIterator):
    """The choices of a field whose objects were read once for every form."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.held:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.held) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return bool(self.field.held) or self.field.empty_label is not None


def check_held_values(field, value):
    """ModelMultipleChoiceField._check_values, against the objects held on the field."""
    try:
        value = list(dict.fromkeys(str(pk) for pk in value))
    except TypeError:
        raise ValidationError(field.error_messages["invalid_list"], code="invalid_list") from None
    for pk in value:
        if pk not in field.held_by_pk:
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": pk},
            )
    return [field.held_by_pk[pk] for pk in value]


def share_signals(field: forms.ModelMultipleChoiceField, held: list) -> None:
    """A scene's signals, listed and checked against one list read for all scene forms.

    Each scene form would list the library's signals with a query of its own and check the
    chosen ones with another. The field stays Django's (and its markup Wagtail's); only
    where it reads its objects from changes.
    """
    field.held = held
    field.held_by_pk = {str(signal.pk): signal for signal in held}
    field.iterator = HeldChoiceIterator
    field.widget.choices = field.choices
    field._check_values = partial(check_held_values, field)


def held_row_field(field: forms.ModelChoiceField, rows: dict) -> HeldRowField:
    return HeldRowField(
        rows, field.queryset, initial=field.initial, required=False, widget=field.widget
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
        self._share_rows_and_signals()

    def _share_rows_and_signals(self):
        """Scene and choice forms check their ids against the rows in memory, share one list
        of signals (one query), and render their widgets without a template each."""
        scenes = self.formsets.get("scenes")
        if scenes is None:
            return
        renderer = FastWidgetRenderer(scenes.renderer)
        scenes.renderer = renderer
        scene_rows = {scene.pk: scene for scene in scenes.get_queryset() if scene.pk}
        held_signals = None
        for form in scenes.forms:
            form.renderer = renderer
            form.fields["id"] = held_row_field(form.fields["id"], scene_rows)
            if "signals" in form.fields:
                if held_signals is None:
                    held_signals = list(form.fields["signals"].queryset)
                share_signals(form.fields["signals"], held_signals)
            choices = form.formsets.get("choices")
            if choices is None:
                continue
            choices.renderer = renderer
            choice_rows = {choice.pk: choice for choice in choices.get_queryset() if choice.pk}
            for choice in choices.forms:
                choice.renderer = renderer
                choice.fields["id"] = held_row_field(choice.fields["id"], choice_rows)

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
                    choice.fields["target"].widget.only_chosen = True

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
