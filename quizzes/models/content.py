"""Question banks, questions with their options, and quizzes with their draws.

Questions are tagged with signals from the signal library, so a learner's answers show
which signals (and which signal categories) they recognise well and which to practise.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from library.models import Signal
from website.page_view_registry import page_views_for
from website.translation import FollowsParentLocale

from ..forms import QuestionAdminForm, QuizAdminForm
from ..panels import (
    BANK_PANELS,
    BANK_QUESTION_PANELS,
    DRAW_PANELS,
    FIXED_QUESTION_PANELS,
    OPTION_PANELS,
    QUIZ_PANELS,
)

STATEMENT_REQUIRED = _("Choose whether the statement is true or not true.")
IMAGE_ALT_REQUIRED = _("Describe what the image shows, for learners who cannot see it (alt text).")
BANK_OR_QUIZ = _(
    "A question belongs to a question bank or to one quiz, not to both. Edit this question "
    "in its quiz."
)
PASS_MARK_RANGE = _("The pass mark is a percentage from 0 to 100.")


class QuestionBank(TranslatableMixin, index.Indexed, models.Model):
    """A set of questions on one theme that quizzes take fixed or random questions from."""

    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    panels = BANK_PANELS
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "locale"], name="quizzes_bank_unique_title")
        ]

    def __str__(self):
        return self.title


class Question(FollowsParentLocale, TranslatableMixin, index.Indexed, ClusterableModel):
    """One question, in a bank (to reuse in several quizzes) or in one quiz of its own.

    Its options carry the correct answers; they stay on the server. A quiz's own questions
    are written in the quiz's edit screen and published with it; bank questions are chosen
    or drawn at random by quizzes.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single answer")
        MULTIPLE = "multiple", _("Multiple response")
        TRUE_FALSE = "true_false", _("True or false")
        ESSAY = "essay", _("Essay (marked by a trainer)")
        SPOTTING = "spotting", _("Signal spotting in a case text")

    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("question bank"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="questions",
    )  # fmt: skip
    quiz = ParentalKey(
        "Quiz", verbose_name=_("quiz"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="questions",
    )  # fmt: skip
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    kind = models.CharField(_("question type"), max_length=20, choices=Kind.choices)
    text = models.TextField(
        _("question"),
        help_text=_(
            "What learners answer: a question, or for true or false a statement. For signal "
            "spotting: the instruction above the case, such as 'Mark every sentence that is "
            "a signal'."
        ),
    )
    statement_is_true = models.BooleanField(
        _("the statement is"),
        null=True,
        blank=True,
        choices=[(True, _("true")), (False, _("not true"))],
        help_text=_(
            "True or false only: learners choose between 'Waar' and 'Niet waar'; those two "
            "options are made for you."
        ),
    )
    image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("image"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    image_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for learners who cannot see it. Needed with an image."),
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

    sort_order_field = "sort_order"
    base_form_class = QuestionAdminForm
    panels = BANK_QUESTION_PANELS
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("kind"),
        index.FilterField("bank"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["bank", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(bank__isnull=False) & Q(quiz__isnull=False)),
                name="question_bank_or_quiz",
                violation_error_message=BANK_OR_QUIZ,
            )
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def locale_parent(self):
        # A quiz's own question takes the quiz's language, a bank question its bank's.
        return self.quiz if self.quiz_id else self.bank if self.bank_id else None

    @property
    def takes_options(self) -> bool:
        return self.kind != self.Kind.ESSAY

    @property
    def takes_several_options(self) -> bool:
        return self.kind in (self.Kind.MULTIPLE, self.Kind.SPOTTING)

    def clean(self):
        """Clear what the chosen type does not use; require what it and an image need."""
        super().clean()
        errors = {}
        if self.bank_id is not None and self.quiz_id is not None:
            errors[NON_FIELD_ERRORS] = [BANK_OR_QUIZ]
        if self.kind != self.Kind.TRUE_FALSE:
            self.statement_is_true = None
        elif self.statement_is_true is None:
            errors["statement_is_true"] = [STATEMENT_REQUIRED]
        if self.image_id is None:
            self.image_alt = ""
        elif not self.image_alt.strip():
            errors["image_alt"] = [IMAGE_ALT_REQUIRED]
        if errors:
            raise ValidationError(errors)

    def fit_to_kind(self) -> None:
        """Give a true-or-false question its two options and an essay none.

        Works on the question's options as held in memory, so that a quiz's draft, its
        preview and its revisions get them too. Existing options are reused in place, so
        that learners' earlier answers keep pointing at 'Waar' and 'Niet waar'.
        """
        if self.kind != self.Kind.TRUE_FALSE:
            self.statement_is_true = None
        if self.kind == self.Kind.ESSAY:
            if list(self.options.all()):
                self.options = []
            return
        if self.kind != self.Kind.TRUE_FALSE or self.statement_is_true is None:
            return
        # Question content is written in the site's first language, whatever the editor's.
        with translation.override(settings.LANGUAGE_CODE):
            labels = (pgettext("true or false", "True"), pgettext("true or false", "False"))
        existing = sorted(self.options.all(), key=lambda o: (o.sort_order is None, o.sort_order))
        options = []
        for order, label in enumerate(labels):
            option = existing[order] if order < len(existing) else Option()
            option.text = label
            option.is_correct = (order == 0) == self.statement_is_true
            option.sort_order = order
            options.append(option)
        self.options = options

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is None or {"kind", "statement_is_true"} & set(fields):
            self.fit_to_kind()
            if fields is not None:
                # What fitting the type changes is saved with the fields that asked for it.
                kwargs["update_fields"] = {*fields, "statement_is_true", "options"}
        super().save(*args, **kwargs)


class Option(FollowsParentLocale, TranslatableMixin, Orderable):
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

    panels = OPTION_PANELS

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text

    def locale_parent(self):
        return self.question


class Quiz(
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A quiz learners take: its own questions, questions chosen from banks and random
    draws from banks and signals.

    Drafts (never published) are invisible to learners; trainers preview them as a
    learner would and publish in the admin.
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
        validators=[
            MinValueValidator(0, message=PASS_MARK_RANGE),
            MaxValueValidator(100, message=PASS_MARK_RANGE),
        ],
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

    base_form_class = QuizAdminForm
    panels = QUIZ_PANELS
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    preview_modes = [("", _("As a learner")), ("answers", _("With the answers"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        permissions = [
            ("view_all_results", _("Can see the quiz results of other learners")),
            ("mark_answers", _("Can mark essay answers")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100),
                name="quiz_pass_mark_range",
                violation_error_message=PASS_MARK_RANGE,
            )
        ]

    def __str__(self):
        return self.title

    def delete(self, *args, **kwargs):
        # The quiz's own questions go with it, and answers protect their question: the
        # attempts, and with them their answers, are deleted first.
        with transaction.atomic():
            self.attempts.all().delete()
            return super().delete(*args, **kwargs)

    def serve_preview(self, request, mode_name):
        """The quiz as a learner sees it (`quizzes.page_views`); nothing is stored."""
        return page_views_for(type(self))["preview"](self, request, mode_name)

    def get_absolute_url(self):
        return reverse("quizzes:detail", kwargs={"pk": self.pk})

    @property
    def time_limit(self) -> timedelta | None:
        return timedelta(minutes=self.time_limit_minutes) if self.time_limit_minutes else None


class QuizQuestion(FollowsParentLocale, TranslatableMixin, Orderable):
    """A question from a bank that every attempt of the quiz gets."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"bank__isnull": False},
    )  # fmt: skip

    panels = FIXED_QUESTION_PANELS

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_unique")
        ]

    def locale_parent(self):
        return self.quiz


class QuizDraw(FollowsParentLocale, TranslatableMixin, Orderable):
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

    panels = DRAW_PANELS
    # The category is a code, the same in every language.
    override_translatable_fields = [SynchronizedField("signal_category", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass

    def locale_parent(self):
        return self.quiz

    def candidates(self):
        # Only bank questions are drawn: another quiz's own questions are its own.
        questions = Question.objects.filter(bank__isnull=False)
        if self.bank_id:
            questions = questions.filter(bank_id=self.bank_id)
        if self.signal_id:
            questions = questions.filter(signals=self.signal_id)
        if self.signal_category:
            questions = questions.filter(signals__category=self.signal_category)
        return questions.distinct()
