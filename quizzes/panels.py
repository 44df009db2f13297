"""The admin's edit screens for banks, questions and quizzes.

A quiz is written in one place: its own questions, each with its options, are inline in the
quiz's edit screen, beside the bank questions it reuses and its random draws. Each
question shows only the fields of its type (`quizzes/question_form.js` hides the others by
the `data-question-kinds` attribute; the form ignores them when saving, with or without
JavaScript).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.panels.base import get_form_for_model

from .forms import QuestionAdminForm


def for_kinds(*kinds: str) -> dict:
    """HTML attributes that show a panel only for questions of these types."""
    return {"data-question-kinds": " ".join(kinds)}


class QuestionsInlinePanel(InlinePanel):
    """The quiz's own questions, each edited with the question form and its checks."""

    def get_form_options(self):
        options = super().get_form_options()
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        extra = {"defer_required_on_fields": deferred} if deferred else {}
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model, form_class=QuestionAdminForm, **extra
        )
        return options


BANK_PANELS = [FieldPanel("title"), FieldPanel("description")]

OPTION_PANELS = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

QUESTION_PANELS = [
    FieldPanel("kind"),
    FieldPanel("text"),
    FieldPanel("statement_is_true", widget=forms.RadioSelect, attrs=for_kinds("true_false")),
    FieldPanel("case_text", attrs=for_kinds("spotting")),
    InlinePanel(
        "options",
        label=_("Option"),
        heading=_("Options"),
        help_text=_(
            "For signal spotting: the sentences of the case, in order; mark the signals as correct."
        ),
        attrs=for_kinds("single", "multiple", "spotting"),
    ),
    FieldPanel("image"),
    FieldPanel("image_alt"),
    FieldPanel("explanation"),
    FieldPanel("signals", widget=forms.CheckboxSelectMultiple),
]

BANK_QUESTION_PANELS = [FieldPanel("bank"), *QUESTION_PANELS]

FIXED_QUESTION_PANELS = [FieldPanel("question")]

DRAW_PANELS = [
    FieldRowPanel([FieldPanel("count"), FieldPanel("bank")]),
    FieldRowPanel([FieldPanel("signal"), FieldPanel("signal_category")]),
]

QUIZ_PANELS = [
    FieldPanel("title"),
    FieldPanel("introduction"),
    QuestionsInlinePanel(
        "questions",
        label=_("Question"),
        heading=_("Questions of this quiz"),
        help_text=_("Write the quiz's questions here. Learners get them in this order."),
        panels=QUESTION_PANELS,
    ),
    InlinePanel(
        "fixed_questions",
        label=_("Question from a bank"),
        heading=_("Questions from a bank"),
        help_text=_("Reuse questions that are kept in a question bank."),
    ),
    InlinePanel(
        "draws",
        label=_("Random questions"),
        heading=_("Random questions from a bank"),
        help_text=_("Every attempt draws this many questions anew."),
    ),
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
