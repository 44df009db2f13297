"""A person's own data: see what is kept, download it as JSON, and delete the account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .selectors import personal_data_export
from .services import account_delete


class AccountDeleteForm(forms.Form):
    """Deleting is final, so the person types their own e-mail address to confirm it."""

    email = forms.EmailField(
        label=gettext_lazy("Type your e-mail address to confirm"),
        widget=forms.EmailInput(
            attrs={"autocomplete": "off", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return email


@require_GET
@login_required
def privacy(request):
    return render(request, "accounts/privacy.html")


@require_GET
@login_required
def data_download(request):
    content = json.dumps(
        personal_data_export(user=request.user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"signaal-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            account_delete(user=user)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("/")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})
