"""Learners' plays of a scenario: a run with its current state, and every choice made."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .content import SCENE_KEY_MAX_LENGTH, Choice, Outcome, ScenarioPage


class ScenarioRun(models.Model):
    """One learner's (or anonymous visitor's) play of one scenario, with the current state.

    Flags, score and the current scene are kept here so that showing a scene needs no walk
    over the path; they are derived from the recorded steps and rebuilt from them on 'back'.
    A restart starts a new attempt in the same run, keeping earlier steps for the analytics.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        FINISHED = "finished", _("Finished")

    page = models.ForeignKey(ScenarioPage, on_delete=models.CASCADE, related_name="runs")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scenario_runs",
    )
    session_key = models.CharField(_("session"), max_length=40, blank=True)
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    position = models.PositiveIntegerField(_("choices made in this attempt"), default=0)
    current_scene = models.CharField(_("current scene"), max_length=SCENE_KEY_MAX_LENGTH)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    score = models.IntegerField(_("score"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    best_outcome = models.CharField(
        _("best outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_finished_at = models.DateTimeField(_("first finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=Q(user__isnull=False),
                name="scenarios_run_unique_user",
            ),
            models.UniqueConstraint(
                fields=["page", "session_key"],
                condition=Q(user__isnull=True),
                name="scenarios_run_unique_session",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_key=""),
                name="scenarios_run_has_owner",
            ),
        ]
        indexes = [models.Index(fields=["page", "status"], name="scenarios_run_page_status")]

    def __str__(self):
        return f"{self.page_id}: {self.user_id or self.session_key}"

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED


class ScenarioStep(models.Model):
    """One choice a learner made, recorded once.

    The label, keys, score and flags are copied from the choice, so the debrief and the
    counts stay right after an author edits or removes the choice.
    """

    run = models.ForeignKey(ScenarioRun, on_delete=models.CASCADE, related_name="steps")
    attempt = models.PositiveIntegerField(_("attempt"))
    position = models.PositiveIntegerField(_("position"))
    scene_key = models.CharField(_("scene"), max_length=SCENE_KEY_MAX_LENGTH)
    target_key = models.CharField(_("next scene"), max_length=SCENE_KEY_MAX_LENGTH)
    choice = models.ForeignKey(
        Choice, on_delete=models.SET_NULL, null=True, blank=True, related_name="steps"
    )
    choice_label = models.CharField(_("choice"), max_length=200)
    score = models.SmallIntegerField(_("score"), default=0)
    flags_set = models.JSONField(_("flags set"), default=list, blank=True)
    acts_on_signals = models.BooleanField(_("acts on the signals"), default=False)
    retracted = models.BooleanField(
        _("taken back"), default=False, help_text=_("The learner went back from this choice.")
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("scenario step")
        verbose_name_plural = _("scenario steps")
        ordering = ["run", "attempt", "position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "attempt", "position"],
                condition=Q(retracted=False),
                name="scenarios_step_once_per_position",
            ),
        ]

    def __str__(self):
        return f"{self.run_id}/{self.attempt}/{self.position}: {self.choice_label}"
