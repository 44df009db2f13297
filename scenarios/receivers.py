"""Move a visitor's scenario runs into their account when they get one."""

from allauth.account.signals import user_logged_in, user_signed_up
from django.dispatch import receiver

from .services import session_runs_claim


@receiver(user_signed_up, dispatch_uid="scenarios_claim_on_sign_up")
@receiver(user_logged_in, dispatch_uid="scenarios_claim_on_login")
def claim_session_runs(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_runs_claim(user=user, session=request.session)
