"""The quiz block for lessons; a module can require the quiz to be passed."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.completion import Requirement, source_of


def _selectors():
    # Imported when used, not at import time: the lesson's blocks module is imported while
    # courses' models load, and quiz models need courses' Signal model, so a top-level
    # import would be circular.
    from . import selectors

    return selectors


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
        quiz = _selectors().quiz_any_live()
        return self.to_python({"quiz": quiz.pk if quiz else None, "must_pass": True})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        quiz = value.live_quiz()
        selectors = _selectors()
        context["status"] = (
            selectors.quiz_status(quiz=quiz, taker=selectors.taker_of(request))
            if quiz is not None and request is not None
            else None
        )
        return context

    def completion_requirement(self, value):
        """Passing the quiz when the trainer ticked 'must be passed'; otherwise nothing."""
        quiz = value.get("quiz")
        if quiz is None or not value.get("must_pass"):
            return None

        def is_met(*, user, session=None) -> bool:
            return _selectors().quiz_passed(quiz=quiz, user=user, session=session)

        label = gettext("Pass the quiz “%(title)s”") % {"title": quiz.title}
        return Requirement(label=label, is_met=is_met, source=source_of(quiz))
