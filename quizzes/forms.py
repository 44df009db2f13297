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


class QuestionAdminForm(WagtailAdminModelForm):
    """Check that the options fit the question type before the question is saved."""

    def is_valid(self):
        # The options live in an inline formset, which the form's own clean() cannot see
        # validated yet; so the check runs once form and formsets are valid.
        if not super().is_valid():
            return False
        options = [
            (form.cleaned_data["text"], form.cleaned_data.get("is_correct", False))
            for form in self.formsets["options"].forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("text")
        ]
        problems = option_problems(self.cleaned_data["kind"], options)
        for problem in problems:
            self.add_error(None, problem)
        return not problems


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
