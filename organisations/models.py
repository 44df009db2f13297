"""Organisations, their teams and people, and the modules they assign to their staff.

A person may belong to several organisations (a youth worker employed by a care
organisation and volunteering at a school), with a role in each. Managers see the status,
dates and pass or fail of their own organisation's learners, never their answers.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

# Join codes are typed on a phone, often read aloud: no 0/O, 1/I/L that look or sound alike.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def join_code_generate() -> str:
    """A fresh random join code that no organisation uses yet."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not Organisation.objects.filter(join_code=code).exists():
            return code


class Organisation(ClusterableModel):
    """A school, taxi company, municipality or care organisation whose staff take modules."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        TAXI_COMPANY = "taxi_company", _("Taxi company")
        MUNICIPALITY = "municipality", _("Municipality")
        CARE = "care", _("Care organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    region = models.ForeignKey(
        "website.Region",
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Its learners see the reporting route of this region."),
    )
    join_code = models.CharField(
        _("join code"),
        max_length=JOIN_CODE_LENGTH,
        unique=True,
        blank=True,
        null=True,
        help_text=_("Staff type this code to join. Leave empty to create one."),
    )
    join_code_enabled = models.BooleanField(_("joining with the code is allowed"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("join_code"),
        FieldPanel("join_code_enabled"),
        InlinePanel("teams", label=_("Teams")),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.join_code:
            code = self.join_code.strip().upper()
            if len(code) != JOIN_CODE_LENGTH or set(code) - set(JOIN_CODE_ALPHABET):
                raise ValidationError(
                    {
                        "join_code": _(
                            "A join code has eight capitals and digits, without 0, O, 1, I or L."
                        )
                    }
                )

    def save(self, *args, **kwargs):
        if not self.join_code:
            self.join_code = join_code_generate()
        else:
            self.join_code = self.join_code.strip().upper()
        super().save(*args, **kwargs)


class Team(Orderable):
    """A group within an organisation, such as a school's lower years or a night shift."""

    organisation = ParentalKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="organisations_team_name")
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's place in an organisation: their role and, optionally, their team."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        MANAGER = "manager", _("Manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEARNER)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("team"),
    ]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="organisations_membership_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "role"], name="organisations_member_role"),
        ]

    def __str__(self):
        return f"{self.user} - {self.organisation} ({self.get_role_display()})"

    def clean(self):
        if (
            self.team_id
            and self.organisation_id
            and self.team.organisation_id != self.organisation_id
        ):
            raise ValidationError({"team": _("Choose a team of this organisation.")})


class Invitation(models.Model):
    """A personal invitation sent by e-mail; the link in it carries a signed, expiring token."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.SET_NULL, null=True, blank=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="organisations_invitation_unique"
            )
        ]

    def __str__(self):
        return f"{self.email} - {self.organisation}"


class Assignment(models.Model):
    """A module an organisation asks all its learners, or one team, to complete by a date."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        help_text=_("Leave empty to assign the module to the whole organisation."),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course"],
                condition=Q(team__isnull=True),
                name="organisations_assignment_whole",
            ),
            models.UniqueConstraint(
                fields=["team", "course"],
                condition=Q(team__isnull=False),
                name="organisations_assignment_team",
            ),
        ]

    def __str__(self):
        return f"{self.course} - {self.team or self.organisation}"


class Reminder(models.Model):
    """That one reminder e-mail of one stage went to one learner; each stage goes out once."""

    class Stage(models.TextChoices):
        BEFORE_DUE = "before_due", _("Due date approaching")
        OVERDUE = "overdue", _("Overdue")
        CERTIFICATE_EXPIRY = "certificate_expiry", _("Certificate about to expire")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="organisation_reminders",
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    certificate = models.ForeignKey(
        "courses.Certificate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "stage"],
                condition=Q(assignment__isnull=False),
                name="organisations_reminder_assignment_once",
            ),
            models.UniqueConstraint(
                fields=["certificate", "user", "stage"],
                condition=Q(certificate__isnull=False),
                name="organisations_reminder_certificate_once",
            ),
            models.CheckConstraint(
                condition=Q(assignment__isnull=False) ^ Q(certificate__isnull=False),
                name="organisations_reminder_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.stage}"


class ManualReminder(models.Model):
    """A reminder a manager sent by hand to one learner about one assignment.

    One a day per learner and assignment, kept by the unique constraint: two clicks at the
    same moment send a single e-mail. Who sent it and when stays on record.
    """

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="manual_reminders",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="manual_reminders_received",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("manual reminder")
        verbose_name_plural = _("manual reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "learner", "sent_on"],
                name="organisations_manual_reminder_daily",
            )
        ]
        indexes = [
            models.Index(fields=["learner", "-sent_at"], name="organisations_manual_learner"),
        ]

    def __str__(self):
        return f"{self.learner} - {self.assignment} ({self.sent_on})"
