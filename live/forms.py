from django import forms
from django.utils.translation import gettext_lazy as _

from website.models import Region

from .models import CODE_LENGTH, NICKNAME_MAX_LENGTH

NICKNAME_HELP = _("You don't have to give a name. A nickname is deleted when the session ends.")


class NicknameForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=NICKNAME_MAX_LENGTH,
        required=False,
        help_text=NICKNAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class JoinForm(NicknameForm):
    code = forms.CharField(
        label=_("Code"),
        # Room for the spaces and dashes people type between the groups of four.
        max_length=CODE_LENGTH + 8,
        help_text=_("The eight letters and digits on the trainer's screen."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "live-code-input",
            }
        ),
    )

    field_order = ["code", "nickname"]


class StartForm(forms.Form):
    """Start a session from one source; the view gives the sources to choose from."""

    source = forms.TypedChoiceField(coerce=int, label="")
    title = forms.CharField(
        label=_("Title on the screen"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the title of the module, set or case."),
    )
    region = forms.ModelChoiceField(
        label=_("Region for the reporting route"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("The site's default region"),
    )
    show_tally_while_open = forms.BooleanField(
        label=_("Show the tally while people vote"),
        required=False,
        initial=True,
        help_text=_("Off: the screen shows only how many voted until you close the voting."),
    )

    def __init__(self, *args, sources, source_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(source.pk, source.label) for source in sources]
        self.fields["source"].label = source_label
