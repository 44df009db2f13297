"""Learner state: enrolments, lesson progress, certificates, statement answers, reflections.

Every row here is written only through `courses.services`, which keeps the writes idempotent
and safe when two requests of the same learner race. Unique constraints are the last line of
that defence.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Enrolment(models.Model):
    """A learner taking a module.

    `cycle` counts how often the learner went through the module: when a certificate
    expires and they start again, the cycle goes up and lesson progress starts afresh, so
    that the new completion issues a new certificate.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    cycle = models.PositiveSmallIntegerField(_("round"), default=1)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrolment_unique")
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"], name="courses_enrol_course_done"),
        ]

    def __str__(self):
        return f"{self.user} - {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class LessonProgress(models.Model):
    """That a learner completed a lesson in the current round of their enrolment."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="courses_lessonprogress_unique"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} - {self.lesson_id}"


class Certificate(models.Model):
    """Proof that a learner completed a module, verifiable by anyone holding its code."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    cycle = models.PositiveSmallIntegerField(_("round"))
    code = models.CharField(_("verification code"), max_length=64, unique=True)
    learner_name = models.CharField(
        _("name on the certificate"),
        max_length=300,
        blank=True,
        help_text=_(
            "The learner's name when the certificate was issued. Never their e-mail address: "
            "the verification page is public."
        ),
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            # One certificate per round: two simultaneous completions cannot issue two.
            models.UniqueConstraint(
                fields=["enrolment", "cycle"], name="courses_certificate_one_per_round"
            )
        ]
        indexes = [
            models.Index(fields=["user", "course"], name="courses_cert_user_course"),
        ]

    def __str__(self):
        return f"{self.learner_name} - {self.course}"

    def status(self, *, now=None) -> str:
        return self.status_of(revoked_at=self.revoked_at, expires_at=self.expires_at, now=now)

    @classmethod
    def status_of(cls, *, revoked_at, expires_at, now=None) -> str:
        """The status from the two dates alone, for reports that read plain rows."""
        now = now or timezone.now()
        if revoked_at is not None:
            return cls.Status.REVOKED
        if expires_at is not None and expires_at <= now:
            return cls.Status.EXPIRED
        return cls.Status.VALID

    def status_label(self) -> str:
        return self.Status(self.status()).label

    @property
    def is_valid(self) -> bool:
        return self.status() == self.Status.VALID


class StatementAnswer(models.Model):
    """A learner's agree or disagree on a 'De bril op' statement in a lesson.

    A statement is identified by its lesson and the id of its block in the lesson body,
    which stays stable when the author edits the text around it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="statement_answers",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="statement_answers",
    )
    block_id = models.CharField(
        pgettext_lazy("a 'De bril op' statement to agree or disagree with", "statement"),
        max_length=64,
    )
    agrees = models.BooleanField(_("agrees"))
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("statement answer")
        verbose_name_plural = _("statement answers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="courses_statementanswer_unique"
            )
        ]
        indexes = [
            models.Index(fields=["lesson", "block_id"], name="courses_statement_block"),
        ]

    def __str__(self):
        return f"{self.user} - {self.block_id}: {self.agrees}"


class Reflection(models.Model):
    """Private free text a learner writes in a lesson. Nobody else reads it, not even managers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    block_id = models.CharField(_("reflection question"), max_length=64)
    text = models.TextField(_("your reflection"), max_length=5000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="courses_reflection_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} - {self.block_id}"
