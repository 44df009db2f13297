"""The site's log-in form. Kept apart from `accounts.forms`, which allauth imports while it
builds its own forms module: importing allauth's forms from there would go round in a circle."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


class LoginForm(AllauthLoginForm):
    """allauth's log-in, with the e-mail address filled in when the link carries one
    (`?email=`), as allauth's sign-up does: an invitation sends people here with the
    address it was sent to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.request.GET.get("email", "")[:254] if self.request else ""
        if self.is_bound or not email:
            return
        try:
            validate_email(email)
        except ValidationError:
            return
        self.initial.setdefault("login", email)
