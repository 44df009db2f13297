from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from .models import JOIN_CODE_LENGTH
from .selectors import Status
from .services import join_code_normalise

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.EmailInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input",
}


class StyledForm(forms.Form):
    """A form whose inputs carry the NL Design System classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = WIDGET_CLASSES.get(type(field.widget))
            if css:
                field.widget.attrs["class"] = css


class JoinForm(StyledForm):
    code = forms.CharField(
        label=_("Join code"),
        max_length=20,
        help_text=_("The code of eight letters and digits you got from your organisation."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = join_code_normalise(self.cleaned_data["code"])
        if len(code) != JOIN_CODE_LENGTH:
            raise forms.ValidationError(_("A join code has eight letters and digits."))
        return code


class TeamChoiceMixin:
    def _set_teams(self, organisation, *, required=False, empty_label=None):
        field = self.fields["team"]
        field.queryset = organisation.teams.order_by("name")
        field.required = required
        field.empty_label = empty_label


class InvitationForm(TeamChoiceMixin, StyledForm):
    email = forms.EmailField(label=_("E-mail address"))
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_teams(organisation, empty_label=_("No team"))


class AssignmentForm(TeamChoiceMixin, StyledForm):
    course = forms.ModelChoiceField(label=_("Module"), queryset=None)
    team = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False)
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self._set_teams(organisation, empty_label=_("The whole organisation"))

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise forms.ValidationError(_("Choose a due date in the future."))
        return due_date


class StaffUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list"),
        help_text=_(
            "A CSV or XLSX file with a heading row: the name (or first and last name), the "
            "e-mail address and, if you like, the team."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class StaffConfirmForm(forms.Form):
    rows = forms.CharField(widget=forms.HiddenInput)


class DashboardFilterForm(TeamChoiceMixin, StyledForm):
    q = forms.CharField(label=_("Search by name"), max_length=100, required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    course = forms.ModelChoiceField(label=_("Module"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, organisation, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_teams(organisation, empty_label=_("All teams"))
        self.fields["course"].queryset = CoursePage.objects.filter(
            pk__in=[course.pk for course in courses]
        ).order_by("title")
        self.fields["course"].empty_label = _("All modules")
        self.fields["status"].choices = [("", _("Any status")), *Status.CHOICES]
