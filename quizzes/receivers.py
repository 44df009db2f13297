"""Move a visitor's quiz attempts into their account when they sign up or log in."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .selectors import VISITOR_SESSION_KEY
from .services import attempts_claim


@receiver(user_signed_up, dispatch_uid="quizzes_claim_on_sign_up")
@receiver(user_logged_in, dispatch_uid="quizzes_claim_on_login")
def claim_visitor_attempts(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    key = session.get(VISITOR_SESSION_KEY) if session is not None else None
    if key:
        attempts_claim(visitor_key=key, user=user)
        del session[VISITOR_SESSION_KEY]
