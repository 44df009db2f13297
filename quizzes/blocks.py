"""The quiz block for lessons; a module can require the quiz to be passed."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from library.completion import Requirement, source_of
from library.learner_state import learner_state_in

from . import selectors


class QuizBlockValue(blocks.StructValue):
    def live_quiz(self):
        """The chosen quiz while it is published; a draft or deleted quiz shows nothing."""
        quiz = self.get("quiz")
        return quiz if quiz is not None and quiz.live else None

    def title(self) -> str:
        quiz = self.get("quiz")
        return self.get("heading") or (quiz.title if quiz else "")


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, help_text=_("Leave empty to use the quiz's title.")
    )
    must_pass = blocks.BooleanBlock(
        label=_("Must be passed to complete the lesson"), required=False, default=False
    )

    class Meta:
        icon = "tasks"
        template = "quizzes/blocks/quiz_block.html"
        label = _("Quiz")
        description = _(
            "A quiz from the question banks; the lesson can require the learner to pass it."
        )
        value_class = QuizBlockValue

    def get_preview_value(self):
        quiz = selectors.quiz_any_live()
        return self.to_python({"quiz": quiz.pk if quiz else None, "must_pass": True})

    def learner_states(self, values_by_block_id, *, page, user, session):
        """The learner's status with each quiz of the lesson (`library.learner_state`)."""
        quizzes = {
            block_id: value.get("quiz")
            for block_id, value in values_by_block_id.items()
            if value.get("quiz") is not None
        }
        return selectors.quiz_statuses(
            quizzes=quizzes, taker=selectors.taker_for(user=user, session=session)
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["status"] = learner_state_in(parent_context)
        return context

    def completion_requirement(self, value):
        """Passing the quiz when the trainer ticked 'must be passed'; otherwise nothing."""
        quiz = value.get("quiz")
        if quiz is None or not value.get("must_pass"):
            return None

        def is_met(*, user, session=None) -> bool:
            return selectors.quiz_passed(quiz=quiz, user=user, session=session)

        label = gettext("Pass the quiz “%(title)s”") % {"title": quiz.title}
        return Requirement(label=label, is_met=is_met, source=source_of(quiz))

    def requirement_met(self, value, state) -> bool:
        """The requirement above, answered from the status `learner_states` loaded."""
        return state is not None and state.passed
