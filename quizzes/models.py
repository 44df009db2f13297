"""Question banks, quizzes, attempts and answers.

Questions are tagged with signals from the signal library, so a learner's answers show
which signals (and which signal categories) they recognise well and which to practise.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from library.models import Signal

from .forms import QuestionAdminForm


class QuestionBank(index.Indexed, models.Model):
    """A set of questions on one theme that quizzes take fixed or random questions from."""

    title = models.CharField(_("title"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["title"]

    def __str__(self):
        return self.title


class Question(index.Indexed, ClusterableModel):
    """One question in a bank. Its options carry the correct answers; they stay on the server."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single answer")
        MULTIPLE = "multiple", _("Multiple response")
        TRUE_FALSE = "true_false", _("True or false")
        ESSAY = "essay", _("Essay (marked by a trainer)")
        SPOTTING = "spotting", _("Signal spotting in a case text")

    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("question bank"), on_delete=models.PROTECT,
        related_name="questions",
    )  # fmt: skip
    kind = models.CharField(_("question type"), max_length=20, choices=Kind.choices)
    text = models.TextField(
        _("question"),
        help_text=_(
            "For signal spotting: the instruction above the case, such as 'Mark every "
            "sentence that is a signal'. The case's sentences are the options below."
        ),
    )
    explanation = RichTextField(
        _("explanation"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Why the answer is what it is. Shown after answering, as the quiz says."),
    )
    signals = ParentalManyToManyField(
        Signal, verbose_name=_("signals"), related_name="questions", blank=True,
        help_text=_("The signals this question trains; they drive the learner's progress."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = QuestionAdminForm
    panels = [
        FieldPanel("bank"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("case_text"),
        InlinePanel(
            "options",
            label=_("Options"),
            help_text=_(
                "For signal spotting: the sentences of the case, in order; mark the signals "
                "as correct."
            ),
        ),
        FieldPanel("explanation"),
        FieldPanel("signals", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("kind"),
        index.FilterField("bank"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["bank", "pk"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    @property
    def takes_options(self) -> bool:
        return self.kind != self.Kind.ESSAY

    @property
    def takes_several_options(self) -> bool:
        return self.kind in (self.Kind.MULTIPLE, self.Kind.SPOTTING)


class Option(Orderable):
    """An answer option; for signal spotting, one sentence of the case text."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("text"))
    is_correct = models.BooleanField(
        _("correct"),
        default=False,
        help_text=_("For signal spotting: this sentence is a signal."),
    )
    feedback = models.CharField(
        _("feedback"),
        max_length=300,
        blank=True,
        help_text=_("Optional: why this option is right or wrong."),
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text


class Quiz(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A quiz learners take: fixed questions and/or random draws from banks and signals.

    Drafts (never published) are invisible to learners; trainers publish in the admin.
    """

    class FeedbackMode(models.TextChoices):
        AFTER_EACH = "after_each", _("After each question")
        AT_END = "at_end", _("Only at the end")

    class CountingAttempt(models.TextChoices):
        BEST = "best", _("The best attempt")
        LAST = "last", _("The last attempt")
        FIRST = "first", _("The first attempt")

    title = models.CharField(_("title"), max_length=160)
    introduction = models.TextField(_("introduction"), blank=True)
    is_public = models.BooleanField(
        _("open to visitors without an account"),
        default=False,
        help_text=_("Visitors without an account take the quiz within their browser session."),
    )
    random_order = models.BooleanField(_("random question order"), default=False)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    pass_text = RichTextField(
        _("text when passed"), features=["bold", "italic", "link"], blank=True
    )
    fail_text = RichTextField(
        _("text when failed"), features=["bold", "italic", "link"], blank=True
    )
    feedback_mode = models.CharField(
        _("feedback"),
        max_length=20,
        choices=FeedbackMode.choices,
        default=FeedbackMode.AFTER_EACH,
    )
    show_correct_answers = models.BooleanField(
        _("show the correct answers"),
        default=True,
        help_text=_("Otherwise learners see only whether they were right, and the explanation."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        default=0,
        help_text=_("0 means unlimited; 1 makes it a single-attempt quiz."),
    )
    counting_attempt = models.CharField(
        _("attempt that counts"),
        max_length=10,
        choices=CountingAttempt.choices,
        default=CountingAttempt.BEST,
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. Answers after the limit are refused."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="quiz")

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        InlinePanel("fixed_questions", label=_("Fixed questions")),
        InlinePanel("draws", label=_("Random questions")),
        MultiFieldPanel(
            [
                FieldPanel("random_order"),
                FieldPanel("feedback_mode"),
                FieldPanel("show_correct_answers"),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("counting_attempt")]),
                FieldPanel("time_limit_minutes"),
                FieldPanel("is_public"),
            ],
            heading=_("How the quiz is taken"),
        ),
        MultiFieldPanel(
            [FieldPanel("pass_mark"), FieldPanel("pass_text"), FieldPanel("fail_text")],
            heading=_("Passing"),
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        permissions = [
            ("view_all_results", _("Can see the quiz results of other learners")),
            ("mark_answers", _("Can mark essay answers")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:detail", kwargs={"pk": self.pk})

    @property
    def time_limit(self) -> timedelta | None:
        return timedelta(minutes=self.time_limit_minutes) if self.time_limit_minutes else None


class QuizQuestion(Orderable):
    """A question every attempt of the quiz gets."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_unique")
        ]


class QuizDraw(Orderable):
    """A random subset of N questions, drawn per attempt from a bank, a signal or a category.

    Filters combine: a bank and a signal category together draw only that bank's questions
    on signals of that category. Questions already in the attempt are never drawn twice.
    """

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    count = models.PositiveSmallIntegerField(
        _("number of questions"), validators=[MinValueValidator(1)]
    )
    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("from question bank"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    signal = models.ForeignKey(
        Signal, verbose_name=_("about signal"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    signal_category = models.CharField(
        _("about signals in category"), max_length=20, choices=Signal.Category.choices,
        blank=True,
    )  # fmt: skip

    panels = [
        FieldRowPanel([FieldPanel("count"), FieldPanel("bank")]),
        FieldRowPanel([FieldPanel("signal"), FieldPanel("signal_category")]),
    ]

    def candidates(self):
        questions = Question.objects.all()
        if self.bank_id:
            questions = questions.filter(bank_id=self.bank_id)
        if self.signal_id:
            questions = questions.filter(signals=self.signal_id)
        if self.signal_category:
            questions = questions.filter(signals__category=self.signal_category)
        return questions.distinct()


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
