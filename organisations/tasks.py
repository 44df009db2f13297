"""E-mails sent in the background, one task per e-mail, so a slow mail server holds up nobody."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Invitation, ManualReminder, Membership, Reminder


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(*, template: str, context: dict, to: str) -> None:
    # Reminders go out from a cron job, outside any request: use the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"organisations/email/{template}_subject.txt", context)
        body = render_to_string(f"organisations/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])


@task()
def invitation_email(*, invitation_id: int, link: str) -> None:
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return
    _send(
        template="invitation",
        context={"invitation": invitation, "link": link},
        to=invitation.email,
    )


@task()
def added_email(*, membership_id: int) -> None:
    membership = (
        Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    )
    if membership is None:
        return
    _send(
        template="added",
        context={
            "membership": membership,
            "login_url": site_url(reverse("account_login")),
            "dashboard_url": site_url(reverse("organisations:my_learning")),
        },
        to=membership.user.email,
    )


@task()
def reminder_email(*, reminder_id: int) -> None:
    reminder = (
        Reminder.objects.select_related(
            "user", "assignment__course", "assignment__organisation", "certificate__course"
        )
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or not reminder.user.is_active:
        return
    course = reminder.assignment.course if reminder.assignment else reminder.certificate.course
    _send(
        template=f"reminder_{reminder.stage}",
        context={
            "reminder": reminder,
            "user": reminder.user,
            "course": course,
            "assignment": reminder.assignment,
            "certificate": reminder.certificate,
            "course_url": site_url(course.url or "/"),
            "dashboard_url": site_url(reverse("organisations:my_learning")),
        },
        to=reminder.user.email,
    )


@task()
def manual_reminder_email(*, manual_reminder_id: int) -> None:
    reminder = (
        ManualReminder.objects.select_related(
            "learner", "sent_by", "assignment__course", "assignment__organisation"
        )
        .filter(pk=manual_reminder_id)
        .first()
    )
    if reminder is None or not reminder.learner.is_active:
        return
    course = reminder.assignment.course
    _send(
        template="reminder_manual",
        context={
            "reminder": reminder,
            "assignment": reminder.assignment,
            "course": course,
            "sender_name": reminder.sent_by.get_full_name() if reminder.sent_by else "",
            "overdue": reminder.assignment.due_date < reminder.sent_on,
            "course_url": site_url(course.url or "/"),
        },
        to=reminder.learner.email,
    )
