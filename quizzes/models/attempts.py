"""Attempts at quizzes and the answers given in them: the learners' records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .content import Option, Question, Quiz


class Attempt(models.Model):
    """One go at a quiz by a learner, or by a visitor identified by a key in their session.

    The questions are fixed when the attempt starts (fixed ones, random draws, shuffled),
    so a resumed attempt continues with the same questions in the same order.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        AWAITING_MARKING = "awaiting_marking", _("Awaiting marking")
        COMPLETED = "completed", _("Completed")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="quiz_attempts",
    )  # fmt: skip
    visitor_key = models.CharField(max_length=64, blank=True, db_index=True)
    number = models.PositiveSmallIntegerField(default=1)
    question_ids = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.IN_PROGRESS, db_index=True
    )
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="Percentage."
    )
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        constraints = [
            # Exactly one of user and visitor key identifies who is taking the quiz.
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(visitor_key=""))
                | (Q(user__isnull=True) & ~Q(visitor_key="")),
                name="attempt_one_owner",
            ),
            # Two simultaneous 'start' requests must not open two attempts.
            models.UniqueConstraint(
                fields=["quiz", "user", "number"],
                condition=Q(user__isnull=False),
                name="attempt_user_number_unique",
            ),
            models.UniqueConstraint(
                fields=["quiz", "visitor_key", "number"],
                condition=~Q(visitor_key=""),
                name="attempt_visitor_number_unique",
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(user__isnull=False, status="in_progress"),
                name="attempt_user_one_open",
            ),
            models.UniqueConstraint(
                fields=["quiz", "visitor_key"],
                condition=~Q(visitor_key="") & Q(status="in_progress"),
                name="attempt_visitor_one_open",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="attempt_user_status_idx")]

    def __str__(self):
        return f"{self.quiz} #{self.number}"

    def get_absolute_url(self):
        return reverse("quizzes:results", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class Answer(models.Model):
    """A learner's answer to one question in one attempt: stored once, graded on the server."""

    class Mark(models.TextChoices):
        CORRECT = "correct", _("Correct")
        PARTLY = "partly", _("Partly correct")
        INCORRECT = "incorrect", _("Incorrect")

    MARK_SCORES = {Mark.CORRECT: 1, Mark.PARTLY: 0.5, Mark.INCORRECT: 0}

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    selected_options = models.ManyToManyField(
        Option, through="AnswerSelection", related_name="answers", blank=True
    )
    text = models.TextField(blank=True)
    # Share of the question's point earned, 0..1; empty while an essay waits for marking.
    score = models.FloatField(null=True, blank=True)
    is_correct = models.BooleanField(null=True)
    answered_at = models.DateTimeField()
    mark = models.CharField(max_length=10, choices=Mark.choices, blank=True)
    marker_comment = models.TextField(blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["attempt", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="answer_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.attempt}: {self.question}"

    @property
    def awaits_marking(self) -> bool:
        return self.score is None


class AnswerSelection(models.Model):
    """An option a learner chose; a table of its own so trainers can count choices per option."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="selections")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="selections")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "option"], name="answer_selection_once")
        ]

    def __str__(self):
        return f"{self.answer_id}: {self.option_id}"
