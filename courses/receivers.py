"""Move a visitor's progress in public modules into their account when they get one, and
complete the lessons whose requirements a learner's quiz or scenario just met."""

from allauth.account.signals import user_logged_in, user_signed_up
from django.dispatch import receiver

from library.events import activity_done

from .services import lessons_complete_for_activity, session_progress_claim


@receiver(user_signed_up, dispatch_uid="courses_claim_on_sign_up")
@receiver(user_logged_in, dispatch_uid="courses_claim_on_login")
def claim_session_progress(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_progress_claim(user=user, session=request.session)


@receiver(activity_done, dispatch_uid="courses_complete_lessons_on_activity")
def complete_lessons_on_activity(sender, instance, user=None, session=None, **kwargs):
    lessons_complete_for_activity(instance=instance, user=user, session=session)
