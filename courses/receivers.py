"""Move a visitor's progress in public modules into their account when they get one."""

from allauth.account.signals import user_logged_in, user_signed_up
from django.dispatch import receiver

from .services import session_progress_claim


@receiver(user_signed_up, dispatch_uid="courses_claim_on_sign_up")
@receiver(user_logged_in, dispatch_uid="courses_claim_on_login")
def claim_session_progress(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_progress_claim(user=user, session=request.session)
