from django import forms
from django.utils.translation import gettext_lazy as _

from library.models import Signal
from website.models import Sector

SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class SignalFilterForm(forms.Form):
    """Filters of the public signal library; every field may stay empty."""

    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sectors"),
        widget=forms.Select(attrs=SELECT),
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[("", _("All phases")), *Signal.Phase.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    category = forms.ChoiceField(
        label=_("About"),
        choices=[("", _("Everything")), *Signal.Category.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Signals and risk factors")), *Signal.Kind.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )


class StatementAnswerForm(forms.Form):
    AGREE = "agree"
    DISAGREE = "disagree"

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(AGREE, _("Agree")), (DISAGREE, _("Disagree"))],
        widget=forms.RadioSelect,
    )

    @property
    def agrees(self) -> bool:
        return self.cleaned_data["answer"] == self.AGREE


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you can read this."),
    )
