"""Live 'De bril op' sessions: a trainer leads a room through statements or a case, and
everyone votes from their phone.

The items of a session are copied from their source when the session reaches them (a
module's statements, a set of statements, the scenes of a case), so the summary a trainer
keeps still reads right after the source is edited or deleted. Participants have no account
and give no name: a random token in a signed cookie is all that ties a phone to its votes.
When the session ends, each item keeps only its counts, and participants and their votes
are deleted.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from courses.blocks import StatementBlock
from scenarios.models import Outcome
from website.fields import StreamField

# Read aloud and typed on a phone: no 0/O, 1/I/L that look or sound alike. 31 ** 8 codes
# (8.5 * 10 ** 11): with even a thousand sessions running, a guess hits one in about a
# billion, and failed guesses are rate-limited.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
# A session ends by itself this long after it started, and its nicknames go with it.
SESSION_LIFETIME = datetime.timedelta(hours=12)
NICKNAME_MAX_LENGTH = 30


def session_expiry() -> datetime.datetime:
    return timezone.now() + SESSION_LIFETIME


class StatementSet(TranslatableMixin, models.Model):
    """Statements a trainer puts together for a session, apart from any module."""

    title = models.CharField(_("title"), max_length=160)
    statements = StreamField(
        [("statement", StatementBlock())],
        verbose_name=_("statements"),
        help_text=_("Read out one by one in a live session, each with its expert view."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("title"), FieldPanel("statements")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("set of statements")
        verbose_name_plural = _("sets of statements")
        ordering = ["title"]

    def __str__(self):
        return self.title


class LiveSession(models.Model):
    class Kind(models.TextChoices):
        STATEMENTS = "statements", _("Statements")
        SCENARIO = "scenario", _("Case scenario")

    class Stage(models.TextChoices):
        LOBBY = "lobby", _("Joining")
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Voting closed")
        EXPERT = "expert", _("Expert view")

    code = models.CharField(_("code"), max_length=CODE_LENGTH)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("module"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    statement_set = models.ForeignKey(
        StatementSet,
        verbose_name=_("set of statements"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    scenario = models.ForeignKey(
        "scenarios.ScenarioPage",
        verbose_name=_("scenario"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "website.Region",
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Endings show the reporting route of this region."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="live_sessions",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=session_expiry)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    stage = models.CharField(
        pgettext_lazy("of a live session", "stage"),
        max_length=10,
        choices=Stage.choices,
        default=Stage.LOBBY,
    )
    position = models.PositiveIntegerField(_("current item"), default=0)
    current_item = models.ForeignKey(
        "LiveItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Moves on every change the trainer makes, so a participant's poll answers 'no change'
    # by comparing one number.
    version = models.PositiveIntegerField(_("version"), default=1)
    show_tally_while_open = models.BooleanField(
        _("show the tally while voting"),
        default=True,
        help_text=_("Leave off to show only how many voted until you close the voting."),
    )
    # The number of participants, kept when they are deleted at the end.
    participant_count = models.PositiveIntegerField(_("participants"), default=0)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        permissions = [("run_session", _("Can run live sessions"))]
        constraints = [
            # An ended session keeps its code for its summary; a new one may reuse it.
            models.UniqueConstraint(
                fields=["code"], condition=Q(ended_at__isnull=True), name="live_code_running"
            ),
        ]
        indexes = [
            models.Index(fields=["code"], name="live_session_code"),
            models.Index(fields=["created_by", "-created_at"], name="live_session_trainer"),
            models.Index(fields=["expires_at"], name="live_session_expires"),
        ]

    def __str__(self):
        return f"{self.title} ({self.code})"

    @property
    def is_running(self) -> bool:
        return self.ended_at is None and self.expires_at > timezone.now()

    @property
    def display_code(self) -> str:
        """The code in two groups of four, easier to read from the back of a room."""
        return f"{self.code[:4]} {self.code[4:]}"


class LiveItem(models.Model):
    """One statement or scene of a session, copied from its source when it is reached."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        SCENE = "scene", _("Scene")
        ENDING = "ending", _("Ending")

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    expert_view = models.TextField(_("expert view"), blank=True)
    scene_key = models.CharField(_("scene"), max_length=50, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    # What participants choose from: [{"value", "label", "feedback", "target", "score",
    # "flags"}]; a statement's are 'agree' and 'disagree'.
    options = models.JSONField(_("options"), default=list)
    # The group's flags and score on reaching this scene, for the choices it may take.
    flags = models.JSONField(_("flags"), default=list, blank=True)
    score = models.IntegerField(_("score"), default=0)
    chosen = models.CharField(_("option followed"), max_length=40, blank=True)
    chosen_by_majority = models.BooleanField(_("followed the majority"), null=True)
    # Kept when the session ends and the votes are deleted.
    counts = models.JSONField(pgettext_lazy("votes per answer", "counts"), default=dict, blank=True)

    class Meta:
        verbose_name = _("live item")
        verbose_name_plural = _("live items")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="live_item_position"),
        ]

    def __str__(self):
        return f"{self.session_id}/{self.position}: {self.title[:40]}"

    @property
    def takes_votes(self) -> bool:
        return self.kind != self.Kind.ENDING and bool(self.options)


class Participant(models.Model):
    """A phone in the room: no account, no name, no address; a token and maybe a nickname."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    token = models.CharField(max_length=64)
    nickname = models.CharField(_("nickname"), max_length=NICKNAME_MAX_LENGTH, blank=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["session", "token"], name="live_participant_token"),
        ]

    def __str__(self):
        return self.nickname or f"#{self.pk}"


class Vote(models.Model):
    """A participant's answer to one item, changed in place until the voting closes."""

    item = models.ForeignKey(LiveItem, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    value = models.CharField(_("answer"), max_length=40)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "participant"], name="live_vote_once"),
        ]
        indexes = [models.Index(fields=["item", "value"], name="live_vote_item_value")]

    def __str__(self):
        return f"{self.item_id}: {self.value}"
