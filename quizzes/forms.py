import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

FOREIGN_OPTION_MESSAGE = _(
    "An option you sent does not belong to this question. Reload the page and answer again."
)
ANSWER_REQUIRED_MESSAGE = _("Choose an answer before you continue.")
ESSAY_REQUIRED_MESSAGE = _("Write your answer before you continue.")


def option_problems(kind: str, options: list[tuple[str, bool]]) -> list[str]:
    """What is wrong with the (text, is_correct) options of a question of this kind."""
    correct = sum(1 for _text, is_correct in options if is_correct)
    problems = []
    if kind == "essay":
        if options:
            problems.append(_("An essay question has no options."))
        return problems
    if kind == "true_false" and len(options) != 2:
        problems.append(_("A true-or-false question has exactly two options: true and false."))
    elif len(options) < 2:
        problems.append(_("Add at least two options."))
    if kind in ("single", "true_false") and correct != 1:
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
    """Check that the options fit the question type before the question is saved.

    For signal spotting, an author may paste the whole case instead of typing the
    sentences one by one: it is split into sentences, and those in [square brackets]
    become the signals.
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

    def _options(self) -> list[tuple[str, bool]]:
        return [
            (form.cleaned_data["text"], form.cleaned_data.get("is_correct", False))
            for form in self.formsets["options"].forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("text")
        ]

    def is_valid(self):
        # The options live in an inline formset, which the form's own clean() cannot see
        # validated yet; so the check runs once form and formsets are valid.
        if not super().is_valid():
            return False
        options = self._options()
        case_text = self.cleaned_data.get("case_text", "").strip()
        if case_text:
            if self.cleaned_data["kind"] != "spotting" or options:
                self.add_error(
                    "case_text",
                    _("Paste a case only for a signal-spotting question without sentences."),
                )
                return False
            options = case_sentences(case_text)
        problems = option_problems(self.cleaned_data["kind"], options)
        for problem in problems:
            self.add_error(None, problem)
        return not problems

    def save(self, commit=True):
        question = super().save(commit=commit)
        case_text = self.cleaned_data.get("case_text", "").strip()
        if commit and case_text:
            # The models name this form as the question's, so this module sits below them
            # and takes the Option model from the options formset instead of importing it.
            option_model = self.formsets["options"].model
            option_model.objects.bulk_create(
                option_model(question=question, text=text, is_correct=is_signal, sort_order=order)
                for order, (text, is_signal) in enumerate(case_sentences(case_text))
            )
        return question


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
