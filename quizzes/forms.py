import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

FOREIGN_OPTION_MESSAGE = _(
    "An option you sent does not belong to this question. Reload the page and answer again."
)
ANSWER_REQUIRED_MESSAGE = _("Choose an answer before you continue.")
ESSAY_REQUIRED_MESSAGE = _("Write your answer before you continue.")


# Types whose options the trainer types; true-or-false gets its two by itself, an essay none.
TYPED_OPTION_KINDS = ("single", "multiple", "spotting")

ANSWERED_QUESTION_DELETE = _(
    "“%(question)s” has answers from learners, so it cannot be deleted. Keep it in the "
    "quiz; you can still change its text."
)
CASE_WITH_SENTENCES = _("Paste a case only for a signal-spotting question without sentences.")


def option_problems(kind: str, options: list[tuple[str, bool]]) -> list[str]:
    """What is wrong with the (text, is_correct) options a trainer typed for this kind.

    Options typed for a true-or-false or essay question are ignored: those types make
    their own (`Question.fit_to_kind`).
    """
    if kind not in TYPED_OPTION_KINDS:
        return []
    correct = sum(1 for _text, is_correct in options if is_correct)
    problems = []
    if len(options) < 2:
        problems.append(_("Add at least two options."))
    if kind == "single" and correct != 1:
        problems.append(_("Mark exactly one option as correct."))
    if kind in ("multiple", "spotting") and correct < 1:
        problems.append(_("Mark at least one option as correct (for a case: a signal)."))
    return problems


class TicksField(forms.TypedMultipleChoiceField):
    """Boxes to tick, where ticking none is an answer too (no sentence is a signal).

    The field counts as required, so that the form does not call the question optional;
    only the choices are validated.
    """

    def validate(self, value):
        if value:
            super().validate(value)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MARKED_SIGNAL = re.compile(r"(\[[^\]]+\])")


def case_sentences(case_text: str) -> list[tuple[str, bool]]:
    """Split a case into (sentence, is_signal); a sentence in [square brackets] is a signal."""
    sentences = []
    for part in MARKED_SIGNAL.split(case_text):
        if part.startswith("[") and part.endswith("]"):
            if part[1:-1].strip():
                sentences.append((part[1:-1].strip(), True))
            continue
        sentences.extend((text.strip(), False) for text in SENTENCE_END.split(part) if text.strip())
    return sentences


class QuestionAdminForm(WagtailAdminModelForm):
    """A question in a bank or in a quiz's edit screen, checked for its type.

    Only the chosen type's fields count: the others are ignored and cleared on saving, so
    the form is right whether or not the script that hides them ran. For signal spotting,
    an author may paste the whole case instead of typing the sentences one by one: it is
    split into sentences, and those in [square brackets] become the signals.
    """

    case_text = forms.CharField(
        label=_("Case text to split into sentences"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Signal spotting only, while the question has no sentences yet: paste the case "
            "and put every sentence that is a signal in [square brackets]. On saving, each "
            "sentence becomes an option below."
        ),
    )

    class Media:
        js = ["quizzes/question_form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "bank" in self.fields:
            # In the bank's screens a question needs its bank; a quiz's own have none.
            self.fields["bank"].required = True
        if "statement_is_true" in self.fields:
            # Two radio buttons, 'true' and 'not true'; no third 'empty' one.
            field = self.fields["statement_is_true"]
            field.choices = [choice for choice in field.choices if choice[0] != ""]

    def _options(self) -> list[tuple[str, bool]]:
        return [
            (form.cleaned_data["text"], form.cleaned_data.get("is_correct", False))
            for form in self.formsets["options"].forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("text")
        ]

    def _case_text(self) -> str:
        if self.cleaned_data.get("kind") != "spotting":
            return ""
        return self.cleaned_data.get("case_text", "").strip()

    def is_valid(self):
        # The options live in an inline formset, which the form's own clean() cannot see
        # validated yet; so the check runs once form and formsets are valid.
        if not super().is_valid():
            return False
        options = self._options()
        case_text = self._case_text()
        if case_text:
            if options:
                self.add_error("case_text", CASE_WITH_SENTENCES)
                return False
            options = case_sentences(case_text)
        problems = option_problems(self.cleaned_data.get("kind", ""), options)
        for problem in problems:
            self.add_error(None, problem)
        return not problems

    def save(self, commit=True):
        question = super().save(commit=False)
        case_text = self._case_text()
        if case_text:
            # The models name this form as the question's, so this module sits below them
            # and takes the Option model from the options formset instead of importing it.
            option_model = self.formsets["options"].model
            question.options = [
                option_model(text=text, is_correct=is_signal, sort_order=order)
                for order, (text, is_signal) in enumerate(case_sentences(case_text))
            ]
        question.fit_to_kind()
        if commit:
            question.save()
            self.save_m2m()
        return question


class QuizAdminForm(WagtailAdminModelForm):
    """A quiz with its own questions: a question learners answered is not deleted."""

    def is_valid(self):
        valid = super().is_valid()
        questions = self.formsets.get("questions")
        if not valid or questions is None:
            return valid
        for form in questions.deleted_forms:
            if form.instance.pk is not None and form.instance.answers.exists():
                self.add_error(None, ANSWERED_QUESTION_DELETE % {"question": form.instance})
                valid = False
        return valid


class AnswerForm(forms.Form):
    """The answer to one question. It carries option ids only: never whether they are right.

    The `question` field tells which question the learner answered, so that a form sent
    twice, or sent again from an old tab, is recognised as a replay of that question.
    """

    question = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, question, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        choices = [(option.pk, option.text) for option in options]
        invalid = {"invalid_choice": FOREIGN_OPTION_MESSAGE, "invalid_list": FOREIGN_OPTION_MESSAGE}
        if question.kind == "essay":
            self.fields["text"] = forms.CharField(
                label=question.text,
                widget=forms.Textarea(attrs={"rows": 6}),
                max_length=5000,
                error_messages={"required": ESSAY_REQUIRED_MESSAGE},
            )
        elif question.takes_several_options:
            self.fields["options"] = TicksField(
                label=question.text,
                choices=choices,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                error_messages=invalid,
            )
        else:
            self.fields["options"] = forms.TypedChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={**invalid, "required": ANSWER_REQUIRED_MESSAGE},
            )
        if question.kind == "spotting":
            self.fields["options"].help_text = _(
                "Tick every sentence that you see as a signal. Leave the others unticked."
            )

    def clean_question(self):
        if self.cleaned_data["question"] != self.question.pk:
            raise forms.ValidationError(FOREIGN_OPTION_MESSAGE, code="other_question")
        return self.cleaned_data["question"]

    def option_ids(self) -> list[int]:
        chosen = self.cleaned_data.get("options")
        if chosen is None or chosen == "":
            return []
        return list(chosen) if isinstance(chosen, list) else [chosen]

    def has_foreign_option(self) -> bool:
        """True when the form failed because options of another question were sent."""
        return any(
            error.code in ("invalid_choice", "invalid_list", "other_question")
            for errors in self.errors.as_data().values()
            for error in errors
        )


class MarkForm(forms.Form):
    """A trainer's mark for an essay answer."""

    mark = forms.ChoiceField(
        label=_("Mark"),
        choices=[
            ("correct", _("Correct")),
            ("partly", _("Partly correct")),
            ("incorrect", _("Incorrect")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the learner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResultsFilterForm(forms.Form):
    """Filter for trainers' pages: by quiz and by learner (name or e-mail)."""

    quiz = forms.TypedChoiceField(label=_("Quiz"), required=False, coerce=int, empty_value=None)
    learner = forms.CharField(label=_("Learner"), required=False, max_length=120)

    def __init__(self, *args, quizzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].choices = [("", _("All quizzes"))] + [
            (quiz.pk, quiz.title) for quiz in quizzes
        ]
